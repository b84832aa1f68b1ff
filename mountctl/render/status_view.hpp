#pragma once
// How `status`, `list` and `mlist` show a StatusResponse.
#include <cstddef>
#include <cstdint>
#include <string>

#include "proto/messages.hpp"

namespace mb::ctl::render {

// NAME STATE DESIRED MOUNTPOINT SOURCE SINCE RETRY LAST ERROR, then any warnings. The last
// error is cut to `max_width` columns (0 = whole); `status NAME` shows it whole.
std::string status_table(const proto::StatusResponse& s, std::int64_t now, std::size_t max_width);
// One name per line (`list`) or one absolute path per line (`mlist`), as the FreeBSD
// automounter does; `mounted_only` keeps mounts whose state is mounted or degraded.
std::string name_list(const proto::StatusResponse& s, bool mounted_only);
std::string path_list(const proto::StatusResponse& s, bool mounted_only);
// What `list mounted` keeps: mounted or degraded.
bool is_mounted(const proto::MountStatus& m);
// Local time "2026-11-21 19:40:05"; "-" for 0.
std::string local_time(std::int64_t unix_seconds);

}  // namespace mb::ctl::render
