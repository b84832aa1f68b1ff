#include "mountctl/secret_stdin.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

#include "util/wipe.hpp"

namespace mb::ctl {

std::optional<InputError> read_secret_line(int fd, Secret& out, std::size_t max_bytes) {
  if (::isatty(fd)) {
    return InputError{InputError::bad_input,
                      "--stdin reads a pipe or file, and stdin is a terminal (it would show the "
                      "password); leave out --stdin to be asked without echo"};
  }
  for (;;) {
    if (out.full()) {
      // One more byte decides: the end, or too much.
      char extra = 0;
      ssize_t n = 0;
      while ((n = ::read(fd, &extra, 1)) < 0 && errno == EINTR) {
      }
      util::wipe(&extra, 1);
      if (n < 0) return InputError{InputError::io, "read stdin: " + std::string(strerror(errno))};
      if (n > 0) {
        return InputError{InputError::bad_input,
                          "the input on stdin is longer than " + std::to_string(max_bytes) +
                              " bytes; give the password alone, on one line"};
      }
      break;
    }
    const ssize_t n = ::read(fd, out.spare(), out.spare_size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return InputError{InputError::io, "read stdin: " + std::string(strerror(errno))};
    if (n == 0) break;
    out.commit(static_cast<std::size_t>(n));
  }
  return take_one_line(out, "stdin", max_bytes);
}

}  // namespace mb::ctl
