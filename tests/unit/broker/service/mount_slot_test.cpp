#include "broker/service/mount_slot.hpp"

#include <boost/asio/io_context.hpp>
#include <catch2/catch.hpp>

namespace mb::broker::service {
namespace {

using namespace std::chrono_literals;
using core::supervisor::Action;

// An IdleExit with no window: it fires as soon as nothing holds it and the loop runs.
struct Idle {
  boost::asio::io_context io;
  bool fired = false;
  server::IdleExit exit{io, 0ms, [this] { fired = true; }};
  bool fires() {
    io.restart();
    io.poll();
    return fired;
  }
};

}  // namespace

TEST_CASE("an action asked for while the mount's child runs is taken once, after the child") {
  MountSlot s;
  CHECK_FALSE(s.busy());
  CHECK_FALSE(s.take_deferred());
  s.start({});
  s.defer(Action::mount);
  s.defer(Action::unmount);  // a later request replaces an earlier one
  CHECK(s.has_deferred());
  CHECK_FALSE(s.take_deferred());  // the child still runs
  s.finish();
  CHECK(s.take_deferred() == Action::unmount);
  CHECK_FALSE(s.has_deferred());
  CHECK_FALSE(s.take_deferred());
}

TEST_CASE("a child that starts after the first one ends keeps the held-back action waiting") {
  MountSlot s;
  s.start({});
  s.defer(Action::unmount);
  s.finish();
  s.start({});  // the supervisor's answer to the first child started another one
  CHECK_FALSE(s.take_deferred());
  s.finish();
  CHECK(s.take_deferred() == Action::unmount);
}

TEST_CASE("a mount slot keeps the broker alive while its child runs or its probe waits") {
  Idle idle;
  MountSlot s;
  s.start(idle.exit.hold());
  s.probe_queued(idle.exit.hold());
  idle.exit.start();
  CHECK_FALSE(idle.fires());
  s.finish();
  CHECK_FALSE(idle.fires());  // the queued probe still holds
  s.probe_dequeued();
  CHECK(idle.fires());
}

TEST_CASE("dropping a mount slot's retry cancels its timer and releases its hold") {
  Idle idle;
  MountSlot s;
  CHECK(s.retry_due() == 0);
  auto timer = std::make_unique<boost::asio::steady_timer>(idle.io, 1h);
  boost::system::error_code seen;
  timer->async_wait([&](const boost::system::error_code& ec) { seen = ec; });
  s.arm_retry(std::move(timer), idle.exit.hold(), 1234);
  CHECK(s.retry_due() == 1234);
  idle.exit.start();
  CHECK_FALSE(idle.fires());
  s.drop_retry();
  CHECK(s.retry_due() == 0);
  CHECK(idle.fires());
  CHECK(seen == boost::asio::error::operation_aborted);
}

TEST_CASE("arming a mount slot's retry again replaces the earlier timer") {
  Idle idle;
  MountSlot s;
  auto first = std::make_unique<boost::asio::steady_timer>(idle.io, 1h);
  boost::system::error_code seen;
  first->async_wait([&](const boost::system::error_code& ec) { seen = ec; });
  s.arm_retry(std::move(first), idle.exit.hold(), 10);
  s.arm_retry(std::make_unique<boost::asio::steady_timer>(idle.io, 1h), idle.exit.hold(), 20);
  CHECK(s.retry_due() == 20);
  idle.exit.start();
  CHECK_FALSE(idle.fires());
  CHECK(seen == boost::asio::error::operation_aborted);
}

}  // namespace mb::broker::service
