#include "broker/service/config_source.hpp"

#include <sys/stat.h>

#include "core/config/config_cache.hpp"
#include "core/config/local_user.hpp"
#include "platform/self_exe.hpp"
#include "platform/state_store.hpp"
#include "util/build_config.hpp"
#include "util/durable_file.hpp"

namespace mb::broker::service {
namespace {

util::Result<std::string> read_text(const std::string& path) {
  auto text = util::read_file_if_exists(path);
  if (!text) return util::error(text.error());
  if (!*text) return util::error(path + " does not exist");
  return std::move(**text);
}

}  // namespace

std::string snapshot_path(const std::string& state_dir) {
  return state_dir + "/" + platform::kConfigSnapshotFile;
}

namespace {

// What the compact form is valid for besides the text: this very binary (the rules and the
// compiled-in defaults of another build may differ). nullopt: no cache.
std::optional<std::string> build_key() {
  struct stat st {};
  const std::string exe = platform::self_executable();
  if (exe.empty() || ::stat(exe.c_str(), &st) != 0) return std::nullopt;
  return std::string(util::kVersion) + " " + exe + " " + std::to_string(st.st_dev) + " " +
         std::to_string(st.st_ino) + " " + std::to_string(st.st_size) + " " +
         std::to_string(st.st_mtime);
}

// The valid config `file` holds: from the compact form if one made from these bytes is in
// `cache_dir`, else parsed (and `cache_out` is its compact form, to save).
util::Result<core::config::Config> load_file(const platform::ConfigBytes& file,
                                             const std::string& path, const std::string& cache_dir,
                                             const platform::LoadOptions& options,
                                             std::string& cache_out) {
  if (options.check_owner && !file.ownership.empty()) return util::error(file.ownership);
  const auto key = build_key();
  if (key) {
    auto blob = util::read_file_if_exists(cache_dir + "/" + platform::kConfigCacheFile);
    if (blob && *blob) {
      if (auto cached = core::config::decode_cache(**blob, file.text, path, *key)) {
        // As after parse(): local_user ids are this machine's now.
        if (auto st = core::config::resolve_local_users(*cached, platform::system_user); !st)
          return util::error(st.error());
        return std::move(*cached);
      }
    }
  }
  auto loaded = platform::load_config_bytes(file, path, options);
  if (loaded && key) cache_out = core::config::encode_cache(*loaded, file.text, *key);
  return loaded;
}

// The file if it is valid, else the snapshot (its state_dir is set only then).
ConfigChoice fall_back(const std::string& path, const util::Result<platform::ConfigBytes>& file,
                       const std::optional<std::string>& state_dir_option,
                       const platform::LoadOptions& options) {
  ConfigChoice choice;
  auto loaded = file ? load_file(*file, path, state_dir_option.value_or(util::kDefaultStateDir),
                                 options, choice.cache)
                     : util::Result<core::config::Config>(util::error(file.error()));
  if (loaded) {
    choice.config = std::move(*loaded);
    choice.text = file->text;
    choice.from_file = true;
    return choice;
  }
  choice.warnings.push_back("config " + path + " is invalid, so it is not in force:\n" +
                            loaded.error());
  // Read even from an otherwise invalid file: where the last good config's snapshot lives.
  const std::string state_dir = state_dir_option.value_or(
      (file ? platform::peek_state_dir_in(file->text, path) : std::nullopt)
          .value_or(util::kDefaultStateDir));
  choice.state_dir = state_dir;
  const std::string snap = snapshot_path(state_dir);
  auto text = read_text(snap);
  if (!text) {
    choice.warnings.push_back("no last good config to fall back on (" + text.error() + ")");
    return choice;
  }
  auto parsed = core::config::parse(*text, snap);
  if (parsed) {
    // As core::config::load does: local_user ids are this machine's, not the snapshot's.
    if (auto st = core::config::resolve_local_users(*parsed, platform::system_user); !st)
      parsed = util::error(st.error());
  }
  if (!parsed) {
    choice.warnings.push_back("the last good config " + snap + " is invalid too:\n" +
                              parsed.error());
    return choice;
  }
  parsed->path = path;
  choice.config = std::move(*parsed);
  choice.text = std::move(*text);
  choice.warnings.push_back("running on the last good config (" + snap + ")");
  return choice;
}

}  // namespace

ConfigChoice choose_config(const std::string& path, const util::Result<platform::ConfigBytes>& file,
                           const std::optional<std::string>& state_dir_option,
                           const platform::LoadOptions& options) {
  ConfigChoice choice = fall_back(path, file, state_dir_option, options);
  if (state_dir_option)
    choice.state_dir = *state_dir_option;
  else if (choice.config)
    choice.state_dir = choice.config->broker.state_dir;
  // Saved only where the next start looks for it: a config naming another state directory
  // would otherwise pay a durable write at every start for a cache never read.
  if (choice.state_dir != state_dir_option.value_or(util::kDefaultStateDir)) choice.cache.clear();
  return choice;
}

util::Status save_cache(const std::string& state_dir, const std::string& blob) {
  return util::replace_file(state_dir, platform::kConfigCacheFile, blob);
}

util::Status save_snapshot(const std::string& state_dir, const std::string& text) {
  if (auto old = read_text(snapshot_path(state_dir)); old && *old == text) return util::ok_status();
  return util::replace_file(state_dir, platform::kConfigSnapshotFile, text);
}

}  // namespace mb::broker::service
