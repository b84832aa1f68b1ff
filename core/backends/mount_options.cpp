#include "core/backends/mount_options.hpp"

#include <array>
#include <cctype>

namespace mb::core::backends {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front())) != 0) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back())) != 0) s.remove_suffix(1);
  return s;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i])))
      return false;
  }
  return true;
}

bool is_password_key(std::string_view key) {
  static constexpr std::array<std::string_view, 4> kKeys{"pass", "password", "passwd", "secret"};
  for (std::string_view k : kKeys) {
    if (iequals(key, k)) return true;
  }
  return false;
}

}  // namespace

std::string_view option_key(std::string_view option) {
  return option.substr(0, option.find('='));
}

std::optional<std::string_view> option_value(const std::vector<std::string>& options,
                                             std::string_view key) {
  for (std::string_view option : options) {
    if (option_key(option) != key) continue;
    const std::size_t eq = option.find('=');
    return eq == std::string_view::npos ? std::string_view() : option.substr(eq + 1);
  }
  return std::nullopt;
}

bool has_key(const std::vector<std::string>& options, std::string_view key) {
  return option_value(options, key).has_value();
}

util::Result<std::vector<std::string>> normalize_options(const std::vector<std::string>& options) {
  std::vector<std::string> out;
  for (std::string_view element : options) {
    while (true) {
      const std::size_t comma = element.find(',');
      const std::string_view option = trim(element.substr(0, comma));
      if (!option.empty()) {
        const std::string_view key = option_key(option);
        if (is_password_key(key)) {
          return util::error("options must not carry a password (\"" + std::string(key) +
                             "=...\"): a command line is visible to every user; use "
                             "credential = \"file\" or \"keychain\"");
        }
        bool repeat = false;
        for (const std::string& seen : out) {
          if (seen == option) {
            repeat = true;
          } else if (option.find('=') != std::string_view::npos && option_key(seen) == key &&
                     seen.find('=') != std::string::npos) {
            // Values are not echoed: "user=alice%..." may carry a password.
            return util::error("options give " + std::string(key) +
                               "= twice with different values; keep one");
          }
        }
        if (!repeat) out.emplace_back(option);
      }
      if (comma == std::string_view::npos) break;
      element.remove_prefix(comma + 1);
    }
  }
  return out;
}

util::Status require_soft(const std::vector<std::string>& options) {
  if (has_key(options, "hard") || !has_key(options, "soft")) {
    return util::error(
        "options must include \"soft\" and not \"hard\" (hard mounts can hang every process "
        "that touches the share)");
  }
  return util::ok_status();
}

std::string join_options(const std::vector<std::string>& options) {
  std::string out;
  for (const std::string& option : options) {
    if (!out.empty()) out += ',';
    out += option;
  }
  return out;
}

}  // namespace mb::core::backends
