#include "broker/service/state_writer.hpp"

#include <spdlog/spdlog.h>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/post.hpp>
#include <utility>

namespace mb::broker::service {

namespace asio = boost::asio;
using core::state::GroupCommit;

StateWriter::StateWriter(asio::io_context& io, Instance& broker, server::IdleExit& idle,
                         std::chrono::milliseconds gap, std::chrono::milliseconds retry)
    : io_(io), broker_(broker), idle_(idle), commit_(gap, retry), timer_(io) {
  broker_.set_writer({[this] { changed(); }, [this](GroupCommit::Waiter w) { when_durable(w); }});
  // The reconcile at start may already have failed to save.
  if (!broker_.saved()) changed();
}

StateWriter::~StateWriter() {
  *alive_ = false;
  if (thread_) thread_->join();
  broker_.set_writer({});
}

void StateWriter::changed() {
  commit_.changed();
  post_pump();
}

void StateWriter::when_durable(GroupCommit::Waiter w) {
  if (auto now = commit_.when_durable(std::move(w))) return (*now)(true);
  post_pump();
}

// At the end of the current turn of the loop: every change one handler makes is one batch.
void StateWriter::post_pump() {
  if (!held_) {
    hold_ = idle_.hold();
    held_ = true;
  }
  if (pump_posted_) return;
  pump_posted_ = true;
  std::weak_ptr<bool> alive = alive_;
  asio::post(io_, [this, alive] {
    if (alive.expired()) return;
    pump_posted_ = false;
    pump();
  });
}

void StateWriter::pump() {
  auto now = GroupCommit::Clock::now();
  auto next = commit_.next(now);
  if (next.what == GroupCommit::Next::write_now) {
    start_write();
  } else if (next.what == GroupCommit::Next::wait_until && !stopping_ && !timer_armed_) {
    timer_armed_ = true;
    timer_.expires_at(next.at);
    std::weak_ptr<bool> alive = alive_;
    timer_.async_wait([this, alive](const boost::system::error_code& ec) {
      if (alive.expired()) return;
      timer_armed_ = false;
      if (!ec) pump();
    });
  }
  if (commit_.settled() && held_) {
    hold_ = {};  // nothing unsaved: the broker may exit when idle
    held_ = false;
  }
}

void StateWriter::start_write() {
  commit_.started(GroupCommit::Clock::now());
  // A copy, so the loop goes on changing the state while the thread serializes and writes.
  auto snapshot = std::make_shared<const core::state::State>(broker_.state());
  // The loop must not end while the write is in flight: its result comes back to the loop.
  auto work = std::make_shared<asio::executor_work_guard<asio::io_context::executor_type>>(
      io_.get_executor());
  std::weak_ptr<bool> alive = alive_;
  if (!thread_) {
    if (before_thread_) std::exchange(before_thread_, nullptr)();
    thread_.emplace(1);
  }
  asio::post(*thread_, [this, alive, snapshot, work] {
    auto st = std::make_shared<util::Status>(broker_.write_state(*snapshot));
    asio::post(io_, [this, alive, st, work] {
      if (!alive.expired()) write_done(std::move(*st));
    });
  });
}

void StateWriter::write_done(util::Status st) {
  const bool ok = static_cast<bool>(st);
  broker_.write_finished(st);
  for (auto& w : commit_.finished(ok, GroupCommit::Clock::now())) w(ok);
  pump();
}

void StateWriter::stop() {
  stopping_ = true;
  timer_.cancel();
}

void StateWriter::last_save() {
  if (commit_.settled()) return;
  broker_.write_finished(broker_.write_state(broker_.state()));
  if (broker_.saved()) return;
  spdlog::critical(
      "state: exiting with changes that could not be saved ({}); the next "
      "activation starts from the older state.json and may undo them:",
      broker_.unsaved_error());
  for (const auto& r : broker_.state().mounts)
    spdlog::critical("state: not saved: {}: desired {}, {}", r.name,
                     core::state::to_string(r.desired), core::state::to_string(r.phase));
}

}  // namespace mb::broker::service
