#include "core/mount_table/mountinfo.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <string>

#include "platform/mount_table.hpp"

namespace mt = mb::core::mount_table;

namespace {

// One mountinfo line with the given (already escaped) mount point and source.
std::string line(const std::string& mount_point, const std::string& source = "//nas/share",
                 const std::string& optional = "shared:1") {
  std::string opt = optional.empty() ? "" : optional + " ";
  return "36 35 0:52 / " + mount_point + " rw,relatime " + opt + "- cifs " + source +
         " rw,vers=3.1.1\n";
}

}  // namespace

TEST_CASE("mountinfo escapes are decoded into the raw bytes they stand for", "[mountinfo]") {
  struct Case {
    std::string escaped;
    std::string decoded;
  };
  auto c = GENERATE(values<Case>({
      {"/mnt/my\\040share", "/mnt/my share"},
      {"/mnt/tab\\011here", "/mnt/tab\there"},
      {"/mnt/new\\012line", "/mnt/new\nline"},
      {"/mnt/back\\134slash", "/mnt/back\\slash"},
      {"/mnt/a\\040b\\040\\040c", "/mnt/a b  c"},
      {"/mnt/Fotos ü 写真", "/mnt/Fotos ü 写真"},
      {"/mnt/\\303\\274", "/mnt/\xc3\xbc"},
      {"/mnt/plain", "/mnt/plain"},
      {"/mnt/trailing\\", "/mnt/trailing\\"},
      {"/mnt/short\\04", "/mnt/short\\04"},
      {"/mnt/not\\08octal", "/mnt/not\\08octal"},
      {"/mnt/too\\777big", "/mnt/too\\777big"},
      {"", ""},
  }));
  CAPTURE(c.escaped);
  CHECK(mt::decode_mountinfo_escapes(c.escaped) == c.decoded);
}

TEST_CASE("mount points with escaped whitespace and backslashes are parsed whole", "[mountinfo]") {
  struct Case {
    std::string escaped;
    std::string decoded;
  };
  auto c = GENERATE(values<Case>({
      {"/mnt/my\\040share", "/mnt/my share"},
      {"/mnt/tab\\011here", "/mnt/tab\there"},
      {"/mnt/new\\012line", "/mnt/new\nline"},
      {"/mnt/back\\134slash", "/mnt/back\\slash"},
  }));
  auto entries = mt::parse_mountinfo(line(c.escaped, "//nas/with\\040space"));
  REQUIRE(entries.size() == 1);
  CHECK(entries[0].mount_point == c.decoded);
  CHECK(entries[0].source == "//nas/with space");
  CHECK(entries[0].fstype == "cifs");
}

TEST_CASE("raw UTF-8 in mount points and sources is kept byte for byte", "[mountinfo]") {
  auto entries = mt::parse_mountinfo(line("/mnt/Fotos\\040ü\\040写真", "//nas/Fotos\\040ü"));
  REQUIRE(entries.size() == 1);
  CHECK(entries[0].mount_point == "/mnt/Fotos ü 写真");
  CHECK(entries[0].source == "//nas/Fotos ü");
}

TEST_CASE("all fields of a line are parsed", "[mountinfo]") {
  auto entries = mt::parse_mountinfo(
      "36 35 98:0 /mnt1 /mnt/parent rw,noatime master:1 - ext3 /dev/root rw,errors=continue\n");
  REQUIRE(entries.size() == 1);
  const mt::MountEntry& e = entries[0];
  CHECK(e.mount_id == 36);
  CHECK(e.parent_id == 35);
  CHECK(e.device == 98u << 8);
  CHECK(e.root == "/mnt1");
  CHECK(e.mount_point == "/mnt/parent");
  CHECK(e.options == "rw,noatime");
  CHECK(e.fstype == "ext3");
  CHECK(e.source == "/dev/root");
  CHECK(e.super_options == "rw,errors=continue");
}

