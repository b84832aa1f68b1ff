#pragma once
// Why a mount helper failed, from its exit status and stderr, so the supervisor knows whether
// retrying can help: auth and config never are (a wrong password retried locks the account).
#include <string_view>

#include "core/config/config.hpp"
#include "core/supervisor/supervisor.hpp"

namespace mb::core::backends {

// For a helper that exited on its own: exit_code 0 is none; 126 and 127 (a shell or wrapper
// could not run its program) are config. Otherwise the first rule of an ordered table whose
// text occurs in stderr (ignoring case) decides; tool-specific rules come before generic
// error texts, so "Permission denied (publickey" is auth even though sshfs then adds "read:
// Connection reset by peer". Anything else is unknown, which the supervisor treats as
// transient.
// Expects the C locale's English messages (process::minimal_env sets LANG=C).
supervisor::ErrorClass classify_failure(config::MountType type, int exit_code,
                                        std::string_view stderr_text);

// The helper was killed at its deadline (process::Outcome::timed_out): timeout, whatever it
// printed. A helper that could not be started at all (Ending::spawn_failed: not installed,
// not executable) is config.
constexpr supervisor::ErrorClass classify_timeout() {
  return supervisor::ErrorClass::timeout;
}

}  // namespace mb::core::backends
