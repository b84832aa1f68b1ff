// Mounting: refuse an occupied path (by the mount table), look at the mount point in a child
// (no symlinks, root-only parents, empty), read the credential, run the backend's helper in a
// child with a deadline, and check in the mount table that the mount sits where it should.
#include <spdlog/spdlog.h>

#include <boost/asio/steady_timer.hpp>
#include <cerrno>
#include <memory>

#include "broker/effects/effects.hpp"
#include "broker/effects/helper_log_tail.hpp"
#include "broker/effects/helper_output.hpp"
#include "broker/effects/mount_steps.hpp"
#include "broker/effects/tunnel.hpp"
#include "core/backends/classify.hpp"
#include "core/backends/helper_log.hpp"
#include "core/backends/invocation.hpp"
#include "core/backends/keychain_output.hpp"
#include "core/backends/netfs_status.hpp"
#include "core/mount_table/mount_point_policy.hpp"
#include "core/reconcile/adoption.hpp"
#include "core/reconcile/reconcile.hpp"
#include "platform/credential_file.hpp"
#include "platform/keychain.hpp"
#include "platform/process_identity.hpp"
#include "platform/smb.hpp"
#include "process/program_lookup.hpp"
#include "util/wipe.hpp"

namespace mb::broker::effects {

using core::supervisor::ErrorClass;
using core::supervisor::MountFinished;

MountFinished failure(ErrorClass cls, std::string message) {
  MountFinished f;
  f.error = cls;
  f.message = std::move(message);
  return f;
}

MountFinished success(const core::mount_table::MountEntry& e) {
  return MountFinished{true, ErrorClass::none, "", e.device, e.source, e.fstype};
}

const core::mount_table::MountEntry* topmost_at(
    const std::vector<core::mount_table::MountEntry>& table, const std::string& path) {
  for (auto it = table.rbegin(); it != table.rend(); ++it)
    if (it->mount_point == path) return &*it;
  return nullptr;
}

std::size_t mounts_at(const std::vector<core::mount_table::MountEntry>& table,
                      const std::string& path) {
  std::size_t n = 0;
  for (const auto& e : table) n += e.mount_point == path;
  return n;
}

void run_internal(Context& ctx, std::vector<std::string> args, int timeout_sec,
                  std::function<void(process::Outcome)> done) {
  process::Spec spec;
  spec.argv = {ctx.self_exe, "--internal"};
  spec.argv.insert(spec.argv.end(), args.begin(), args.end());
  spec.deadline = std::chrono::seconds(timeout_sec);
  spec.kill_grace = std::chrono::milliseconds(500);
  spec.abandon_after = std::chrono::milliseconds(2000);
  spec.forkable = true;
  ctx.runner.run(std::move(spec), std::move(done));
}

namespace {

// The source that identifies our mount: the configured one, else what we recorded.
std::string our_source(const core::config::MountConfig& m, const std::string& recorded) {
  return m.source.empty() ? recorded : m.source;
}

// By the mount table only (nothing on the path is touched): something already mounted at the
// path is ours (adopt it) or not (never mount on top of it); a path below a network or FUSE
// mount is refused (every look at it would wait for that server).
std::optional<MountFinished> check_table(const core::config::MountConfig& m,
                                         const std::string& ours,
                                         const std::string& recorded_fstype,
                                         const std::string& path,
                                         const std::vector<core::mount_table::MountEntry>& table) {
  if (const auto* e = topmost_at(table, path)) {
    const bool same = !ours.empty() && core::reconcile::normalize_source(m.type, e->source) ==
                                           core::reconcile::normalize_source(m.type, ours);
    // Its source alone does not make it ours (a user's FUSE mount can carry any fsname=).
    std::string refused = same ? core::reconcile::refusal(m.type, recorded_fstype, *e) : "";
    if (same && refused.empty()) return success(*e);
    return failure(ErrorClass::busy, "\"" + e->source + "\" (" + e->fstype +
                                         ") is already mounted at " + path +
                                         (refused.empty() ? "" : " (" + refused + ")") +
                                         "; not mounting on top of it");
  }
  if (const auto* up = core::mount_table::nonlocal_ancestor(table, path))
    return failure(ErrorClass::config,
                   "mount point " + path + " lies below " + up->mount_point + ", a " + up->fstype +
                       " mount: a hung server there would hang every look at it; choose a " +
                       "mount point on a local file system");
  return std::nullopt;
}

process::Spec spec_for(const Context& ctx, const core::backends::Invocation& inv,
                       const core::config::MountConfig& m) {
  process::Spec spec;
  spec.argv = inv.argv;
  if (inv.internal) spec.argv.insert(spec.argv.begin(), {ctx.self_exe, "--internal"});
  spec.env.insert(spec.env.end(), inv.env.begin(), inv.env.end());
  spec.stdin_data = inv.stdin_data;
  if (inv.secret_fd_data) spec.secret = process::SecretPipe{inv.secret_fd, *inv.secret_fd_data};
  spec.deadline = std::chrono::seconds(m.settings.mount_timeout_sec);
  spec.new_session = inv.new_session;
  spec.detach = inv.detach;
  return spec;
}

std::set<int> mount_ids(Context& ctx) {
  std::set<int> ids;
  if (auto table = ctx.table.read())
    for (const auto& e : *table) ids.insert(e.mount_id);
  return ids;
}

// A helper that stays in the foreground (rclone mount): poll the mount table until the mount
// appears, the helper exits, or the deadline passes.
struct DetachedWatch {
  pid_t pid = -1;
  bool exited = false;
  std::unique_ptr<boost::asio::steady_timer> timer;
  std::chrono::steady_clock::time_point give_up;
};

void poll_detached(Context& ctx, std::shared_ptr<DetachedWatch> w, std::string path,
                   std::function<void()> appeared) {
  if (w->exited) return;
  auto table = ctx.table.read();
  if (table && topmost_at(*table, path)) {
    ctx.runner.release(w->pid);
    w->exited = true;
    return appeared();
  }
  if (std::chrono::steady_clock::now() >= w->give_up) {
    ctx.runner.terminate(w->pid);  // its Outcome reports the timeout
    return;
  }
  w->timer->expires_after(std::chrono::milliseconds(100));
  w->timer->async_wait([&ctx, w, path, appeared](const boost::system::error_code& ec) {
    if (!ec) poll_detached(ctx, w, path, appeared);
  });
}

// The helper's failure as a class: an internal child (netfs-mount) says it in its exit status.
ErrorClass failure_class(bool internal, const core::config::MountConfig& m,
                         const process::Outcome& o) {
  if (o.ending == process::Ending::spawn_failed) return ErrorClass::config;
  if (o.timed_out || o.terminated) return core::backends::classify_timeout();
  if (internal) {
    return o.ending == process::Ending::exited ? core::backends::class_of_netfs_exit(o.exit_code)
                                               : ErrorClass::unknown;
  }
  return core::backends::classify_failure(m.type, o.exit_code, o.err);
}

MountFinished failed(const core::config::MountConfig& m, const std::string& helper, bool internal,
                     const process::Outcome& o, const std::string& secret) {
  const ErrorClass cls = failure_class(internal, m, o);
  // Helpers' output can echo what they were given: redacted from the raw bytes, and with a
  // credential it goes only to the root-only log (every user reads last_error in status).
  std::string text = helper_message(o, secret);
  MountFinished f = failure(cls, helper + ": " + text);
  if (!secret.empty()) {
    spdlog::warn("{}: {}: {}", m.name, helper, text);
    f.message = helper + " failed (" + o.describe() + "); its output is in the broker's log";
  }
  // Not installed (or a wrapper could not run it): installing it fixes that.
  f.fixable = o.ending == process::Ending::spawn_failed ||
              (o.ending == process::Ending::exited && (o.exit_code == 126 || o.exit_code == 127));
  return f;
}

// credential = "file": the password, read now (a root-only local file). Moving a short string
// copies its bytes, so the source is wiped after the move, and the result is built in place.
util::Result<std::optional<std::string>> read_password(Context& ctx,
                                                       const core::config::MountConfig& m) {
  util::Result<std::optional<std::string>> out{std::optional<std::string>()};
  std::optional<std::string>& password = *out;
  if (m.credential == core::config::Credential::file) {
    auto cred = platform::read_credential(ctx.credential_dir, m.name);
    if (!cred) return util::error(cred.error());
    password = std::move(*cred);
    if (*cred) util::wipe(**cred);
  }
  return out;
}

// The helper starts as `mount-broker --internal gate STATE NAME -- PROGRAM ...`, which execs
// PROGRAM only once the state file names its pid (note_helper, right after the spawn): a
// broker killed at any moment leaves no helper the next broker cannot know of.
util::Status through_gate(Context& ctx, const core::config::MountConfig& m, process::Spec& spec) {
  if (!ctx.note_helper || ctx.state_file.empty()) return util::ok_status();
  auto program = process::resolve_program(spec.argv[0], process::search_path_of(spec.env));
  if (!program) return util::error(program.error());
  spec.argv[0] = *program;
  spec.argv.insert(spec.argv.begin(),
                   {ctx.self_exe, "--internal", "gate", ctx.state_file, m.name, "--"});
  return util::ok_status();
}

void run_helper(Context& ctx, const core::config::MountConfig& m, const std::string& path,
                const std::string& ours, util::Result<std::optional<std::string>> password,
                Done done) {
  if (!password) {
    // Missing or unsafe credential file, no keychain entry: `mountctl setup` or a chmod fixes it.
    MountFinished f = failure(ErrorClass::config, password.error());
    f.fixable = true;
    return done(f);
  }
  auto inv = core::backends::mount_invocation(m, path, *password, platform::smb_tool());
  // From here the invocation holds the helper's copy, and `secret` the one kept to redact its
  // output; the runner wipes the invocation's copy once written to the helper.
  std::string taken = password->value_or("");
  auto secret = util::shared_secret(taken);
  if (*password) util::wipe(**password);
  if (!inv) return done(failure(ErrorClass::config, inv.error()));

  const std::string helper = inv->argv.empty() ? "helper"
                             : inv->internal   ? "mount-broker --internal " + inv->argv[0]
                                               : inv->argv[0];
  const bool internal = inv->internal;
  auto before = mount_ids(ctx);
  auto watch = std::make_shared<DetachedWatch>();
  auto landed = [&ctx, m, path, ours, before, helper, done] {
    verify_landing(ctx, m, path, ours, before, helper, done);
  };
  // A helper that logs to a file (rclone --log-file) says why it failed there, not on stderr.
  const auto log = core::backends::helper_log_path(inv->argv);
  const LogMark mark = log ? mark_log(*log) : LogMark{};
  auto on_exit = [m, helper, internal, secret, watch, mark, done, landed](process::Outcome o) {
    if (watch->exited) return;
    watch->exited = true;
    bool ok = o.succeeded() && !o.terminated;
    std::optional<MountFinished> f;
    if (!ok) {
      std::string added = read_since(mark);
      if (!added.empty()) o.err += (o.err.empty() ? "" : "\n") + added;
      util::wipe(added);
      f = failed(m, helper, internal, o, *secret);
    }
    // The helper may have echoed the password: no copy of its output outlives this.
    util::wipe(o.err);
    util::wipe(o.out);
    if (ok) return landed();
    done(*f);
  };
  auto spec = spec_for(ctx, *inv, m);
  for (auto* copy : {&inv->stdin_data, &inv->secret_fd_data})
    if (*copy) util::wipe(**copy);
  if (auto gated = through_gate(ctx, m, spec); !gated) {
    if (spec.stdin_data) util::wipe(*spec.stdin_data);
    if (spec.secret) util::wipe(spec.secret->data);
    return done(failure(ErrorClass::config, helper + ": " + gated.error()));
  }
  auto pid = ctx.runner.run(std::move(spec), on_exit);
  // Into the state at once: the gate execs the helper only when the state names it, so a
  // broker killed at any moment leaves no helper the next one does not know of.
  if (pid && ctx.note_helper)
    if (auto started = platform::process_start_time(*pid)) ctx.note_helper(m.name, *pid, *started);
  if (pid && inv->detach) {
    watch->pid = *pid;
    watch->timer = std::make_unique<boost::asio::steady_timer>(ctx.io);
    watch->give_up =
        std::chrono::steady_clock::now() + std::chrono::seconds(m.settings.mount_timeout_sec);
    poll_detached(ctx, watch, path, landed);
  }
}

// credential = "keychain": the reader runs as a child like every helper (deadline, minimal
// environment, no inherited descriptors), so the broker never waits for security(1).
void with_keychain_password(Context& ctx, const core::config::MountConfig& m,
                            const std::string& path, const std::string& ours, Done done) {
  auto argv = platform::keychain_read_command(m.server, m.username);
  if (!argv) return done(failure(ErrorClass::config, argv.error()));
  process::Spec spec;
  spec.argv = std::move(*argv);
  spec.deadline = std::chrono::seconds(m.settings.mount_timeout_sec);
  ctx.runner.run(std::move(spec), [&ctx, m, path, ours, done](process::Outcome o) {
    util::wipe(o.err);
    if (o.ending == process::Ending::spawn_failed) {
      util::wipe(o.out);
      return done(failure(ErrorClass::config, "keychain: " + o.error));
    }
    if (o.timed_out || o.ending != process::Ending::exited) {
      util::wipe(o.out);
      return done(
          failure(core::backends::classify_timeout(), "keychain: the reader " + o.describe()));
    }
    util::Result<std::optional<std::string>> password{std::optional<std::string>()};
    auto read = core::backends::keychain_password_from(o.exit_code, o.out, m.server, m.username);
    util::wipe(o.out);
    if (read) {
      password->emplace(*read);
      util::wipe(*read);
    } else {
      password = util::error(read.error());
    }
    run_helper(ctx, m, path, ours, std::move(password), done);
  });
}

}  // namespace

void mount(Context& ctx, const core::config::MountConfig& m, const core::state::MountRecord& r,
           Done done) {
  // A password may be read below (a credential file, the keychain reader's output): the fork
  // server, started on first need, must be forked before, so that it never holds one.
  ctx.runner.start_forks();
  const std::string path = r.mountpoint;
  const std::string ours = our_source(m, r.source);
  // Whatever the outcome, no helper of this mount is at work once it is reported.
  Done finish = [&ctx, name = m.name, done](core::supervisor::Event e) {
    if (ctx.note_helper) ctx.note_helper(name, 0, 0);
    done(std::move(e));
  };
  await_earlier_helper(ctx, m, r, [&ctx, m, r, path, ours, fstype = r.fstype, finish] {
    auto table = ctx.table.read();
    if (!table) return finish(failure(ErrorClass::unknown, "mount table: " + table.error()));
    if (auto early = check_table(m, ours, fstype, path, *table)) return finish(*early);
    prepare_mount_point(ctx, m, path, [&ctx, m, r, path, ours, finish](auto refused) {
      if (refused) return finish(*refused);
      // A tunnelled mount's helper connects through the tunnel's loopback end.
      auto go = [&ctx, path, ours, finish](const core::config::MountConfig& routed) {
        if (routed.credential == core::config::Credential::keychain)
          return with_keychain_password(ctx, routed, path, ours, finish);
        run_helper(ctx, routed, path, ours, read_password(ctx, routed), finish);
      };
      via_tunnel(ctx, m, r, go, finish);
    });
  });
}

}  // namespace mb::broker::effects
