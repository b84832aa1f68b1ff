#include "mountctl/doctor/helper_flags.hpp"

#include <catch2/catch.hpp>

using namespace mb::ctl::doctor;
namespace cfg = mb::core::config;

namespace {

cfg::Config config_with(std::vector<std::string> command, std::string probe_path = "",
                        std::string mountpoint = "/mnt/share") {
  cfg::Config c;
  c.path = "/etc/mb.toml";
  cfg::MountConfig m;
  m.name = "share";
  m.type = cfg::MountType::command;
  m.mountpoint = std::move(mountpoint);
  m.command = std::move(command);
  m.settings.probe_path = std::move(probe_path);
  c.mounts.push_back(m);
  return c;
}

Findings with(const Findings& all, Status status) {
  Findings out;
  for (const auto& f : all)
    if (f.status == status) out.push_back(f);
  return out;
}

}  // namespace

TEST_CASE("rclone with its default flags: other users locked out, probe trusts a 5 min cache") {
  auto all = check_helper_flags(config_with({"rclone", "mount", "nas:data", "{mountpoint}"}));
  auto warns = with(all, Status::warn);
  REQUIRE(warns.size() == 2);
  CHECK(warns[0].check == "helper-flags");
  CHECK_THAT(warns[0].message, Catch::Contains("without allow_other: only root can read"));
  CHECK(warns[0].fix ==
        "${EDITOR:-vi} /etc/mb.toml  # mount \"share\": add \"--allow-other\" to command");
  CHECK_THAT(warns[1].message, Catch::Contains("directory cache for 5m (the default)"));
  CHECK_THAT(warns[1].fix, Catch::Contains("probe_path = \".probe\""));
  auto notes = with(all, Status::note);
  REQUIRE(notes.size() == 1);
  CHECK_THAT(notes[0].message, Catch::Contains("retries a refused connection 10 times"));
  CHECK_THAT(notes[0].fix, Catch::Contains("\"--low-level-retries\", \"1\""));
}

TEST_CASE("rclone with allow-other, probe_path and one retry is ok") {
  auto all = check_helper_flags(config_with({"/usr/bin/rclone", "mount", "--allow-other",
                                             "--low-level-retries=1", "nas:", "{mountpoint}"},
                                            ".probe"));
  REQUIRE(all.size() == 1);
  CHECK(all[0].status == Status::ok);
  auto short_cache =
      check_helper_flags(config_with({"rclone", "mount", "--allow-other", "--dir-cache-time", "5s",
                                      "--low-level-retries", "1", "nas:", "{mountpoint}"}));
  REQUIRE(short_cache.size() == 1);
  CHECK(short_cache[0].status == Status::ok);
  auto long_cache =
      check_helper_flags(config_with({"rclone", "mount", "--allow-other", "--dir-cache-time=1h",
                                      "--low-level-retries", "1", "nas:", "{mountpoint}"}));
  REQUIRE(long_cache.size() == 1);
  CHECK_THAT(long_cache[0].message, Catch::Contains("directory cache for 1h"));
}

TEST_CASE("sshfs and bindfs need -o allow_other unless the share is root's own") {
  auto sshfs = check_helper_flags(config_with({"sshfs", "u@h:/x", "{mountpoint}"}));
  REQUIRE(with(sshfs, Status::warn).size() == 1);
  CHECK(with(sshfs, Status::warn)[0].fix ==
        "${EDITOR:-vi} /etc/mb.toml  # mount \"share\": add \"-o\", \"allow_other\" to command");
  CHECK_THAT(with(sshfs, Status::note)[0].message, Catch::Contains("ServerAliveInterval"));
  auto good = check_helper_flags(config_with(
      {"sshfs", "-o", "reconnect,allow_other,serveraliveinterval=15", "u@h:/x", "{mountpoint}"}));
  REQUIRE(good.size() == 1);
  CHECK(good[0].status == Status::ok);
  CHECK(check_helper_flags(config_with({"bindfs", "-oallow_other", "/src", "{mountpoint}"}))[0]
            .status == Status::ok);
  CHECK(check_helper_flags(config_with({"bindfs", "/src", "{mountpoint}"}, "", "/root/mnt"))[0]
            .status == Status::ok);
}

TEST_CASE("other helpers and other mount types are not judged") {
  CHECK(check_helper_flags(config_with({"myfs", "{mountpoint}"})).empty());
  CHECK(check_helper_flags(config_with({"rclone", "serve", "nfs", "{mountpoint}"})).empty());
  cfg::Config smb = config_with({});
  smb.mounts[0].type = cfg::MountType::smb;
  CHECK(check_helper_flags(smb).empty());
}

TEST_CASE("rclone durations are read as rclone reads them") {
  CHECK(rclone_seconds("5m") == 300);
  CHECK(rclone_seconds("1h30m") == 5400);
  CHECK(rclone_seconds("0s") == 0);
  CHECK(rclone_seconds("10") == 10);
  CHECK(rclone_seconds("1.5s") == 1.5);
  CHECK(rclone_seconds("2d") == 172800);
  CHECK(rclone_seconds("500ms") == 0.5);
  CHECK_FALSE(rclone_seconds(""));
  CHECK_FALSE(rclone_seconds("soon"));
  CHECK_FALSE(rclone_seconds("5x"));
}

TEST_CASE("FUSE -o lists are searched in both spellings, by name or name=value") {
  CHECK(has_fuse_option({"x", "-o", "ro,allow_other"}, "allow_other"));
  CHECK(has_fuse_option({"x", "-oallow_other"}, "allow_other"));
  CHECK(has_fuse_option({"x", "-o", "ServerAliveInterval=15"}, "serveraliveinterval"));
  CHECK_FALSE(has_fuse_option({"x", "-o", "allow_others"}, "allow_other"));
  CHECK_FALSE(has_fuse_option({"x", "allow_other"}, "allow_other"));
  CHECK_FALSE(has_fuse_option({"x", "-o"}, "allow_other"));
}