TEST_CASE("any number of optional fields ends at the lone separator", "[mountinfo]") {
  auto optional = GENERATE(as<std::string>{}, "", "shared:1", "master:1",
                           "shared:7 master:3 propagate_from:2 unbindable");
  CAPTURE(optional);
  auto entries = mt::parse_mountinfo(line("/mnt/x", "//nas/share", optional));
  REQUIRE(entries.size() == 1);
  CHECK(entries[0].mount_point == "/mnt/x");
  CHECK(entries[0].fstype == "cifs");
  CHECK(entries[0].source == "//nas/share");
  CHECK(entries[0].super_options == "rw,vers=3.1.1");
}

// Linux's dev_t layout, spelled out: the parser compiles on macOS too, where makedev() differs.
// tests/unit/platform/linux/linux_mount_table_test.cpp checks it against glibc's.
TEST_CASE("device numbers combine major and minor the way Linux's st_dev does", "[mountinfo]") {
  struct Case {
    std::string text;
    std::uint64_t device;
  };
  auto c = GENERATE(values<Case>({
      {"0:52", 52},
      {"8:1", 0x801},
      {"259:3", 0x10303},
      {"253:1048575", 0xfff0fdffu},
      {"4096:0", std::uint64_t{0x1000} << 32},
  }));
  auto entries = mt::parse_mountinfo("1 2 " + c.text + " / /mnt/d rw - ext4 /dev/x rw\n");
  REQUIRE(entries.size() == 1);
  CHECK(entries[0].device == c.device);
}

TEST_CASE("malformed lines are skipped and the rest still parse", "[mountinfo]") {
  auto bad = GENERATE(as<std::string>{},
                      "36 35 0:52 / /mnt/bad rw,relatime shared:1 cifs //nas/x rw",  // no "-"
                      "36 35 0:52 / /mnt/bad rw,relatime - cifs //nas/x",  // too few after "-"
                      "36 35 0:52 / /mnt/bad - cifs //nas/x rw",           // too few before "-"
                      "x 35 0:52 / /mnt/bad rw - cifs //nas/x rw",         // id not a number
                      "36 35 052 / /mnt/bad rw - cifs //nas/x rw",         // no major:minor
                      "36 35 0:z / /mnt/bad rw - cifs //nas/x rw",         // bad minor
                      "36 35 0:52 / relative rw - cifs //nas/x rw",        // not absolute
                      "garbage", " ", "-", "\\\\\\");
  CAPTURE(bad);
  auto entries = mt::parse_mountinfo(line("/mnt/a") + bad + "\n" + line("/mnt/b"));
  REQUIRE(entries.size() == 2);
  CHECK(entries[0].mount_point == "/mnt/a");
  CHECK(entries[1].mount_point == "/mnt/b");
}

TEST_CASE("empty input and blank lines give no entries", "[mountinfo]") {
  CHECK(mt::parse_mountinfo("").empty());
  CHECK(mt::parse_mountinfo("\n\n").empty());
}

TEST_CASE("a last line without a newline is still parsed", "[mountinfo]") {
  std::string text = line("/mnt/a") + line("/mnt/b");
  text.pop_back();
  auto entries = mt::parse_mountinfo(text);
  REQUIRE(entries.size() == 2);
  CHECK(entries[1].super_options == "rw,vers=3.1.1");
}

TEST_CASE("an empty source field does not shift the fields after it", "[mountinfo]") {
  auto entries = mt::parse_mountinfo("5 1 0:9 / /mnt/e rw - tmpfs  rw,size=10k\n");
  REQUIRE(entries.size() == 1);
  CHECK(entries[0].fstype == "tmpfs");
  CHECK(entries[0].source.empty());
  CHECK(entries[0].super_options == "rw,size=10k");
}

TEST_CASE("entries keep table order so stacked mounts can be told apart", "[mountinfo]") {
  auto entries = mt::parse_mountinfo(line("/mnt/x", "//one/a") + line("/mnt/x", "//two/b"));
  REQUIRE(entries.size() == 2);
  CHECK(entries[0].source == "//one/a");
  CHECK(entries[1].source == "//two/b");
}
