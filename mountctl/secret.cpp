#include "mountctl/secret.hpp"

#include <algorithm>

#include "util/wipe.hpp"

namespace mb::ctl {

Secret::Secret(std::size_t capacity)
    : data_(std::make_unique<char[]>(std::max<std::size_t>(capacity, 1))), capacity_(capacity) {}

Secret::~Secret() {
  util::wipe(data_.get(), capacity_);
}

bool Secret::push_back(char c) {
  if (full()) return false;
  data_[size_++] = c;
  return true;
}

void Secret::commit(std::size_t n) {
  size_ += std::min(n, spare_size());
}

void Secret::truncate(std::size_t n) {
  if (n >= size_) return;
  util::wipe(data_.get() + n, size_ - n);
  size_ = n;
}

std::optional<InputError> take_one_line(Secret& s, std::string_view source, std::size_t max_bytes) {
  const std::string_view v = s.view();
  if (v.ends_with("\r\n")) {
    s.truncate(v.size() - 2);
  } else if (v.ends_with('\n')) {
    s.truncate(v.size() - 1);
  }
  const std::string_view line = s.view();
  if (line.empty()) {
    return InputError{InputError::bad_input, "no password on " + std::string(source)};
  }
  if (line.find('\0') != std::string_view::npos) {
    return InputError{InputError::bad_input,
                      "the password on " + std::string(source) + " holds a NUL byte"};
  }
  if (line.find_first_of("\r\n") != std::string_view::npos) {
    return InputError{InputError::bad_input, "more than one line on " + std::string(source) +
                                                 "; give the password alone, on one line"};
  }
  if (line.size() > max_bytes) {
    return InputError{InputError::bad_input, "the password on " + std::string(source) +
                                                 " is longer than " + std::to_string(max_bytes) +
                                                 " bytes"};
  }
  return std::nullopt;
}

}  // namespace mb::ctl
