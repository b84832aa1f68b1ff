#include "proto/messages.hpp"

namespace mb::proto {

namespace {
constexpr Op kOps[] = {Op::status, Op::version, Op::reload,  Op::mount,  Op::unmount,
                       Op::probe,  Op::sweep,   Op::monitor, Op::metrics};
}  // namespace

std::string_view to_string(Op op) {
  switch (op) {
    case Op::status:
      return "status";
    case Op::version:
      return "version";
    case Op::reload:
      return "reload";
    case Op::mount:
      return "mount";
    case Op::unmount:
      return "unmount";
    case Op::probe:
      return "probe";
    case Op::sweep:
      return "sweep";
    case Op::monitor:
      return "monitor";
    case Op::metrics:
      return "metrics";
  }
  return "status";
}

std::optional<Op> op_from_string(std::string_view s) {
  for (Op op : kOps)
    if (to_string(op) == s) return op;
  return std::nullopt;
}

Op op_of(const RequestBody& body) {
  // The variant's alternatives are declared in the order of Op.
  return kOps[body.index()];
}

bool is_mutating(Op op) {
  switch (op) {
    case Op::status:
    case Op::version:
    case Op::probe:
    case Op::monitor:
    case Op::metrics:
      return false;
    case Op::reload:
    case Op::mount:
    case Op::unmount:
    case Op::sweep:
      return true;
  }
  return true;
}

}  // namespace mb::proto
