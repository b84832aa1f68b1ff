#pragma once
// Whether stderr is connected to journald. systemd sets JOURNAL_STREAM=DEV:INO (decimal) to
// the device and inode of the stream it connects a service's stdout and stderr to
// (systemd.exec(5)); a process compares them with its own stderr, since a child whose stderr
// was redirected elsewhere inherits the variable too.

namespace mb::platform {

// JOURNAL_STREAM names the device and inode of fd 2 (never on macOS, which has no journald).
bool stderr_is_journal();

}  // namespace mb::platform
