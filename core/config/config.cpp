#include "core/config/config.hpp"

namespace mb::core::config {

const MountConfig* Config::find(const std::string& name) const {
  return by_name.find(mounts, name);
}

const char* to_string(MountType t) {
  switch (t) {
    case MountType::smb:
      return "smb";
    case MountType::nfs:
      return "nfs";
    case MountType::command:
      return "command";
  }
  return "unknown";
}

const char* to_string(Credential c) {
  switch (c) {
    case Credential::none:
      return "none";
    case Credential::file:
      return "file";
    case Credential::keychain:
      return "keychain";
  }
  return "unknown";
}

std::string nfs_source(const std::string& server, const std::string& share) {
  const bool bare_ipv6 = server.find(':') != std::string::npos && server.front() != '[';
  return (bare_ipv6 ? "[" + server + "]" : server) + ":" + share;
}

}  // namespace mb::core::config
