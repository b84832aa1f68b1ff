#include "platform/bind_mount.hpp"

#include <sys/mount.h>

#include <cerrno>

#include "util/errno_text.hpp"

namespace mb::platform {

util::Status bind_mount(const std::string& from, const std::string& to) {
  if (::mount(from.c_str(), to.c_str(), nullptr, MS_BIND, nullptr) != 0)
    return util::Error{util::errno_text("bind " + from + " onto " + to, errno)};
  return util::ok_status();
}

}  // namespace mb::platform
