#include "mountctl/render/retry.hpp"

#include <catch2/catch.hpp>

using namespace mb::ctl::render;
using mb::proto::MountStatus;

namespace {
constexpr std::int64_t kNow = 1795290600;

MountStatus mount(const char* state, const char* desired, const char* error_class,
                  std::int64_t next_attempt_at) {
  MountStatus m;
  m.name = "photos";
  m.state = state;
  m.desired = desired;
  m.error_class = error_class;
  m.next_attempt_at = next_attempt_at;
  return m;
}
}  // namespace

TEST_CASE("a scheduled retry shows how many seconds are left") {
  auto m = mount("failed", "mounted", "network", kNow + 28);
  CHECK(retry_cell(m, kNow) == "in 28 s");
  CHECK(retry_sentence(m, kNow) == "retrying in 28 s");
  auto r = mount("recovering", "mounted", "timeout", kNow + 5);
  CHECK(retry_cell(r, kNow) == "in 5 s");
  // Overdue (the broker is not running to act on it): the next sweep or command does it.
  CHECK(retry_cell(m, kNow + 100) == "in 0 s");
}

TEST_CASE("an auth failure is never retried and says what to run") {
  auto m = mount("failed", "mounted", "auth", 0);
  CHECK(retry_cell(m, kNow) == "no (auth)");
  CHECK(retry_sentence(m, kNow) ==
        "will not retry (auth): run sudo mountctl setup photos (if the password changed), then "
        "mountctl mount photos");
  auto c = mount("failed", "mounted", "config", 0);
  CHECK_THAT(retry_sentence(c, kNow), Catch::StartsWith("will not retry (config): fix the config"));
}

TEST_CASE("a config failure a fix on disk may cure is retried at each sweep") {
  auto m = mount("failed", "mounted", "config", 0);
  m.retry_each_sweep = true;
  CHECK(retry_cell(m, kNow) == "next sweep");
  CHECK_THAT(retry_sentence(m, kNow), Catch::StartsWith("retrying at each sweep"));
}

TEST_CASE("nothing is pending for healthy, unwanted or in-flight mounts") {
  CHECK(retry_cell(mount("mounted", "mounted", "", 0), kNow).empty());
  CHECK(retry_cell(mount("failed", "unmounted", "auth", 0), kNow).empty());
  CHECK(retry_sentence(mount("unmounted", "unmounted", "", 0), kNow).empty());
  CHECK(retry_cell(mount("recovering", "mounted", "network", 0), kNow) == "now");
}
