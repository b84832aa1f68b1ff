#include "broker/server/connection_limits.hpp"

#include <catch2/catch.hpp>
#include <vector>

using mb::broker::server::ConnectionLimits;
using mb::broker::server::Limits;
using mb::broker::server::limits_for;
using Verdict = ConnectionLimits::Verdict;

TEST_CASE("the limits follow RLIMIT_NOFILE and keep descriptors back for the broker") {
  CHECK(limits_for(1024).total == 256);
  CHECK(limits_for(1024).per_uid == 16);
  CHECK(limits_for(64).total == 16);
  CHECK(limits_for(64).per_uid == 4);
  CHECK(limits_for(20).total == 4);  // never below a usable minimum
  CHECK(limits_for(20).per_uid == 2);
  CHECK(limits_for(1048576).total == 256);
  for (rlim_t n : {64, 128, 256, 1024, 4096})
    CHECK(limits_for(n).total + mb::broker::server::kReservedDescriptors <= n);
}

TEST_CASE("one user gets at most per_uid connections and a place frees when a slot ends") {
  ConnectionLimits limits(Limits{10, 2});
  std::vector<ConnectionLimits::Slot> held(2);
  CHECK(limits.admit(1000, false, held[0]) == Verdict::admitted);
  CHECK(limits.admit(1000, false, held[1]) == Verdict::admitted);
  ConnectionLimits::Slot extra;
  CHECK(limits.admit(1000, false, extra) == Verdict::over_per_uid);
  CHECK(limits.admit(1001, false, extra) == Verdict::admitted);  // another user is not affected
  held.pop_back();
  CHECK(limits.count(1000) == 1);
  ConnectionLimits::Slot again;
  CHECK(limits.admit(1000, false, again) == Verdict::admitted);
}

TEST_CASE("unprivileged users together get at most total, root and admins always get in") {
  ConnectionLimits limits(Limits{3, 2});
  std::vector<ConnectionLimits::Slot> held(3);
  CHECK(limits.admit(1, false, held[0]) == Verdict::admitted);
  CHECK(limits.admit(2, false, held[1]) == Verdict::admitted);
  CHECK(limits.admit(3, false, held[2]) == Verdict::admitted);
  ConnectionLimits::Slot s;
  CHECK(limits.admit(4, false, s) == Verdict::over_total);
  for (int i = 0; i < 50; ++i) {
    ConnectionLimits::Slot root;
    CHECK(limits.admit(0, true, root) == Verdict::admitted);
    CHECK(limits.admit(1002, true, root) == Verdict::admitted);  // an admin_group member
  }
  CHECK(limits.count(0) == 0);  // privileged clients are not counted
}

TEST_CASE("a slot may outlive its limits and moving it keeps one place") {
  ConnectionLimits::Slot outliving;
  {
    ConnectionLimits limits(Limits{4, 1});
    ConnectionLimits::Slot a;
    REQUIRE(limits.admit(7, false, a) == Verdict::admitted);
    ConnectionLimits::Slot b = std::move(a);
    CHECK(limits.count(7) == 1);
    outliving = std::move(b);
    CHECK(limits.count(7) == 1);
  }
  // Destroyed after the limits: nothing to release into, nothing breaks.
}
