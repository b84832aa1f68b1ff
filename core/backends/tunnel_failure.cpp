#include "core/backends/tunnel_failure.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <utility>

namespace mb::core::backends {
namespace {

using state::ErrorClass;

bool contains(std::string_view text, std::string_view what) {
  auto it = std::search(text.begin(), text.end(), what.begin(), what.end(), [](char a, char b) {
    return std::tolower(static_cast<unsigned char>(a)) ==
           std::tolower(static_cast<unsigned char>(b));
  });
  return it != text.end();
}

// First match wins: host key problems before "Permission denied", which some of them add.
constexpr std::array<std::pair<std::string_view, ErrorClass>, 17> kTunnelRules{{
    {"host key verification failed", ErrorClass::config},
    {"remote host identification has changed", ErrorClass::config},
    {"no such identity", ErrorClass::config},
    {"load key", ErrorClass::config},
    {"bad permissions", ErrorClass::config},
    {"bad configuration option", ErrorClass::config},
    {"permission denied", ErrorClass::auth},
    {"too many authentication failures", ErrorClass::auth},
    {"cannot listen to port", ErrorClass::busy},
    {"address already in use", ErrorClass::busy},
    {"could not resolve hostname", ErrorClass::network},
    {"connection refused", ErrorClass::network},
    {"connection timed out", ErrorClass::network},
    {"no route to host", ErrorClass::network},
    {"network is unreachable", ErrorClass::network},
    {"connection closed by", ErrorClass::network},
    {"connection reset", ErrorClass::network},
}};

}  // namespace

ErrorClass classify_tunnel_failure(int exit_code, std::string_view stderr_text) {
  if (exit_code == 0 && stderr_text.empty()) return ErrorClass::unknown;
  for (const auto& [text, cls] : kTunnelRules)
    if (contains(stderr_text, text)) return cls;
  return ErrorClass::unknown;
}

}  // namespace mb::core::backends
