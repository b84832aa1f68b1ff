#include "broker/effects/helper_log_tail.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>

#include "util/unique_fd.hpp"

namespace mb::broker::effects {
namespace {

constexpr off_t kMaxTail = 16 * 1024;

// A regular file opened without following a symlink or waiting on a FIFO, or -1.
util::UniqueFd open_regular(const std::string& path, struct stat& st) {
  util::UniqueFd fd(
      ::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC | O_NOCTTY));
  if (!fd.valid() || ::fstat(fd.get(), &st) != 0 || !S_ISREG(st.st_mode)) return util::UniqueFd();
  return fd;
}

}  // namespace

LogMark mark_log(const std::string& path) {
  struct stat st {};
  LogMark mark{path, 0};
  if (open_regular(path, st).valid()) mark.size = st.st_size;
  return mark;
}

std::string read_since(const LogMark& mark) {
  if (mark.path.empty()) return {};
  struct stat st {};
  util::UniqueFd fd = open_regular(mark.path, st);
  if (!fd.valid()) return {};
  off_t from = st.st_size < mark.size ? 0 : mark.size;
  from = std::max(from, st.st_size - kMaxTail);
  std::string text(static_cast<std::size_t>(st.st_size - from), '\0');
  ssize_t n = ::pread(fd.get(), text.data(), text.size(), from);
  text.resize(n > 0 ? static_cast<std::size_t>(n) : 0);
  return text;
}

}  // namespace mb::broker::effects
