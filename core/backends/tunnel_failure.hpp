#pragma once
// Why an ssh tunnel ended before its port accepted, from ssh's exit status and stderr: whether
// starting it again can help. A refused key or an unknown or changed host key never gets
// better by itself (auth, config: not retried); a gateway that cannot be reached may (network).
#include <string_view>

#include "core/state/error_class.hpp"

namespace mb::core::backends {

// ssh exits 255 on its own errors; the text decides. Anything unrecognised is unknown, which
// the supervisor retries within the logon budget.
state::ErrorClass classify_tunnel_failure(int exit_code, std::string_view stderr_text);

}  // namespace mb::core::backends
