#include "process/child_descriptors.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <boost/asio/io_context.hpp>
#include <catch2/catch.hpp>

using namespace mb::process;

namespace {
bool cloexec(int fd) {
  int flags = ::fcntl(fd, F_GETFD);
  return flags >= 0 && (flags & FD_CLOEXEC);
}
}  // namespace

TEST_CASE("child_descriptors: both ends of a pipe are close-on-exec and connected") {
  auto p = make_pipe();
  REQUIRE(p);
  CHECK(cloexec(p->read.get()));
  CHECK(cloexec(p->write.get()));
  REQUIRE(::write(p->write.get(), "x", 1) == 1);
  char c = 0;
  REQUIRE(::read(p->read.get(), &c, 1) == 1);
  CHECK(c == 'x');
}

TEST_CASE("child_descriptors: the capture file is unlinked at once and close-on-exec") {
  auto f = make_capture_file();
  REQUIRE(f);
  CHECK(cloexec(f->get()));
  struct stat st {};
  REQUIRE(::fstat(f->get(), &st) == 0);
  CHECK(S_ISREG(st.st_mode));
  CHECK(st.st_nlink == 0);  // nothing left behind in the temp directory
  auto copy = duplicate(f->get());
  REQUIRE(copy);
  CHECK(copy->get() != f->get());
  CHECK(cloexec(copy->get()));
  REQUIRE(::write(copy->get(), "abc", 3) == 3);
  char buf[3];
  CHECK(::pread(f->get(), buf, 3, 0) == 3);  // one open file: what one writes the other reads
}

TEST_CASE("child_descriptors: adopt hands the descriptor to Asio, which then owns it") {
  boost::asio::io_context io;
  auto p = make_pipe();
  REQUIRE(p);
  int fd = p->read.get();
  boost::asio::posix::stream_descriptor d(io);
  REQUIRE(adopt(d, p->read));
  CHECK_FALSE(p->read.valid());
  CHECK(d.native_handle() == fd);
  close_quietly(d);
  CHECK_FALSE(d.is_open());
  close_quietly(d);  // twice is harmless
}
