#include "broker/effects/helper_output.hpp"

#include <catch2/catch.hpp>
#include <string>

namespace mb::broker::effects {
namespace {

process::Outcome failed_with(std::string err, bool truncated = false) {
  process::Outcome o;
  o.ending = process::Ending::exited;
  o.exit_code = 1;
  o.err = std::move(err);
  o.err_truncated = truncated;
  return o;
}

// True if any `n` consecutive characters of `secret` appear in `text`.
bool shows_piece(const std::string& text, const std::string& secret, std::size_t n) {
  for (std::size_t i = 0; i + n <= secret.size(); ++i)
    if (text.find(secret.substr(i, n)) != std::string::npos) return true;
  return false;
}

}  // namespace

TEST_CASE("the helper's message is one line: the tail of stderr and how it ended") {
  auto msg = helper_message(failed_with("first\nmount error(13): Permission denied\n"));
  CHECK(msg == "first mount error(13): Permission denied (exited with status 1)");
}

TEST_CASE("a password with a tab echoed by the helper does not survive the mapping of tabs") {
  const std::string secret = "tab\tpass-Q7";
  auto msg = helper_message(failed_with("read: " + secret + "\n"), secret);
  CHECK(msg == "read: *** (exited with status 1)");
}

TEST_CASE("a password cut by the window leaves no piece of it in the message") {
  const std::string secret = "window-pass-0123456789-ABCDEFGHIJ";
  for (std::size_t filler = kHelperWindow - secret.size(); filler <= kHelperWindow + 2; ++filler) {
    auto msg = helper_message(failed_with(secret + std::string(filler, 'x') + "\n"), secret);
    INFO("filler " << filler << ": " << msg);
    CHECK_FALSE(shows_piece(msg, secret, 4));
  }
}

TEST_CASE("a password cut by the capture limit leaves no prefix of it at the end") {
  const std::string secret = "capture-pass-XYZ";
  auto msg = helper_message(failed_with("echo: " + secret.substr(0, 9), true), secret);
  CHECK(msg == "echo: *** (exited with status 1)");
}

}  // namespace mb::broker::effects
