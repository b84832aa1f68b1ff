#include "mountctl/mount_helper/helper_args.hpp"

namespace mb::ctl::mount_helper {

namespace {

void split_options(const std::string& text, std::vector<std::string>& out) {
  std::size_t start = 0;
  while (start <= text.size()) {
    auto comma = text.find(',', start);
    if (comma == std::string::npos) comma = text.size();
    if (comma > start) out.push_back(text.substr(start, comma - start));
    start = comma + 1;
  }
}

// Flags mount(8) may pass in one word (-sfnv, -sv, ...). s (sloppy, from autofs) and n (no
// mtab) change nothing here: the broker never writes /etc/mtab and ignores no option.
bool take_flags(const std::string& word, HelperArgs& a) {
  for (std::size_t i = 1; i < word.size(); ++i) {
    switch (word[i]) {
      case 'f':
        a.fake = true;
        break;
      case 'v':
        a.verbose = true;
        break;
      case 's':
      case 'n':
      case 'r':
      case 'w':
        break;
      default:
        return false;
    }
  }
  return true;
}

}  // namespace

std::variant<HelperArgs, std::string> parse_helper_args(const std::vector<std::string>& args) {
  HelperArgs a;
  std::vector<std::string> positional;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const auto& w = args[i];
    if (w == "-o" || w == "-N" || w == "-t") {
      if (i + 1 == args.size()) return "option " + w + " needs a value";
      if (w == "-o") split_options(args[i + 1], a.options);
      ++i;  // -t TYPE.SUBTYPE and -N NAMESPACE: nothing to do with them
    } else if (w.size() > 1 && w[0] == '-') {
      if (!take_flags(w, a)) return "unknown option " + w;
    } else {
      positional.push_back(w);
    }
  }
  if (positional.size() != 2)
    return "expected a mount name and a directory (mount.mount-broker NAME DIR [-o OPTIONS])";
  a.name = positional[0];
  // An autofs map location for a non-NFS type is written ":photos"; mount(8) may pass the
  // colon on.
  if (!a.name.empty() && a.name[0] == ':') a.name.erase(0, 1);
  if (a.name.empty()) return "the mount name is empty";
  a.dir = positional[1];
  if (a.dir.empty() || a.dir[0] != '/') return "the directory must be an absolute path: " + a.dir;
  while (a.dir.size() > 1 && a.dir.back() == '/') a.dir.pop_back();
  return a;
}

}  // namespace mb::ctl::mount_helper
