#include "platform/config_file.hpp"

#include <fcntl.h>
#include <pwd.h>
#include <sys/stat.h>
#include <toml++/toml.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <exception>
#include <vector>

#include "core/config/config_loader.hpp"
#include "util/unique_fd.hpp"

namespace mb::platform {
namespace {

// Far larger than any sane config; stops a mistaken path (a log, a device image) early.
constexpr off_t kMaxSize = 1 << 20;

std::string octal_mode(mode_t mode) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%04o", static_cast<unsigned>(mode & 07777));
  return buf;
}

// One message per problem, so the admin sees everything to fix at once.
std::vector<std::string> ownership_problems(const std::string& path, const struct stat& st) {
  std::vector<std::string> out;
  const uid_t me = ::geteuid();
  if (st.st_uid != 0 && st.st_uid != me) {
    out.push_back(path + ": owned by uid " + std::to_string(st.st_uid) + ", but only root or uid " +
                  std::to_string(me) + " (the broker's user) may own it; run: chown root " + path);
  }
  if (st.st_mode & S_IWOTH) {
    out.push_back(path + ": mode " + octal_mode(st.st_mode) +
                  " is world-writable, so anyone could change what gets mounted; run: chmod "
                  "go-w " +
                  path);
  }
  if ((st.st_mode & S_IWGRP) && st.st_gid != 0) {
    out.push_back(path + ": mode " + octal_mode(st.st_mode) + " is group-writable by gid " +
                  std::to_string(st.st_gid) + ", which is not root; run: chmod go-w " + path);
  }
  return out;
}

std::string join_lines(const std::vector<std::string>& lines) {
  std::string out;
  for (const std::string& line : lines) out += (out.empty() ? "" : "\n") + line;
  return out;
}

util::Result<std::string> read_config_text(int fd, const std::string& path) {
  std::string text;
  char buf[8192];
  while (true) {
    const ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return util::error(path + ": cannot read config file: " + std::strerror(errno));
    if (n == 0) return text;
    text.append(buf, static_cast<std::size_t>(n));
    if (text.size() > static_cast<std::size_t>(kMaxSize)) break;
  }
  return util::error(path + ": config file is larger than 1 MiB; is this the right file?");
}

}  // namespace

util::Result<ConfigBytes> read_config_bytes(const std::string& path) {
  // O_NONBLOCK: opening a FIFO by mistake must not hang; it is refused right after.
  util::UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK));
  if (!fd.valid()) {
    return util::error(path + ": cannot open config file: " + std::strerror(errno));
  }
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0) {
    return util::error(path + ": cannot stat config file: " + std::strerror(errno));
  }
  if (!S_ISREG(st.st_mode)) {
    return util::error(path + ": not a regular file; point the broker at the config file itself");
  }
  if (st.st_size > kMaxSize) {
    return util::error(path + ": config file is larger than 1 MiB; is this the right file?");
  }
  auto text = read_config_text(fd.get(), path);
  if (!text) return util::error(text.error());
  return ConfigBytes{std::move(*text), join_lines(ownership_problems(path, st))};
}

util::Result<std::string> read_config_file(const std::string& path, bool check_owner) {
  auto file = read_config_bytes(path);
  if (!file) return util::error(file.error());
  if (check_owner && !file->ownership.empty()) return util::error(file->ownership);
  return std::move(file->text);
}

util::Result<core::config::Config> load_config_bytes(const ConfigBytes& file,
                                                     const std::string& path,
                                                     const LoadOptions& options) {
  if (options.check_owner && !file.ownership.empty()) return util::error(file.ownership);
  try {
    auto config = core::config::parse(file.text, path);
    if (!config) return config;
    // The only check against this machine: parse() stays pure.
    if (auto st = core::config::resolve_local_users(*config, system_user); !st)
      return util::error(st.error());
    return config;
  } catch (const std::exception& e) {
    return util::error(path + ": cannot read config: " + e.what());
  }
}

util::Result<core::config::Config> load_config(const std::string& path,
                                               const LoadOptions& options) {
  auto file = read_config_bytes(path);
  if (!file) return util::error(file.error());
  return load_config_bytes(*file, path, options);
}

std::optional<std::string> peek_state_dir_in(const std::string& text, const std::string& path) {
  try {
    toml::table root = toml::parse(text, std::string_view(path));
    if (auto dir = root["broker"]["state_dir"].value<std::string>();
        dir && !dir->empty() && dir->front() == '/')
      return *dir;
  } catch (const std::exception&) {
  }
  return std::nullopt;
}

std::optional<std::string> peek_state_dir(const std::string& path) {
  auto text = read_config_file(path, false);
  if (!text) return std::nullopt;
  return peek_state_dir_in(*text, path);
}

std::optional<core::config::UserIds> system_user(const std::string& name) {
  long size = ::sysconf(_SC_GETPW_R_SIZE_MAX);
  std::vector<char> buf(static_cast<std::size_t>(size > 0 ? size : 16384));
  struct passwd pw {};
  struct passwd* found = nullptr;
  if (::getpwnam_r(name.c_str(), &pw, buf.data(), buf.size(), &found) != 0 || !found)
    return std::nullopt;
  return core::config::UserIds{static_cast<long>(found->pw_uid), static_cast<long>(found->pw_gid)};
}

}  // namespace mb::platform
