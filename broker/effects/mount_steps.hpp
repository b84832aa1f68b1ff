#pragma once
// The steps of the mount effect (mount_effect.cpp) that run children of their own: the last
// look at the mount point before the helper, and the check of where the helper mounted.
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "broker/effects/effects.hpp"

namespace mb::broker::effects {

core::supervisor::MountFinished failure(core::supervisor::ErrorClass cls, std::string message);
core::supervisor::MountFinished success(const core::mount_table::MountEntry& e);
// Later mounts stack on earlier ones: the last entry at a path is the one visible there.
const core::mount_table::MountEntry* topmost_at(
    const std::vector<core::mount_table::MountEntry>& table, const std::string& path);
std::size_t mounts_at(const std::vector<core::mount_table::MountEntry>& table,
                      const std::string& path);

// `mount-broker --internal ARGS...` with a deadline; `done` gets its outcome.
void run_internal(Context& ctx, std::vector<std::string> args, int timeout_sec,
                  std::function<void(process::Outcome)> done);

// A mount helper an earlier broker started for this mount (its identity is in the record) and
// that still runs: wait for it to finish (until a mount shows at the path, it exits, or
// mount_timeout_sec passes, then it is ended), so that one mount, never two, ends up there.
// Then `next`, which finds that helper's mount, if any, in the table and adopts it.
void await_earlier_helper(Context& ctx, const core::config::MountConfig& m,
                          const core::state::MountRecord& r, std::function<void()> next);

// nullopt: go on with the mount; else the mount's result (a refusal).
using Next = std::function<void(std::optional<core::supervisor::MountFinished>)>;

// `--internal prepare-mount-point PATH`: walks the path without following symlinks, refuses
// user-writable parents (security, class config), a missing mount point (config), a
// non-empty one (busy: retried, the message names the files); makes it root's and read-only.
void prepare_mount_point(Context& ctx, const core::config::MountConfig& m, const std::string& path,
                         Next next);

// After the helper reported success: exactly one mount at `path`. A mount of our source that
// appeared elsewhere is undone at once and reported as a security error; a second mount
// stacked at the path (a helper of an earlier broker finished meanwhile) is undone.
// `before` holds the mount ids the table had before the helper started.
void verify_landing(Context& ctx, const core::config::MountConfig& m, const std::string& path,
                    const std::string& ours, std::set<int> before, const std::string& helper,
                    Done done);

}  // namespace mb::broker::effects
