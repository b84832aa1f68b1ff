#pragma once
// Where a helper writes its own log instead of stderr. rclone with --log-file leaves stderr
// empty: a wrong password would then look like an unexplained failure (class unknown) and be
// retried. Knowing the file lets the mount effect read what the helper wrote there.
#include <optional>
#include <string>
#include <vector>

namespace mb::core::backends {

// The file named by `--log-file FILE` or `--log-file=FILE` in a helper's argv (the last one
// wins, as in rclone's flag parsing); a relative name is made absolute against "/", the
// helper's working directory. nullopt when there is none, or it is "" or "-".
std::optional<std::string> helper_log_path(const std::vector<std::string>& argv);

}  // namespace mb::core::backends
