#include "mountctl/doctor/credential_check.hpp"

#include "mountctl/doctor/shell_quote.hpp"
#include "platform/credential_file.hpp"
#include "util/wipe.hpp"

namespace mb::ctl::doctor {
namespace {

using core::config::Credential;
using core::config::MountConfig;
constexpr const char* kCredentialCheck = "credential";

Finding check_file(const core::config::Config& config, const MountConfig& m,
                   const CredentialContext& ctx) {
  const std::string& dir = config.broker.credentials_dir;
  if (!ctx.root) {
    return {kCredentialCheck, m.name, Status::skipped,
            "not checked: " + dir + "/" + m.name + " is readable by root only (doctor is not root)",
            ctx.sudo_doctor};
  }
  auto read = platform::read_credential(dir, m.name);
  if (!read) return credential_problem(m.name, read.error(), ctx.setup(m.name));
  if (read->has_value()) util::wipe(**read);
  return {kCredentialCheck, m.name, Status::ok,
          "password file " + dir + "/" + m.name + " is in order", ""};
}

Finding check_keychain(const MountConfig& m, const CredentialContext& ctx) {
  auto query = ctx.keychain_lookup(m.server, m.username);
  if (!query) {
    return {kCredentialCheck, m.name, Status::problem,
            "credential = \"keychain\" needs the macOS System keychain, which this system does "
            "not have; use credential = \"file\" in " +
                ctx.config_path,
            "${EDITOR:-vi} " + shell_quote(ctx.config_path) + " && " + ctx.setup(m.name)};
  }
  const CommandResult r = ctx.run(*query);
  const std::string what =
      "System keychain entry for server \"" + m.server + "\", account \"" + m.username + "\"";
  // The query did not run to its end (could not start, timed out): nothing is known.
  if (!r.ran) {
    return {kCredentialCheck, m.name, Status::skipped, what + ": not checked: " + r.error, ""};
  }
  if (r.exit_code == 0) return {kCredentialCheck, m.name, Status::ok, what + " exists", ""};
  if (!ctx.root)
    return {kCredentialCheck, m.name, Status::skipped,
            what + ": not found, or not visible to this user (not root)", ctx.sudo_doctor};
  return {kCredentialCheck, m.name, Status::problem, "no " + what, ctx.setup(m.name)};
}

}  // namespace

Finding credential_problem(const std::string& name, const std::string& reader_error,
                           const std::string& setup) {
  std::string message = reader_error;
  if (auto hint = message.find("; create it as root"); hint != std::string::npos)
    message.resize(hint);
  std::string fix = setup;
  if (auto at = message.find("; fix: "); at != std::string::npos) {
    fix = message.substr(at + 7);
    message.resize(at);
  }
  return {kCredentialCheck, name, Status::problem, message, fix};
}

Findings check_credentials(const core::config::Config& config, const CredentialContext& ctx) {
  Findings out;
  for (const MountConfig& m : config.mounts) {
    if (m.credential == Credential::file) out.push_back(check_file(config, m, ctx));
    if (m.credential == Credential::keychain) out.push_back(check_keychain(m, ctx));
  }
  if (out.empty())
    out.push_back({kCredentialCheck, "", Status::ok, "no mount needs a stored password", ""});
  return out;
}

}  // namespace mb::ctl::doctor
