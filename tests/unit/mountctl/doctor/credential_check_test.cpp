#include "mountctl/doctor/credential_check.hpp"

#include <catch2/catch.hpp>

using namespace mb::ctl::doctor;

TEST_CASE("a missing credential file: the reader's message without its shell hint, setup as fix") {
  auto f = credential_problem(
      "photos",
      "credential file /etc/mb/credentials/photos does not exist; create it as root: mountctl "
      "setup photos",
      "sudo mountctl setup photos");
  CHECK(f.status == Status::problem);
  CHECK(f.check == "credential");
  CHECK(f.subject == "photos");
  CHECK(f.message == "credential file /etc/mb/credentials/photos does not exist");
  CHECK(f.fix == "sudo mountctl setup photos");
}

TEST_CASE("a credential file with a bad mode: the reader's own fix") {
  auto f = credential_problem("photos",
                              "credential file /c/photos must not be accessible by group or "
                              "others; fix: chmod 600 /c/photos",
                              "sudo mountctl setup photos");
  CHECK(f.message == "credential file /c/photos must not be accessible by group or others");
  CHECK(f.fix == "chmod 600 /c/photos");
}

namespace {

namespace cfg = mb::core::config;

cfg::Config keychain_config() {
  cfg::Config c;
  cfg::MountConfig m;
  m.name = "photos";
  m.type = cfg::MountType::smb;
  m.server = "nas.local";
  m.share = "photos";
  m.username = "alice";
  m.mountpoint = "/mnt/photos";
  m.credential = cfg::Credential::keychain;
  c.mounts.push_back(m);
  return c;
}

CredentialContext keychain_context(CommandResult result) {
  CredentialContext ctx;
  ctx.root = true;
  ctx.sudo_doctor = "sudo mountctl doctor";
  ctx.setup = [](const std::string& name) { return "sudo mountctl setup " + name; };
  ctx.config_path = "/etc/mb/config.toml";
  ctx.run = [result](const std::vector<std::string>&) { return result; };
  ctx.keychain_lookup = [](const std::string& server, const std::string& account) {
    return std::optional<std::vector<std::string>>(
        {"security", "find-internet-password", "-s", server, "-a", account});
  };
  return ctx;
}

}  // namespace

TEST_CASE("a keychain lookup that did not run is skipped with why, not reported missing") {
  CommandResult timed_out;
  timed_out.ran = false;
  timed_out.error = "security did not answer within 5 s";
  const Findings f = check_credentials(keychain_config(), keychain_context(timed_out));
  REQUIRE(f.size() == 1);
  CHECK(f[0].status == Status::skipped);
  CHECK(f[0].subject == "photos");
  CHECK(f[0].message ==
        "System keychain entry for server \"nas.local\", account \"alice\": not checked: "
        "security did not answer within 5 s");
}

TEST_CASE("a keychain lookup that ran: found is ok, not found is a problem with setup as fix") {
  CommandResult found;
  found.ran = true;
  found.exit_code = 0;
  CHECK(check_credentials(keychain_config(), keychain_context(found))[0].status == Status::ok);

  CommandResult missing;
  missing.ran = true;
  missing.exit_code = 44;
  const Findings f = check_credentials(keychain_config(), keychain_context(missing));
  REQUIRE(f.size() == 1);
  CHECK(f[0].status == Status::problem);
  CHECK(f[0].message == "no System keychain entry for server \"nas.local\", account \"alice\"");
  CHECK(f[0].fix == "sudo mountctl setup photos");
}
