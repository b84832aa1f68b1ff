#include "platform/linux/fuse_daemon.hpp"

#include <unistd.h>

#include <catch2/catch.hpp>

namespace mb::platform {

TEST_CASE("the FUSE connection of a /dev/fuse descriptor is read from its fdinfo") {
  CHECK(parse_fuse_connection("pos:\t0\nflags:\t0100002\nmnt_id:\t61\nino:\t89\n"
                              "fuse_connection:\t40\n") == 40u);
  CHECK(parse_fuse_connection("fuse_connection: 7") == 7u);
}

TEST_CASE("a descriptor without a connection, or an older kernel's fdinfo, names none") {
  CHECK_FALSE(parse_fuse_connection("pos:\t0\nflags:\t0100002\nmnt_id:\t61\nino:\t89\n"));
  CHECK_FALSE(parse_fuse_connection("fuse_connection:\t\n"));
  CHECK_FALSE(parse_fuse_connection("xfuse_connection:\t4\n"));
  CHECK_FALSE(parse_fuse_connection(""));
}

TEST_CASE("no process serves a connection that does not exist, and the caller is never listed") {
  const FuseMount none{999999u, "/nonexistent/mount-broker-test"};
  CHECK(fuse_daemons_of(none).empty());
  CHECK(end_fuse_daemons(none, 10).empty());
}

}  // namespace mb::platform
