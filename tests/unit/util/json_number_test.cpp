#include "util/json_number.hpp"

#include <catch2/catch.hpp>
#include <string>

#include "util/json_document.hpp"

using mb::util::json_integer_fits;
using mb::util::json_number_too_big;
using mb::util::JsonNode;

namespace {
bool too_big(const std::string& n) {
  return json_number_too_big(n.data(), n.data() + n.size());
}
}  // namespace

TEST_CASE("json_number: a number is too large where rapidjson said so, by its arithmetic") {
  CHECK_FALSE(too_big("1e308"));
  CHECK(too_big("1e309"));
  CHECK(too_big("-1e309"));
  // Fraction digits it kept raise the exponent allowed.
  CHECK_FALSE(too_big("1.5e309"));
  CHECK_FALSE(too_big("1e-400"));  // too small reads as 0
  CHECK_FALSE(too_big(std::string(300, '9')));
  CHECK(too_big(std::string(310, '9')));
  CHECK_FALSE(too_big("0.000001e310"));
}

TEST_CASE("json_number: integer fits at both ends of every type") {
  CHECK(json_integer_fits(0, true) ==
        (JsonNode::int32 | JsonNode::uint32 | JsonNode::int64 | JsonNode::uint64));
  CHECK(json_integer_fits(2147483648ULL, true) == (JsonNode::int32 | JsonNode::int64));
  CHECK(json_integer_fits(2147483648ULL, false) ==
        (JsonNode::uint32 | JsonNode::int64 | JsonNode::uint64));
  CHECK(json_integer_fits(9223372036854775808ULL, true) == JsonNode::int64);
  CHECK(json_integer_fits(9223372036854775809ULL, true) == 0);
  CHECK(json_integer_fits(18446744073709551615ULL, false) == JsonNode::uint64);
}
