#pragma once
// Fix commands are meant to be pasted into a shell: paths in them are quoted when needed.
#include <string>
#include <string_view>

namespace mb::ctl::doctor {

// `text` unchanged when it holds only characters a shell takes literally, else in single quotes.
std::string shell_quote(std::string_view text);

}  // namespace mb::ctl::doctor
