#pragma once
// mountctl setup --stdin: the password as one line on standard input, for scripts
// (printf '%s\n' "$PW" | sudo mountctl setup NAME --stdin). Never an argument or a variable.
#include <cstddef>
#include <optional>

#include "mountctl/secret.hpp"

namespace mb::ctl {

// Reads `fd` to its end into `out` (capacity line_capacity(max_bytes)) and makes it one line
// (take_one_line). A terminal is refused: what is typed there would be echoed.
std::optional<InputError> read_secret_line(int fd, Secret& out, std::size_t max_bytes);

}  // namespace mb::ctl
