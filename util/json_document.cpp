#include "util/json_document.hpp"

#include <bit>
#include <cstring>
#include <limits>

#include "util/json_number.hpp"

namespace mb::util {

JsonSyntaxError::JsonSyntaxError(const std::string& what, std::size_t at)
    : JsonError("JSON: " + what + " at byte " + std::to_string(at)), offset(at) {}

namespace {

constexpr std::uint64_t kJsonOnes = 0x0101010101010101ULL;
constexpr std::uint64_t kJsonHighs = 0x8080808080808080ULL;

// The high bit of each of the 8 bytes of `w` (in memory order) that ends a plain run of
// string: '"', '\\' or a control character. Word at a time because nearly every byte of a
// message or state file is inside a string. A byte above a flagged one may be flagged
// wrongly (a borrow), never one below: the lowest flag is exact.
std::uint64_t json_special_bytes(std::uint64_t w) {
  const std::uint64_t quote = w ^ (kJsonOnes * '"');
  const std::uint64_t slash = w ^ (kJsonOnes * '\\');
  const std::uint64_t zero_q = (quote - kJsonOnes) & ~quote;
  const std::uint64_t zero_s = (slash - kJsonOnes) & ~slash;
  const std::uint64_t below_space = (w - kJsonOnes * 0x20) & ~w;
  return (zero_q | zero_s | below_space) & kJsonHighs;
}

// 8 bytes as a little-endian word, so that the lowest flag is the first byte.
std::uint64_t json_load_word(const char* p) {
  std::uint64_t w;
  std::memcpy(&w, p, 8);
  if constexpr (std::endian::native == std::endian::big) w = __builtin_bswap64(w);
  return w;
}

bool json_byte_is_special(char c) {
  return c == '"' || c == '\\' || static_cast<unsigned char>(c) < 0x20;
}

int json_hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// As rapidjson's UTF8::Encode: any code point below 0x110000, surrogates included.
void json_append_utf8(std::string& out, unsigned cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

class JsonParser {
 public:
  JsonParser(std::string_view text, unsigned max_depth, std::vector<JsonNode>& nodes,
             std::string& arena)
      : begin_(text.data()),
        p_(text.data()),
        end_(text.data() + text.size()),
        max_depth_(max_depth),
        nodes_(nodes),
        arena_(arena) {}

  void parse_document() {
    if (end_ - begin_ >= std::numeric_limits<std::uint32_t>::max()) fail("text too large");
    skip_space();
    if (at_end()) fail("no value");
    value(0, {});
    skip_space();
    // rapidjson read the text through a stream whose end it saw as a NUL byte.
    if (!at_end()) fail("text after the value");
  }

 private:
  [[noreturn]] void fail(const std::string& what) const {
    throw JsonSyntaxError(what, static_cast<std::size_t>(p_ - begin_));
  }
  bool at_end() const { return p_ == end_ || *p_ == '\0'; }
  static bool is_space(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; }
  // A pretty state file indents every line: runs of spaces are skipped a word at a time.
  void skip_space() {
    if (p_ == end_ || static_cast<unsigned char>(*p_) > ' ') return;
    while (end_ - p_ >= 8) {
      const std::uint64_t not_spaces = json_load_word(p_) ^ (kJsonOnes * ' ');
      if (not_spaces == 0) {
        p_ += 8;
        continue;
      }
      p_ += std::countr_zero(not_spaces) / 8;
      if (!is_space(*p_)) return;
      ++p_;
    }
    while (p_ != end_ && is_space(*p_)) ++p_;
  }
  void expect(char c, const char* what) {
    skip_space();
    if (p_ == end_ || *p_ != c) fail(what);
    ++p_;
  }

  std::uint32_t add(JsonNode::Kind kind, std::string_view key) {
    JsonNode& n = nodes_.emplace_back();
    n.kind = kind;
    n.key = key.data();
    n.key_size = static_cast<std::uint32_t>(key.size());
    return static_cast<std::uint32_t>(nodes_.size() - 1);
  }
  void close(std::uint32_t index, std::uint32_t size) {
    nodes_[index].size = size;
    nodes_[index].next = static_cast<std::uint32_t>(nodes_.size());
  }

  // `*p_` is the value's first byte; `depth` objects and arrays are open around it.
  void value(unsigned depth, std::string_view key) {
    switch (*p_) {
      case '{':
        return container(JsonNode::Kind::object, depth + 1, key);
      case '[':
        return container(JsonNode::Kind::array, depth + 1, key);
      case '"': {
        std::uint32_t i = add(JsonNode::Kind::string, key);
        std::string_view s = string();
        nodes_[i].text = s.data();
        close(i, static_cast<std::uint32_t>(s.size()));
        return;
      }
      case 't':
        return literal("true", JsonNode::Kind::boolean, true, key);
      case 'f':
        return literal("false", JsonNode::Kind::boolean, false, key);
      case 'n':
        return literal("null", JsonNode::Kind::null, false, key);
      default:
        return number(key);
    }
  }

  void literal(std::string_view word, JsonNode::Kind kind, bool flag, std::string_view key) {
    if (static_cast<std::size_t>(end_ - p_) < word.size() ||
        std::memcmp(p_, word.data(), word.size()) != 0)
      fail("invalid value");
    p_ += word.size();
    std::uint32_t i = add(kind, key);
    nodes_[i].flag = flag;
    close(i, 0);
  }

  // An object or an array: `*p_` is its bracket.
  void container(JsonNode::Kind kind, unsigned depth, std::string_view key) {
    if (depth > max_depth_) throw JsonTooDeep("nested too deeply", p_ - begin_);
    const bool object = kind == JsonNode::Kind::object;
    const char closer = object ? '}' : ']';
    const std::uint32_t i = add(kind, key);
    ++p_;
    skip_space();
    std::uint32_t count = 0;
    if (p_ != end_ && *p_ == closer) {
      ++p_;
      return close(i, 0);
    }
    while (true) {
      skip_space();
      std::string_view name;
      if (object) {
        if (p_ == end_ || *p_ != '"') fail("expected a member name");
        name = string();
        expect(':', "expected ':' after a member name");
        skip_space();
      }
      if (at_end()) fail("expected a value");
      value(depth, name);
      ++count;
      skip_space();
      if (p_ != end_ && *p_ == ',') {
        ++p_;
        continue;
      }
      expect(closer,
             object ? "expected ',' or '}' in an object" : "expected ',' or ']' in an array");
      return close(i, count);
    }
  }

  // `*p_` is the opening quote. The bytes up to the first NUL (cereal read names and strings
  // as C strings, so that is all a reader ever saw).
  std::string_view string() {
    const char* start = ++p_;
    skip_plain();
    if (p_ != end_ && *p_ == '"') return {start, static_cast<std::size_t>(p_++ - start)};
    return escaped(start);
  }

  void skip_plain() {
    while (end_ - p_ >= 8) {
      const std::uint64_t special = json_special_bytes(json_load_word(p_));
      if (special != 0) {
        p_ += std::countr_zero(special) / 8;
        return;
      }
      p_ += 8;
    }
    while (p_ != end_ && !json_byte_is_special(*p_)) ++p_;
  }

  std::string_view escaped(const char* start) {
    // No unescaped string is longer than its text, so this one reservation holds every
    // string still to come and views into the arena stay valid.
    if (!arena_reserved_) arena_.reserve(static_cast<std::size_t>(end_ - start));
    arena_reserved_ = true;
    const std::size_t from = arena_.size();
    arena_.append(start, p_);
    while (true) {
      if (p_ == end_ || *p_ == '\0') fail("unterminated string");
      if (*p_ == '"') break;
      if (*p_ != '\\') fail("control character in a string");
      escape();
      const char* run = p_;
      skip_plain();
      arena_.append(run, p_);
    }
    ++p_;
    std::string_view s(arena_.data() + from, arena_.size() - from);
    return s.substr(0, s.find('\0'));
  }

  // `*p_` is a backslash.
  void escape() {
    ++p_;
    if (p_ == end_) fail("unterminated string");
    const char c = *p_++;
    switch (c) {
      case '"':
      case '\\':
      case '/':
        arena_ += c;
        return;
      case 'b':
        arena_ += '\b';
        return;
      case 'f':
        arena_ += '\f';
        return;
      case 'n':
        arena_ += '\n';
        return;
      case 'r':
        arena_ += '\r';
        return;
      case 't':
        arena_ += '\t';
        return;
      case 'u':
        break;
      default:
        --p_;
        fail("invalid escape");
    }
    unsigned cp = hex4();
    if (cp >= 0xD800 && cp <= 0xDBFF) {
      if (end_ - p_ < 2 || p_[0] != '\\' || p_[1] != 'u') fail("unpaired surrogate escape");
      p_ += 2;
      unsigned low = hex4();
      if (low < 0xDC00 || low > 0xDFFF) fail("unpaired surrogate escape");
      cp = (((cp - 0xD800) << 10) | (low - 0xDC00)) + 0x10000;
    }
    json_append_utf8(arena_, cp);
  }

  unsigned hex4() {
    unsigned v = 0;
    for (int k = 0; k < 4; ++k) {
      const int h = p_ == end_ ? -1 : json_hex_value(*p_);
      if (h < 0) fail("invalid \\u escape");
      v = v * 16 + static_cast<unsigned>(h);
      ++p_;
    }
    return v;
  }

  bool digit() const { return p_ != end_ && *p_ >= '0' && *p_ <= '9'; }
  bool take(char c) {
    if (p_ == end_ || *p_ != c) return false;
    ++p_;
    return true;
  }

  void number(std::string_view key) {
    const char* start = p_;
    const bool negative = take('-');
    std::uint32_t i = add(JsonNode::Kind::number, key);
    nodes_[i].flag = negative;
    if (p_ != end_ && (*p_ == 'N' || *p_ == 'I')) return not_finite(i, start);
    std::uint64_t magnitude = 0;
    bool overflow = false;
    if (!take('0')) {
      if (!digit()) fail("invalid value");
      for (; digit(); ++p_) {
        const auto d = static_cast<unsigned>(*p_ - '0');
        if (magnitude > (std::numeric_limits<std::uint64_t>::max() - d) / 10) overflow = true;
        magnitude = magnitude * 10 + d;
      }
    }
    bool inexact = overflow;
    if (take('.')) {
      if (!digit()) fail("no digit after a decimal point");
      while (digit()) ++p_;
      inexact = true;
    }
    if (take('e') || take('E')) {
      if (!take('-')) take('+');
      if (!digit()) fail("no digit in an exponent");
      while (digit()) ++p_;
      inexact = true;
    }
    if (inexact) return not_integer(i, start);
    nodes_[i].fits = json_integer_fits(magnitude, negative);
    nodes_[i].magnitude = magnitude;
    close(i, static_cast<std::uint32_t>(p_ - start));
  }

  // A number with a fraction or an exponent, or too long for 64 bits: kept as text, nothing
  // reads one. Refused where rapidjson refused it as too large (json_number_too_big).
  void not_integer(std::uint32_t i, const char* start) {
    if (json_number_too_big(start, p_)) fail("number too large");
    nodes_[i].text = start;
    close(i, static_cast<std::uint32_t>(p_ - start));
  }

  // NaN, Inf, Infinity, as rapidjson's kParseNanAndInfFlag reads them.
  void not_finite(std::uint32_t i, const char* start) {
    const std::string_view rest(p_, static_cast<std::size_t>(end_ - p_));
    if (rest.starts_with("NaN")) {
      p_ += 3;
    } else if (rest.starts_with("Infinity")) {
      p_ += 8;
    } else if (rest.starts_with("Inf") && !rest.starts_with("Infi")) {
      p_ += 3;
    } else {
      fail("invalid value");
    }
    nodes_[i].text = start;
    close(i, static_cast<std::uint32_t>(p_ - start));
  }

  const char* const begin_;
  const char* p_;
  const char* const end_;
  const unsigned max_depth_;
  std::vector<JsonNode>& nodes_;
  std::string& arena_;
  bool arena_reserved_ = false;
};

}  // namespace

JsonDocument::JsonDocument(std::string_view text, unsigned max_depth) {
  // About one node per 24 bytes of a pretty state file; growth past that is rare.
  nodes_.reserve(text.size() / 24 + 4);
  JsonParser(text, max_depth, nodes_, arena_).parse_document();
}

}  // namespace mb::util
