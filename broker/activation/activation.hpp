#pragma once
// How this broker instance got its socket. Detected once at start, before anything else opens
// a descriptor (fds 0-2 or 3 and up may be the socket): launchd, then systemd, then inetd,
// else the broker binds one itself (docs/BEHAVIOUR.md, activation detection).
#include <optional>
#include <string>

#include "util/result.hpp"
#include "util/unique_fd.hpp"

namespace mb::broker::activation {

// hold: started by `mount-broker --hold` (hold.hpp), through systemd's protocol.
enum class Source { launchd, systemd, inetd, self, hold };

struct Activation {
  Source source = Source::self;
  util::UniqueFd fd;
  // true: a listening socket to accept on; false: one connected client to serve, then exit.
  bool listening = true;
  std::string socket_path;  // only for Source::self: the path we bound and must clean up
};

const char* to_string(Source s);
// "systemd (listening)", "inetd nowait (one connection)", ...
std::string describe(const Activation& a);

// A socket handed to us by a service manager, if any: launchd, then LISTEN_FDS/LISTEN_PID,
// then fd 0 being a socket (inetd). Marks inherited descriptors close-on-exec and unsets the
// LISTEN_* variables so children do not see them. For inetd, fds 0-2 are the socket: they
// are pointed at /dev/null and the socket moves to a fresh descriptor, so a stray write can
// never reach a client.
// `consider_stdin` false: skip the inetd check (an explicit --listen was given).
util::Result<std::optional<Activation>> inherited(bool consider_stdin = true);

// Bind `path` ourselves (--listen or [broker] socket). Refuses when a live broker answers
// there; removes a stale socket file; refuses to replace anything that is not a socket.
util::Result<Activation> bind_self(const std::string& path);

// True when `fd` is a socket in the listening state.
bool is_listening_socket(int fd);

}  // namespace mb::broker::activation
