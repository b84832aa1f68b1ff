#include "mountctl/doctor/state_dir_check.hpp"

#include <sys/stat.h>

#include <cerrno>

#include "mountctl/doctor/shell_quote.hpp"
#include "util/errno_text.hpp"

namespace mb::ctl::doctor {
namespace {

constexpr const char* kStateDirCheck = "state";

std::string create(const std::string& dir) {
  return "install -d -m 0700 -o root " + shell_quote(dir);
}

}  // namespace

Findings judge_state_dir(const std::string& dir, const std::vector<PathInfo>& chain) {
  if (chain.empty()) {
    return {{kStateDirCheck, dir, Status::note,
             "does not exist yet: the broker creates it (0700, root) when it first starts",
             create(dir)}};
  }
  const PathInfo& d = chain.front();
  const std::string q = shell_quote(dir);
  if (!S_ISDIR(d.mode)) {
    return {{kStateDirCheck, dir, Status::problem, "not a directory: the broker cannot start",
             "mv " + q + " " + shell_quote(dir + ".moved") + " && " + create(dir)}};
  }
  Findings out;
  if (d.uid != 0) {
    out.push_back({kStateDirCheck, dir, Status::problem,
                   "owned by uid " + std::to_string(d.uid) +
                       ", not root: its owner can change what the broker believes is mounted",
                   "chown root " + q});
  }
  if ((d.mode & 0077) != 0) {
    const bool writable = (d.mode & 0022) != 0;
    out.push_back({kStateDirCheck, dir, writable ? Status::problem : Status::warn,
                   "mode " + octal_mode(d.mode) +
                       (writable ? ": others can replace the broker's state"
                                 : ": others can read the state (mount names, sources, errors)") +
                       "; it must be 0700",
                   "chmod 0700 " + q});
  }
  // Its parents: whoever can write one can swap the whole directory.
  Findings parents =
      unsafe_owners(std::vector<PathInfo>(chain.begin() + 1, chain.end()), kStateDirCheck, dir);
  out.insert(out.end(), parents.begin(), parents.end());
  if (out.empty()) out.push_back({kStateDirCheck, dir, Status::ok, "root's, mode 0700", ""});
  return out;
}

Findings check_state_dir(const std::string& dir) {
  std::string clean = dir;
  while (clean.size() > 1 && clean.back() == '/') clean.pop_back();
  struct stat st {};
  if (::lstat(clean.c_str(), &st) != 0) {
    if (errno == ENOENT) return judge_state_dir(clean, {});
    return {{kStateDirCheck, clean, Status::problem, util::errno_text("stat", errno),
             "ls -ld " + shell_quote(clean)}};
  }
  auto chain = ownership_chain(clean);
  if (!chain)
    return {{kStateDirCheck, clean, Status::skipped, "not checked: " + chain.error(), ""}};
  return judge_state_dir(clean, *chain);
}

}  // namespace mb::ctl::doctor
