// macOS has no clone(CLONE_PARENT): a child forked by a server would not be the broker's to
// watch and reap. No fork server; children are spawned (platform/macos/spawn.cpp).
#include "platform/fork_server.hpp"

namespace mb::platform {

util::Result<ForkServer> start_fork_server(ForkedMain) {
  return util::error("fork server: not available on this system");
}

util::Status send_fork_request(int, const ForkRequest&, int, int) {
  return util::error("fork server: not available on this system");
}

util::Result<std::optional<ForkReply>> receive_fork_reply(int) {
  return util::error("fork server: not available on this system");
}

util::Result<util::UniqueFd> watch_forked(pid_t) {
  return util::error("fork server: not available on this system");
}

}  // namespace mb::platform
