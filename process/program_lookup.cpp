#include "process/program_lookup.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>

namespace mb::process {

namespace {
constexpr const char* kDefaultPath = "/usr/sbin:/usr/bin:/sbin:/bin";
}

std::string search_path_of(const std::vector<std::string>& env) {
  for (const auto& e : env)
    if (e.rfind("PATH=", 0) == 0) return e.substr(5);
  return kDefaultPath;
}

bool is_executable_file(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode) && ::access(path.c_str(), X_OK) == 0;
}

util::Result<std::string> resolve_program(const std::string& name, const std::string& search_path) {
  if (name.empty()) return util::error("nothing to run: empty program name");
  if (name.front() == '/') return name;
  if (name.find('/') != std::string::npos)
    return util::error(name + ": give an absolute path or a bare name looked up in PATH");
  std::size_t begin = 0;
  while (begin <= search_path.size()) {
    std::size_t end = std::min(search_path.find(':', begin), search_path.size());
    std::string candidate = search_path.substr(begin, end - begin);
    if (!candidate.empty() && candidate.front() == '/') {
      candidate += '/';
      candidate += name;
      if (is_executable_file(candidate)) return candidate;
    }
    begin = end + 1;
  }
  return util::error(name + ": not found in PATH " + search_path);
}

}  // namespace mb::process
