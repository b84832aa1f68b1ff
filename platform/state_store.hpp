#pragma once
// state.json in the state directory: one writer (an exclusive flock on state.lock, held for
// the broker's lifetime), atomic replacement, corrupt files moved aside, newer schemas never
// overwritten.
#include <chrono>
#include <string>
#include <vector>

#include "core/state/mount_record.hpp"
#include "core/state/state_json.hpp"
#include "util/result.hpp"
#include "util/unique_fd.hpp"

namespace mb::platform {

// The last good config, which service::save_snapshot keeps in the state directory beside
// state.json (so that the store knows every file saved there).
inline constexpr const char* kConfigSnapshotFile = "config.last-good.toml";
// The compact form of the config in force (core/config/config_cache.hpp), saved beside it by
// service::save_cache.
inline constexpr const char* kConfigCacheFile = "config.cache";

struct LoadResult {
  core::state::State state;
  // Set when state.json could not be parsed and was renamed to this path; the caller rebuilds
  // the state from the mount table and logs loudly.
  std::string moved_aside;
  // Set when the file has a newer schema: state is empty and the store refuses to save.
  bool read_only = false;
  std::string warning;  // human-readable explanation of moved_aside / read_only
  // Temp files of saves a killed broker left in the directory, removed by load(), and why
  // some could not be removed (they are harmless: nothing reads them).
  std::vector<std::string> removed_temp_files;
  std::string cleanup_error;
};

class StateStore {
 public:
  // Creates the directory (0700) if missing and takes the lock, waiting up to `wait` for
  // another instance to release it. Fails with a clear message if it cannot.
  static util::Result<StateStore> open(const std::string& dir, std::chrono::milliseconds wait);

  // A missing file is an empty state, not an error. First removes the temp files that saves
  // of state.json, of the config snapshot and of its cache leave when the broker is killed
  // midway: the lock is held, so no save is under way.
  util::Result<LoadResult> load();
  // Temp file in the same directory, fsync, rename, fsync the directory. Refused when
  // the loaded file had a newer schema. On failure (e.g. disk full) the old file is intact.
  util::Status save(const core::state::State& s) const;

  const std::string& dir() const { return dir_; }
  std::string path() const { return dir_ + "/state.json"; }

 private:
  StateStore(std::string dir, util::UniqueFd lock) : dir_(std::move(dir)), lock_(std::move(lock)) {}
  std::string dir_;
  util::UniqueFd lock_;
  bool read_only_ = false;
};

}  // namespace mb::platform
