#pragma once
// What a probe child saw, as one line on its stdout, and what that means. The child does the
// dangerous syscalls (they can block for minutes on a dead share); the broker only parses.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "broker/supervisor/supervisor.hpp"

namespace mb::broker::probe {

struct ProbeReport {
  int stat_errno = 0;
  std::uint64_t device = 0;         // st_dev of the mount point
  std::uint64_t parent_device = 0;  // st_dev of its parent directory
  int opendir_errno = 0;
  int readdir_errno = 0;
  int entries = 0;  // directory entries seen (at most a few are read)
  std::int64_t latency_us = 0;
};

std::string format(const ProbeReport& r);
std::optional<ProbeReport> parse(std::string_view line);

struct Verdict {
  supervisor::ProbeOutcome outcome = supervisor::ProbeOutcome::healthy;
  std::string detail;
};

// DESIGN section 7: the errno list and a mount point that reverted to its parent's device are
// definite; anything else (including a timeout) is ambiguous.
Verdict classify(const ProbeReport& r, std::uint64_t recorded_device);
Verdict timed_out(int seconds);
bool is_definite_errno(int err);

}  // namespace mb::broker::probe
