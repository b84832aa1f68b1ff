// Where did the helper mount? A helper follows the path it is given; the path was verified
// (root-only parents, no symlinks), so the mount must sit there, alone. Anything else is
// undone at once, in a child: the undo may block on the very share just mounted.
#include <spdlog/spdlog.h>

#include <memory>

#include "broker/effects/helper_output.hpp"
#include "broker/effects/mount_steps.hpp"
#include "core/reconcile/reconcile.hpp"

namespace mb::broker::effects {
namespace {

using core::mount_table::MountEntry;
using core::supervisor::ErrorClass;

// New mounts of our source that are not at the path: the helper was led somewhere else. A new
// mount at another configured mount point is that mount's (two mounts of one share may be
// remounted at the same time), not ours to undo.
std::vector<MountEntry> landed_elsewhere(const Context& ctx, const core::config::MountConfig& m,
                                         const std::string& path, const std::string& ours,
                                         const std::set<int>& before,
                                         const std::vector<MountEntry>& table) {
  std::vector<MountEntry> out;
  if (ours.empty()) return out;
  const std::string want = core::reconcile::normalize_source(m.type, ours);
  for (const MountEntry& e : table)
    if (!before.count(e.mount_id) && e.mount_point != path &&
        core::reconcile::normalize_source(m.type, e.source) == want &&
        !(ctx.configured_mount_point && ctx.configured_mount_point(e.mount_point)))
      out.push_back(e);
  return out;
}

void undo(Context& ctx, const core::config::MountConfig& m, const MountEntry& e,
          std::function<void(process::Outcome)> done) {
  run_internal(
      ctx,
      {"force-unmount", e.mount_point, e.fstype.empty() ? "-" : e.fstype, std::to_string(e.device)},
      m.settings.mount_timeout_sec, std::move(done));
}

void undo_elsewhere(Context& ctx, const core::config::MountConfig& m, const std::string& path,
                    std::vector<MountEntry> stray, Done done) {
  std::string where;
  for (const auto& e : stray) where += (where.empty() ? "" : ", ") + e.mount_point;
  auto remaining = std::make_shared<std::size_t>(stray.size());
  auto failed = std::make_shared<std::string>();
  for (const MountEntry& e : stray)
    undo(ctx, m, e, [=](process::Outcome o) {
      if (!o.succeeded()) *failed += " " + e.mount_point + ": " + helper_message(o) + ";";
      if (--*remaining > 0) return;
      std::string msg = "security: the share was mounted at " + where + " instead of " + path +
                        (failed->empty() ? "; undone" : "; could not undo:" + *failed);
      spdlog::error("{}: {}", m.name, msg);
      done(failure(ErrorClass::config, msg));
    });
}

}  // namespace

void verify_landing(Context& ctx, const core::config::MountConfig& m, const std::string& path,
                    const std::string& ours, std::set<int> before, const std::string& helper,
                    Done done) {
  auto table = ctx.table.read();
  if (!table) return done(failure(ErrorClass::unknown, "mount table: " + table.error()));
  if (auto stray = landed_elsewhere(ctx, m, path, ours, before, *table); !stray.empty())
    return undo_elsewhere(ctx, m, path, std::move(stray), std::move(done));
  const MountEntry* top = topmost_at(*table, path);
  if (!top)
    return done(
        failure(ErrorClass::unknown, helper + " succeeded but nothing is mounted at " + path));
  if (mounts_at(*table, path) == 1) return done(success(*top));
  // Two mounts at one path (a helper of an earlier broker finished meanwhile): one goes.
  spdlog::warn("{}: {} mounts at {}; unmounting the topmost", m.name, mounts_at(*table, path),
               path);
  run_internal(
      ctx, {"unmount", path}, m.settings.mount_timeout_sec,
      [&ctx, path, helper, done](process::Outcome) {
        auto again = ctx.table.read();
        const MountEntry* e = again ? topmost_at(*again, path) : nullptr;
        if (e && mounts_at(*again, path) == 1) return done(success(*e));
        done(failure(ErrorClass::busy,
                     "two mounts were stacked at " + path +
                         " and the topmost could not be unmounted; run: mountctl unmount"));
      });
}

}  // namespace mb::broker::effects
