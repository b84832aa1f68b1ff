#include "mountctl/progress.hpp"

#include <catch2/catch.hpp>

using namespace std::chrono_literals;
using mb::ctl::elapsed_text;
using mb::ctl::Waiting;
using mb::ctl::waiting_text;

TEST_CASE("elapsed time reads in tenths of a second, then whole seconds") {
  CHECK(elapsed_text(0ms) == "0.0 s");
  CHECK(elapsed_text(2460ms) == "2.4 s");
  CHECK(elapsed_text(9999ms) == "9.9 s");
  CHECK(elapsed_text(12500ms) == "12 s");
  CHECK(elapsed_text(-5ms) == "0.0 s");
}

TEST_CASE("the waiting line names what is awaited") {
  CHECK(waiting_text(Waiting::connect, "/run/mb.sock", "mount photos", 2400ms) ==
        "waiting for the broker at /run/mb.sock: 2.4 s");
  CHECK(waiting_text(Waiting::reply, "/run/mb.sock", "photos: mounting", 31000ms) ==
        "photos: mounting: 31 s");
}
