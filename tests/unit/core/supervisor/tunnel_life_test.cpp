#include "core/supervisor/tunnel_life.hpp"

#include <catch2/catch.hpp>

namespace sv = mb::core::supervisor;
using mb::core::state::Phase;

TEST_CASE("tunnel life: a tunnel runs only while its mount exists or is being worked on") {
  for (Phase p :
       {Phase::mounting, Phase::mounted, Phase::degraded, Phase::recovering, Phase::unmounting})
    CHECK(sv::tunnel_may_run(p));
  for (Phase p : {Phase::unmounted, Phase::failed, Phase::backoff})
    CHECK_FALSE(sv::tunnel_may_run(p));
}

TEST_CASE("tunnel life: only a recorded tunnel in a phase without a mount is ended") {
  mb::core::state::MountRecord r;
  r.phase = Phase::unmounted;
  CHECK_FALSE(sv::tunnel_to_end(r));  // nothing recorded
  r.tunnel_pid = 4242;
  CHECK(sv::tunnel_to_end(r));
  r.phase = Phase::mounted;
  CHECK_FALSE(sv::tunnel_to_end(r));
  r.phase = Phase::failed;
  CHECK(sv::tunnel_to_end(r));
}
