#include "mountctl/doctor/run_command.hpp"

#include <catch2/catch.hpp>

using namespace mb::ctl::doctor;
using namespace std::chrono_literals;

TEST_CASE("a query command runs without a shell and reports its exit status and output") {
  auto r = run_command({"sh", "-c", "echo disabled && exit 1"}, 5s);
  CHECK(r.ran);
  CHECK(r.exit_code == 1);
  CHECK(r.out == "disabled\n");
}

TEST_CASE("a query command that hangs is ended at its deadline") {
  auto r = run_command({"sleep", "30"}, 200ms);
  CHECK_FALSE(r.ran);
  CHECK_THAT(r.error, Catch::Contains("timed out"));
}

TEST_CASE("a query command that does not exist does not run") {
  auto r = run_command({"no-such-service-manager"}, 1s);
  CHECK_FALSE(r.ran);
  CHECK_FALSE(r.error.empty());
}
