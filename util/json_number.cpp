#include "util/json_number.hpp"

#include <limits>

#include "util/json_document.hpp"

namespace mb::util {

std::uint8_t json_integer_fits(std::uint64_t m, bool negative) {
  constexpr std::uint64_t kInt32Max = std::numeric_limits<std::int32_t>::max();
  constexpr std::uint64_t kInt64Max = std::numeric_limits<std::int64_t>::max();
  std::uint8_t fits = 0;
  if (!negative || m == 0) {
    fits |= JsonNode::uint64;
    if (m <= kInt64Max) fits |= JsonNode::int64;
    if (m <= std::numeric_limits<std::uint32_t>::max()) fits |= JsonNode::uint32;
    if (m <= kInt32Max) fits |= JsonNode::int32;
  } else {
    if (m <= kInt64Max + 1) fits |= JsonNode::int64;
    if (m <= kInt32Max + 1) fits |= JsonNode::int32;
  }
  return fits;
}

// rapidjson's own arithmetic, step by step, so that the same numbers are refused.
bool json_number_too_big(const char* p, const char* end) {
  const auto digit = [&] { return p != end && *p >= '0' && *p <= '9'; };
  if (*p == '-') ++p;
  std::uint64_t i64 = 0;
  double d = 0;
  bool use_double = false;
  int significant = 0;
  for (bool first = true; digit(); ++p, first = false) {
    const auto v = static_cast<unsigned>(*p - '0');
    if (use_double) {
      if (d >= 1.7976931348623157e307) return true;
      d = d * 10 + v;
      continue;
    }
    if (i64 > (std::numeric_limits<std::uint64_t>::max() - v) / 10) {
      d = static_cast<double>(i64) * 10 + v;
      use_double = true;
      continue;
    }
    i64 = i64 * 10 + v;
    if (!first) ++significant;
  }
  int exp_frac = 0;
  if (p != end && *p == '.') {
    ++p;
    if (!use_double) {
      for (; digit() && i64 <= 0x1FFFFFFFFFFFFFULL; ++p) {
        i64 = i64 * 10 + static_cast<unsigned>(*p - '0');
        --exp_frac;
        if (i64 != 0) ++significant;
      }
      d = static_cast<double>(i64);
      use_double = true;
    }
    for (; digit(); ++p) {
      if (significant >= 17) continue;
      d = d * 10 + (*p - '0');
      --exp_frac;
      if (d > 0) ++significant;
    }
  }
  if (p == end || (*p != 'e' && *p != 'E')) return false;
  ++p;
  if (*p == '-') return false;
  if (*p == '+') ++p;
  const int max_exp = 308 - exp_frac;
  int exp = *p++ - '0';
  for (; digit(); ++p) {
    exp = exp * 10 + (*p - '0');
    if (exp > max_exp) return true;
  }
  return false;
}

}  // namespace mb::util
