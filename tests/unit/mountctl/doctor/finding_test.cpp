#include "mountctl/doctor/finding.hpp"

#include <catch2/catch.hpp>

#include "mountctl/exit_codes.hpp"

using namespace mb::ctl::doctor;

namespace {
Finding finding_with(Status s) {
  return {"check", "subject", s, "message", s == Status::ok ? "" : "fix"};
}
}  // namespace

TEST_CASE("the exit status follows the worst finding") {
  struct Row {
    std::vector<Status> statuses;
    int exit;
  };
  const std::vector<Row> table{
      {{}, mb::ctl::kOk},
      {{Status::ok, Status::ok}, mb::ctl::kOk},
      {{Status::ok, Status::note}, mb::ctl::kOk},           // notes are allowed in a healthy result
      {{Status::skipped, Status::ok}, mb::ctl::kWarnings},  // unchecked is not healthy
      {{Status::skipped, Status::note}, mb::ctl::kWarnings},
      {{Status::skipped, Status::problem}, mb::ctl::kFailed},
      {{Status::ok, Status::warn, Status::note}, mb::ctl::kWarnings},
      {{Status::warn, Status::problem, Status::ok}, mb::ctl::kFailed},
      {{Status::problem}, mb::ctl::kFailed},
  };
  for (const Row& row : table) {
    Findings f;
    for (Status s : row.statuses) f.push_back(finding_with(s));
    CHECK(exit_status(f) == row.exit);
  }
  CHECK(mb::ctl::kWarnings == 9);
  CHECK(mb::ctl::kFailed == 1);
}

TEST_CASE("worst orders ok < note < skipped < warn < problem") {
  CHECK(worst({}) == Status::ok);
  CHECK(worst({finding_with(Status::note), finding_with(Status::ok)}) == Status::note);
  CHECK(worst({finding_with(Status::note), finding_with(Status::skipped)}) == Status::skipped);
  CHECK(worst({finding_with(Status::warn), finding_with(Status::skipped)}) == Status::warn);
  CHECK(worst({finding_with(Status::warn), finding_with(Status::problem),
               finding_with(Status::ok)}) == Status::problem);
}

TEST_CASE("status names are the documented ones") {
  CHECK(std::string(to_string(Status::ok)) == "ok");
  CHECK(std::string(to_string(Status::note)) == "note");
  CHECK(std::string(to_string(Status::skipped)) == "skipped");
  CHECK(std::string(to_string(Status::warn)) == "warn");
  CHECK(std::string(to_string(Status::problem)) == "problem");
}
