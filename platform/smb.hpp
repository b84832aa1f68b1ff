#pragma once
// The SMB mount tool of this OS: mount.cifs on Linux (linux/smb.cpp), NetFS on macOS
// (macos/smb.cpp). Both spellings live in core/backends and are tested on every OS; this
// only picks one.
#include "core/backends/invocation.hpp"

namespace mb::platform {

core::backends::SmbTool smb_tool();

}  // namespace mb::platform
