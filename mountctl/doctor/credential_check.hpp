#pragma once
// Check 5: every mount with credential = "file" has a usable password file (read with the
// broker's own reader, so the rules are the same), and with credential = "keychain" a System
// keychain entry (macOS). The password is never printed; the copy read is wiped.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/config/config.hpp"
#include "mountctl/doctor/finding.hpp"
#include "mountctl/doctor/run_command.hpp"

namespace mb::ctl::doctor {

struct CredentialContext {
  bool root = false;
  std::string sudo_doctor;                               // reruns doctor as root
  std::function<std::string(const std::string&)> setup;  // "sudo mountctl setup NAME ..."
  std::string config_path;
  CommandRunner run;  // for the keychain query
  // platform/keychain_lookup.hpp: the query command, nullopt without a keychain.
  std::function<std::optional<std::vector<std::string>>(const std::string& server,
                                                        const std::string& account)>
      keychain_lookup;
};

Findings check_credentials(const core::config::Config& config, const CredentialContext& ctx);

// Pure: a finding from read_credential's error: the message without its how-to-create hint
// (which would suggest typing the password into a shell), the fix from its "fix: " part or
// else `setup`.
Finding credential_problem(const std::string& name, const std::string& reader_error,
                           const std::string& setup);

}  // namespace mb::ctl::doctor
