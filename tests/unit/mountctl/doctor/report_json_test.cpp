#include "mountctl/doctor/report_json.hpp"

#include <catch2/catch.hpp>

using namespace mb::ctl::doctor;

TEST_CASE("JSON: an array of findings with check, subject, status, message and fix") {
  Findings f{
      {"socket", "/run/mount-broker.sock", Status::ok, "answers", ""},
      {"mountpoint", "photos", Status::problem, "\"/mnt/p\\x\"\n\ttab\x01", "mkdir -p /mnt/p"}};
  CHECK(report_json(f) ==
        "[\n"
        "  {\"check\": \"socket\", \"subject\": \"/run/mount-broker.sock\", \"status\": \"ok\", "
        "\"message\": \"answers\", \"fix\": \"\"},\n"
        "  {\"check\": \"mountpoint\", \"subject\": \"photos\", \"status\": \"problem\", "
        "\"message\": \"\\\"/mnt/p\\\\x\\\"\\n\\ttab\\u0001\", \"fix\": \"mkdir -p /mnt/p\"}\n"
        "]\n");
}

TEST_CASE("JSON: no findings is an empty array") {
  CHECK(report_json({}) == "[]\n");
}

TEST_CASE("JSON: bytes that are not UTF-8 in a path or helper output become U+FFFD") {
  Findings f{{"mountpoint", "n\xff", Status::problem, "/mnt/\xc3\xbc\xc0", ""}};
  CHECK(report_json(f) ==
        "[\n"
        "  {\"check\": \"mountpoint\", \"subject\": \"n\xef\xbf\xbd\", \"status\": \"problem\", "
        "\"message\": \"/mnt/\xc3\xbc\xef\xbf\xbd\", \"fix\": \"\"}\n"
        "]\n");
}
