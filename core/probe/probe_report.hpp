#pragma once
// What a probe child saw, as one line on its stdout, and what that means. The child does the
// dangerous syscalls (they can block for minutes on a dead share); the broker only parses.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/supervisor/supervisor.hpp"

namespace mb::core::probe {

// Which file the probe read its first bytes from. A FUSE helper (rclone with its default
// 5 min directory cache) answers stat, opendir, readdir and even lookups of missing names
// from its cache; a read of file bytes is what reaches the server.
enum class Target {
  none,        // no regular non-empty file found near the root: nothing was read
  found,       // the first regular non-empty file found in the root (or one level below)
  configured,  // the mount's probe_path
};

struct ProbeReport {
  int stat_errno = 0;
  std::uint64_t device = 0;         // st_dev of the mount point
  std::uint64_t parent_device = 0;  // st_dev of its parent directory
  std::uint64_t root_inode = 0;     // st_ino of the mount point (the share's root)
  int opendir_errno = 0;
  int readdir_errno = 0;
  int entries = 0;  // entries of the root other than . and .. (at most a few are read)
  Target target = Target::none;
  int open_errno = 0;  // open (or, for probe_path, its lookup) of the target
  int read_errno = 0;
  bool target_not_regular = false;  // probe_path is a directory, symlink, FIFO, ...
  std::int64_t bytes_read = -1;     // -1: nothing was read
  std::int64_t latency_us = 0;
};

std::string format(const ProbeReport& r);
std::optional<ProbeReport> parse(std::string_view line);

// What the broker knows of the mount, to compare the report with.
struct Expected {
  std::uint64_t device = 0;       // st_dev recorded at mount time, 0 if unknown
  std::uint64_t root_inode = 0;   // st_ino of the root seen by the first healthy probe, 0 if none
  bool root_had_entries = false;  // a healthy probe has seen entries in the root
  bool fuse = false;              // a FUSE mount (fstype fuse, fuse.*, fuseblk)
  std::string probe_path;         // the configured probe_path, "" if none (for messages)
};

struct Verdict {
  supervisor::ProbeOutcome outcome = supervisor::ProbeOutcome::healthy;
  std::string detail;
};

// The errno list and a mount point that reverted to its parent's device are definite;
// anything else is ambiguous (a timeout too, with its own outcome: its class). On a FUSE mount
// EIO is definite too: that is how FUSE helpers (rclone, sshfs) report a server they cannot
// reach.
Verdict classify(const ProbeReport& r, const Expected& expected);
Verdict timed_out(int seconds);
bool is_definite_errno(int err, bool fuse);
bool is_fuse(std::string_view fstype);

}  // namespace mb::core::probe
