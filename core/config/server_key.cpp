#include "core/config/server_key.hpp"

namespace mb::core::config {

std::string server_key(const MountConfig& m) {
  if (!m.server.empty()) return m.server;
  std::string s = m.source;
  if (s.rfind("//", 0) == 0)
    return s.substr(2,
                    s.find('/', 2) == std::string::npos ? std::string::npos : s.find('/', 2) - 2);
  // A local path (bindfs) names no server: the whole source, so only mounts of that very
  // directory share a budget.
  if (s.empty() || s[0] == '/') return s;
  if (auto colon = s.find(':'); colon != std::string::npos) s = s.substr(0, colon);
  if (auto at = s.rfind('@'); at != std::string::npos) s = s.substr(at + 1);
  return s;
}

std::map<std::string, std::vector<std::string>> server_peers(const Config& cfg) {
  std::map<std::string, std::vector<std::string>> by_key;
  for (const auto& m : cfg.mounts)
    if (std::string key = server_key(m); !key.empty()) by_key[key].push_back(m.name);
  std::map<std::string, std::vector<std::string>> out;
  for (const auto& [key, names] : by_key) {
    if (names.size() < 2) continue;
    for (const auto& name : names)
      for (const auto& other : names)
        if (other != name) out[name].push_back(other);
  }
  return out;
}

}  // namespace mb::core::config
