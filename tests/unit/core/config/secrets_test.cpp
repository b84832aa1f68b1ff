#include "core/config/secrets.hpp"

#include <catch2/catch.hpp>
#include <string>

using namespace mb::core::config;

TEST_CASE("secrets: password-like keys, any case, whole words only") {
  for (const char* key : {"password", "PASSWORD", "Passwd", "pass", "secret"})
    CHECK(is_secret_key(key));
  for (const char* key : {"passwords", "username", "secret_file", "pas", "", "passthrough"})
    CHECK_FALSE(is_secret_key(key));
}

TEST_CASE("secrets: a password option in a mount option or a command argument") {
  CHECK(secret_option("password=hunter2") == "password=");
  CHECK(secret_option("soft,PASS=x,nodev") == "pass=");
  CHECK(secret_option("--passwd=x") == "passwd=");
  CHECK(secret_option("-o,secret=x") == "secret=");
  // A flag whose value is the next argument.
  CHECK(secret_option("--password") == "password");
  CHECK(secret_option("-pass") == "pass");
  CHECK_FALSE(secret_option("password"));  // a bare word, not a flag: a share may be so named
  // mount.cifs reads user=NAME%PASSWORD as a user and a password.
  CHECK(secret_option("soft,user=alice%hunter2") == "user=NAME%PASSWORD");
  CHECK(secret_option("username=alice%x") == "user=NAME%PASSWORD");
  CHECK_FALSE(secret_option("user=alice"));
  CHECK_FALSE(secret_option("soft,nodev,vers=3.0"));
  CHECK_FALSE(secret_option(""));
}

TEST_CASE("secrets: every password anywhere in the document is reported, never its value") {
  auto doc = toml::parse(R"(password = "top-hunter2"
[broker]
secret = "b-hunter2"
[[mount]]
name = "photos"
options = ["soft", "password=m-hunter2"]
[[mount]]
command = ["sshfs", "--password", "c-hunter2"]
[defaults]
nested = { Passwd = "d-hunter2" }
)");
  Diagnostics d("config.toml");
  report_secrets(doc, d);
  const std::string text = d.text();
  CHECK_THAT(text, Catch::Contains("config.toml:1: password: passwords do not belong"));
  CHECK_THAT(text, Catch::Contains("config.toml:3: [broker] secret: passwords do not belong"));
  CHECK_THAT(text, Catch::Contains("config.toml:6: mount \"photos\": options[1]: contains a "
                                   "password option (\"password=...\")"));
  CHECK_THAT(text, Catch::Contains("mountctl setup photos"));
  CHECK_THAT(text, Catch::Contains("[[mount]] #2: command[1]: contains a password option"));
  CHECK_THAT(text, Catch::Contains("mountctl setup <mount-name>"));
  CHECK_THAT(text, Catch::Contains("[defaults] nested.Passwd: passwords do not belong"));
  CHECK_THAT(text, !Catch::Contains("hunter2"));
}

TEST_CASE("secrets: a document without passwords reports nothing") {
  auto doc = toml::parse(R"([[mount]]
name = "a"
username = "alice"
options = ["soft", "user_xattr"]
)");
  Diagnostics d("config.toml");
  report_secrets(doc, d);
  CHECK(d.empty());
}
