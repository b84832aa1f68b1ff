#pragma once
// Asking a person for a password on the controlling terminal (/dev/tty) with echo off, the way
// passwd and sudo do: stdin and stdout may be redirected, the terminal is still the person.
#include <cstddef>
#include <optional>
#include <string>

#include "mountctl/secret.hpp"

namespace mb::ctl {

// Writes `prompt`, reads one line without echo, then asks again with `again` and keeps the
// first entry in `out` (capacity line_capacity(max_bytes)) only if the two match. The terminal
// is restored on every way out, including SIGINT, SIGTERM, SIGHUP, SIGQUIT and a stop (^Z)
// and continue. No controlling terminal: InputError::no_terminal.
std::optional<InputError> prompt_secret_twice(const std::string& prompt, const std::string& again,
                                              Secret& out, std::size_t max_bytes);

}  // namespace mb::ctl
