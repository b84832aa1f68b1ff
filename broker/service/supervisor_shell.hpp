#pragma once
// The shell around the pure supervisor: feeds it events, carries out its actions as child
// processes (broker/effects), keeps retry timers that fall inside the idle window, and tells
// waiting clients when a mount changes. One child per mount at a time; probes of different
// mounts run in parallel up to max_parallel_probes.
#include <boost/asio/io_context.hpp>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "broker/effects/effects.hpp"
#include "broker/server/idle_exit.hpp"
#include "broker/service/instance.hpp"
#include "broker/service/mount_slot.hpp"
#include "broker/service/probe_scheduler.hpp"
#include "core/supervisor/supervisor.hpp"

namespace mb::broker::service {

class SupervisorShell {
 public:
  using Watcher = std::function<void(const core::state::MountRecord&)>;

  SupervisorShell(boost::asio::io_context& io, Instance& broker, server::IdleExit& idle,
              effects::Context ctx, std::chrono::milliseconds idle_window);
  ~SupervisorShell();

  // Feeds one event to one mount's state machine and carries out what it says.
  void apply(const std::string& name, const core::supervisor::Event& event);
  // True while a child works on this mount (or its record is being written before one
  // starts).
  bool busy(const std::string& name) const;
  // Work for this mount is running or waiting to run (a child, a queued probe, an action
  // held back until the running child is done).
  bool settling(const std::string& name) const;
  // The configured mounts that are settling: what Instance::reconcile must leave to that work.
  std::set<std::string> settling_mounts() const;

  // Called after every change of the mount's record; returns an id for unwatch().
  int watch(Watcher w);
  void unwatch(int id);

  // A client's `mountctl probe`, through the same queue and limit as sweeps' probes (see
  // ProbeScheduler): `done` runs once with the result, or with why no probe ran. A privileged
  // client's result goes to the supervisor first. `refused` means `done` will never run.
  ProbeScheduler::Ask probe_for(const std::string& name, ProbeScheduler::Client client,
                                ProbeScheduler::Waiter done);

  // Timers further away than the idle window are left to the next sweep.
  void schedule_retries();
  // The broker is exiting: drop retry timers (next_attempt_at stays in the state file).
  void stop_timers();

 private:
  std::vector<std::int64_t> server_unsure_failures(const std::string& name);
  void act(const std::string& name, core::supervisor::Action action);
  void act_when_durable(const std::string& name, std::vector<core::supervisor::Action> actions);
  void run_effect(const std::string& name, core::supervisor::Action action);
  void start_probes();
  void probe_done(const std::string& name, const core::supervisor::Event& ev);
  void notify(const core::state::MountRecord& r);
  void arm_retry(const std::string& name, std::int64_t due);
  const MountSlot* find_slot(const std::string& name) const;

  boost::asio::io_context& io_;
  Instance& broker_;
  server::IdleExit& idle_;
  effects::Context ctx_;
  std::chrono::milliseconds idle_window_;
  // Everything the shell keeps per mount, by name. A slot is made on first use and kept
  // (it is small, and empty once its work is done).
  std::map<std::string, MountSlot> slots_;
  ProbeScheduler probes_;
  // Mounts sharing a server (core::config::server_peers), for the config generation named.
  std::map<std::string, std::vector<std::string>> server_peers_;
  std::uint64_t peers_generation_ = ~std::uint64_t{0};
  std::map<int, Watcher> watchers_;
  int next_watch_ = 1;
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
  bool stopping_ = false;
};

}  // namespace mb::broker::service
