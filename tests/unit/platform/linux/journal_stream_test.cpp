#include "platform/journal_stream.hpp"

#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <optional>
#include <string>

namespace pf = mb::platform;

namespace {

// Sets JOURNAL_STREAM for one test and puts back what was there.
class JournalStreamEnv {
 public:
  explicit JournalStreamEnv(const std::optional<std::string>& value) {
    if (const char* old = std::getenv("JOURNAL_STREAM")) old_ = old;
    if (value)
      ::setenv("JOURNAL_STREAM", value->c_str(), 1);
    else
      ::unsetenv("JOURNAL_STREAM");
  }
  ~JournalStreamEnv() {
    if (old_)
      ::setenv("JOURNAL_STREAM", old_->c_str(), 1);
    else
      ::unsetenv("JOURNAL_STREAM");
  }

 private:
  std::optional<std::string> old_;
};

struct stat stderr_stat() {
  struct stat st {};
  REQUIRE(::fstat(2, &st) == 0);
  return st;
}

}  // namespace

TEST_CASE("stderr is the journal when JOURNAL_STREAM names its device and inode",
          "[platform][journal_stream]") {
  const struct stat st = stderr_stat();
  const std::string dev = std::to_string(st.st_dev), ino = std::to_string(st.st_ino);
  {
    JournalStreamEnv env(dev + ":" + ino);
    CHECK(pf::stderr_is_journal());
  }
  {
    // A child whose stderr was redirected inherits the variable of its parent's stream.
    JournalStreamEnv env(dev + ":" + std::to_string(st.st_ino + 1));
    CHECK_FALSE(pf::stderr_is_journal());
  }
  {
    JournalStreamEnv env(std::to_string(st.st_dev + 1) + ":" + ino);
    CHECK_FALSE(pf::stderr_is_journal());
  }
}

TEST_CASE("no JOURNAL_STREAM, or a malformed one, is not the journal",
          "[platform][journal_stream]") {
  const struct stat st = stderr_stat();
  const std::string dev = std::to_string(st.st_dev), ino = std::to_string(st.st_ino);
  for (const std::optional<std::string>& v :
       {std::optional<std::string>{}, std::optional<std::string>{""},
        std::optional<std::string>{dev}, std::optional<std::string>{dev + ":"},
        std::optional<std::string>{":" + ino}, std::optional<std::string>{dev + ":" + ino + "x"},
        std::optional<std::string>{"x" + dev + ":" + ino}}) {
    JournalStreamEnv env(v);
    CHECK_FALSE(pf::stderr_is_journal());
  }
}
