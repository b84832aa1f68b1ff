#pragma once
// Parser for Linux /proc/<pid>/mountinfo. Pure, so it is testable on any platform.
#include <string>
#include <string_view>
#include <vector>

#include "core/mount_table/mount_entry.hpp"

namespace mb::core::mount_table {

// Decodes the kernel's \ooo octal escapes (\040 space, \011 tab, \012 newline, \134 backslash).
// A backslash not followed by three octal digits (value <= 0377) is kept literally.
std::string decode_mountinfo_escapes(std::string_view text);

// One entry per well-formed line, in table order (later entries stack on earlier ones).
// Malformed lines are skipped.
std::vector<MountEntry> parse_mountinfo(std::string_view text);

}  // namespace mb::core::mount_table
