#include "process/child_spec.hpp"

#include <algorithm>
#include <catch2/catch.hpp>

using namespace mb::process;

TEST_CASE("child_spec: the minimal environment is PATH and the C locale, nothing else") {
  auto env = minimal_env();
  CHECK(env ==
        std::vector<std::string>{"PATH=/usr/sbin:/usr/bin:/sbin:/bin", "LANG=C", "LC_ALL=C"});
  // No HOME, no variable of the broker's own environment.
  CHECK(std::none_of(env.begin(), env.end(),
                     [](const std::string& v) { return v.rfind("HOME=", 0) == 0; }));
}

TEST_CASE("child_spec: defaults bound every child and leak nothing") {
  Spec s;
  CHECK(s.env == minimal_env());
  CHECK_FALSE(s.stdin_data);
  CHECK_FALSE(s.secret);
  CHECK(s.deadline.count() > 0);
  CHECK(s.kill_grace.count() > 0);
  CHECK(s.abandon_after.count() > 0);
  CHECK(s.capture_limit == 64 * 1024);
  CHECK_FALSE(s.new_session);
  CHECK_FALSE(s.detach);
  CHECK(s.kill_signal == SIGKILL);
  SecretPipe p;
  CHECK(p.fd == 3);  // mount.cifs reads PASSWD_FD=3
}
