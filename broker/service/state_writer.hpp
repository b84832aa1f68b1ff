#pragma once
// Writes state.json off the event loop, one write per batch of changes (core::state::GroupCommit
// decides when). A change marks the state dirty; the writer copies the state and a thread of
// its own serializes and writes it (temp file, fsync, rename, fsync of the directory), so a
// sweep's thousand probe results neither wait for the disk nor cost a thousand writes. A reply
// that says a change is done waits (when_durable) for the write that holds it.
//
// It also keeps the broker alive while anything is unsaved: after a failed write (disk full,
// read-only or immutable directory) it holds the idle exit and tries again every `retry`.
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>
#include <chrono>
#include <functional>
#include <memory>
#include <optional>

#include "broker/server/idle_exit.hpp"
#include "broker/service/instance.hpp"
#include "core/state/group_commit.hpp"

namespace mb::broker::service {

class StateWriter {
 public:
  // Short enough not to be noticed by a person; long enough that a burst of probe results
  // (a sweep) is written a few times a second, not once per result.
  static constexpr std::chrono::milliseconds kGap{100};
  static constexpr std::chrono::seconds kRetry{5};

  // Takes over the broker's saves until destroyed.
  StateWriter(boost::asio::io_context& io, Instance& broker, server::IdleExit& idle,
              std::chrono::milliseconds gap = kGap, std::chrono::milliseconds retry = kRetry);
  ~StateWriter();

  // Runs once, just before the writer's thread starts (the broker's fork server must be
  // forked while the broker is single threaded).
  void before_first_thread(std::function<void()> f) { before_thread_ = std::move(f); }
  // The broker is exiting: no more retry timers (writes still finish).
  void stop();
  // After the loop ended (no write is in flight then): writes what is left, on this thread;
  // what still cannot be saved is logged loudly, mount by mount, because the next activation
  // will not know it.
  void last_save();

 private:
  void changed();
  void when_durable(core::state::GroupCommit::Waiter w);
  void post_pump();
  void pump();
  void start_write();
  void write_done(util::Status st);

  boost::asio::io_context& io_;
  Instance& broker_;
  server::IdleExit& idle_;
  core::state::GroupCommit commit_;
  boost::asio::steady_timer timer_;
  bool timer_armed_ = false;
  bool pump_posted_ = false;
  bool stopping_ = false;
  server::IdleExit::Hold hold_;
  bool held_ = false;
  // Started by the first write: a broker that only answers (a cold `status`) stays single
  // threaded and does not pay for a thread it never uses.
  std::optional<boost::asio::thread_pool> thread_;
  std::function<void()> before_thread_;
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

}  // namespace mb::broker::service
