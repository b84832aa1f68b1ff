#pragma once
// The loopback end of an SSH tunnel: a port to give ssh -L, and whether something accepts
// connections there. Plain POSIX sockets, the same on every OS.
#include "util/result.hpp"

namespace mb::platform {

// A TCP port on 127.0.0.1 that nothing listens on now (the kernel picks it: bind to port 0).
// Another process may take it before ssh does; ssh then exits (ExitOnForwardFailure) and the
// mount fails as busy, to be retried.
util::Result<int> free_loopback_port();

// Whether a TCP connect to 127.0.0.1:port is accepted. Loopback answers at once (accepted or
// refused); a listener that does not accept makes it false after 200 ms at most. The
// connection is closed right away.
bool loopback_port_accepts(int port);

}  // namespace mb::platform
