#pragma once
// type = command: any mount helper (sshfs, rclone mount, bindfs, ...) from an argv template.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/backends/invocation.hpp"
#include "core/config/config.hpp"
#include "util/result.hpp"

namespace mb::core::backends {

struct Placeholder {
  std::string_view name;  // without braces: "mountpoint"
  std::string value;
};

// Replaces every {name} (letters, digits, "_") in every element, in one pass: a substituted
// value is never expanded again. Other braces ("{}", "{a b}") stay as they are. Refused: an
// unknown name (a typo would otherwise reach the helper as a literal path) and a known one
// whose value is empty.
util::Result<std::vector<std::string>> expand_placeholders(
    const std::vector<std::string>& argv_template, const std::vector<Placeholder>& values);

// Whether the helper keeps running in the foreground while mounted, judged from the template
// (a substituted value such as a username "mount" must not change the answer):
// - rclone with a mount subcommand (mount, cmount, mount2, nfsmount) and without --daemon;
// - any helper given -f, -d or --foreground (the libfuse options for foreground and debug).
bool stays_in_foreground(const std::vector<std::string>& argv_template);

// argv from m.command with {mountpoint}, {server}, {share}, {username}, and {uid} and {gid}
// (local_user's ids; refused without local_user); {port} only once through_tunnel() put the
// tunnel's port there (refused otherwise); the password, if
// any, on stdin followed by "\n" (sshfs -o password_stdin and most helpers read one line).
// new_session always; detach per stays_in_foreground.
util::Result<Invocation> command_invocation(const config::MountConfig& m,
                                            const std::string& mountpoint,
                                            const std::optional<std::string>& password);

}  // namespace mb::core::backends
