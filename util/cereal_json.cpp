#include "util/cereal_json.hpp"

namespace mb::util {

void rapidjson_assertion_failed(const char* what) {
  throw cereal::RapidJSONException(what);
}

}  // namespace mb::util
