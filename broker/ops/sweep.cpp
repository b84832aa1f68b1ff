// sweep: what the periodic timer job runs. Reconcile, then for every mount do what is due
// (mount what is wanted, remount what was lost, retry, probe, idle-unmount), wait for all of
// it (each child has its own deadline, so a hung share delays nothing else), and report.
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <ctime>
#include <optional>

#include "broker/ops/ops.hpp"
#include "broker/ops/settle_cursor.hpp"
#include "platform/busy.hpp"

namespace mb::broker::ops {
namespace {

using core::state::Phase;

bool healthy(const core::state::MountRecord& r) {
  if (r.desired == core::state::Desired::unmounted) return true;
  if (r.phase == Phase::unmounted && r.reason == core::state::Reason::idle)
    return true;  // idle-unmounted on purpose
  return r.phase == Phase::mounted;
}

std::string action_between(const core::state::MountRecord& a, const core::state::MountRecord& b) {
  if (b.recoveries > a.recoveries) return "recovered";
  if (a.phase == b.phase && b.last_probe_at != a.last_probe_at) return "probed";
  if (b.phase == Phase::mounted && a.phase != Phase::mounted && a.phase != Phase::degraded)
    return "mounted";
  if (b.phase == Phase::unmounted && b.reason == core::state::Reason::idle &&
      a.phase == Phase::mounted)
    return "idle-unmounted";
  if (b.next_attempt_at != a.next_attempt_at && b.next_attempt_at > 0) return "retry scheduled";
  const std::string from = phase_name(a.phase), to = phase_name(b.phase);
  if (from != to) return from + " -> " + to;
  return "none";
}

struct SweepRun {
  std::map<std::string, core::state::MountRecord> before;
  std::unique_ptr<boost::asio::steady_timer> poll;
  std::chrono::steady_clock::time_point started, give_up;
  int watch_id = 0;
  bool done = false;
  bool check_posted = false;  // changes until the posted check runs share it
  std::optional<SettleCursor> cursor;
};

// Busy detection only for mounts that idle-unmount; reading every process's fds has a cost.
void check_idle(Context& c, const core::config::MountConfig& m,
                const std::vector<core::mount_table::MountEntry>& table) {
  const core::state::MountRecord* r = c.broker.record(m.name);
  if (!r || m.settings.idle_unmount_min <= 0 || r->phase != Phase::mounted ||
      c.supervision.settling(m.name))
    return;
  for (auto it = table.rbegin(); it != table.rend(); ++it)
    if (it->mount_point == r->mountpoint) {
      c.supervision.apply(
          m.name, core::supervisor::IdleChecked{platform::is_busy(it->mount_id, r->mountpoint)});
      return;
    }
}

// Checked whenever a mount changes (posted, so a child the change starts is already running)
// and on a slow timer that also enforces the bound.
void finish_when_settled(Context& c, std::shared_ptr<SweepRun> run, Out out, bool from_timer) {
  if (run->done) return;
  bool settled =
      run->cursor->settled([&c](const std::string& name) { return c.supervision.settling(name); });
  auto now = std::chrono::steady_clock::now();
  if (!settled && now < run->give_up) {
    if (from_timer) {
      run->poll->expires_after(std::chrono::milliseconds(250));
      run->poll->async_wait([&c, run, out](const boost::system::error_code& ec) {
        if (!ec) finish_when_settled(c, run, out, true);
      });
    }
    return;
  }
  run->done = true;
  c.supervision.unwatch(run->watch_id);
  run->poll->cancel();
  proto::SweepResponse resp;
  for (const auto& [name, before] : run->before) {
    const core::state::MountRecord* r = c.broker.record(name);
    if (!r) continue;
    proto::SweepItem item{name, phase_name(r->phase), action_between(before, *r), healthy(*r),
                          r->last_error};
    if (c.supervision.settling(name)) {
      item.action += " (still running)";
      item.healthy = false;
    }
    resp.healthy = resp.healthy && item.healthy;
    resp.mounts.push_back(std::move(item));
  }
  resp.duration_ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(now - run->started).count();
  c.monitors.sweep_ended(resp.duration_ms, resp.healthy);
  // In the same write as the sweep's changes: the reply waits for it.
  c.broker.note_sweep(resp.duration_ms, static_cast<std::int64_t>(std::time(nullptr)));
  finish_durable(c, out, resp);
}

// The longest a sweep can take: probe, force unmount and remount, each with its deadline.
std::chrono::seconds bound(const core::config::Config& cfg) {
  int worst = 0;
  for (const auto& m : cfg.mounts)
    worst = std::max(worst, m.settings.probe_timeout_sec + 2 * m.settings.mount_timeout_sec + 10);
  return std::chrono::seconds(worst);
}

}  // namespace

void sweep(Context& c, const proto::SweepRequest& req, Out out) {
  if (!c.broker.has_config())
    return out->finish({0, proto::ErrorBody{proto::ErrorCode::config_invalid,
                                            "no valid config is in force; fix it, then reload"}});
  if (c.broker.read_only())
    return out->finish({0, proto::ErrorBody{proto::ErrorCode::state_read_only,
                                            "state.json is from a newer mount-broker"}});
  c.monitors.sweep_started();
  c.broker.reconcile(c.supervision.settling_mounts());
  auto run = std::make_shared<SweepRun>();
  run->started = std::chrono::steady_clock::now();
  run->give_up = run->started + bound(*c.broker.config());
  run->poll = std::make_unique<boost::asio::steady_timer>(c.io);
  const auto mounts = c.broker.config()->mounts;  // a copy: apply() may not reload, but be safe
  for (const auto& m : mounts)
    if (const core::state::MountRecord* r = c.broker.record(m.name)) run->before[m.name] = *r;
  // Idle checks first: a probe the Tick starts would otherwise make the mount look busy.
  if (auto table = c.broker.table()->read())
    for (const auto& m : mounts) check_idle(c, m, *table);
  for (const auto& m : mounts) c.supervision.apply(m.name, core::supervisor::Tick{req.now});
  std::vector<std::string> names;
  for (const auto& [name, before] : run->before) names.push_back(name);
  run->cursor.emplace(std::move(names));
  run->watch_id = c.supervision.watch([&c, run, out](const core::state::MountRecord&) {
    if (run->check_posted) return;
    run->check_posted = true;
    boost::asio::post(c.io, [&c, run, out] {
      run->check_posted = false;
      finish_when_settled(c, run, out, false);
    });
  });
  finish_when_settled(c, run, out, true);
}

}  // namespace mb::broker::ops
