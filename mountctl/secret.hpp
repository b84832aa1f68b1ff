#pragma once
// A password in mountctl's memory: one buffer of fixed size, never reallocated (a growing
// std::string would leave copies behind in freed memory), wiped when it goes away. The rules
// for one password line are here too, shared by the terminal prompt and --stdin.
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace mb::ctl {

class Secret {
 public:
  // Room for `capacity` bytes; what does not fit is refused, not reallocated.
  explicit Secret(std::size_t capacity);
  ~Secret();
  Secret(const Secret&) = delete;
  Secret& operator=(const Secret&) = delete;

  std::string_view view() const { return {data_.get(), size_}; }
  std::size_t size() const { return size_; }
  std::size_t capacity() const { return capacity_; }
  bool full() const { return size_ == capacity_; }

  // Appends one byte; false (nothing appended) when full.
  bool push_back(char c);
  // The free room, for read(2); commit(n) then counts n bytes written there.
  char* spare() { return data_.get() + size_; }
  std::size_t spare_size() const { return capacity_ - size_; }
  void commit(std::size_t n);
  // Drops the bytes from `n` on, wiping them.
  void truncate(std::size_t n);

 private:
  std::unique_ptr<char[]> data_;
  std::size_t capacity_;
  std::size_t size_ = 0;
};

// Why reading a password failed; the message never holds any of it.
struct InputError {
  enum Kind {
    no_terminal,  // nobody to ask: use --stdin
    bad_input,    // empty, several lines, a NUL byte, too long
    mismatch,     // the two entries on the terminal differ
    io,           // reading failed
  } kind;
  std::string message;
};

// Makes `s` one password line: strips one trailing "\n" or "\r\n"; refuses an empty
// password, more than one line (any other "\n" or "\r"), NUL bytes and more than `max_bytes`.
// `source` names where it came from in messages ("stdin").
std::optional<InputError> take_one_line(Secret& s, std::string_view source, std::size_t max_bytes);

// The capacity a Secret needs for a line of up to `max_bytes` and its line ending.
inline std::size_t line_capacity(std::size_t max_bytes) {
  return max_bytes + 2;
}

}  // namespace mb::ctl
