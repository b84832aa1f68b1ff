#include "broker/server/idle_exit.hpp"

namespace mb::broker::server {

struct IdleExit::Shared {
  Shared(boost::asio::io_context& io, std::chrono::milliseconds w, std::function<void()> cb)
      : timer(io), window(w), on_idle(std::move(cb)) {}
  boost::asio::steady_timer timer;
  std::chrono::milliseconds window;
  std::function<void()> on_idle;
  int holds = 0;
  bool fired = false;

  void arm() {
    if (fired) return;
    timer.expires_after(window);
    timer.async_wait([this](const boost::system::error_code& ec) {
      // Cancelled when something took a hold; a hold taken after expiry also wins.
      if (ec || holds > 0 || fired) return;
      fire();
    });
  }
  void fire() {
    fired = true;
    timer.cancel();
    if (on_idle) on_idle();
  }
  void take() {
    ++holds;
    timer.cancel();
  }
  void release() {
    if (--holds == 0) arm();
  }
};

IdleExit::Hold::Hold(std::shared_ptr<Shared> s) : shared_(std::move(s)) {
  if (auto p = shared_.lock()) p->take();
}

IdleExit::Hold& IdleExit::Hold::operator=(Hold&& o) noexcept {
  if (this != &o) {
    if (auto p = shared_.lock()) p->release();
    shared_ = std::move(o.shared_);
    o.shared_.reset();
  }
  return *this;
}

IdleExit::Hold::~Hold() {
  if (auto p = shared_.lock()) p->release();
}

IdleExit::IdleExit(boost::asio::io_context& io, std::chrono::milliseconds window,
                   std::function<void()> on_idle)
    : shared_(std::make_shared<Shared>(io, window, std::move(on_idle))) {}

IdleExit::~IdleExit() {
  shared_->timer.cancel();
}

IdleExit::Hold IdleExit::hold() {
  return Hold(shared_);
}

void IdleExit::start() {
  if (shared_->holds == 0) shared_->arm();
}

void IdleExit::fire_now() {
  if (!shared_->fired) shared_->fire();
}

}  // namespace mb::broker::server
