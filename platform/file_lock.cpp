#include "platform/file_lock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <thread>

#include "util/errno_text.hpp"

namespace mb::platform {
namespace {

constexpr std::chrono::milliseconds kRetryInterval{10};

// The holder's pid as it wrote it, or 0 if unknown (e.g. it has the lock but not yet written).
long read_holder_pid(int fd) {
  char buf[32];
  ssize_t n = ::pread(fd, buf, sizeof buf, 0);
  if (n <= 0) return 0;
  long pid = 0;
  auto [end, ec] = std::from_chars(buf, buf + n, pid);
  return ec == std::errc() && pid > 0 ? pid : 0;
}

// Informational only: failing to record the pid must not stop the broker. Written over the
// previous holder's pid, and truncated only if that was longer: a truncation is a journal
// transaction of its own on ext4, which took milliseconds of every activation on a busy disk
// (before the first reply), while an overwrite of the same length dirties one cached page.
void write_our_pid(int fd) {
  const std::string pid = std::to_string(::getpid()) + "\n";
  const auto len = static_cast<off_t>(pid.size());
  if (::pwrite(fd, pid.data(), pid.size(), 0) != len) return;
  struct stat st {};
  if (::fstat(fd, &st) == 0 && st.st_size > len) {
    [[maybe_unused]] int rc = ::ftruncate(fd, len);
  }
}

std::string held_message(int fd, const std::string& path, std::chrono::milliseconds wait) {
  const long pid = read_holder_pid(fd);
  const std::string who = pid > 0 ? " (pid " + std::to_string(pid) + ")" : "";
  return "another mount-broker" + who + " holds " + path + "; waited " +
         std::to_string(wait.count()) + " ms";
}

}  // namespace

util::Result<util::UniqueFd> lock_file(const std::string& path, std::chrono::milliseconds wait) {
  util::UniqueFd fd(::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600));
  if (!fd.valid()) return util::error(util::errno_text("open " + path, errno));
  const auto deadline = std::chrono::steady_clock::now() + wait;
  while (::flock(fd.get(), LOCK_EX | LOCK_NB) != 0) {
    if (errno == EINTR) continue;
    if (errno != EWOULDBLOCK) return util::error(util::errno_text("flock " + path, errno));
    const auto now = std::chrono::steady_clock::now();
    if (now >= deadline) return util::error(held_message(fd.get(), path, wait));
    std::this_thread::sleep_for(
        std::min<std::chrono::steady_clock::duration>(kRetryInterval, deadline - now));
  }
  write_our_pid(fd.get());
  return fd;
}

}  // namespace mb::platform
