#pragma once
// A cereal input archive that reads JSON from a std::string_view: the protocol's messages and
// state.json. The `load` functions stay cereal's (make_nvp, the field helpers); only the
// archive is ours.
//
// Why not cereal's JSONInputArchive: it parsed through rapidjson's istream wrapper into a
// DOM, and every field it did not find cost a thrown exception. With 1,000 mounts that was
// nearly half of a cold `status` in the broker (state.json) and more than half in mountctl
// (the reply).
//
// It reads what cereal's archive read, the same way (util/json_document.hpp says which text
// is JSON): a name is looked for first at the current member, then from the object's first
// member (so a duplicate name reads its first occurrence unless it is the current one), and
// a value read moves to the member after it; an absent name throws cereal::Exception as
// cereal's archive did, or, through find(), costs nothing. A value of the wrong type, or a
// number outside the range of the type read, is JsonTypeError where rapidjson asserted:
// integers of 32 bits or less are read as int32 or uint32 then cast, as cereal did.
//
// Supported: name-value pairs, classes with load/serialize (objects), containers (arrays,
// through SizeTag), std::string, bool, integers and floating point.
#include <cereal/cereal.hpp>
#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "util/json_document.hpp"

namespace mb::util {

class JsonInputArchive : public cereal::InputArchive<JsonInputArchive>,
                         public cereal::traits::TextArchive {
 public:
  // Parses `text` (throws JsonSyntaxError, JsonTooDeep past `max_depth`), then reads from its
  // top-level object. A top level that is neither object nor array is JsonTypeError. `text`
  // must outlive the archive.
  explicit JsonInputArchive(std::string_view text, unsigned max_depth = 64);

  // Moves to the member `name` of the current object: true if it has one. False leaves the
  // archive where it was.
  bool find(const char* name);

  // The interface cereal's own JSON archive offers its prologue, epilogue and load functions.
  void setNextName(const char* name) { next_name_ = name; }
  void startNode();
  void finishNode();
  void loadSize(cereal::size_type& size);

  void loadValue(bool& b);
  void loadValue(std::string& s);
  void loadValue(double& d);
  void loadValue(float& f) {
    double d = 0;
    loadValue(d);
    f = static_cast<float>(d);
  }
  template <class T>
  void loadValue(T& value) {
    static_assert(std::is_integral_v<T> && sizeof(T) <= 8, "JsonInputArchive reads integers");
    if constexpr (std::is_signed_v<T> && sizeof(T) < 8)
      value = static_cast<T>(load_integer<std::int32_t>(JsonNode::int32));
    else if constexpr (std::is_signed_v<T>)
      value = static_cast<T>(load_integer<std::int64_t>(JsonNode::int64));
    else if constexpr (sizeof(T) < 8)
      value = static_cast<T>(load_integer<std::uint32_t>(JsonNode::uint32));
    else
      value = static_cast<T>(load_integer<std::uint64_t>(JsonNode::uint64));
  }

 private:
  struct Frame {
    std::uint32_t node;  // the object or array being read
    std::uint32_t at;    // its current child; the object's `next` when past the last
  };

  // The node the next value comes from, after looking up the name set for it.
  const JsonNode& current();
  void advance() {
    frames_.back().at = nodes_[frames_.back().at].next;
    found_ = nullptr;
  }
  template <class I>
  I load_integer(std::uint8_t fits) {
    const JsonNode& n = current();
    if (n.kind != JsonNode::Kind::number || !(n.fits & fits)) wrong_type(n, "an integer in range");
    const std::uint64_t m = n.magnitude;
    advance();
    // Negative: two's complement of the magnitude, which fits I (the flag said so).
    return n.flag ? static_cast<I>(~m + 1) : static_cast<I>(m);
  }
  [[noreturn]] static void wrong_type(const JsonNode& n, const char* wanted);

  JsonDocument doc_;
  const std::vector<JsonNode>& nodes_;
  std::vector<Frame> frames_;
  const char* next_name_ = nullptr;
  const char* found_ = nullptr;  // the name find() last moved to, while the archive stays there
};

// The prologue, epilogue and load functions of cereal's JSON archive, for this one (found by
// argument-dependent lookup on the archive). Name-value pairs only name the next value;
// strings and arithmetic values are leaves; every other type is a node of its own.
template <class T>
void prologue(JsonInputArchive&, const cereal::NameValuePair<T>&) {}
template <class T>
void epilogue(JsonInputArchive&, const cereal::NameValuePair<T>&) {}

template <class T>
void prologue(JsonInputArchive&, const cereal::SizeTag<T>&) {}
template <class T>
void epilogue(JsonInputArchive&, const cereal::SizeTag<T>&) {}

template <class T>
inline constexpr bool kJsonInNode =
    !std::is_arithmetic_v<T> &&
    !cereal::traits::has_minimal_base_class_serialization<
        T, cereal::traits::has_minimal_input_serialization, JsonInputArchive>::value &&
    !cereal::traits::has_minimal_input_serialization<T, JsonInputArchive>::value;

template <class T, std::enable_if_t<kJsonInNode<T>, int> = 0>
void prologue(JsonInputArchive& ar, const T&) {
  ar.startNode();
}
template <class T, std::enable_if_t<kJsonInNode<T>, int> = 0>
void epilogue(JsonInputArchive& ar, const T&) {
  ar.finishNode();
}

template <class T, std::enable_if_t<std::is_arithmetic_v<T>, int> = 0>
void prologue(JsonInputArchive&, const T&) {}
template <class T, std::enable_if_t<std::is_arithmetic_v<T>, int> = 0>
void epilogue(JsonInputArchive&, const T&) {}

template <class C, class Tr, class A>
void prologue(JsonInputArchive&, const std::basic_string<C, Tr, A>&) {}
template <class C, class Tr, class A>
void epilogue(JsonInputArchive&, const std::basic_string<C, Tr, A>&) {}

template <class T>
void CEREAL_LOAD_FUNCTION_NAME(JsonInputArchive& ar, cereal::NameValuePair<T>& t) {
  ar.setNextName(t.name);
  ar(t.value);
}

template <class T, std::enable_if_t<std::is_arithmetic_v<T>, int> = 0>
void CEREAL_LOAD_FUNCTION_NAME(JsonInputArchive& ar, T& t) {
  ar.loadValue(t);
}

inline void CEREAL_LOAD_FUNCTION_NAME(JsonInputArchive& ar, std::string& s) {
  ar.loadValue(s);
}

template <class T>
void CEREAL_LOAD_FUNCTION_NAME(JsonInputArchive& ar, cereal::SizeTag<T>& st) {
  ar.loadSize(st.size);
}

}  // namespace mb::util
