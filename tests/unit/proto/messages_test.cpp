#include "proto/messages.hpp"

#include <catch2/catch.hpp>
#include <string>

using namespace mb::proto;

namespace {
constexpr Op kEvery[] = {Op::status,  Op::version, Op::reload, Op::mount,
                         Op::unmount, Op::probe,   Op::sweep,  Op::monitor};
}  // namespace

TEST_CASE("messages: every op's name reads back as that op") {
  for (Op op : kEvery) {
    INFO(std::string(to_string(op)));
    CHECK(op_from_string(to_string(op)) == op);
  }
  CHECK_FALSE(op_from_string("stauts"));
  CHECK_FALSE(op_from_string("Status"));
}

TEST_CASE("messages: a request body names its op (the variant follows the order of Op)") {
  CHECK(op_of(RequestBody{StatusRequest{}}) == Op::status);
  CHECK(op_of(RequestBody{MountRequest{}}) == Op::mount);
  CHECK(op_of(RequestBody{UnmountRequest{}}) == Op::unmount);
  CHECK(op_of(RequestBody{MonitorRequest{}}) == Op::monitor);
}

// Mutating requests wait for the durable save before their reply, and need root or
// admin_group; the read-only ones must not.
TEST_CASE("messages: exactly reload, mount, unmount and sweep change state") {
  for (Op op : kEvery) {
    const bool expected =
        op == Op::reload || op == Op::mount || op == Op::unmount || op == Op::sweep;
    INFO(std::string(to_string(op)));
    CHECK(is_mutating(op) == expected);
  }
}
