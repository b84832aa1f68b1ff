#include "util/cereal_json.hpp"

#include <catch2/catch.hpp>
#include <sstream>
#include <string>

// The stream wrappers cereal uses through util/cereal_json.hpp: the bytes in and out are the
// same as through istream::get and ostream::put, end of input and failed writes included.

namespace {

struct Sample {
  std::string text;
  long number = 0;
  template <class A>
  void serialize(A& ar) {
    ar(cereal::make_nvp("text", text), cereal::make_nvp("number", number));
  }
};

std::string write_sample(const Sample& s) {
  std::ostringstream os;
  {
    cereal::JSONOutputArchive ar(os, cereal::JSONOutputArchive::Options::NoIndent());
    ar(cereal::make_nvp("s", s));
  }
  return os.str();
}

Sample read_sample(const std::string& json) {
  std::istringstream is(json);
  cereal::JSONInputArchive ar(is);
  Sample s;
  ar(cereal::make_nvp("s", s));
  return s;
}

// A stream buffer that takes at most `room` characters, as a full disk or closed pipe would.
struct FullBuffer : std::streambuf {
  explicit FullBuffer(int room) : room_(room) {}
  int_type overflow(int_type c) override {
    if (room_ == 0) return traits_type::eof();
    --room_;
    return c;
  }
  int room_;
};

}  // namespace

TEST_CASE("cereal_json: text with escapes, UTF-8 and control bytes survives a round trip") {
  Sample s{"a \"quoted\" back\\slash\n\t\x01 caf\xc3\xa9 \xe2\x82\xac", -42};
  std::string json = write_sample(s);
  CHECK_THAT(json, Catch::Contains(R"("text": "a \"quoted\" back\\slash\n\t\u0001 caf)"
                                   "\xc3\xa9 \xe2\x82\xac\""));
  CHECK_THAT(json, Catch::Contains(R"("number": -42)"));
  Sample back = read_sample(json);
  CHECK(back.text == s.text);
  CHECK(back.number == -42);
}

TEST_CASE("cereal_json: input that ends early or carries garbage is refused with cereal's error") {
  CHECK_THROWS_AS(read_sample(""), cereal::Exception);
  CHECK_THROWS_AS(read_sample("{\"s\": {\"text\": \"cut"), cereal::Exception);
  CHECK_THROWS_AS(read_sample("{\"s\": {\"text\": \"x\", \"number\": 1}} trailing"),
                  cereal::Exception);
  CHECK_THROWS_AS(read_sample("{\"s\": {\"text\": 5, \"number\": 1}}"), cereal::Exception);
}

TEST_CASE("cereal_json: the reader sees what rapidjson's own istream wrapper sees") {
  // rapidjson's unspecialized wrapper, over std::istringstream (not std::istream, so not the
  // specialization), is the reference: same result, same error, same offset.
  const std::string inputs[] = {"{\"a\": [1, 2.5, \"x\"]}",
                                "  {\"a\": 1}  \n",
                                "{\"a\": 1} trailing",
                                std::string("{\"a\": 1}\0{}", 11),
                                "{\"a\": \"cut",
                                "",
                                "\xef\xbb\xbf{}"};
  for (const std::string& in : inputs) {
    std::istringstream ref_in(in);
    rapidjson::BasicIStreamWrapper<std::istringstream> ref_stream(ref_in);
    rapidjson::Document ref;
    ref.ParseStream(ref_stream);

    std::istringstream ours_in(in);
    rapidjson::BasicIStreamWrapper<std::istream> ours_stream(ours_in);
    rapidjson::Document ours;
    ours.ParseStream(ours_stream);

    INFO(in);
    CHECK(ours.HasParseError() == ref.HasParseError());
    CHECK(ours.GetParseError() == ref.GetParseError());
    CHECK(ours.GetErrorOffset() == ref.GetErrorOffset());
    CHECK(ours == ref);
    CHECK(ours_stream.Tell() == ref_stream.Tell());
  }
}

TEST_CASE("cereal_json: a write the stream buffer refuses marks the stream bad") {
  FullBuffer full(8);
  std::ostream os(&full);
  {
    cereal::JSONOutputArchive ar(os, cereal::JSONOutputArchive::Options::NoIndent());
    ar(cereal::make_nvp("s", Sample{"long enough to fill it", 1}));
  }
  CHECK(os.bad());
  FullBuffer roomy(1000);
  std::ostream ok(&roomy);
  {
    cereal::JSONOutputArchive ar(ok, cereal::JSONOutputArchive::Options::NoIndent());
    ar(cereal::make_nvp("s", Sample{"fits", 1}));
  }
  CHECK(ok.good());
}
