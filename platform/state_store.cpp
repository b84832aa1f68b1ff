#include "platform/state_store.hpp"

#include <sys/stat.h>

#include <cerrno>
#include <ctime>

#include "platform/file_lock.hpp"
#include "util/durable_file.hpp"
#include "util/errno_text.hpp"

namespace mb::platform {
namespace {

constexpr const char* kStateFile = "state.json";
constexpr const char* kLockFile = "state.lock";
// Bounds the search for a free ".corrupt-<time>-N" name; far more than can happen in a second.
constexpr int kMaxCorruptSuffix = 1000;

std::string without_trailing_slashes(std::string dir) {
  while (dir.size() > 1 && dir.back() == '/') dir.pop_back();
  return dir;
}

std::string utc_timestamp() {
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  ::gmtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y%m%dT%H%M%SZ", &tm);
  return buf;
}

bool exists(const std::string& path) {
  struct stat st {};
  return ::lstat(path.c_str(), &st) == 0 || errno != ENOENT;
}

// Renames an unparseable file out of the way (never over an earlier one) so that it can be
// inspected later and the next save does not destroy it. Returns the new path.
util::Result<std::string> move_aside(const std::string& dir, const std::string& path) {
  const std::string base = path + ".corrupt-" + utc_timestamp();
  for (int i = 0; i < kMaxCorruptSuffix; ++i) {
    const std::string dest = i == 0 ? base : base + "-" + std::to_string(i);
    if (exists(dest)) continue;
    if (::rename(path.c_str(), dest.c_str()) != 0) {
      return util::error(util::errno_text("rename " + path + " to " + dest, errno));
    }
    (void)util::fsync_directory(dir);  // best effort: losing the rename in a crash is harmless
    return dest;
  }
  return util::error("no free name to move " + path + " aside (" + base + "-N all exist)");
}

std::string newer_schema_message(int schema) {
  return std::string(kStateFile) + " has schema " + std::to_string(schema) +
         ", newer than this broker's " + std::to_string(core::state::State::kSchema);
}

}  // namespace

util::Result<StateStore> StateStore::open(const std::string& dir, std::chrono::milliseconds wait) {
  std::string clean = without_trailing_slashes(dir);
  if (clean.empty()) return util::error("state directory is empty");
  if (auto st = util::make_directories(clean, 0700); !st) {
    return util::error("cannot create state directory: " + st.error());
  }
  auto lock = lock_file(clean + "/" + kLockFile, wait);
  if (!lock) return util::error(lock.error());
  return StateStore(std::move(clean), std::move(*lock));
}

util::Result<LoadResult> StateStore::load() {
  read_only_ = false;
  const std::string file = path();
  LoadResult result;
  if (auto removed =
          util::remove_temp_files(dir_, {kStateFile, kConfigSnapshotFile, kConfigCacheFile}))
    result.removed_temp_files = std::move(*removed);
  else
    result.cleanup_error = removed.error();
  auto text = util::read_file_if_exists(file);
  if (!text) return util::error(text.error());
  if (!text->has_value()) return result;

  auto parsed = core::state::from_json(**text);
  if (!parsed) {
    auto dest = move_aside(dir_, file);
    if (!dest) {
      return util::error(file + " is unparseable (" + parsed.error() +
                         ") and could not be moved aside: " + dest.error());
    }
    result.moved_aside = *dest;
    result.warning = file + " is unparseable (" + parsed.error() + "); moved it to " + *dest +
                     "; the state will be rebuilt from the mount table";
    return result;
  }
  if (parsed->schema > core::state::State::kSchema) {
    // Written by a newer broker: do not interpret it and never overwrite it.
    read_only_ = true;
    result.read_only = true;
    result.state.schema = parsed->schema;
    result.warning = newer_schema_message(parsed->schema) +
                     "; running without saved state and leaving the file untouched "
                     "(upgrade mount-broker)";
    return result;
  }
  result.state = std::move(*parsed);
  return result;
}

util::Status StateStore::save(const core::state::State& s) const {
  if (read_only_) {
    // Re-read for the number: the lock keeps the file as load() saw it.
    auto text = util::read_file_if_exists(path());
    auto parsed = text && text->has_value() ? core::state::from_json(**text) : util::error("");
    const std::string what = parsed ? newer_schema_message(parsed->schema)
                                    : std::string(kStateFile) + " has a newer schema";
    return util::error(what + "; refusing to overwrite it (upgrade mount-broker)");
  }
  // Whatever the caller's copy says, what we write is in our own format.
  if (s.schema != core::state::State::kSchema) {
    core::state::State ours = s;
    ours.schema = core::state::State::kSchema;
    return util::replace_file(dir_, kStateFile, core::state::to_json(ours));
  }
  return util::replace_file(dir_, kStateFile, core::state::to_json(s));
}

}  // namespace mb::platform
