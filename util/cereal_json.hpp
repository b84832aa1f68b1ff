#pragma once
// cereal's JSON archives, included through this header only (cmake/check_layers.cmake refuses
// <cereal/archives/json.hpp> anywhere else).
//
// Why: cereal reads and writes JSON through rapidjson's std::istream / std::ostream wrappers,
// which call istream::peek() and get() and ostream::put() once per character, each building
// a sentry. With 1,000 mounts that was a third of a cold `status` (state.json read, the reply
// written, the reply read by mountctl). The specializations below are the same wrappers
// talking to the stream buffer directly (sgetc, sbumpc, sputc): same bytes, same end-of-input
// handling, no per-character sentry.
//
// They must be seen before cereal instantiates the wrappers, so this header sets up rapidjson
// exactly as cereal/archives/json.hpp does (assertions throw, NaN/inf flags) and declares the
// specializations before including it. Every file sees the same definitions (one definition
// rule), which is why no file may include cereal's JSON header directly.
#include <cstddef>
#include <istream>
#include <ostream>
#include <streambuf>

namespace mb::util {
// Throws cereal::RapidJSONException, as cereal's own RAPIDJSON_ASSERT does; a function because
// the exception type is declared only by the cereal header included below.
[[noreturn]] void rapidjson_assertion_failed(const char* what);
}  // namespace mb::util

#ifdef RAPIDJSON_ASSERT
#error "rapidjson was included before util/cereal_json.hpp"
#endif
#define RAPIDJSON_ASSERT_THROWS
#define RAPIDJSON_ASSERT(x)                                                              \
  if (!(x)) {                                                                            \
    ::mb::util::rapidjson_assertion_failed("rapidjson internal assertion failure: " #x); \
  }
#define RAPIDJSON_WRITE_DEFAULT_FLAGS kWriteNanAndInfFlag
#define RAPIDJSON_PARSE_DEFAULT_FLAGS kParseFullPrecisionFlag | kParseNanAndInfFlag

#include <rapidjson/istreamwrapper.h>
#include <rapidjson/ostreamwrapper.h>

RAPIDJSON_NAMESPACE_BEGIN

template <>
class BasicIStreamWrapper<std::istream> {
 public:
  using Ch = char;
  explicit BasicIStreamWrapper(std::istream& stream) : buf_(stream.rdbuf()) {}
  BasicIStreamWrapper(const BasicIStreamWrapper&) = delete;
  BasicIStreamWrapper& operator=(const BasicIStreamWrapper&) = delete;

  Ch Peek() const {
    if (!buf_) return '\0';
    const auto c = buf_->sgetc();
    return c == std::char_traits<char>::eof() ? '\0' : static_cast<Ch>(c);
  }
  Ch Take() {
    if (!buf_) return '\0';
    const auto c = buf_->sbumpc();
    if (c == std::char_traits<char>::eof()) return '\0';
    ++count_;
    return static_cast<Ch>(c);
  }
  std::size_t Tell() const { return count_; }

  // A reading stream: rapidjson never calls these on it (its own wrapper asserts too).
  Ch* PutBegin() {
    RAPIDJSON_ASSERT(false);
    return nullptr;
  }
  void Put(Ch) { RAPIDJSON_ASSERT(false); }
  void Flush() { RAPIDJSON_ASSERT(false); }
  std::size_t PutEnd(Ch*) {
    RAPIDJSON_ASSERT(false);
    return 0;
  }
  // Encoding detection only, which cereal does not ask for (UTF-8 is fixed).
  const Ch* Peek4() const {
    RAPIDJSON_ASSERT(false);
    return nullptr;
  }

 private:
  std::streambuf* buf_;
  std::size_t count_ = 0;
};

template <>
class BasicOStreamWrapper<std::ostream> {
 public:
  using Ch = char;
  explicit BasicOStreamWrapper(std::ostream& stream) : stream_(stream) {}
  BasicOStreamWrapper(const BasicOStreamWrapper&) = delete;
  BasicOStreamWrapper& operator=(const BasicOStreamWrapper&) = delete;

  // A failed write marks the stream bad, as ostream::put does, so callers that check the
  // stream still see it.
  void Put(Ch c) {
    std::streambuf* buf = stream_.rdbuf();
    if (!buf || buf->sputc(c) == std::char_traits<char>::eof()) stream_.setstate(std::ios::badbit);
  }
  void Flush() { stream_.flush(); }

  Ch Peek() const {
    RAPIDJSON_ASSERT(false);
    return 0;
  }
  Ch Take() {
    RAPIDJSON_ASSERT(false);
    return 0;
  }
  std::size_t Tell() const {
    RAPIDJSON_ASSERT(false);
    return 0;
  }
  Ch* PutBegin() {
    RAPIDJSON_ASSERT(false);
    return nullptr;
  }
  std::size_t PutEnd(Ch*) {
    RAPIDJSON_ASSERT(false);
    return 0;
  }

 private:
  std::ostream& stream_;
};

RAPIDJSON_NAMESPACE_END

#include <cereal/archives/json.hpp>
