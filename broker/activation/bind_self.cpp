#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "broker/activation/activation.hpp"
#include "util/cloexec_socket.hpp"
#include "util/errno_text.hpp"

namespace mb::broker::activation {
namespace {

util::Result<sockaddr_un> address_of(const std::string& path) {
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  if (path.empty() || path.size() >= sizeof addr.sun_path)
    return util::error("socket path \"" + path + "\" is empty or longer than " +
                       std::to_string(sizeof addr.sun_path - 1) + " bytes");
  std::memcpy(addr.sun_path, path.c_str(), path.size() + 1);
  return addr;
}

// A socket file nobody listens on is left over from a broker that died: connect() tells.
util::Status clear_stale(const std::string& path, const sockaddr_un& addr) {
  struct stat st {};
  if (lstat(path.c_str(), &st) != 0) {
    if (errno == ENOENT) return util::ok_status();
    return util::error(util::errno_text("stat " + path, errno));
  }
  if (!S_ISSOCK(st.st_mode))
    return util::error(path + " exists and is not a socket; refusing to replace it");
  util::UniqueFd probe = util::cloexec_socket(AF_UNIX, SOCK_STREAM);
  if (!probe.valid()) return util::error(util::errno_text("socket", errno));
  if (connect(probe.get(), reinterpret_cast<const sockaddr*>(&addr), sizeof addr) == 0)
    return util::error("a broker is already listening on " + path +
                       "; refusing to take its socket");
  if (errno != ECONNREFUSED)
    return util::error(util::errno_text("checking the existing socket " + path, errno));
  if (unlink(path.c_str()) != 0 && errno != ENOENT)
    return util::error(util::errno_text("removing stale socket " + path, errno));
  return util::ok_status();
}

}  // namespace

util::Result<Activation> bind_self(const std::string& path) {
  auto addr = address_of(path);
  if (!addr) return util::error(addr.error());
  if (auto st = clear_stale(path, *addr); !st) return util::error(st.error());
  util::UniqueFd fd = util::cloexec_socket(AF_UNIX, SOCK_STREAM);
  if (!fd.valid()) return util::error(util::errno_text("socket", errno));
  if (bind(fd.get(), reinterpret_cast<const sockaddr*>(&*addr), sizeof *addr) != 0)
    return util::error(util::errno_text("bind " + path, errno));
  // Everyone may connect: authorization is decided per request from peer credentials.
  if (chmod(path.c_str(), 0666) != 0) return util::error(util::errno_text("chmod " + path, errno));
  if (listen(fd.get(), SOMAXCONN) != 0)
    return util::error(util::errno_text("listen " + path, errno));
  Activation a;
  a.source = Source::self;
  a.fd = std::move(fd);
  a.listening = true;
  a.socket_path = path;
  return a;
}

}  // namespace mb::broker::activation
