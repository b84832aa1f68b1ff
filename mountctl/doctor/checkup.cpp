#include "mountctl/doctor/checkup.hpp"

#include <grp.h>
#include <unistd.h>

#include "core/config/config_loader.hpp"
#include "mountctl/doctor/admin_group_check.hpp"
#include "mountctl/doctor/automounter_check.hpp"
#include "mountctl/doctor/config_check.hpp"
#include "mountctl/doctor/credential_check.hpp"
#include "mountctl/doctor/helper_check.hpp"
#include "mountctl/doctor/helper_flags.hpp"
#include "mountctl/doctor/mount_point_check.hpp"
#include "mountctl/doctor/service_check.hpp"
#include "mountctl/doctor/shell_quote.hpp"
#include "mountctl/doctor/socket_check.hpp"
#include "mountctl/doctor/state_dir_check.hpp"
#include "platform/automounter.hpp"
#include "platform/config_file.hpp"
#include "platform/keychain_lookup.hpp"
#include "platform/mount_helpers.hpp"
#include "platform/service_manager.hpp"
#include "util/build_config.hpp"

namespace mb::ctl::doctor {
namespace {

std::string global_options(const Options& o) {
  return o.socket_given ? " --socket " + shell_quote(o.socket) : "";
}

std::string config_option(const Options& o) {
  return o.config_given ? " --config " + shell_quote(o.config_path) : "";
}

}  // namespace

Findings checkup(const Options& o) {
  Findings out;
  const std::string sudo_doctor =
      "sudo mountctl" + global_options(o) + " doctor" + config_option(o);
  const platform::ServiceManager manager = platform::service_manager();

  SocketFacts socket = probe_socket(o.socket, o.connect_timeout);
  out.push_back(judge_socket(socket, manager.socket_fix, sudo_doctor));
  std::optional<proto::StatusResponse> status;
  if (socket.kind == SocketFacts::Kind::answered)
    status = broker_status(o.socket, o.connect_timeout);

  ConfigOutcome config = check_config(o.config_path, sudo_doctor);
  append(out, std::move(config.findings));

  const std::string state_dir =
      config.config ? config.config->broker.state_dir
                    : platform::peek_state_dir(o.config_path).value_or(util::kDefaultStateDir);
  append(out, check_state_dir(state_dir));

  if (config.config) {
    const auto& c = *config.config;
    out.push_back(check_admin_group(c.broker.admin_group, o.config_path, [](const std::string& g) {
      return ::getgrnam(g.c_str()) != nullptr;
    }));
    append(out, check_mount_points(c, status, sudo_doctor));
    CredentialContext cred;
    cred.root = ::geteuid() == 0;
    cred.sudo_doctor = sudo_doctor;
    cred.config_path = o.config_path;
    cred.setup = [&o](const std::string& name) {
      return "sudo mountctl setup " + shell_quote(name) + config_option(o);
    };
    cred.run = default_runner();
    cred.keychain_lookup = platform::keychain_lookup_command;
    append(out, check_credentials(c, cred));
    append(out, check_helpers(c, {platform::filesystem_helpers, platform::install_command}));
    append(out, check_helper_flags(c));
    append(out, check_automounters(our_paths(c), platform::automounter_files(), sudo_doctor));
  } else {
    out.push_back({"mounts", "", Status::skipped,
                   "mount points, credentials, helpers and other automounters not checked: the "
                   "config could not be loaded",
                   ""});
  }

  append(out, check_services(manager, default_runner()));
  return out;
}

}  // namespace mb::ctl::doctor
