#include "util/name_index.hpp"

#include <catch2/catch.hpp>

namespace mb::util {
namespace {

struct Named {
  std::string name;
  int value = 0;
};

std::vector<Named> numbered(int n) {
  std::vector<Named> v;
  for (int i = 0; i < n; ++i) v.push_back({"m" + std::to_string(i), i});
  return v;
}

}  // namespace

TEST_CASE("the name index finds every element and misses unknown names") {
  auto v = numbered(1000);
  NameIndex index;
  for (int i = 0; i < 1000; ++i) {
    const Named* e = index.find(v, "m" + std::to_string(i));
    REQUIRE(e);
    CHECK(e->value == i);
  }
  CHECK(index.find(v, "m1000") == nullptr);
  CHECK(index.find(v, "") == nullptr);
}

TEST_CASE("the name index follows a vector that grows, is rebuilt, or renames in place") {
  auto v = numbered(3);
  NameIndex index;
  REQUIRE(index.find(v, "m1"));
  v.push_back({"late", 7});  // may move the elements
  REQUIRE(index.find(v, "late"));
  CHECK(index.find(v, "late")->value == 7);
  CHECK(index.find(v, "m2")->value == 2);

  v = {{"x", 1}, {"m1", 9}};  // a new vector, other order
  CHECK(index.find(v, "m1")->value == 9);
  CHECK(index.find(v, "m0") == nullptr);

  v[0].name = "renamed";  // same size, same place: a miss is confirmed by a scan
  CHECK(index.find(v, "renamed")->value == 1);
  CHECK(index.find(v, "x") == nullptr);
}

TEST_CASE("the first of two equal names wins, as a scan would find it") {
  std::vector<Named> v{{"a", 1}, {"a", 2}, {"b", 3}};
  NameIndex index;
  CHECK(index.find(v, "a")->value == 1);
}

}  // namespace mb::util
