#include "util/cloexec_socket.hpp"

#include <fcntl.h>
#include <sys/socket.h>

#include <cerrno>

namespace mb::util {

UniqueFd cloexec_socket(int domain, int type) {
#ifdef SOCK_CLOEXEC
  return UniqueFd(::socket(domain, type | SOCK_CLOEXEC, 0));
#else
  UniqueFd fd(::socket(domain, type, 0));
  if (fd.valid() && ::fcntl(fd.get(), F_SETFD, FD_CLOEXEC) != 0) {
    const int err = errno;
    fd = UniqueFd();
    errno = err;
  }
  return fd;
#endif
}

}  // namespace mb::util
