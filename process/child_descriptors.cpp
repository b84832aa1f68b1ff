#include "process/child_descriptors.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <filesystem>

#include "util/errno_text.hpp"

namespace mb::process {

util::Result<Pipe> make_pipe() {
  int fds[2];
  if (::pipe(fds) != 0) return util::error(util::errno_text("pipe", errno));
  Pipe p{util::UniqueFd(fds[0]), util::UniqueFd(fds[1])};
  ::fcntl(fds[0], F_SETFD, FD_CLOEXEC);
  ::fcntl(fds[1], F_SETFD, FD_CLOEXEC);
  return p;
}

util::Result<util::UniqueFd> make_capture_file() {
  std::error_code ec;
  auto dir = std::filesystem::temp_directory_path(ec);
  std::string name = (ec ? std::string("/tmp") : dir.string()) + "/mount-broker-out-XXXXXX";
  util::UniqueFd fd(::mkstemp(name.data()));
  if (!fd.valid()) return util::error(util::errno_text("mkstemp " + name, errno));
  ::unlink(name.c_str());
  ::fcntl(fd.get(), F_SETFD, FD_CLOEXEC);
  return fd;
}

util::Result<util::UniqueFd> duplicate(int fd) {
  util::UniqueFd copy(::fcntl(fd, F_DUPFD_CLOEXEC, 0));
  if (!copy.valid()) return util::error(util::errno_text("dup", errno));
  return copy;
}

util::Status adopt(boost::asio::posix::stream_descriptor& d, util::UniqueFd& fd) {
  boost::system::error_code ec;
  d.assign(fd.get(), ec);
  if (ec) return util::error("watch a descriptor: " + ec.message());
  fd.release();
  return util::ok_status();
}

void close_quietly(boost::asio::posix::stream_descriptor& d) {
  boost::system::error_code ignored;
  d.close(ignored);
}

}  // namespace mb::process
