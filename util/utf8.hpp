#pragma once
// Text from outside (a client's bytes, a helper's output, a file name) can hold any bytes, but
// JSON text must be UTF-8: RFC 8259 section 8.1.
#include <string>
#include <string_view>

namespace mb::util {

// `s` with every byte that does not start or continue a well-formed UTF-8 sequence (Unicode
// table 3-7: no overlong forms, no surrogates, nothing above U+10FFFF) replaced by U+FFFD, as
// decoders do (one replacement per maximal ill-formed subpart). Valid text is returned as is.
std::string to_valid_utf8(std::string_view s);

}  // namespace mb::util
