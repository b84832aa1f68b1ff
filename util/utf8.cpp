#include "util/utf8.hpp"

#include <cstddef>
#include <cstdint>
#include <cstring>

namespace mb::util {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

std::uint64_t utf8_word(const char* p) {
  std::uint64_t v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

bool continuation(unsigned char c, unsigned char lo = 0x80, unsigned char hi = 0xBF) {
  return c >= lo && c <= hi;
}

// Whether a well-formed sequence starts at s[i]; `consumed` is its length, or the length of the
// ill-formed part to replace. The second byte's range depends on the first (table 3-7): that
// rules out overlong forms, surrogates and values past U+10FFFF.
bool well_formed_at(std::string_view s, std::size_t i, std::size_t& consumed) {
  const auto at = [&](std::size_t k) { return static_cast<unsigned char>(s[i + k]); };
  const unsigned char b = at(0);
  consumed = 1;
  if (b < 0x80) return true;
  std::size_t len = 0;
  unsigned char lo = 0x80, hi = 0xBF;
  if (b >= 0xC2 && b <= 0xDF) {
    len = 2;
  } else if (b >= 0xE0 && b <= 0xEF) {
    len = 3;
    if (b == 0xE0) lo = 0xA0;
    if (b == 0xED) hi = 0x9F;
  } else if (b >= 0xF0 && b <= 0xF4) {
    len = 4;
    if (b == 0xF0) lo = 0x90;
    if (b == 0xF4) hi = 0x8F;
  } else {
    return false;
  }
  for (std::size_t k = 1; k < len; ++k) {
    if (i + k >= s.size() || !continuation(at(k), k == 1 ? lo : 0x80, k == 1 ? hi : 0xBF)) {
      consumed = k;  // the maximal ill-formed subpart: one U+FFFD for all of it
      return false;
    }
  }
  consumed = len;
  return true;
}

}  // namespace

std::string to_valid_utf8(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  // Well-formed runs are copied whole, not sequence by sequence: every reply passes through
  // here, and a status of 1,000 mounts is a third of a megabyte.
  std::size_t run = 0;  // start of the well-formed run not yet copied
  for (std::size_t i = 0; i < s.size();) {
    // ASCII, the bulk of every reply, sixteen or eight bytes at a time.
    constexpr std::uint64_t kHigh = 0x8080808080808080ULL;
    if (i + 16 <= s.size() &&
        ((utf8_word(s.data() + i) | utf8_word(s.data() + i + 8)) & kHigh) == 0) {
      i += 16;
      continue;
    }
    if (i + 8 <= s.size() && (utf8_word(s.data() + i) & kHigh) == 0) {
      i += 8;
      continue;
    }
    if (static_cast<unsigned char>(s[i]) < 0x80) {
      ++i;
      continue;
    }
    std::size_t consumed = 0;
    if (!well_formed_at(s, i, consumed)) {
      out.append(s.substr(run, i - run));
      out.append(kReplacement);
      run = i + consumed;
    }
    i += consumed;
  }
  out.append(s.substr(run));
  return out;
}

}  // namespace mb::util
