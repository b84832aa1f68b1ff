#pragma once
// The two questions util/json_document.cpp asks of a well-formed JSON number, answered as
// rapidjson answered them (cereal's JSON archive parsed with it, and what it read and
// refused is what we keep reading and refusing).
#include <cstdint>

namespace mb::util {

// JsonNode::Fits bits: which integer types the integer `-magnitude` (negative) or `magnitude`
// fits, as rapidjson's Int/Uint/Int64/Uint64 flags.
std::uint8_t json_integer_fits(std::uint64_t magnitude, bool negative);

// Whether rapidjson refused the number [begin, end) as too large: an integer part that
// reaches 1.8e307 with digits to come, or a positive exponent above 308 plus the fraction
// digits it kept (the first 17 significant ones). Numbers it read as infinity pass.
bool json_number_too_big(const char* begin, const char* end);

}  // namespace mb::util
