#pragma once
// Which server a mount logs on to, as far as the config tells: mounts with the same key share
// the logon budget (supervisor/logon_budget.hpp), because a server locks an account after so
// many refused logons whichever mount made them.
#include <map>
#include <string>
#include <vector>

#include "core/config/config.hpp"

namespace mb::core::config {

// `server` when set (smb, nfs, and command mounts that name it for the placeholders); else the
// host of a source written "//host/share", "host:/path" or "user@host:path"; else the whole
// source; empty when the mount names none (such mounts share nothing).
std::string server_key(const MountConfig& m);

// For each mount that shares its server key with others, those others' names (mounts that
// share with none are absent). Built once per config: every step of every mount asks, and
// asking each time cost a pass over all mounts per step (quadratic in a sweep).
std::map<std::string, std::vector<std::string>> server_peers(const Config& cfg);

}  // namespace mb::core::config
