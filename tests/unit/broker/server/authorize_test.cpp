#include "broker/server/authorize.hpp"

#include <catch2/catch.hpp>

using mb::broker::server::authorize;
using mb::platform::PeerCredentials;
using mb::proto::Op;

namespace {
PeerCredentials peer(uid_t uid, gid_t gid, std::vector<gid_t> groups = {}) {
  PeerCredentials p;
  p.uid = uid;
  p.gid = gid;
  p.groups = std::move(groups);
  return p;
}
constexpr gid_t kAdmin = 27;
}  // namespace

TEST_CASE("read-only operations are allowed for everyone") {
  for (Op op : {Op::status, Op::version}) {
    CHECK(authorize(op, peer(65534, 65534), kAdmin, "sudo").allowed);
    CHECK(authorize(op, PeerCredentials{}, std::nullopt, "sudo").allowed);
  }
}

TEST_CASE("root may change anything") {
  CHECK(authorize(Op::reload, peer(0, 0), kAdmin, "sudo").allowed);
  CHECK(authorize(Op::reload, peer(0, 0), std::nullopt, "nosuchgroup").allowed);
}

TEST_CASE("members of admin_group may change things, by primary or supplementary group") {
  CHECK(authorize(Op::reload, peer(1000, kAdmin), kAdmin, "sudo").allowed);
  CHECK(authorize(Op::reload, peer(1000, 1000, {4, kAdmin}), kAdmin, "sudo").allowed);
}

TEST_CASE("anyone else is refused a mutating operation with a reason naming the group") {
  auto d = authorize(Op::reload, peer(1000, 1000, {4, 24}), kAdmin, "sudo");
  CHECK_FALSE(d.allowed);
  CHECK_THAT(d.reason, Catch::Contains("reload") && Catch::Contains("\"sudo\""));
}

TEST_CASE("an unknown peer (credentials unreadable) is never treated as root") {
  CHECK_FALSE(authorize(Op::reload, PeerCredentials{}, kAdmin, "sudo").allowed);
}

TEST_CASE("a missing admin_group refuses non-root callers and says the group does not exist") {
  auto d = authorize(Op::reload, peer(1000, 1000), std::nullopt, "wheel");
  CHECK_FALSE(d.allowed);
  CHECK_THAT(d.reason, Catch::Contains("does not exist"));
}

TEST_CASE("the user database is asked for admin_group only when the answer decides") {
  int lookups = 0;
  auto lookup = [&]() -> std::optional<gid_t> {
    ++lookups;
    return kAdmin;
  };
  CHECK(authorize(Op::status, peer(1000, 1000), lookup, "sudo").allowed);
  CHECK(authorize(Op::version, PeerCredentials{}, lookup, "sudo").allowed);
  CHECK(authorize(Op::reload, peer(0, 0), lookup, "sudo").allowed);
  CHECK(lookups == 0);
  CHECK(authorize(Op::reload, peer(1000, kAdmin), lookup, "sudo").allowed);
  CHECK_FALSE(authorize(Op::reload, peer(1000, 1000), lookup, "sudo").allowed);
  CHECK(lookups == 2);
}
