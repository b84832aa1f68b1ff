#pragma once
// Reading one field of a JSON object: an absent field is not the same as one of the wrong
// type. Absent: optional_field leaves the value as it is (and costs no exception),
// required_field throws FieldError (the decoder's "missing field" message). Wrong type:
// util::JsonTypeError propagates to the decoder's catch, never taken for absent.
#include <cereal/cereal.hpp>
#include <string>

#include "util/json_input_archive.hpp"

namespace mb::proto {

template <class T>
bool optional_field(util::JsonInputArchive& ar, const char* name, T& out) {
  if (!ar.find(name)) return false;
  ar(cereal::make_nvp(name, out));
  return true;
}

struct FieldError {
  std::string message;
};

template <class T>
void required_field(util::JsonInputArchive& ar, const char* name, T& out) {
  if (!optional_field(ar, name, out))
    throw FieldError{std::string("missing field \"") + name + "\""};
}

}  // namespace mb::proto
