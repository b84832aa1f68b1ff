#include "broker/service/save_retry.hpp"

#include <spdlog/spdlog.h>

namespace mb::broker::service {

SaveRetry::SaveRetry(boost::asio::io_context& io, Broker& broker, server::IdleExit& idle,
                     std::chrono::milliseconds period)
    : io_(io), broker_(broker), idle_(idle), period_(period) {
  broker_.set_save_failed_hook([this] { arm(); });
  // The reconcile at start may already have failed to save.
  if (!broker_.saved()) arm();
}

SaveRetry::~SaveRetry() {
  broker_.set_save_failed_hook({});
}

void SaveRetry::arm() {
  if (stopping_ || timer_) return;
  hold_ = idle_.hold();
  timer_ = std::make_unique<boost::asio::steady_timer>(io_, period_);
  timer_->async_wait([this](const boost::system::error_code& ec) {
    if (!ec) retry();
  });
}

void SaveRetry::retry() {
  timer_.reset();
  broker_.save_state();
  if (broker_.saved()) {
    hold_ = {};  // nothing unsaved: the broker may exit when idle
    return;
  }
  arm();
}

void SaveRetry::stop() {
  stopping_ = true;
  timer_.reset();  // cancels the wait; its handler sees operation_aborted
  hold_ = {};
}

void SaveRetry::last_save() {
  if (broker_.saved()) return;
  broker_.save_state();
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
