#pragma once
// What one broker instance knows while it lives: the config in force, the state loaded from
// state.json, and the store that owns the lock. Operations (broker/ops/) act through it.
#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/config/config.hpp"
#include "core/reconcile/reconcile.hpp"
#include "core/state/group_commit.hpp"
#include "platform/mount_table.hpp"
#include "platform/state_store.hpp"
#include "util/result.hpp"

namespace mb::broker::service {

struct BrokerOptions {
  std::string config_path;
  std::optional<std::string> state_dir;  // --state-dir overrides [broker] state_dir
  std::chrono::milliseconds lock_wait{30000};
  bool check_config_owner = true;
  std::string activation;  // description, for `version`
};

struct ConfigDiff {
  std::vector<std::string> added, removed, changed;
};

class Instance {
 public:
  static util::Result<std::unique_ptr<Instance>> start(BrokerOptions options,
                                                       std::unique_ptr<platform::MountTable> table);
  // Closes the log file before the state lock goes: only the lock holder writes it.
  ~Instance();

  // Reads the mount table, classifies every mount, saves the state if it changed. The mounts
  // in `settling` (SupervisorShell::settling_mounts: a child or queued work) are left to that work.
  // Returns whether the state changed (and was saved).
  bool reconcile(const std::set<std::string>& settling);
  // Reload in steps (ops/reload.cpp unmounts what goes away in between): read and validate
  // the file (an error leaves the config in force and is shown by status), compare, apply.
  util::Result<core::config::Config> read_config_file();
  ConfigDiff diff(const core::config::Config& next) const;
  // The caller reconciles afterwards (with what is settling under the new config).
  void apply_config(core::config::Config next);
  // Whether a change means the share must be mounted again (not just new probe settings).
  static bool needs_remount(const core::config::MountConfig& a, const core::config::MountConfig& b);

  // The record of a configured mount (nullptr if unknown) and saving after changing it. With
  // a writer (service::StateWriter) a save only marks the state changed: the writer writes
  // it off the loop, one write per batch of changes; without one (at start) it writes now.
  core::state::MountRecord* record(const std::string& name) { return state_.find(name); }
  void save_state() { save(); }
  // `w` runs once every change saved so far is on disk (true) or the write holding it failed
  // (false). A reply that says a change is done is sent from here.
  void when_durable(core::state::GroupCommit::Waiter w);
  // Whether state.json holds the state in memory. After a failed save (disk full, read-only
  // or immutable directory) it does not until a save succeeds: replies must not say `ok`,
  // and the broker must not exit (service::StateWriter retries).
  bool saved() const { return unsaved_error_.empty(); }
  // Why the last save failed and since when (unix seconds); empty when saved.
  const std::string& unsaved_error() const { return unsaved_error_; }
  std::int64_t unsaved_since() const { return unsaved_since_; }

  struct Writer {
    std::function<void()> changed;
    std::function<void(core::state::GroupCommit::Waiter)> when_durable;
  };
  void set_writer(Writer w) { writer_ = std::move(w); }
  // Writes `s` to state.json. Touches only the store, so the writer's thread may call it.
  util::Status write_state(const core::state::State& s) const { return store_.save(s); }
  // The outcome of a write, back on the loop: saved() and the logs follow it.
  void write_finished(const util::Status& st);
  const core::config::MountConfig* mount_config(const std::string& name) const {
    return config_ ? config_->find(name) : nullptr;
  }
  bool read_only() const { return read_only_; }
  std::unique_ptr<platform::MountTable>& table() { return table_; }

  bool has_config() const { return config_.has_value(); }
  const core::config::Config* config() const { return config_ ? &*config_ : nullptr; }
  // Changes whenever another config comes into force: for what is derived from it once.
  std::uint64_t config_generation() const { return config_generation_; }
  // The [broker] settings in force: the config's, or while no config is valid the built-in
  // defaults (core::config::default_broker), the one place those are written.
  const core::config::BrokerSettings& settings() const;
  const core::state::State& state() const { return state_; }
  // The last sweep's duration and end (unix seconds), kept in the state for the metrics.
  void note_sweep(std::int64_t duration_ms, std::int64_t ended_at);
  // Standing problems a person should see in `status`.
  std::vector<std::string> warnings() const;
  const std::string& activation() const { return options_.activation; }
  void set_activation(std::string description) { options_.activation = std::move(description); }
  const std::string& state_dir() const { return state_dir_; }
  std::optional<gid_t> admin_gid() const;
  std::string admin_group() const;
  int idle_exit_sec() const;

 private:
  Instance(BrokerOptions options, std::string state_dir, platform::StateStore store,
           std::unique_ptr<platform::MountTable> table);
  void save();
  // One more activation in the state's counter, written now; see broker.cpp.
  void count_activation(bool saved_already);
  const std::vector<core::reconcile::Wanted>& wanted();
  // Opens, changes or closes the [broker] log_file to match the config in force.
  void apply_log_file();

  BrokerOptions options_;
  std::string state_dir_;
  platform::StateStore store_;
  std::unique_ptr<platform::MountTable> table_;
  std::optional<core::config::Config> config_;
  std::uint64_t config_generation_ = 0;
  std::vector<core::reconcile::Wanted> wanted_;  // of the config of wanted_generation_
  std::uint64_t wanted_generation_ = 0;
  core::state::State state_;
  bool read_only_ = false;
  std::vector<std::string> config_warnings_;
  std::vector<std::string> state_warnings_;
  std::string log_file_warning_;  // the log file could not be opened
  std::string unsaved_error_;
  std::int64_t unsaved_since_ = 0;
  Writer writer_;
  std::string validated_text_;  // the bytes read_config_file() validated, until applied
};

}  // namespace mb::broker::service
