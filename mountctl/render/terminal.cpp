#include "mountctl/render/terminal.hpp"

#include <sys/ioctl.h>
#include <unistd.h>

namespace mb::ctl::render {

std::size_t terminal_columns(int fd) {
  if (!::isatty(fd)) return 0;
  winsize ws{};
  if (::ioctl(fd, TIOCGWINSZ, &ws) != 0 || ws.ws_col == 0) return 80;
  return ws.ws_col;
}

}  // namespace mb::ctl::render
