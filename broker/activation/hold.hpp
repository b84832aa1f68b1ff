#pragma once
// mount-broker --hold PATH: socket activation for development, where no service manager
// runs the broker. The holder owns the listening socket at PATH (mode 0666, like the systemd
// socket unit) for as long as it runs and starts a broker with it (fd 3, LISTEN_FDS=1,
// LISTEN_FDNAMES=hold) whenever a client connects and no broker runs; the broker exits when
// idle and the next client starts the next one, the way launchd and systemd do. `mount-broker
// --listen` instead removes its socket when it exits, so the next client finds nothing.
#include <string>
#include <vector>

namespace mb::broker::activation {

// The LISTEN_FDNAMES value a held broker is started with (activation: "hold").
inline constexpr const char* kHoldFdName = "hold";

// Binds `path` (refusing a live broker's socket), then relaunches `broker_argv` (argv[0]
// first: the broker's own path) on demand until SIGTERM, SIGINT or SIGHUP; then stops the
// running broker (SIGTERM, waits), removes the socket and returns 0. Returns 1 when the
// socket cannot be bound. A broker that exits non-zero (a broken config) is relaunched at
// most once a second.
int hold(const std::string& path, const std::vector<std::string>& broker_argv);

}  // namespace mb::broker::activation
