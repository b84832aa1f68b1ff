#pragma once
// Check 4: each mount point exists, is a directory, and is empty or has our mount on it. What
// is mounted there is judged from the mount table alone (a stat on a dead share can block for
// minutes); the directory is looked at only when nothing is mounted on it.
#include <optional>
#include <string>
#include <vector>

#include "core/config/config.hpp"
#include "core/mount_table/mount_entry.hpp"
#include "mountctl/doctor/finding.hpp"
#include "proto/messages.hpp"

namespace mb::ctl::doctor {

struct MountPointFacts {
  std::string resolved;                                  // as the mount table spells it
  std::optional<core::mount_table::MountEntry> mounted;  // topmost entry at that path
  // Only when nothing is mounted there:
  enum class Kind {
    directory,
    missing,
    not_a_directory,
    symlink,
    unreadable
  } kind = Kind::directory;
  int entries = 0;    // in the directory
  std::string error;  // for unreadable
};

// Pure. `broker_view`: the broker's status of this mount, when it answered; it knows the
// source of a command mount whose config names none. `not_root`: an unreadable directory is
// then skipped.
Finding judge_mount_point(const core::config::MountConfig& m, const MountPointFacts& facts,
                          const proto::MountStatus* broker_view, bool not_root,
                          const std::string& sudo_doctor);

Findings check_mount_points(const core::config::Config& config,
                            const std::optional<proto::StatusResponse>& broker_view,
                            const std::string& sudo_doctor);

}  // namespace mb::ctl::doctor
