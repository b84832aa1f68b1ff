// The probe runs `mount-broker --internal probe PATH [PROBE_PATH]` with probe_timeout_sec: the
// stat, readdir and read that may block for minutes on a dead share happen in that child,
// never here. The child is forked by the fork server (platform/fork_server.hpp) when there is
// one, else spawned.
#include <boost/asio/post.hpp>
#include <chrono>

#include "broker/effects/effects.hpp"
#include "broker/effects/helper_output.hpp"
#include "broker/effects/tunnel.hpp"
#include "core/probe/probe_report.hpp"

namespace mb::broker::effects {
namespace {
// A probe killed at its deadline may stay stuck in the kernel (a FUSE request its daemon read
// and never answered) until the share is aborted: each one is a root process. Past this many,
// no new probe child starts; the probe reports the fact instead.
constexpr std::size_t kMaxStuckChildren = 8;
}  // namespace

void probe(Context& ctx, const core::config::MountConfig& m, const core::state::MountRecord& r,
           Done done) {
  if (std::size_t stuck = ctx.runner.stuck(); stuck >= kMaxStuckChildren) {
    std::string why = "probe not started: " + std::to_string(stuck) +
                      " earlier children are still stuck in the kernel";
    return boost::asio::post(ctx.io, [done, why] {
      done(core::supervisor::ProbeFinished{core::supervisor::ProbeOutcome::ambiguous, why});
    });
  }
  // A tunnelled mount is healthy only while its own ssh runs and its port accepts: without
  // them every access fails, so that is definite (recovery restarts tunnel and mount).
  if (!m.tunnel.empty())
    if (auto why = tunnel_problem(r))
      return boost::asio::post(ctx.io, [done, why = *why] {
        done(core::supervisor::ProbeFinished{core::supervisor::ProbeOutcome::definite, why});
      });
  process::Spec spec;
  spec.argv = {ctx.self_exe, "--internal", "probe", r.mountpoint};
  if (!m.settings.probe_path.empty()) spec.argv.push_back(m.settings.probe_path);
  spec.deadline = std::chrono::seconds(m.settings.probe_timeout_sec);
  spec.kill_grace = std::chrono::milliseconds(200);
  spec.abandon_after = std::chrono::milliseconds(1000);
  spec.forkable = true;  // forked by the fork server when there is one: no exec, no loader
  const int timeout = m.settings.probe_timeout_sec;
  core::probe::Expected expected{r.device, r.root_inode, r.root_had_entries,
                                 core::probe::is_fuse(r.fstype), m.settings.probe_path};
  // The probe's duration, start of the child to its result, is what `status NAME` shows.
  const auto start = std::chrono::steady_clock::now();
  auto finish = [done, start](core::supervisor::ProbeFinished f) {
    f.duration_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                        std::chrono::steady_clock::now() - start)
                        .count();
    done(f);
  };
  ctx.runner.run(std::move(spec), [finish, timeout, expected](process::Outcome o) {
    if (o.timed_out || o.ending == process::Ending::abandoned) {
      auto v = core::probe::timed_out(timeout);
      return finish(core::supervisor::ProbeFinished{v.outcome, v.detail});
    }
    auto report = o.succeeded() ? core::probe::parse(o.out) : std::nullopt;
    if (!report)
      return finish(core::supervisor::ProbeFinished{core::supervisor::ProbeOutcome::ambiguous,
                                                    "probe child failed: " + helper_message(o)});
    auto v = core::probe::classify(*report, expected);
    finish(
        core::supervisor::ProbeFinished{v.outcome, v.detail, report->root_inode, report->entries});
  });
}

}  // namespace mb::broker::effects
