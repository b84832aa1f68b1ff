#include "mountctl/doctor/credential_check.hpp"

#include <catch2/catch.hpp>

using namespace mb::ctl::doctor;

TEST_CASE("a missing credential file: the reader's message without its shell hint, setup as fix") {
  auto f = credential_problem(
      "photos",
      "credential file /etc/mb/credentials/photos does not exist; create it as root: install "
      "-d -m 700 /etc/mb/credentials && (umask 077; printf '%s' 'PASSWORD' > "
      "/etc/mb/credentials/photos) (or, once it exists, run: mountctl setup photos)",
      "sudo mountctl setup photos");
  CHECK(f.status == Status::problem);
  CHECK(f.check == "credential");
  CHECK(f.subject == "photos");
  CHECK(f.message == "credential file /etc/mb/credentials/photos does not exist");
  CHECK(f.fix == "sudo mountctl setup photos");
}

TEST_CASE("a credential file with a bad mode: the reader's own fix") {
  auto f = credential_problem("photos",
                              "credential file /c/photos must not be accessible by group or "
                              "others; fix: chmod 600 /c/photos",
                              "sudo mountctl setup photos");
  CHECK(f.message == "credential file /c/photos must not be accessible by group or others");
  CHECK(f.fix == "chmod 600 /c/photos");
}
