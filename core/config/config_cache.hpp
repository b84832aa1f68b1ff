#pragma once
// A compact binary form of a validated config, so that a broker started for one `status`
// does not parse and validate an unchanged config.toml again (toml++ and the checks were
// about 40% of a cold start with 1,000 mounts). The form holds the exact bytes it was made
// from: it is used only for those very bytes, the same path (messages and path rules name it)
// and the same build (`build_key`: the rules may differ between builds), so any change to the
// file is parsed. Anything else (another format version, a truncated or corrupt file) reads
// as no cache, and the file is parsed as if there were none.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/config/config.hpp"

namespace mb::core::config {

// Bumped whenever the encoding or a field of Config changes (a new field must be encoded).
// 2: varints instead of eight bytes per number (a cache of 1,000 mounts was 3.4 times its
// config.toml; reading it cost more than the rest of a cold start outside JSON).
inline constexpr std::uint32_t kCacheFormat = 2;

// `config` as parse(`text`, config.path) returned it, keyed by `text`, the path and the build.
std::string encode_cache(const Config& config, std::string_view text, std::string_view build_key);

// The config `blob` holds if it was made from exactly `text`, `path` and `build_key`; nullopt
// otherwise, and for anything malformed. Its local_user ids are those of the machine then:
// the caller resolves them again, as after parse().
std::optional<Config> decode_cache(std::string_view blob, std::string_view text,
                                   const std::string& path, std::string_view build_key);

}  // namespace mb::core::config
