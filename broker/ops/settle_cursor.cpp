#include "broker/ops/settle_cursor.hpp"

namespace mb::broker::ops {

bool SettleCursor::settled(const std::function<bool(const std::string&)>& settling) {
  for (; next_ < names_.size(); ++next_)
    if (settling(names_[next_])) return false;
  for (std::size_t i = 0; i < names_.size(); ++i)
    if (settling(names_[i])) {
      next_ = i;
      return false;
    }
  return true;
}

}  // namespace mb::broker::ops
