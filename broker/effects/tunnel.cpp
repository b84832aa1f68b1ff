// Running an SSH tunnel: see tunnel.hpp. The ssh child is a detached helper of the child
// runner (no deadline of its own, output kept in a file) that is released once its port
// accepts, as rclone is released once its mount appears.
#include "broker/effects/tunnel.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <csignal>
#include <memory>
#include <thread>

#include "broker/effects/helper_output.hpp"
#include "broker/effects/mount_steps.hpp"
#include "core/backends/ssh_tunnel.hpp"
#include "core/backends/tunnel_failure.hpp"
#include "core/backends/tunnel_route.hpp"
#include "core/supervisor/tunnel_life.hpp"
#include "platform/loopback_port.hpp"
#include "platform/process_identity.hpp"
#include "platform/smb.hpp"

namespace mb::broker::effects {
namespace {

using core::supervisor::ErrorClass;

// How long end_tunnel waits for ssh to exit on SIGTERM (then on SIGKILL): 0.5 s in 10 ms steps.
constexpr int kTermWaitSteps = 50;
constexpr std::chrono::milliseconds kTermWaitStep{10};

struct Opening {
  std::string name;
  pid_t pid = 0;
  int port = 0;
  int timeout_sec = 0;
  bool over = false;
  std::unique_ptr<boost::asio::steady_timer> timer;
  std::chrono::steady_clock::time_point give_up;
  TunnelNext next;
};

void poll_port(Context& ctx, std::shared_ptr<Opening> o) {
  if (o->over) return;
  if (platform::loopback_port_accepts(o->port)) {
    o->over = true;
    ctx.runner.release(o->pid);
    spdlog::info("{}: tunnel up: ssh pid {} on 127.0.0.1:{}", o->name, o->pid, o->port);
    return o->next(std::nullopt, o->port);
  }
  if (std::chrono::steady_clock::now() >= o->give_up) {
    ctx.runner.terminate(o->pid);  // its Outcome reports the timeout
    return;
  }
  o->timer->expires_after(std::chrono::milliseconds(100));
  o->timer->async_wait([&ctx, o](const boost::system::error_code& ec) {
    if (!ec) poll_port(ctx, o);
  });
}

bool gone_within(pid_t pid, std::uint64_t start) {
  for (int i = 0; i < kTermWaitSteps; ++i) {
    if (!platform::same_process_alive(pid, start)) return true;
    std::this_thread::sleep_for(kTermWaitStep);
  }
  return !platform::same_process_alive(pid, start);
}

// What is left of the mount's timeout after the tunnel took its part; at least 1 s, so the
// mount itself is still tried once the tunnel is up.
int remaining_sec(const core::config::MountConfig& m, std::chrono::steady_clock::time_point began) {
  const auto spent =
      std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() - began)
          .count();
  return std::max(1, m.settings.mount_timeout_sec - static_cast<int>(spent));
}

core::supervisor::MountFinished why_ssh_ended(const Opening& o, const process::Outcome& out) {
  if (out.ending == process::Ending::spawn_failed)
    return failure(ErrorClass::config, "tunnel: ssh could not be started: " + out.error);
  if (out.terminated || out.timed_out)
    return failure(ErrorClass::timeout, "tunnel: 127.0.0.1:" + std::to_string(o.port) +
                                            " did not accept within " +
                                            std::to_string(o.timeout_sec) + " s; ssh ended");
  const int code = out.ending == process::Ending::exited ? out.exit_code : -1;
  return failure(core::backends::classify_tunnel_failure(code, out.err),
                 "tunnel: ssh: " + helper_message(out));
}

}  // namespace

