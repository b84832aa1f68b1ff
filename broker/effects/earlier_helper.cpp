// The helper of a broker that was killed while it mounted may still be at work: mounting
// again beside it stacks two mounts at one path (a helper that accepts a non-empty mount
// point), or fails with a misleading "mountpoint is not empty" while the share ends up
// mounted anyway. Its identity is in the record (written when it was spawned); wait for it.
#include <spdlog/spdlog.h>

#include <boost/asio/steady_timer.hpp>
#include <csignal>
#include <memory>

#include "broker/effects/mount_steps.hpp"
#include "platform/process_identity.hpp"

namespace mb::broker::effects {
namespace {

struct Wait {
  std::string name, path;
  pid_t pid = 0;
  std::uint64_t start = 0;
  std::chrono::steady_clock::time_point give_up, kill_by;
  bool killed = false;
  std::unique_ptr<boost::asio::steady_timer> timer;
  std::function<void()> next;
};

void finish(Context& ctx, const std::shared_ptr<Wait>& w) {
  if (ctx.note_helper) ctx.note_helper(w->name, 0, 0);
  w->next();
}

void poll(Context& ctx, std::shared_ptr<Wait> w) {
  auto now = std::chrono::steady_clock::now();
  if (!platform::same_process_alive(w->pid, w->start)) return finish(ctx, w);
  // A helper that stays in the foreground (rclone) serves the mount it made: leave it be.
  if (auto table = ctx.table.read(); table && topmost_at(*table, w->path)) return finish(ctx, w);
  if (!w->killed && now >= w->give_up) {
    spdlog::warn("{}: the earlier mount helper (pid {}) did not finish in time; ending it", w->name,
                 w->pid);
    platform::signal_if_same(w->pid, w->start, SIGKILL);
    w->killed = true;
    w->kill_by = now + std::chrono::seconds(2);
  }
  if (w->killed && now >= w->kill_by) {
    spdlog::error("{}: the earlier mount helper (pid {}) survives SIGKILL (stuck in the kernel)",
                  w->name, w->pid);
    return finish(ctx, w);
  }
  w->timer->expires_after(std::chrono::milliseconds(100));
  w->timer->async_wait([&ctx, w](const boost::system::error_code& ec) {
    if (!ec) poll(ctx, w);
  });
}

}  // namespace

void await_earlier_helper(Context& ctx, const core::config::MountConfig& m,
                          const core::state::MountRecord& r, std::function<void()> next) {
  if (r.helper_pid == 0) return next();
  auto w = std::make_shared<Wait>();
  w->name = m.name;
  w->path = r.mountpoint;
  w->pid = r.helper_pid;
  w->start = r.helper_start;
  w->next = std::move(next);
  if (!platform::same_process_alive(w->pid, w->start)) return finish(ctx, w);
  spdlog::warn("{}: the mount helper of an earlier broker (pid {}) still runs; waiting for it",
               w->name, w->pid);
  w->give_up =
      std::chrono::steady_clock::now() + std::chrono::seconds(m.settings.mount_timeout_sec);
  w->timer = std::make_unique<boost::asio::steady_timer>(ctx.io);
  poll(ctx, w);
}

}  // namespace mb::broker::effects
