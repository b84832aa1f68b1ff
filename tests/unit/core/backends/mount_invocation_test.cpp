#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "core/backends/invocation.hpp"

namespace be = mb::core::backends;
namespace cfg = mb::core::config;

namespace {

const std::string kPassword = "Tr0ub4dor&3-horse";

cfg::MountConfig mount_config(cfg::MountType type, cfg::Credential credential) {
  cfg::MountConfig m;
  m.name = "photos";
  m.type = type;
  m.mountpoint = "/mnt/photos";
  m.credential = credential;
  m.username = "alice";
  if (type == cfg::MountType::command) {
    m.command = {"sshfs", "-o", "password_stdin", "{username}@nas:/p", "{mountpoint}"};
  } else {
    m.server = "nas.local";
    m.share = type == cfg::MountType::nfs ? "/export/photos" : "photos";
  }
  return m;
}

void check_not_exposed(const be::Invocation& inv, const std::string& secret) {
  for (const std::string& arg : inv.argv) CHECK_THAT(arg, !Catch::Contains(secret));
  for (const std::string& entry : inv.env) CHECK_THAT(entry, !Catch::Contains(secret));
}

}  // namespace

TEST_CASE("the password is never on argv or in the environment, for any type",
          "[backends][invocation]") {
  auto type = GENERATE(cfg::MountType::smb, cfg::MountType::command);
  auto credential = GENERATE(cfg::Credential::file, cfg::Credential::keychain);
  auto inv = be::mount_invocation(mount_config(type, credential), "/mnt/photos", kPassword,
                                  be::SmbTool::mount_cifs);
  REQUIRE(inv);
  check_not_exposed(*inv, kPassword);
  // It goes somewhere the helper reads it: a descriptor or stdin.
  const bool delivered = inv->secret_fd_data == kPassword || inv->stdin_data == kPassword + "\n";
  CHECK(delivered);
}

TEST_CASE("nfs and credential none never carry a password", "[backends][invocation]") {
  auto type = GENERATE(cfg::MountType::smb, cfg::MountType::nfs, cfg::MountType::command);
  // A password handed in for credential = none is ignored, not used.
  auto inv = be::mount_invocation(mount_config(type, cfg::Credential::none), "/mnt/photos",
                                  kPassword, be::SmbTool::mount_cifs);
  REQUIRE(inv);
  check_not_exposed(*inv, kPassword);
  CHECK_FALSE(inv->secret_fd_data);
  CHECK_FALSE(inv->stdin_data);
}

TEST_CASE("errors name the mount and never the password", "[backends][invocation]") {
  struct Case {
    cfg::MountType type;
    cfg::Credential credential;
    std::optional<std::string> password;
    std::string mountpoint;
    std::string message;
  };
  auto c = GENERATE(values<Case>({
      {cfg::MountType::smb, cfg::Credential::file, std::nullopt, "/mnt/photos",
       "mount \"photos\": credential = \"file\" but no password was supplied"},
      {cfg::MountType::command, cfg::Credential::keychain, "", "/mnt/photos",
       "mount \"photos\": credential = \"keychain\" but the password is empty"},
      {cfg::MountType::smb, cfg::Credential::file, kPassword + "\nx", "/mnt/photos",
       "mount \"photos\": credential = \"file\": the password contains a line break or NUL "
       "byte"},
      {cfg::MountType::nfs, cfg::Credential::file, kPassword, "/mnt/photos",
       "mount \"photos\": nfs mounts take no password; set credential = \"none\" (for Kerberos "
       "add sec=krb5 to options)"},
      {cfg::MountType::smb, cfg::Credential::file, kPassword, "mnt/photos",
       "mount \"photos\": the mount point must be an absolute path"},
  }));
  auto inv = be::mount_invocation(mount_config(c.type, c.credential), c.mountpoint, c.password,
                                  be::SmbTool::mount_cifs);
  REQUIRE_FALSE(inv);
  CHECK(inv.error() == c.message);
  CHECK_THAT(inv.error(), !Catch::Contains(kPassword));
}

TEST_CASE("the resolved mount point is used, not the configured one", "[backends][invocation]") {
  auto inv = be::mount_invocation(mount_config(cfg::MountType::nfs, cfg::Credential::none),
                                  "/real/photos", std::nullopt, be::SmbTool::mount_cifs);
  REQUIRE(inv);
  CHECK(inv->argv.back() == "/real/photos");
}
