// Unmounting in a child of our own binary: umount2 on a dead share can block in the kernel.
#include <spdlog/spdlog.h>

#include "broker/effects/effects.hpp"
#include "broker/effects/helper_output.hpp"

namespace mb::broker::effects {
namespace {

constexpr int kBusyExit = 16;  // broker/internal: EBUSY

void run_unmount(Context& ctx, const std::string& name, std::vector<std::string> argv,
                 int timeout_sec, Done done) {
  process::Spec spec;
  spec.argv = std::move(argv);
  spec.deadline = std::chrono::seconds(timeout_sec);
  spec.kill_grace = std::chrono::milliseconds(500);
  spec.abandon_after = std::chrono::milliseconds(2000);
  ctx.runner.run(std::move(spec), [done, name](process::Outcome o) {
    supervisor::UnmountFinished f;
    f.ok = o.succeeded();
    // What a forced unmount had to do (abort, lazy unmount, end a daemon) is worth a line.
    std::string said = o.out;
    while (!said.empty() && (said.back() == '\n' || said.back() == ' ')) said.pop_back();
    if (f.ok && !said.empty()) spdlog::info("{}: {}", name, said);
    f.busy = o.ending == process::Ending::exited && o.exit_code == kBusyExit;
    if (!f.ok) f.message = helper_message(o);
    done(f);
  });
}

}  // namespace

void unmount(Context& ctx, const config::MountConfig& m, const state::MountRecord& r, Done done) {
  run_unmount(ctx, m.name, {ctx.self_exe, "--internal", "unmount", r.mountpoint},
              m.settings.mount_timeout_sec, std::move(done));
}

void force_unmount(Context& ctx, const config::MountConfig& m, const state::MountRecord& r,
                   Done done) {
  std::string fstype = r.fstype;
  std::uint64_t device = r.device;
  // The record may predate knowing them; the mount table has them now.
  if (auto table = ctx.table.read())
    for (auto it = table->rbegin(); it != table->rend(); ++it)
      if (it->mount_point == r.mountpoint) {
        fstype = it->fstype;
        device = it->device;
        break;
      }
  run_unmount(ctx, m.name,
              {ctx.self_exe, "--internal", "force-unmount", r.mountpoint,
               fstype.empty() ? "-" : fstype, std::to_string(device)},
              m.settings.mount_timeout_sec, std::move(done));
}

}  // namespace mb::broker::effects
