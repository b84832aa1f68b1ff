#pragma once
// Decides when the broker may exit: after `window` with nothing holding it (no client, no
// child, no timer due inside the window). Anything that keeps the broker busy takes a Hold.
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <functional>
#include <memory>

namespace mb::broker::server {

class IdleExit {
  struct Shared;

 public:
  // Busy while alive. Move-only; safe to outlive the IdleExit.
  class Hold {
   public:
    Hold() = default;
    explicit Hold(std::shared_ptr<Shared> s);
    Hold(Hold&&) noexcept = default;
    Hold& operator=(Hold&&) noexcept;
    Hold(const Hold&) = delete;
    Hold& operator=(const Hold&) = delete;
    ~Hold();

   private:
    std::weak_ptr<Shared> shared_;
  };

  IdleExit(boost::asio::io_context& io, std::chrono::milliseconds window,
           std::function<void()> on_idle);
  ~IdleExit();

  Hold hold();
  // Arms the timer if nothing holds; call once when the broker is ready.
  void start();
  // Fire now (a signal asked us to stop): same path as the idle timer.
  void fire_now();

 private:
  std::shared_ptr<Shared> shared_;
};

}  // namespace mb::broker::server
