#pragma once
// Reading one field of a JSON object: an absent field is not the same as one of the wrong
// type. Absent: optional_field leaves the value as it is, required_field throws FieldError
// (the decoder's "missing field" message). Wrong type: cereal::RapidJSONException propagates
// to the decoder's catch, never taken for absent.
#include "util/cereal_json.hpp"
#include <string>

namespace mb::proto {

template <class T>
bool optional_field(cereal::JSONInputArchive& ar, const char* name, T& out) {
  try {
    ar(cereal::make_nvp(name, out));
    return true;
  } catch (const cereal::RapidJSONException&) {
    throw;
  } catch (const cereal::Exception&) {
    return false;
  }
}

struct FieldError {
  std::string message;
};

template <class T>
void required_field(cereal::JSONInputArchive& ar, const char* name, T& out) {
  if (!optional_field(ar, name, out))
    throw FieldError{std::string("missing field \"") + name + "\""};
}

}  // namespace mb::proto
