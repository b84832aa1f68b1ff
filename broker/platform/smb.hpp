#pragma once
// The SMB mount tool of this OS: mount.cifs on Linux (linux/smb.cpp), NetFS on macOS
// (macos/smb.cpp). Both spellings live in broker/backends and are tested on every OS; this
// only picks one.
#include "broker/backends/invocation.hpp"
#include "broker/backends/smb_backend.hpp"
#include "util/result.hpp"

namespace mb::broker::platform {

util::Result<backends::Invocation> smb_invocation(const backends::SmbMount& mount);

}  // namespace mb::broker::platform
