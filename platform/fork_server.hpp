#pragma once
// A fork server: a small process forked from the broker on first need (process/fork_client.hpp),
// while it is still single threaded and holds no password, that on request forks a child which runs
// code of the broker's own binary directly (`--internal` commands: probe, unmount, ...): no exec,
// no dynamic loader, and the broker's event loop never waits for a child to start. Each child is
// made a child of the broker itself (Linux: clone with CLONE_PARENT), so the broker watches,
// signals and reaps it exactly as a spawned one (platform/spawn.hpp), and a child stuck in the
// kernel never blocks the server, which waits for nothing. The server exits when the broker closes
// its end of the channel (or exits); it never keeps the broker alive.
//
// The child: its own process group, empty signal mask and default dispositions, "/" as
// working directory, /dev/null on stdin, the two given descriptors as stdout and stderr, no
// other descriptor, the request's environment, and the request's argv as its command line.
// macOS: not available (start_fork_server fails); children are spawned.
#include <sys/types.h>

#include <optional>
#include <string>
#include <vector>

#include "platform/fork_request.hpp"
#include "util/result.hpp"
#include "util/unique_fd.hpp"

namespace mb::platform {

// Runs in the forked child with argv after "--internal"; returns its exit status.
using ForkedMain = int (*)(const std::vector<std::string>& args);

struct ForkServer {
  pid_t pid = -1;          // the server, a child of the caller
  util::UniqueFd channel;  // close-on-exec, non-blocking; closing it ends the server
};

// Call while single threaded and before any password is read into memory. The server closes
// every descriptor it inherits but its end of the channel, and it is forked with every signal
// blocked until it has reset their dispositions, so no handler of the caller's runs in it.
util::Result<ForkServer> start_fork_server(ForkedMain main);

// Sends one request with the child's stdout and stderr; never blocks: a full channel or a
// server that is gone is an error (the caller spawns instead).
util::Status send_fork_request(int channel, const ForkRequest& request, int stdout_fd,
                               int stderr_fd);

// One reply, if one is waiting (nullopt if none); an error once the server is gone.
util::Result<std::optional<ForkReply>> receive_fork_reply(int channel);

// Makes a forked child watchable as a spawned one: its own process group (set here too, so a
// signal to the group cannot miss a child that has not run yet) and its exit descriptor.
util::Result<util::UniqueFd> watch_forked(pid_t pid);

}  // namespace mb::platform
