#pragma once
// What a helper wrote to its own log file during one mount attempt: the size is noted before
// the spawn, and after the helper exits the bytes added since are read (the last 16 KiB at
// most). The log file is the config's choice, so it is local; it is still opened without
// following a symlink, without blocking on a FIFO, and only read if it is a regular file.
#include <sys/types.h>

#include <string>

namespace mb::broker::effects {

struct LogMark {
  std::string path;  // empty: no log file
  off_t size = 0;    // its size before the helper ran (0 if it did not exist)
};

LogMark mark_log(const std::string& path);
// The text added since `mark`; from the start if the file shrank (rotated or truncated).
// Empty when there is none or the file cannot be read.
std::string read_since(const LogMark& mark);

}  // namespace mb::broker::effects
