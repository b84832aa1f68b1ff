#include "broker/service/supervisor_shell.hpp"

#include <spdlog/spdlog.h>

#include "broker/effects/tunnel.hpp"
#include "core/config/server_key.hpp"
#include "core/metrics/failure_count.hpp"
#include "platform/resolve_mountpoint.hpp"
#include "util/unix_time.hpp"

namespace mb::broker::service {

using core::supervisor::Action;
namespace asio = boost::asio;

namespace {
// An unprivileged `mountctl probe` may be answered from a result this young: a flood of probes
// costs one child per mount per window, not one per request.
constexpr std::chrono::seconds kProbeReuse{5};
// Probes one unprivileged uid may have queued or running that its own requests started.
constexpr int kProbesPerUid = 2;

const char* action_name(Action a) {
  switch (a) {
    case Action::mount:
      return "mount";
    case Action::unmount:
      return "unmount";
    case Action::force_unmount:
      return "force unmount";
    case Action::probe:
      return "probe";
  }
  return "?";
}
}  // namespace

SupervisorShell::SupervisorShell(asio::io_context& io, Instance& broker, server::IdleExit& idle,
                                 effects::Context ctx, std::chrono::milliseconds idle_window)
    : io_(io),
      broker_(broker),
      idle_(idle),
      ctx_(std::move(ctx)),
      idle_window_(idle_window),
      probes_(kProbeReuse, kProbesPerUid) {
  ctx_.state_file = broker_.state_dir() + "/state.json";
  ctx_.configured_mount_point = [this](const std::string& path) {
    if (const core::config::Config* cfg = broker_.config())
      for (const auto& m : cfg->mounts)
        if (platform::resolve_mountpoint(m.mountpoint) == path) return true;
    return false;
  };
  ctx_.note_helper = [this](const std::string& name, pid_t pid, std::uint64_t start) {
    core::state::MountRecord* r = broker_.record(name);
    if (!r || (r->helper_pid == pid && r->helper_start == start)) return;
    r->helper_pid = pid;
    r->helper_start = start;
    broker_.save_state();
    // The helper's gate waits for its pid in state.json: no batching delay for this one.
    broker_.when_durable([](bool) {});
  };
  ctx_.note_tunnel = [this](const std::string& name, pid_t pid, std::uint64_t start, int port) {
    core::state::MountRecord* r = broker_.record(name);
    if (!r) return;
    r->tunnel_pid = pid;
    r->tunnel_start = start;
    r->tunnel_port = port;
    broker_.save_state();
  };
}

SupervisorShell::~SupervisorShell() {
  *alive_ = false;
}

void SupervisorShell::apply(const std::string& name, const core::supervisor::Event& event) {
  core::state::MountRecord* r = broker_.record(name);
  const core::config::MountConfig* m = broker_.mount_config(name);
  if (!r || !m) return;  // removed by a reload meanwhile
  auto result = core::supervisor::step(*r, event, m->settings, util::unix_now(),
                                       server_unsure_failures(name));
  core::metrics::count_failure(event, result.next);
  bool changed = result.next != *r;
  if (result.next.phase != r->phase)
    spdlog::info("{}: {} -> {}{}{}", name, core::state::to_string(r->phase),
                 core::state::to_string(result.next.phase),
                 result.next.reason == core::state::Reason::none
                     ? ""
                     : " (" + std::string(core::state::to_string(result.next.reason)) + ")",
                 result.next.last_error.empty() || result.next.last_error == r->last_error
                     ? ""
                     : ": " + result.next.last_error);
  *r = std::move(result.next);
  // The tunnel never outlives its mount: unmounted, failed or waiting to retry ends it.
  changed = effects::end_stray_tunnel(*r) || changed;
  if (changed) {
    broker_.save_state();
    notify(*r);
  }
  // Intent is on disk before the effect: a mount or unmount child starts once the write that
  // holds its record is done (a broker killed meanwhile leaves the old intent, not an
  // undone effect). A probe does not wait: its record only matters after it reports.
  bool effects = false;
  for (Action a : result.actions) effects = effects || a != Action::probe;
  if (changed && effects)
    act_when_durable(name, result.actions);
  else
    for (Action a : result.actions) act(name, a);
  arm_retry(name, core::supervisor::next_due(*r, m->settings));
}

// The unknown-class failure times of the other mounts of this mount's server: the logon
// budget is the server's (supervisor/logon_budget.hpp).
std::vector<std::int64_t> SupervisorShell::server_unsure_failures(const std::string& name) {
  std::vector<std::int64_t> out;
  const core::config::Config* cfg = broker_.config();
  if (!cfg) return out;
  if (peers_generation_ != broker_.config_generation()) {
    server_peers_ = core::config::server_peers(*cfg);
    peers_generation_ = broker_.config_generation();
  }
  auto peers = server_peers_.find(name);
  if (peers == server_peers_.end()) return out;
  for (const auto& other : peers->second)
    if (const core::state::MountRecord* o = broker_.state().find(other))
      out.insert(out.end(), o->unsure_failures.begin(), o->unsure_failures.end());
  return out;
}

void SupervisorShell::act_when_durable(const std::string& name, std::vector<Action> actions) {
  // The slot is busy meanwhile: one child per mount, and a request in between is deferred.
  slots_[name].start(idle_.hold());
  std::weak_ptr<bool> alive = alive_;
  // Whether the write worked or not, the action goes ahead, as with a failed save before:
  // the change is kept in memory, the reply says not_saved, the writer retries.
  broker_.when_durable([this, alive, name, actions](bool) {
    if (alive.expired()) return;
    slots_[name].finish();
    for (Action a : actions) act(name, a);
  });
}

const MountSlot* SupervisorShell::find_slot(const std::string& name) const {
  auto it = slots_.find(name);
  return it == slots_.end() ? nullptr : &it->second;
}

bool SupervisorShell::busy(const std::string& name) const {
  const MountSlot* s = find_slot(name);
  return s && s->busy();
}

bool SupervisorShell::settling(const std::string& name) const {
  const MountSlot* s = find_slot(name);
  return (s && (s->busy() || s->has_deferred())) || probes_.pending(name);
}

std::set<std::string> SupervisorShell::settling_mounts() const {
  // Only a mount with a slot can be settling (a queued or running probe has one too), so the
  // slots are asked, not every configured mount: a cold `status` has none.
  std::set<std::string> out;
  for (const auto& [name, slot] : slots_)
    if (settling(name) && broker_.mount_config(name)) out.insert(name);
  return out;
}

void SupervisorShell::act(const std::string& name, Action action) {
  if (busy(name)) {
    // One child per mount. A person's request that arrives while a probe runs must not be
    // lost (the record already says unmounting): it runs when the child is done. A probe
    // racing an operation is simply dropped, unless that operation is a client's probe: then
    // its result goes to the supervisor too.
    if (action != Action::probe)
      slots_[name].defer(action);
    else if (probes_.pending(name))
      probes_.want(name);
    spdlog::debug("{}: {} {}: another operation is running", name, action_name(action),
                  action == Action::probe ? "skipped" : "deferred");
    return;
  }
  if (action == Action::probe) {
    if (probes_.want(name)) slots_[name].probe_queued(idle_.hold());
    start_probes();
    return;
  }
  run_effect(name, action);
}

void SupervisorShell::run_effect(const std::string& name, Action action) {
  const core::config::MountConfig* m = broker_.mount_config(name);
  core::state::MountRecord* r = broker_.record(name);
  if (!m || !r) return;
  slots_[name].start(idle_.hold());
  spdlog::debug("{}: {}", name, action_name(action));
  std::weak_ptr<bool> alive = alive_;
  auto done = [this, alive, name, action](core::supervisor::Event ev) {
    if (alive.expired()) return;
    slots_[name].finish();
    if (action == Action::probe)
      probe_done(name, ev);
    else
      apply(name, ev);
    if (auto next = slots_[name].take_deferred()) run_effect(name, *next);
  };
  switch (action) {
    case Action::mount:
      effects::mount(ctx_, *m, *r, done);
      break;
    case Action::unmount:
      effects::unmount(ctx_, *m, *r, done);
      break;
    case Action::force_unmount:
      effects::force_unmount(ctx_, *m, *r, done);
      break;
    case Action::probe:
      effects::probe(ctx_, *m, *r, done);
      break;
  }
}

// Starts queued probes while fewer than max_parallel_probes run.
void SupervisorShell::start_probes() {
  int limit = broker_.settings().max_parallel_probes;
  while (auto name = probes_.next(limit)) {
    slots_[*name].probe_dequeued();
    if (busy(*name) || !broker_.record(*name) || !broker_.mount_config(*name)) {
      // Another child took the mount while the probe waited (a person's unmount), or a reload
      // removed it: one child per mount, and the waiting clients are told.
      auto d = probes_.cancel(*name);
      for (auto& w : d.waiters)
        w(util::error(*name + " is busy with another operation or was removed; probe again"));
      continue;
    }
    run_effect(*name, Action::probe);
  }
}

void SupervisorShell::probe_done(const std::string& name, const core::supervisor::Event& ev) {
  const auto* p = std::get_if<core::supervisor::ProbeFinished>(&ev);
  core::supervisor::ProbeFinished result = p ? *p : core::supervisor::ProbeFinished{};
  auto d = probes_.finish(name, result, std::chrono::steady_clock::now());
  start_probes();
  // Only a sweep's or a privileged client's probe may move the mount (start a recovery).
  if (d.to_supervisor) apply(name, ev);
  for (auto& w : d.waiters) w(result);
}

ProbeScheduler::Ask SupervisorShell::probe_for(const std::string& name,
                                               ProbeScheduler::Client client,
                                               ProbeScheduler::Waiter done) {
  auto ask = probes_.ask(name, client, std::move(done), std::chrono::steady_clock::now());
  if (ask == ProbeScheduler::Ask::queued) {
    slots_[name].probe_queued(idle_.hold());
    start_probes();
  }
  return ask;
}

int SupervisorShell::watch(Watcher w) {
  watchers_[next_watch_] = std::move(w);
  return next_watch_++;
}

void SupervisorShell::unwatch(int id) {
  watchers_.erase(id);
}

void SupervisorShell::notify(const core::state::MountRecord& r) {
  // Copy: a watcher may unwatch itself (or others) while being called.
  auto current = watchers_;
  for (auto& [id, w] : current)
    if (watchers_.count(id)) w(r);
}

void SupervisorShell::stop_timers() {
  stopping_ = true;
  for (auto& [name, slot] : slots_) slot.drop_retry();
}

void SupervisorShell::arm_retry(const std::string& name, std::int64_t due) {
  // Too far away to keep a process for: next_attempt_at is in the state file and the next
  // sweep honours it.
  const auto delay =
      std::chrono::seconds(due == 0 ? 0 : std::max<std::int64_t>(0, due - util::unix_now()));
  if (due == 0 || stopping_ || delay > idle_window_) {
    // Nothing to arm: a timer armed before goes, and no slot is made (a cold `status` of 1,000
    // mounts that retries nothing makes none).
    if (auto it = slots_.find(name); it != slots_.end()) it->second.drop_retry();
    return;
  }
  MountSlot& slot = slots_[name];
  if (slot.retry_due() == due) return;
  auto timer = std::make_unique<asio::steady_timer>(io_, delay);
  std::weak_ptr<bool> alive = alive_;
  timer->async_wait([this, alive, name](const boost::system::error_code& ec) {
    if (ec || alive.expired()) return;
    slots_[name].drop_retry();
    apply(name, core::supervisor::Tick{});
  });
  slot.arm_retry(std::move(timer), idle_.hold(), due);
}

void SupervisorShell::schedule_retries() {
  const core::config::Config* cfg = broker_.config();
  if (!cfg) return;
  // Reconcile keeps the records in the config's order: while every record so far matched its
  // mount (so none before has this mount's name), the i-th record is this mount's.
  const auto& records = broker_.state().mounts;
  bool aligned = true;
  for (std::size_t i = 0; i < cfg->mounts.size(); ++i) {
    const auto& m = cfg->mounts[i];
    aligned = aligned && i < records.size() && records[i].name == m.name;
    const core::state::MountRecord* r = aligned ? &records[i] : broker_.record(m.name);
    if (r) arm_retry(m.name, core::supervisor::next_due(*r, m.settings));
  }
}

}  // namespace mb::broker::service
