#include "mountctl/doctor/report_json.hpp"

#include <catch2/catch.hpp>

using namespace mb::ctl::doctor;

TEST_CASE("JSON: the reply envelope with the worst status and the findings (check, subject, status, message, fix)") {
  Findings f{
      {"socket", "/run/mount-broker.sock", Status::ok, "answers", ""},
      {"mountpoint", "photos", Status::problem, "\"/mnt/p\\x\"\n\ttab\x01", "mkdir -p /mnt/p"}};
  CHECK(report_json(f) ==
        "{\"v\": 1, \"id\": 0, \"ok\": true, \"worst\": \"problem\", \"findings\": [\n"
        "  {\"check\": \"socket\", \"subject\": \"/run/mount-broker.sock\", \"status\": \"ok\", "
        "\"message\": \"answers\", \"fix\": \"\"},\n"
        "  {\"check\": \"mountpoint\", \"subject\": \"photos\", \"status\": \"problem\", "
        "\"message\": \"\\\"/mnt/p\\\\x\\\"\\n\\ttab\\u0001\", \"fix\": \"mkdir -p /mnt/p\"}\n"
        "]}\n");
}

TEST_CASE("JSON: no findings is an empty array") {
  CHECK(report_json({}) == "{\"v\": 1, \"id\": 0, \"ok\": true, \"worst\": \"ok\", \"findings\": []}\n");
}

TEST_CASE("JSON: bytes that are not UTF-8 in a path or helper output become U+FFFD") {
  Findings f{{"mountpoint", "n\xff", Status::problem, "/mnt/\xc3\xbc\xc0", ""}};
  CHECK(report_json(f) ==
        "{\"v\": 1, \"id\": 0, \"ok\": true, \"worst\": \"problem\", \"findings\": [\n"
        "  {\"check\": \"mountpoint\", \"subject\": \"n\xef\xbf\xbd\", \"status\": \"problem\", "
        "\"message\": \"/mnt/\xc3\xbc\xef\xbf\xbd\", \"fix\": \"\"}\n"
        "]}\n");
}
