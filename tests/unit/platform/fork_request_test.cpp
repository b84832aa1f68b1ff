#include "platform/fork_request.hpp"

#include <catch2/catch.hpp>

namespace mb::platform {
namespace {

TEST_CASE("a fork request survives encoding, strings and order intact") {
  ForkRequest r{
      42, {"/usr/sbin/mount-broker", "--internal", "probe", "/mnt/a b", ""}, {"PATH=/bin"}};
  auto bytes = encode(r);
  REQUIRE(bytes);
  auto back = decode_fork_request(*bytes);
  REQUIRE(back);
  CHECK(back->seq == 42);
  CHECK(back->argv == r.argv);
  CHECK(back->env == r.env);
}

TEST_CASE("a fork request that cannot be carried is refused before it is sent") {
  CHECK_FALSE(encode(ForkRequest{1, {}, {}}));
  CHECK_FALSE(encode(ForkRequest{1, {"a", std::string("b\0c", 3)}, {}}));
  CHECK_FALSE(encode(ForkRequest{1, {"a", std::string(kMaxForkRequest, 'x')}, {}}));
  CHECK_FALSE(encode(ForkRequest{1, std::vector<std::string>(kMaxForkStrings + 1, "a"), {}}));
}

TEST_CASE("a damaged fork request is refused, whatever was cut or added") {
  auto bytes = encode(ForkRequest{7, {"self", "--internal", "unmount", "/mnt/x"}, {"PATH=/bin"}});
  REQUIRE(bytes);
  for (std::size_t cut = 0; cut < bytes->size(); ++cut)
    CHECK_FALSE(decode_fork_request(std::string_view(*bytes).substr(0, cut)));
  CHECK_FALSE(decode_fork_request(*bytes + "x"));
  std::string bad_magic = *bytes;
  bad_magic[0] ^= 1;
  CHECK_FALSE(decode_fork_request(bad_magic));
}

TEST_CASE("a fork reply carries the pid or the errno, and only a whole one is read") {
  auto back = decode_fork_reply(encode(ForkReply{9, 1234, 0}));
  REQUIRE(back);
  CHECK(back->seq == 9);
  CHECK(back->pid == 1234);
  auto failed = decode_fork_reply(encode(ForkReply{10, -1, 11}));
  REQUIRE(failed);
  CHECK(failed->pid == -1);
  CHECK(failed->error == 11);
  CHECK_FALSE(decode_fork_reply(encode(ForkReply{1, 2, 0}).substr(1)));
  CHECK_FALSE(decode_fork_reply(encode(ForkReply{1, 2, 0}) + "x"));
}

}  // namespace
}  // namespace mb::platform