void open_tunnel(Context& ctx, const core::config::MountConfig& m, TunnelNext next) {
  auto spec = core::backends::tunnel_of(m);
  if (!spec) return next(failure(ErrorClass::config, spec.error()), 0);
  auto port = platform::free_loopback_port();
  if (!port) return next(failure(ErrorClass::unknown, "tunnel: " + port.error()), 0);
  const auto target = core::backends::target_of(m);
  process::Spec child;
  child.argv = core::backends::tunnel_argv(*spec, *port, target.host, target.port);
  // A session of its own: it outlives this activation, and no terminal can ever reach it.
  child.new_session = true;
  child.detach = true;
  auto o = std::make_shared<Opening>();
  o->name = m.name;
  o->port = *port;
  o->timeout_sec = m.settings.mount_timeout_sec;
  o->next = std::move(next);
  auto pid = ctx.runner.run(std::move(child), [o](process::Outcome out) {
    if (o->over) return;
    o->over = true;
    o->next(why_ssh_ended(*o, out), 0);
  });
  if (!pid) return;  // reported through the callback
  o->pid = *pid;
  // Into the record at once: a broker killed from here on leaves a tunnel the next one knows.
  if (auto started = platform::process_start_time(*pid); started && ctx.note_tunnel)
    ctx.note_tunnel(m.name, *pid, *started, *port);
  o->timer = std::make_unique<boost::asio::steady_timer>(ctx.io);
  o->give_up = std::chrono::steady_clock::now() + std::chrono::seconds(o->timeout_sec);
  poll_port(ctx, o);
}

void via_tunnel(Context& ctx, const core::config::MountConfig& m, const core::state::MountRecord& r,
                std::function<void(const core::config::MountConfig&)> go, Done done) {
  if (m.tunnel.empty()) return go(m);
  if (r.tunnel_pid > 0) {
    end_tunnel(m.name, r.tunnel_pid, r.tunnel_start);
    if (ctx.note_tunnel) ctx.note_tunnel(m.name, 0, 0, 0);
  }
  const auto began = std::chrono::steady_clock::now();
  open_tunnel(
      ctx, m,
      [m, go, done, began](std::optional<core::supervisor::MountFinished> failed, int port) {
        if (failed) return done(*failed);
        auto routed = core::backends::through_tunnel(m, port, platform::smb_tool());
        if (!routed) return done(failure(ErrorClass::config, routed.error()));
        // mount_timeout_sec bounds the whole mount, the tunnel's start included.
        routed->settings.mount_timeout_sec = remaining_sec(m, began);
        go(*routed);
      });
}

void end_tunnel(const std::string& name, pid_t pid, std::uint64_t start) {
  if (pid <= 0 || !platform::same_process_alive(pid, start)) return;
  spdlog::info("{}: ending its tunnel (ssh pid {})", name, pid);
  platform::signal_if_same(pid, start, SIGTERM);
  platform::signal_if_same(pid, start, SIGCONT);
  // ssh exits at once on SIGTERM. One that does not (a wrapper that ignores it, a process
  // under a debugger) must still end: the caller forgets the tunnel right after this, and a
  // forgotten ssh would hold its forwarded port until the next boot. The wait is bounded
  // and only this rare case pays it.
  if (gone_within(pid, start)) return;
  platform::signal_if_same(pid, start, SIGKILL);
  if (gone_within(pid, start))
    spdlog::warn("{}: its tunnel (ssh pid {}) outlived SIGTERM; killed", name, pid);
  else
    spdlog::error("{}: its tunnel (ssh pid {}) survives SIGKILL (stuck in the kernel)", name, pid);
}

bool end_stray_tunnel(core::state::MountRecord& r) {
  if (!core::supervisor::tunnel_to_end(r)) return false;
  end_tunnel(r.name, r.tunnel_pid, r.tunnel_start);
  r.tunnel_pid = 0;
  r.tunnel_start = 0;
  r.tunnel_port = 0;
  return true;
}

std::optional<std::string> tunnel_problem(const core::state::MountRecord& r) {
  if (r.tunnel_pid <= 0) return "tunnel: no ssh process is recorded for the mount";
  if (!platform::same_process_alive(r.tunnel_pid, r.tunnel_start))
    return "tunnel: its ssh process (pid " + std::to_string(r.tunnel_pid) + ") is gone";
  if (!platform::loopback_port_accepts(r.tunnel_port))
    return "tunnel: 127.0.0.1:" + std::to_string(r.tunnel_port) + " does not accept connections";
  return std::nullopt;
}

}  // namespace mb::broker::effects
