#include "process/outcome.hpp"

#include <catch2/catch.hpp>
#include <csignal>

using namespace mb::process;

TEST_CASE("outcome: describe says how a child ended, for logs and last_error") {
  Outcome o;
  o.ending = Ending::exited;
  o.exit_code = 32;
  CHECK(o.describe() == "exited with status 32");
  o.ending = Ending::signalled;
  o.signal = SIGKILL;
  CHECK(o.describe() == "killed by signal 9 (Killed)");
  o.ending = Ending::abandoned;
  CHECK(o.describe() == "abandoned: did not exit after SIGKILL (stuck in the kernel)");
  o.ending = Ending::spawn_failed;
  o.error = "mount.cifs: not found in PATH /bin";
  CHECK(o.describe() == "could not start: mount.cifs: not found in PATH /bin");
}

TEST_CASE("outcome: a deadline or terminate() is named before the ending") {
  Outcome o;
  o.ending = Ending::signalled;
  o.signal = SIGTERM;
  o.timed_out = true;
  CHECK(o.describe() == "timed out; killed by signal 15 (Terminated)");
  o.timed_out = false;
  o.terminated = true;
  o.ending = Ending::exited;
  o.exit_code = 0;
  CHECK(o.describe() == "terminated; exited with status 0");
  // A spawn failure never started, so no deadline can be blamed.
  o.ending = Ending::spawn_failed;
  o.error = "pipe: Too many open files";
  CHECK(o.describe() == "could not start: pipe: Too many open files");
}

TEST_CASE("outcome: only a clean exit 0 within the deadline succeeds") {
  Outcome o;
  CHECK_FALSE(o.succeeded());  // the default is a spawn failure
  o.ending = Ending::exited;
  o.exit_code = 0;
  CHECK(o.succeeded());
  o.timed_out = true;  // exited 0 after SIGTERM: the work may be half done
  CHECK_FALSE(o.succeeded());
  o.timed_out = false;
  o.exit_code = 1;
  CHECK_FALSE(o.succeeded());
  o.ending = Ending::signalled;
  o.exit_code = 0;
  CHECK_FALSE(o.succeeded());
  o.ending = Ending::abandoned;
  CHECK_FALSE(o.succeeded());
}
