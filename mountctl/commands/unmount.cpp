// unmount NAME, or unmount --all for maintenance (the FreeBSD automounter's `automount -u`):
// every mount that is mounted or wanted becomes unmounted and stays so. A busy mount is
// refused, as for one name, unless --force.
#include <iostream>

#include "mountctl/commands/command.hpp"
#include "mountctl/exit_codes.hpp"
#include "mountctl/mount_state.hpp"

namespace mb::ctl::commands {
namespace {

struct UnmountOptions {
  proto::UnmountRequest req;
  bool all = false;
};

// One unmount; prints its outcome (errors go to stderr through send()).
int unmount_one(const Globals& g, const proto::UnmountRequest& req) {
  int code = 0;
  auto reply = send(g, req, code, Show::progress, std::chrono::seconds(300));
  if (!reply) return code;
  if (g.json) {
    std::cout << reply->raw << "\n";
    return code;
  }
  const auto& m = std::get<proto::MountResponse>(reply->response.body).mount;
  std::cout << m.name << ": " << m.state << "\n";
  return code;
}

// What --all takes down: whatever is not unmounted, and whatever a sweep would mount again.
bool to_take_down(const proto::MountStatus& m) {
  const MountState s = mount_state(m);
  return !s.phase_is(core::state::Phase::unmounted) || s.wanted();
}

int unmount_all(const Globals& g, bool force) {
  int code = 0;
  auto status = send(g, proto::StatusRequest{}, code);
  if (!status) return code;
  int worst = kOk;
  for (const auto& m : std::get<proto::StatusResponse>(status->response.body).mounts) {
    if (!to_take_down(m)) continue;
    // Each mount on its own: one busy share does not keep the others mounted.
    int rc = unmount_one(g, proto::UnmountRequest{m.name, force});
    if (worst == kOk) worst = rc;
  }
  return worst;
}

}  // namespace

Command add_unmount(CLI::App& parent) {
  auto* app = parent.add_subcommand(
      "unmount", "unmount a share (desired state: unmounted; sweeps leave it alone)");
  app->alias("umount");
  auto o = std::make_shared<UnmountOptions>();
  auto* name = app->add_option("name", o->req.name, "the mount's name in the config");
  auto* all = app->add_flag("--all,-a", o->all,
                            "every mount that is mounted or wanted (maintenance); busy ones are "
                            "refused unless --force, the others still unmounted");
  name->excludes(all);
  app->add_flag("--force,-f", o->req.force, "force (and lazily detach) even if busy or dead");
  return {app, [o, app](const Globals& g) {
            if (o->all) return unmount_all(g, o->req.force);
            if (o->req.name.empty()) {
              std::cerr << "mountctl unmount: name the mount, or use --all\n"
                        << app->help("", CLI::AppFormatMode::Normal);
              return int(kUsage);
            }
            return unmount_one(g, o->req);
          }};
}

}  // namespace mb::ctl::commands
