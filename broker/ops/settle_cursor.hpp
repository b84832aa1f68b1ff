#pragma once
// Whether every mount of a sweep has settled, asked after each change of any of them: a
// cursor over the names skips those already seen settled, so a sweep of N mounts costs about
// N checks in all instead of N per change. A mount seen settled may start work again (a
// recovery after its probe): when the cursor reaches the end, one full pass confirms, and
// moves the cursor back to the first that is busy again. Pure: `settling` is asked.
#include <cstddef>
#include <functional>
#include <string>
#include <vector>

namespace mb::broker::ops {

class SettleCursor {
 public:
  explicit SettleCursor(std::vector<std::string> names) : names_(std::move(names)) {}
  bool settled(const std::function<bool(const std::string&)>& settling);

 private:
  std::vector<std::string> names_;
  std::size_t next_ = 0;  // names before it were settled when last looked at
};

}  // namespace mb::broker::ops
