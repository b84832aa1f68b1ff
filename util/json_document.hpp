#pragma once
// A JSON text parsed once into a flat array of nodes, for util::JsonInputArchive to read.
//
// Why flat: a reader walks the members of an object in order and looks names up among them;
// children stored right after their parent, each node knowing where its subtree ends, make
// both a walk over an array (no pointers, no allocation per value). Strings without escapes
// stay views into the text; the others are unescaped into one arena.
//
// What is accepted is what rapidjson accepted with the flags cereal's JSON archive set, so
// that a message or a state file reads as it did: RFC 8259 JSON (no comments, no trailing
// commas, no leading zeros, no control characters inside strings, only the RFC's escapes, a
// high surrogate escape only as the first half of a pair), plus NaN, Inf and Infinity (each
// with an optional '-') as numbers, bytes that are not UTF-8 kept as they are, and input that
// ends at its first NUL byte. A lone low surrogate escape becomes its three-byte encoding.
// Nesting is limited (the parser recurses): more than `max_depth` objects and arrays open at
// once is JsonTooDeep.
#include <cereal/details/helpers.hpp>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace mb::util {

// Every error of reading JSON is a cereal::Exception, as with cereal's own archive.
struct JsonError : cereal::Exception {
  using cereal::Exception::Exception;
};
// The text is not JSON. `offset` is the byte where that became clear.
struct JsonSyntaxError : JsonError {
  JsonSyntaxError(const std::string& what, std::size_t at);
  std::size_t offset;
};
struct JsonTooDeep : JsonSyntaxError {
  using JsonSyntaxError::JsonSyntaxError;
};
// A value read as a type it does not have (a string as a number, -1 or 1.5 as an unsigned).
struct JsonTypeError : JsonError {
  using JsonError::JsonError;
};

struct JsonNode {
  enum class Kind : std::uint8_t { null, boolean, number, string, array, object };
  // Which integer types a number fits, as rapidjson's flags say (none: a fraction, an
  // exponent, NaN, Inf, or too large for 64 bits).
  enum Fits : std::uint8_t { int32 = 1, uint32 = 2, int64 = 4, uint64 = 8 };

  Kind kind = Kind::null;
  bool flag = false;       // boolean: its value; number: negative
  std::uint8_t fits = 0;   // number: Fits bits
  std::uint32_t next = 0;  // index of the node after this one's subtree: its next sibling
  std::uint32_t size = 0;  // string: bytes; array, object: children; number: its text's length
  std::uint32_t key_size = 0;
  const char* key = nullptr;  // member of an object: its name
  union {
    const char* text = nullptr;  // string: its bytes; number that fits no integer: its text
    std::uint64_t magnitude;     // number that fits an integer: its absolute value
  };

  std::string_view key_view() const { return {key, key_size}; }
  std::string_view string_view() const { return {text, size}; }
};

class JsonDocument {
 public:
  // Throws JsonSyntaxError (JsonTooDeep for nesting). `text` must outlive the document.
  JsonDocument(std::string_view text, unsigned max_depth);
  JsonDocument(const JsonDocument&) = delete;
  JsonDocument& operator=(const JsonDocument&) = delete;

  // The root is node 0; the children of an array or object follow it.
  const std::vector<JsonNode>& nodes() const { return nodes_; }

 private:
  std::vector<JsonNode> nodes_;
  std::string arena_;  // unescaped strings; reserved once, so views into it stay valid
};

}  // namespace mb::util
