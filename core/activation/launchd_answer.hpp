#pragma once
// What launch_activate_socket's answer means (platform/macos/launchd.cpp). Pure, so
// the rule is tested on every OS.
#include <vector>

#include "util/result.hpp"

namespace mb::core::activation {

// err 0: the descriptors launchd handed over (inherited() serves the first and closes the
// rest). ESRCH (this process was not started by launchd) and ENOENT (the job has no Sockets
// entry of that name): none, so inherited() goes on to systemd's variables, then inetd's
// stdin. Any other error is reported: a launchd job whose socket cannot be had must not go
// on to bind one of its own.
util::Result<std::vector<int>> launchd_answer(int err, std::vector<int> fds);

}  // namespace mb::core::activation
