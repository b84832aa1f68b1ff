// mountctl setup NAME: stores a mount's password where the broker reads it at mount time.
// Unlike the other commands it does not talk to the broker: it reads the config itself and
// writes the credential as root, so it works before any broker ever ran. The password comes
// from the terminal without echo, or from stdin with --stdin; never from an argument or the
// environment, and no message contains it.
#include <unistd.h>

#include <iostream>
#include <memory>

#include "core/config/config_loader.hpp"
#include "core/config/diagnostics.hpp"
#include "mountctl/commands/command.hpp"
#include "mountctl/exit_codes.hpp"
#include "mountctl/secret.hpp"
#include "mountctl/secret_prompt.hpp"
#include "mountctl/secret_stdin.hpp"
#include "platform/config_file.hpp"
#include "platform/credential_store.hpp"
#include "platform/no_core_dump.hpp"
#include "util/build_config.hpp"

namespace mb::ctl::commands {
namespace {

namespace config = core::config;

struct SetupOptions {
  std::string name;
  bool from_stdin = false;
  std::string config = util::kDefaultConfig;
};

int fail(int code, const std::string& message) {
  std::cerr << "mountctl setup: " << message << "\n";
  return code;
}

std::string names(const core::config::Config& c) {
  std::string out;
  for (const auto& m : c.mounts) out += (out.empty() ? "" : ", ") + m.name;
  return out.empty() ? "none" : out;
}

// "alice@nas.local/photos", or what a command mount has of it.
std::string share_of(const core::config::MountConfig& m) {
  if (m.server.empty()) return m.mountpoint;
  std::string out = m.username.empty() ? "" : m.username + "@";
  out += m.server;
  if (!m.share.empty()) out += "/" + m.share;
  return out;
}

int exit_code_for(const InputError& e) {
  switch (e.kind) {
    case InputError::no_terminal:
    case InputError::bad_input:
      return kUsage;
    case InputError::mismatch:
    case InputError::io:
      return kFailed;
  }
  return kFailed;
}

int run(const SetupOptions& o) {
  // First, before any password is in memory: a SIGQUIT (Ctrl-\) or a crash must not write one
  // to a core file.
  if (auto st = platform::disable_core_dumps(); !st) {
    return fail(kFailed, "cannot keep the password out of core dumps: " + st.error());
  }
  if (::geteuid() != 0) {
    return fail(kPermissionDenied,
                "the password is stored where only root can read it; run it as root: sudo "
                "mountctl setup " +
                    o.name);
  }
  auto cfg = platform::load_config(o.config);
  if (!cfg) return fail(kConfigInvalid, cfg.error());
  const core::config::MountConfig* m = cfg->find(o.name);
  if (m == nullptr) {
    return fail(kNotFound, "no mount " + core::config::quoted(o.name) + " in " + o.config +
                               "; the mounts there: " + names(*cfg));
  }
  if (auto st = platform::check_kind(*m); !st) return fail(kUsage, o.config + ": " + st.error());
  const std::string& dir = cfg->broker.credentials_dir;
  if (auto st = platform::check_place(*m, dir); !st) return fail(kFailed, st.error());

  Secret password(line_capacity(platform::kMaxPasswordBytes));
  auto problem =
      o.from_stdin
          ? read_secret_line(STDIN_FILENO, password, platform::kMaxPasswordBytes)
          : prompt_secret_twice("Password for " + m->name + " (" + share_of(*m) + "): ",
                                "Again, to confirm: ", password, platform::kMaxPasswordBytes);
  if (problem) return fail(exit_code_for(*problem), problem->message);

  auto stored = platform::store_credential(*m, dir, password.view());
  if (!stored) return fail(kFailed, stored.error());
  std::cout << *stored << "\n";
  return kOk;
}

}  // namespace

Command add_setup(CLI::App& parent) {
  auto* app = parent.add_subcommand(
      "setup",
      "store a mount's password where the broker reads it (as root; asks on the terminal "
      "without echo, or reads one line from stdin with --stdin)");
  auto o = std::make_shared<SetupOptions>();
  app->add_option("name", o->name, "the mount's name in the config")->required();
  app->add_flag("--stdin", o->from_stdin,
                "read the password as one line from stdin (for scripts), not from the terminal");
  app->add_option("--config", o->config, "the config file")->capture_default_str();
  return {app, [o](const Globals&) { return run(*o); }};
}

}  // namespace mb::ctl::commands
