#pragma once
// Which mounts `mountctl setup` can store a password for. The rule is the same on every OS;
// only the kind of store differs (a file on Linux, the keychain on macOS), so the platform's
// credential store passes its kind and how to explain the other one.
#include <string>

#include "core/config/config.hpp"
#include "util/result.hpp"

namespace mb::core::backends {

// `mount "NAME" (its [[mount]] at line N)`, how setup's messages name a mount.
std::string mount_at_line(const config::MountConfig& m);

// ok when m's credential is `stored`; refused, with what to change, when it is none (an nfs
// mount takes no password at all) or the other kind (`other_kind_advice` follows the mount's
// name, e.g. ` has credential = "keychain", which exists only on macOS; ...`).
util::Status check_credential_kind(const config::MountConfig& m, config::Credential stored,
                                   const std::string& other_kind_advice);

}  // namespace mb::core::backends
