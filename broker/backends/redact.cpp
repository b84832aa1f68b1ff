#include "broker/backends/redact.hpp"

namespace mb::broker::backends {

std::string redact(std::string_view text, std::string_view secret) {
  if (secret.empty()) return std::string(text);
  std::string out;
  out.reserve(text.size());
  std::size_t pos = 0;
  while (true) {
    const std::size_t hit = text.find(secret, pos);
    if (hit == std::string_view::npos) break;
    out.append(text.substr(pos, hit - pos));
    out += "***";
    pos = hit + secret.size();
  }
  out.append(text.substr(pos));
  return out;
}

}  // namespace mb::broker::backends
