#include "broker/logging/rotating_file.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <utility>

#include "platform/local_filesystem.hpp"
#include "util/errno_text.hpp"

namespace mb::broker::logging {
namespace {

struct Opened {
  util::UniqueFd fd;
  std::size_t size = 0;
};

// A FIFO or device at the path would block the broker or send log lines somewhere odd, and a
// symlink could point root's appends at any file: only a regular file is used.
util::Result<Opened> open_regular(const std::string& path) {
  if (path.empty() || path.front() != '/')
    return util::error("log file " + path + ": must be an absolute path");
  struct stat st {};
  if (::lstat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode))
    return util::error("log file " + path + " is " +
                       (S_ISLNK(st.st_mode) ? "a symlink" : "not a regular file") +
                       "; point log_file at a regular file");
  const int fd =
      ::open(path.c_str(),
             O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY, 0640);
  if (fd < 0) return util::error(util::errno_text("cannot open log file " + path, errno));
  Opened out{util::UniqueFd(fd)};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))
    return util::error("log file " + path + " is not a regular file");
  // Every line is written on the broker's only thread: a file whose server stops answering
  // would hang the broker. (The open above could already hang on a dead server; the config
  // refuses a log_file under a managed mount point, which is where that is most likely.)
  if (auto kind = platform::nonlocal_filesystem_of(fd))
    return util::error("log file " + path + " is on " + *kind +
                       ", which would hang the broker when its server stops answering; put "
                       "log_file on a local disk");
  // The state lock keeps brokers sharing a state_dir apart, not two with different ones: the
  // file's own lock keeps a second broker from writing and rotating it at the same time.
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    if (errno == EWOULDBLOCK)
      return util::error("log file " + path +
                         " is in use by another process (another mount-broker with a different "
                         "state_dir?); give each broker its own log_file");
    return util::error(util::errno_text("cannot lock log file " + path, errno));
  }
  // O_NONBLOCK only guarded the open; writes to a regular file never block on it anyway.
  ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
  out.size = static_cast<std::size_t>(st.st_size);
  return out;
}

// Writes all of `data`; false if the file refused (disk full, I/O error).
bool write_all(int fd, const char* data, std::size_t size) {
  while (size > 0) {
    const ssize_t n = ::write(fd, data, size);
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    data += n;
    size -= static_cast<std::size_t>(n);
  }
  return true;
}

}  // namespace

std::string rotated_name(const std::string& path, int index) {
  return index == 0 ? path : path + "." + std::to_string(index);
}

util::Result<std::shared_ptr<RotatingFile>> RotatingFile::open(const FileSettings& settings) {
  if (settings.max_bytes == 0 || settings.max_files < 1)
    return util::error("log file " + settings.path + ": the size and file count must be positive");
  auto opened = open_regular(settings.path);
  if (!opened) return util::error(opened.error());
  std::shared_ptr<RotatingFile> sink(
      new RotatingFile(settings, std::move(opened->fd), opened->size));
  sink->remove_extra_files();
  return sink;
}

RotatingFile::RotatingFile(FileSettings settings, util::UniqueFd fd, std::size_t size)
    : settings_(std::move(settings)),
      fd_(std::move(fd)),
      size_(size),
      limit_(settings_.max_bytes) {}

void RotatingFile::sink_it_(const spdlog::details::log_msg& msg) {
  spdlog::memory_buf_t line;
  formatter_->format(msg, line);
  if (fd_.valid() && size_ > 0 && size_ + line.size() > limit_) rotate();
  if (!fd_.valid()) {
    // Lost when a reopen after a rotation failed, or another broker locked the fresh file
    // first; try again, else the line only reaches stderr or syslog. A sink must never throw into
    // the broker.
    auto again = open_regular(settings_.path);
    if (!again) return;
    fd_ = std::move(again->fd);
    size_ = again->size;
  }
  if (write_all(fd_.get(), line.data(), line.size())) size_ += line.size();
}

void RotatingFile::rotate() {
  // Oldest first, so nothing is overwritten but the file that falls off the end.
  for (int i = settings_.max_files - 1; i >= 1; --i) {
    if (::rename(rotated_name(settings_.path, i).c_str(),
                 rotated_name(settings_.path, i + 1).c_str()) != 0 &&
        errno != ENOENT)
      break;
  }
  if (::rename(settings_.path.c_str(), rotated_name(settings_.path, 1).c_str()) != 0) {
    // Cannot rotate (read-only directory?): keep appending, and try again only after another
    // max_bytes, so that repeated attempts do not shift the old files away one per line.
    limit_ = size_ + settings_.max_bytes;
    return;
  }
  limit_ = settings_.max_bytes;
  fd_.reset();
  auto fresh = open_regular(settings_.path);
  if (!fresh) return;  // sink_it_ retries at the next line
  fd_ = std::move(fresh->fd);
  size_ = fresh->size;
}

void RotatingFile::remove_extra_files() const {
  // Left by a larger log_max_files; stops at the first gap (bounded in any case).
  for (int i = settings_.max_files + 1; i <= settings_.max_files + 1000; ++i)
    if (::unlink(rotated_name(settings_.path, i).c_str()) != 0) break;
}

}  // namespace mb::broker::logging
