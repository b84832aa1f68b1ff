#include "broker/ops/settle_cursor.hpp"

#include <catch2/catch.hpp>
#include <set>

namespace mb::broker::ops {
namespace {

std::vector<std::string> names(int n) {
  std::vector<std::string> out;
  for (int i = 0; i < n; ++i) out.push_back("m" + std::to_string(i));
  return out;
}

TEST_CASE("a sweep's settle checks cost about one look per mount in all, not one per change") {
  const int n = 1000;
  std::set<std::string> busy;
  for (const auto& name : names(n)) busy.insert(name);
  SettleCursor cursor(names(n));
  long looks = 0;
  auto settling = [&](const std::string& name) {
    ++looks;
    return busy.count(name) > 0;
  };
  // Every mount settles in turn, and after each change the sweep asks once.
  for (const auto& name : names(n)) {
    CHECK_FALSE(cursor.settled(settling));
    busy.erase(name);
  }
  CHECK(cursor.settled(settling));
  CHECK(looks <= 3 * n);  // asking every mount each time would be n * n / 2
}

TEST_CASE("a mount that starts work again after it settled is waited for") {
  std::set<std::string> busy{"m1"};
  SettleCursor cursor(names(3));
  auto settling = [&](const std::string& name) { return busy.count(name) > 0; };
  CHECK_FALSE(cursor.settled(settling));
  busy = {"m2"};
  CHECK_FALSE(cursor.settled(settling));
  busy = {"m0"};  // behind the cursor: a recovery after its probe
  CHECK_FALSE(cursor.settled(settling));
  busy.clear();
  CHECK(cursor.settled(settling));
}

TEST_CASE("a sweep over no mount is settled at once") {
  SettleCursor cursor({});
  CHECK(cursor.settled([](const std::string&) { return true; }));
}

}  // namespace
}  // namespace mb::broker::ops
