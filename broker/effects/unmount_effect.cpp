// Unmounting in a child of our own binary: umount2 on a dead share can block in the kernel.
// One unmount removes one mount; when mounts of ours were stacked at the path (a broker killed
// while its helper ran, and a second mount made after it), each is removed in turn, and a
// mount that is not ours and remains is named instead of being reported as done. Views of the
// mount elsewhere (core/mount_table/views.hpp: the bind mount.mount-broker made for an
// automounter) are unmounted first, the same way.
#include <spdlog/spdlog.h>

#include <memory>

#include "broker/effects/effects.hpp"
#include "broker/effects/helper_output.hpp"
#include "broker/effects/mount_steps.hpp"
#include "core/mount_table/views.hpp"
#include "core/reconcile/reconcile.hpp"

namespace mb::broker::effects {
namespace {

constexpr int kBusyExit = 16;  // broker/internal: EBUSY
constexpr int kMaxRounds = 8;  // stacked mounts of ours at one path; more would be a loop

struct Round {
  std::string name, path, ours;
  core::config::MountType type;
  bool force = false;
  int timeout_sec = 0;
  int left = kMaxRounds;
  std::string mountpoint;          // the mount's own; `path` while no view is left
  std::vector<std::string> views;  // still to unmount before it
};

// The next path once `path` is clear: a view, else the mount point. False when done.
bool next_path(Round& r) {
  if (r.path == r.mountpoint) return false;
  if (r.views.empty()) {
    r.path = r.mountpoint;
  } else {
    r.path = r.views.front();
    r.views.erase(r.views.begin());
  }
  r.left = kMaxRounds;
  return true;
}

std::vector<std::string> argv_for(Context& ctx, const Round& r, const std::string& fstype,
                                  std::uint64_t device) {
  if (!r.force) return {ctx.self_exe, "--internal", "unmount", r.path};
  return {
      ctx.self_exe,          "--internal", "force-unmount", r.path, fstype.empty() ? "-" : fstype,
      std::to_string(device)};
}

// After a successful round: nothing left (done), ours left (`next` is set: another round),
// or someone else's mount left (named).
struct Remains {
  std::optional<core::supervisor::UnmountFinished> settled;
  core::mount_table::MountEntry next;
};

Remains what_remains(Context& ctx, const Round& r) {
  Remains out;
  auto table = ctx.table.read();
  const core::mount_table::MountEntry* top = table ? topmost_at(*table, r.path) : nullptr;
  if (!top) {
    out.settled = core::supervisor::UnmountFinished{};
    out.settled->ok = true;
    return out;
  }
  bool ours = !r.ours.empty() && core::reconcile::normalize_source(r.type, top->source) ==
                                     core::reconcile::normalize_source(r.type, r.ours);
  if (ours && r.left > 0) {
    out.next = *top;
    return out;
  }
  out.settled = core::supervisor::UnmountFinished{};
  out.settled->message = "unmounted, but \"" + top->source + "\" (" + top->fstype +
                         ") is still mounted at " + r.path +
                         (ours ? " (ours; stacked too deep)" : " (not ours: left in place)");
  return out;
}

// Nothing is mounted there any more: make the mount point root's and read-only (a mount
// point an older broker or a person left writable would take files the next mount hides).
// Its outcome does not change the unmount's.
void secure(Context& ctx, const Round& r, core::supervisor::UnmountFinished f, Done done) {
  run_internal(ctx, {"secure-mount-point", r.path}, r.timeout_sec,
               [name = r.name, f, done](process::Outcome o) {
                 std::string said = o.out + o.err;
                 while (!said.empty() && said.back() == '\n') said.pop_back();
                 if (!said.empty()) spdlog::info("{}: {}", name, said);
                 done(f);
               });
}

void run_round(Context& ctx, std::shared_ptr<Round> r, const std::string& fstype,
               std::uint64_t device, Done done) {
  --r->left;
  process::Spec spec;
  spec.argv = argv_for(ctx, *r, fstype, device);
  spec.deadline = std::chrono::seconds(r->timeout_sec);
  spec.kill_grace = std::chrono::milliseconds(500);
  spec.abandon_after = std::chrono::milliseconds(2000);
  spec.forkable = true;
  ctx.runner.run(std::move(spec), [&ctx, r, fstype, device, done](process::Outcome o) {
    core::supervisor::UnmountFinished f;
    f.ok = o.succeeded();
    // What a forced unmount had to do (abort, lazy unmount, end a daemon) is worth a line.
    std::string said = o.out;
    while (!said.empty() && (said.back() == '\n' || said.back() == ' ')) said.pop_back();
    if (f.ok && !said.empty()) spdlog::info("{}: {}", r->name, said);
    f.busy = o.ending == process::Ending::exited && o.exit_code == kBusyExit;
    bool view = r->path != r->mountpoint;
    if (!f.ok && (!view || f.busy)) {
      f.message = helper_message(o);
      return done(f);
    }
    Remains left = what_remains(ctx, *r);
    // An automounter expires its view when it likes, also between our reading the table and
    // our umount, which then fails (EINVAL): the table says whether the view is still there.
    if (!f.ok && !left.settled) {
      f.message = helper_message(o);
      return done(f);
    }
    if (!f.ok) spdlog::info("{}: its view at {} went away meanwhile", r->name, r->path);
    // A view is done when nothing of ours is left there: what remains is the automounter's own
    // (systemd's autofs mount under it), not ours to unmount.
    if (left.settled && view && next_path(*r)) {
      spdlog::info("{}: unmounting {}", r->name, r->path);
      return run_round(ctx, r, fstype, device, done);
    }
    if (left.settled && left.settled->ok) return secure(ctx, *r, *left.settled, done);
    if (left.settled) return done(*left.settled);
    spdlog::warn("{}: another mount of ours was stacked at {}; unmounting it too", r->name,
                 r->path);
    run_round(ctx, r, left.next.fstype, left.next.device, done);
  });
}

void start(Context& ctx, const core::config::MountConfig& m, const core::state::MountRecord& rec,
           bool force, Done done) {
  auto r = std::make_shared<Round>();
  r->name = m.name;
  r->path = rec.mountpoint;
  r->ours = m.source.empty() ? rec.source : m.source;
  r->type = m.type;
  r->force = force;
  r->timeout_sec = m.settings.mount_timeout_sec;
  std::string fstype = rec.fstype;
  std::uint64_t device = rec.device;
  // The record may predate knowing them; the mount table has them now.
  r->mountpoint = rec.mountpoint;
  if (auto table = ctx.table.read()) {
    if (const auto* e = topmost_at(*table, rec.mountpoint)) {
      fstype = e->fstype;
      device = e->device;
    }
    r->views = core::mount_table::views_of(*table, rec.mountpoint, ctx.configured_mount_point);
  }
  if (!r->views.empty()) {
    r->path = r->views.front();
    r->views.erase(r->views.begin());
    spdlog::info("{}: unmounting its view at {} first", r->name, r->path);
  }
  run_round(ctx, r, fstype, device, std::move(done));
}

}  // namespace

void unmount(Context& ctx, const core::config::MountConfig& m, const core::state::MountRecord& r,
             Done done) {
  start(ctx, m, r, false, std::move(done));
}

void force_unmount(Context& ctx, const core::config::MountConfig& m,
                   const core::state::MountRecord& r, Done done) {
  start(ctx, m, r, true, std::move(done));
}

}  // namespace mb::broker::effects
