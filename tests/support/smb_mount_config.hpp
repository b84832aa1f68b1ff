#pragma once
// An smb [[mount]] as the loader would give it, for the SMB backend tests: photos on
// nas.local at /mnt/photos, with a username and a credential file unless told otherwise.
#include <string>
#include <vector>

#include "core/config/config.hpp"

namespace mb::test {

inline core::config::MountConfig smb(
    std::vector<std::string> options = {"soft", "nodev", "nosuid"}, std::string username = "alice",
    core::config::Credential credential = core::config::Credential::file) {
  core::config::MountConfig m;
  m.name = "photos";
  m.type = core::config::MountType::smb;
  m.server = "nas.local";
  m.share = "photos";
  m.username = std::move(username);
  m.mountpoint = "/mnt/photos";
  m.credential = credential;
  m.settings.options = std::move(options);
  return m;
}

}  // namespace mb::test
