#pragma once
// Keeps the broker alive while its state is not on disk. A save that failed (disk full, an
// immutable or read-only state directory) leaves changes a person was told about only in
// memory; exiting then would let the next activation undo them (an unmounted share seen as
// "lost" and mounted again). So while the state is unsaved this holds the idle exit and
// retries the save every `period`; once a save succeeds the broker may exit as usual.
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <memory>

#include "broker/server/idle_exit.hpp"
#include "broker/service/broker.hpp"

namespace mb::broker::service {

class SaveRetry {
 public:
  static constexpr std::chrono::seconds kPeriod{5};

  SaveRetry(boost::asio::io_context& io, Broker& broker, server::IdleExit& idle,
            std::chrono::milliseconds period = kPeriod);
  ~SaveRetry();

  // The broker is exiting (only a signal can make it exit while unsaved): no more timers.
  void stop();
  // After the last child reported: one last save; what still cannot be saved is logged
  // loudly, mount by mount, because the next activation will not know it.
  void last_save();

 private:
  void arm();
  void retry();

  boost::asio::io_context& io_;
  Broker& broker_;
  server::IdleExit& idle_;
  std::chrono::milliseconds period_;
  std::unique_ptr<boost::asio::steady_timer> timer_;
  server::IdleExit::Hold hold_;
  bool stopping_ = false;
};

}  // namespace mb::broker::service
