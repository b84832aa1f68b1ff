#include "util/json_input_archive.hpp"

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <limits>

namespace mb::util {

JsonInputArchive::JsonInputArchive(std::string_view text, unsigned max_depth)
    : cereal::InputArchive<JsonInputArchive>(this), doc_(text, max_depth), nodes_(doc_.nodes()) {
  const JsonNode& root = nodes_[0];
  // cereal's archive asserted that a top level that is not an array is an object.
  if (root.kind != JsonNode::Kind::object && root.kind != JsonNode::Kind::array)
    throw JsonTypeError("JSON: the top level is not an object");
  frames_.reserve(8);
  frames_.push_back(Frame{0, 1});
}

bool JsonInputArchive::find(const char* name) {
  Frame& f = frames_.back();
  const JsonNode& parent = nodes_[f.node];
  // Names are looked up in objects only: in an array, as in cereal's archive, none is found.
  if (parent.kind != JsonNode::Kind::object) return false;
  const std::string_view wanted(name);
  // Writers write fields in the order readers read them: usually the current member.
  if (f.at != parent.next && nodes_[f.at].key_view() == wanted) {
    found_ = name;
    return true;
  }
  for (std::uint32_t i = f.node + 1; i != parent.next; i = nodes_[i].next) {
    if (nodes_[i].key_view() == wanted) {
      f.at = i;
      found_ = name;
      return true;
    }
  }
  return false;
}

const JsonNode& JsonInputArchive::current() {
  if (const char* name = next_name_) {
    next_name_ = nullptr;
    // find(name) just put us here (the field helpers ask before they read): no second search.
    if (name != found_ && !find(name))
      throw cereal::Exception("JSON Parsing failed - provided NVP (" + std::string(name) +
                              ") not found");
  }
  const Frame& f = frames_.back();
  if (f.at == nodes_[f.node].next) throw cereal::Exception("No more objects in input");
  return nodes_[f.at];
}

void JsonInputArchive::startNode() {
  const JsonNode& n = current();
  if (n.kind != JsonNode::Kind::object && n.kind != JsonNode::Kind::array)
    wrong_type(n, "an object or an array");
  const std::uint32_t at = frames_.back().at;
  frames_.push_back(Frame{at, at + 1});
  found_ = nullptr;
}

void JsonInputArchive::finishNode() {
  if (frames_.size() > 1) frames_.pop_back();
  advance();
}

void JsonInputArchive::loadSize(cereal::size_type& size) {
  const JsonNode& n = nodes_[frames_.back().node];
  if (n.kind != JsonNode::Kind::array) wrong_type(n, "an array");
  size = n.size;
}

void JsonInputArchive::loadValue(bool& b) {
  const JsonNode& n = current();
  if (n.kind != JsonNode::Kind::boolean) wrong_type(n, "true or false");
  b = n.flag;
  advance();
}

void JsonInputArchive::loadValue(std::string& s) {
  const JsonNode& n = current();
  if (n.kind != JsonNode::Kind::string) wrong_type(n, "a string");
  s.assign(n.text, n.size);
  advance();
}

// Any number, as rapidjson's GetDouble.
void JsonInputArchive::loadValue(double& d) {
  const JsonNode& n = current();
  if (n.kind != JsonNode::Kind::number) wrong_type(n, "a number");
  if (n.fits != 0) {
    d = static_cast<double>(n.magnitude);
    if (n.flag) d = -d;
  } else {
    const std::string text(n.text, n.size);
    const char* t = text.c_str();
    const bool negative = *t == '-';
    if (negative) ++t;
    if (*t == 'N')
      d = std::numeric_limits<double>::quiet_NaN();
    else if (*t == 'I')
      d = negative ? -std::numeric_limits<double>::infinity()
                   : std::numeric_limits<double>::infinity();
    else
      d = std::strtod(text.c_str(), nullptr);
  }
  advance();
}

void JsonInputArchive::wrong_type(const JsonNode& n, const char* wanted) {
  std::string what = "JSON: expected " + std::string(wanted);
  if (n.key) what += " for \"" + std::string(n.key_view()) + "\"";
  throw JsonTypeError(what);
}

}  // namespace mb::util
