#include "broker/service/config_source.hpp"

#include "core/config/local_user.hpp"
#include "platform/state_store.hpp"
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

ConfigChoice choose_config(const std::string& path, const std::string& state_dir,
                           const platform::LoadOptions& options) {
  ConfigChoice choice;
  auto loaded = platform::load_config(path, options);
  if (loaded) {
    choice.config = std::move(*loaded);
    // Reread for the snapshot; a config is a few KiB.
    if (auto text = read_text(path)) choice.text = std::move(*text);
    choice.from_file = true;
    return choice;
  }
  choice.warnings.push_back("config " + path + " is invalid, so it is not in force:\n" +
                            loaded.error());
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

util::Status save_snapshot(const std::string& state_dir, const std::string& text) {
  if (auto old = read_text(snapshot_path(state_dir)); old && *old == text) return util::ok_status();
  return util::replace_file(state_dir, platform::kConfigSnapshotFile, text);
}

}  // namespace mb::broker::service
