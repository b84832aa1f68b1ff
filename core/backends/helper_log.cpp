#include "core/backends/helper_log.hpp"

#include <string_view>

namespace mb::core::backends {

std::optional<std::string> helper_log_path(const std::vector<std::string>& argv) {
  constexpr std::string_view kFlag = "--log-file";
  std::optional<std::string> found;
  for (std::size_t i = 1; i < argv.size(); ++i) {
    const std::string& a = argv[i];
    if (a == "--") break;  // what follows is an operand, not a flag
    if (a == kFlag && i + 1 < argv.size())
      found = argv[++i];
    else if (a.size() > kFlag.size() && a.compare(0, kFlag.size() + 1, "--log-file=") == 0)
      found = a.substr(kFlag.size() + 1);
  }
  if (!found || found->empty() || *found == "-") return std::nullopt;
  if (found->front() != '/') *found = "/" + *found;
  return found;
}

}  // namespace mb::core::backends
