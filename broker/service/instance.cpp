#include "broker/service/instance.hpp"

#include <grp.h>
#include <spdlog/spdlog.h>

#include "broker/effects/tunnel.hpp"
#include "broker/logging/logging.hpp"
#include "broker/service/config_source.hpp"
#include "core/config/broker_settings.hpp"
#include "core/config/config_loader.hpp"
#include "platform/config_file.hpp"
#include "platform/resolve_mountpoint.hpp"
#include "util/durable_file.hpp"
#include "util/unix_time.hpp"

namespace mb::broker::service {
namespace {

void log_report(const core::reconcile::Report& r) {
  using core::state::Finding;
  switch (r.finding) {
    case Finding::lost:  // its detail already starts with "lost:" (it is also last_error)
      spdlog::warn("{}: {}", r.name, r.detail);
      break;
    case Finding::conflict:
    case Finding::orphan:
      spdlog::warn("{}: {}: {}", r.name, core::state::to_string(r.finding), r.detail);
      break;
    case Finding::adopted:
      spdlog::info("{}: adopted: found mounted, now supervised", r.name);
      break;
    default:
      break;
  }
}

bool same_mount(const core::config::MountConfig& a, const core::config::MountConfig& b) {
  // `line` moves whenever a comment is added above; it is not part of the mount.
  auto x = a;
  x.line = b.line;
  return x == b;
}

}  // namespace

util::Result<std::unique_ptr<Instance>> Instance::start(
    BrokerOptions options, std::unique_ptr<platform::MountTable> table) {
  platform::LoadOptions load_opts{options.check_config_owner};
  // config.toml is read once: validated, peeked at for the state directory and snapshotted
  // from the same bytes.
  auto choice = choose_config(options.config_path, platform::read_config_bytes(options.config_path),
                              options.state_dir, load_opts);
  std::string dir = choice.state_dir;
  auto log_warnings = [&] {
    for (const auto& w : choice.warnings) spdlog::error("config: {}", w);
  };

  auto store = platform::StateStore::open(dir, options.lock_wait);
  if (!store) {
    log_warnings();
    return util::error(store.error());
  }
  std::unique_ptr<Instance> b(
      new Instance(std::move(options), dir, std::move(*store), std::move(table)));
  b->config_ = std::move(choice.config);
  ++b->config_generation_;
  // The log file only now, with the state lock held; then the config's problems, so that
  // they reach the file too.
  b->apply_log_file();
  log_warnings();
  b->config_warnings_ = std::move(choice.warnings);

  auto loaded = b->store_.load();
  if (!loaded) return util::error(loaded.error());
  for (const auto& f : loaded->removed_temp_files)
    spdlog::info("state: removed {}/{}, left by a save that was interrupted", dir, f);
  if (!loaded->cleanup_error.empty())
    spdlog::warn("state: cannot remove a leftover temp file: {}", loaded->cleanup_error);
  b->state_ = std::move(loaded->state);
  b->read_only_ = loaded->read_only;
  if (!loaded->warning.empty()) {
    spdlog::error("state: {}", loaded->warning);
    b->state_warnings_.push_back(loaded->warning);
  }
  if (b->config_ && choice.from_file && !b->read_only_) {
    if (auto st = save_snapshot(dir, choice.text); !st)
      spdlog::warn("config: cannot record the last good config: {}", st.error());
    // Only a cache: a failure costs the next start a parse, nothing else.
    if (!choice.cache.empty())
      if (auto st = save_cache(dir, choice.cache); !st)
        spdlog::warn("config: cannot save the parsed config for the next start: {}", st.error());
  }
  if (!b->read_only_) ++b->state_.counters.activations;
  b->count_activation(b->reconcile({}));  // nothing runs yet
  return b;
}

void Instance::count_activation(bool saved_already) {
  if (read_only_ || saved_already) return;
  // Only an operator who collects metrics pays a durable write of the whole state for the
  // count; without metrics_file every cold `status` would rewrite and fsync state.json (the
  // count then rides with the activation's next write of the state, if any).
  if (!config_ || config_->broker.metrics_file.empty()) return;
  // A counter alone is not worth keeping a broker alive for (a failed save does that): a
  // failed write is logged and not retried; the next write of the state carries the count.
  if (auto st = store_.save(state_); !st)
    spdlog::warn("state: the activation count was not saved: {}", st.error());
}

void Instance::note_sweep(std::int64_t duration_ms, std::int64_t ended_at) {
  state_.counters.last_sweep_ms = duration_ms;
  state_.counters.last_sweep_at = ended_at;
  save();
}

Instance::Instance(BrokerOptions options, std::string state_dir, platform::StateStore store,
                   std::unique_ptr<platform::MountTable> table)
    : options_(std::move(options)),
      state_dir_(std::move(state_dir)),
      store_(std::move(store)),
      table_(std::move(table)) {}

Instance::~Instance() {
  logging::close_file();
}

void Instance::apply_log_file() {
  logging::FileSettings wanted;
  if (const auto& b = settings(); !b.log_file.empty())
    wanted = {b.log_file, core::config::log_max_bytes(b), b.log_max_files};
  log_file_warning_.clear();
  if (auto st = logging::use_file(wanted); !st) {
    log_file_warning_ =
        st.error() + "; the broker goes on, logging to " + logging::target_name() + " only";
    spdlog::error("{}", log_file_warning_);
  }
}

const std::vector<core::reconcile::Wanted>& Instance::wanted() {
  // Made once per config: every status, sweep and reload reconciles against the same list.
  if (wanted_generation_ == config_generation_) return wanted_;
  wanted_.clear();
  wanted_.reserve(config_->mounts.size());
  for (const auto& m : config_->mounts) {
    auto& w = wanted_.emplace_back();  // made in place: no temporary moved in and freed
    w.name = m.name;
    w.type = m.type;
    w.mountpoint = platform::resolve_mountpoint(m.mountpoint);
    w.expected_source = m.source;
    w.auto_mount = m.settings.auto_mount;
  }
  wanted_generation_ = config_generation_;
  return wanted_;
}

bool Instance::reconcile(const std::set<std::string>& settling) {
  // Without a valid config we cannot tell ours from theirs; keep the state exactly as it is.
  if (!config_) return false;
  auto entries = table_->read();
  if (!entries) {
    spdlog::error("mount table: {}", entries.error());
    return false;
  }
  auto outcome =
      core::reconcile::reconcile_in_place(wanted(), state_, *entries, util::unix_now(), settling);
  // Log news only: a finding that was already recorded was logged when it appeared.
  for (const auto& r : outcome.reports)
    if (r.news) log_report(r);
  // A record the config no longer names (and whose mount is gone) takes its tunnel along.
  for (const auto& r : outcome.dropped)
    if (r.tunnel_pid > 0 && !state_.find(r.name))
      effects::end_tunnel(r.name, r.tunnel_pid, r.tunnel_start);
  // A mount found lost or gone takes its tunnel with it (the tunnel never outlives its mount).
  bool ended = false;
  for (auto& r : state_.mounts) ended = effects::end_stray_tunnel(r) || ended;
  if (!outcome.changed && !ended) return false;
  save();
  return true;
}

void Instance::save() {
  if (read_only_) return;
  if (writer_.changed) return writer_.changed();
  write_finished(store_.save(state_));
}

void Instance::when_durable(core::state::GroupCommit::Waiter w) {
  if (writer_.when_durable) return writer_.when_durable(std::move(w));
  w(saved());
}

void Instance::write_finished(const util::Status& st) {
  if (st) {
    if (!saved())
      spdlog::info("state: saved again after {} s unsaved", util::unix_now() - unsaved_since_);
    unsaved_error_.clear();
    unsaved_since_ = 0;
    return;
  }
  if (saved() || st.error() != unsaved_error_)
    spdlog::error("state: not saved: {}; the changes are kept in memory and saving is retried",
                  st.error());
  if (saved()) unsaved_since_ = util::unix_now();
  unsaved_error_ = st.error();
}

util::Result<core::config::Config> Instance::read_config_file() {
  auto file = platform::read_config_bytes(options_.config_path);
  auto loaded =
      file ? platform::load_config_bytes(*file, options_.config_path, {options_.check_config_owner})
           : util::Result<core::config::Config>(util::error(file.error()));
  // The snapshot apply_config() saves is made of the bytes validated here.
  validated_text_ = loaded ? std::move(file->text) : std::string();
  if (!loaded) {
    spdlog::error("config: reload refused, the config in force is unchanged:\n{}", loaded.error());
    config_warnings_ = {"the last reload was refused (the config in force is unchanged):\n" +
                        loaded.error()};
  }
  return loaded;
}

ConfigDiff Instance::diff(const core::config::Config& next) const {
  ConfigDiff d;
  const core::config::Config* old = config();
  for (const auto& m : next.mounts) {
    const auto* before = old ? old->find(m.name) : nullptr;
    if (!before)
      d.added.push_back(m.name);
    else if (!same_mount(*before, m))
      d.changed.push_back(m.name);
  }
  if (old)
    for (const auto& m : old->mounts)
      if (!next.find(m.name)) d.removed.push_back(m.name);
  return d;
}

bool Instance::needs_remount(const core::config::MountConfig& a,
                             const core::config::MountConfig& b) {
  return a.type != b.type || a.server != b.server || a.share != b.share ||
         a.username != b.username || a.mountpoint != b.mountpoint || a.credential != b.credential ||
         a.command != b.command || a.source != b.source ||
         a.settings.options != b.settings.options || a.local_user != b.local_user ||
         a.local_uid != b.local_uid || a.local_gid != b.local_gid;
}

void Instance::apply_config(core::config::Config next) {
  auto d = diff(next);
  config_ = std::move(next);
  ++config_generation_;
  config_warnings_.clear();
  apply_log_file();
  if (!validated_text_.empty() && !read_only_) {
    if (auto st = save_snapshot(state_dir_, validated_text_); !st)
      spdlog::warn("config: cannot record the last good config: {}", st.error());
  }
  validated_text_.clear();
  spdlog::info("config: reloaded: {} added, {} removed, {} changed", d.added.size(),
               d.removed.size(), d.changed.size());
}

std::vector<std::string> Instance::warnings() const {
  auto out = config_warnings_;
  out.insert(out.end(), state_warnings_.begin(), state_warnings_.end());
  if (!saved())
    out.push_back("state not saved since " + std::to_string(util::unix_now() - unsaved_since_) +
                  " s ago: " + unsaved_error_ +
                  "; changes are kept in memory, saving is retried every few seconds, and the "
                  "broker does not exit until it succeeds (free space or fix the state directory)");
  if (!log_file_warning_.empty()) out.push_back(log_file_warning_);
  return out;
}

const core::config::BrokerSettings& Instance::settings() const {
  static const core::config::BrokerSettings fallback = core::config::default_broker();
  return config_ ? config_->broker : fallback;
}

std::string Instance::admin_group() const {
  return settings().admin_group;
}

std::optional<gid_t> Instance::admin_gid() const {
  // Looked up per request: group membership may change while we run.
  if (struct group* g = getgrnam(admin_group().c_str())) return g->gr_gid;
  return std::nullopt;
}

int Instance::idle_exit_sec() const {
  return settings().idle_exit_sec;
}

}  // namespace mb::broker::service
