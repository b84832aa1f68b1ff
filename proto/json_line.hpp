#pragma once
// The framing of the protocol: every message is one line of JSON. How deeply a line may nest,
// and what a written line is made into (valid UTF-8, one newline at the end, none inside).
#include <string>
#include <string_view>

namespace mb::proto {

// Deeply nested input would make the recursive JSON parser overflow the stack; nothing we
// accept nests more than a few levels. The parser refuses more than this many objects and
// arrays open at once (util::JsonTooDeep, "JSON nested too deeply").
inline constexpr int kMaxDepth = 16;

// `line` without its trailing "\n" or "\r\n".
std::string_view trim_newline(std::string_view line);

// cereal pretty-prints; JSON strings cannot hold a raw newline, so dropping every '\n' byte
// leaves one valid line. cereal copies a string's bytes as they are, and strings reach a
// message from outside (a client's op name, a helper's output, a file name): any byte that is
// not UTF-8 becomes U+FFFD so that every message is JSON. Only bytes >= 0x80 change, never the
// quotes, brackets and escapes that give the line its structure.
std::string one_line(const std::string& json);

}  // namespace mb::proto
