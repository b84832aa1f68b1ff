#include "proto/messages.hpp"

namespace mb::proto {

std::string_view to_string(Op op) {
  switch (op) {
    case Op::status: return "status";
    case Op::version: return "version";
    case Op::reload: return "reload";
  }
  return "status";
}

Op op_of(const RequestBody& body) {
  struct Visitor {
    Op operator()(const StatusRequest&) const { return Op::status; }
    Op operator()(const VersionRequest&) const { return Op::version; }
    Op operator()(const ReloadRequest&) const { return Op::reload; }
  };
  return std::visit(Visitor{}, body);
}

bool is_mutating(Op op) { return op == Op::reload; }

}  // namespace mb::proto
