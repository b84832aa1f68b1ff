#include "util/atomic_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>

#include "util/errno_text.hpp"
#include "util/unique_fd.hpp"

namespace mb::util {
namespace {

std::string dir_of(const std::string& path) {
  auto slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  if (slash == 0) return "/";
  return path.substr(0, slash);
}

std::string base_of(const std::string& path) {
  auto slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

Status write_all(int fd, std::string_view data, const std::string& what) {
  while (!data.empty()) {
    ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return error(errno_text("write " + what, errno));
    }
    data.remove_prefix(static_cast<size_t>(n));
  }
  return ok_status();
}

}  // namespace

Status write_file_atomically(const std::string& path, std::string_view data, mode_t mode) {
  const std::string dir = dir_of(path);
  const std::string tmp = dir + "/." + base_of(path) + ".tmp-" + std::to_string(getpid());
  UniqueFd fd(::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, mode));
  if (!fd.valid()) return error(errno_text("create " + tmp, errno));
  auto fail = [&](std::string message) {
    ::unlink(tmp.c_str());
    return error(std::move(message));
  };
  if (auto st = write_all(fd.get(), data, tmp); !st) return fail(st.error());
  if (::fsync(fd.get()) != 0) return fail(errno_text("fsync " + tmp, errno));
  if (::close(fd.release()) != 0) return fail(errno_text("close " + tmp, errno));
  if (::rename(tmp.c_str(), path.c_str()) != 0) return fail(errno_text("rename to " + path, errno));
  UniqueFd dfd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (!dfd.valid() || ::fsync(dfd.get()) != 0) return error(errno_text("fsync " + dir, errno));
  return ok_status();
}

Result<std::string> read_file(const std::string& path) {
  UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (!fd.valid()) return error(errno_text("open " + path, errno));
  std::string out;
  char buf[16384];
  for (;;) {
    ssize_t n = ::read(fd.get(), buf, sizeof buf);
    if (n < 0) {
      if (errno == EINTR) continue;
      return error(errno_text("read " + path, errno));
    }
    if (n == 0) break;
    out.append(buf, static_cast<size_t>(n));
  }
  return out;
}

}  // namespace mb::util
