#include "platform/state_store.hpp"

#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <thread>

#include "tests/support/state_samples.hpp"
#include "tests/support/temp_dir.hpp"

namespace mb::core::state {
using platform::LoadResult;
using platform::StateStore;
namespace {

using namespace std::chrono_literals;
namespace fs = std::filesystem;

using mb::test::error_of;
using mb::test::full_state;
using mb::test::record;
using mb::test::TempDir;

// Lowers the soft file size limit so writes fail with EFBIG (not SIGXFSZ); restores both.
struct FileSizeLimit {
  rlimit saved{};
  void (*saved_handler)(int) = nullptr;
  bool active = false;
  explicit FileSizeLimit(rlim_t bytes) {
    if (::getrlimit(RLIMIT_FSIZE, &saved) != 0) return;
    saved_handler = std::signal(SIGXFSZ, SIG_IGN);
    rlimit lowered = saved;
    lowered.rlim_cur = bytes;
    active = ::setrlimit(RLIMIT_FSIZE, &lowered) == 0;
  }
  ~FileSizeLimit() {
    if (active) ::setrlimit(RLIMIT_FSIZE, &saved);
    std::signal(SIGXFSZ, saved_handler);
  }
};

std::string read_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

void write_bytes(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << bytes;
  REQUIRE(out.good());
}

std::vector<std::string> temp_files_in(const std::string& dir) {
  std::vector<std::string> found;
  for (const auto& e : fs::directory_iterator(dir)) {
    const auto name = e.path().filename().string();
    if (name.find(".tmp") != std::string::npos) found.push_back(name);
  }
  return found;
}

unsigned mode_of(const std::string& path) {
  struct stat st {};
  REQUIRE(::stat(path.c_str(), &st) == 0);
  return st.st_mode & 07777;
}

// state.json.corrupt-YYYYmmddTHHMMSSZ
bool is_corrupt_name(const std::string& name) {
  const std::string prefix = "state.json.corrupt-";
  const std::string stamp = name.substr(std::min(prefix.size(), name.size()));
  const auto digits = [&](size_t from, size_t n) {
    return stamp.substr(from, n).find_first_not_of("0123456789") == std::string::npos;
  };
  return name.starts_with(prefix) && stamp.size() == 16 && digits(0, 8) && stamp[8] == 'T' &&
         digits(9, 6) && stamp[15] == 'Z';
}

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

StateStore open_store(const std::string& dir) {
  auto store = StateStore::open(dir, 0ms);
  INFO(error_of(store));
  REQUIRE(store);
  return std::move(store).value();
}

// ---- StateStore --------------------------------------------------------------------------------

TEST_CASE("a full state round-trips through save and load, leaving no temp file") {
  TempDir tmp;
  auto store = open_store(tmp.path());
  const State s = full_state();
  auto saved = store.save(s);
  INFO(error_of(saved));
  REQUIRE(saved);
  CHECK(temp_files_in(tmp.path()).empty());
  CHECK(read_bytes(store.path()).back() == '\n');

  auto loaded = store.load();
  REQUIRE(loaded);
  CHECK(loaded->state == s);
  CHECK_FALSE(loaded->read_only);
  CHECK(loaded->moved_aside.empty());
  CHECK(loaded->warning.empty());

  // A second save replaces the first.
  REQUIRE(store.save(State{}));
  auto reloaded = store.load();
  REQUIRE(reloaded);
  CHECK(reloaded->state == State{});
}

TEST_CASE("load removes the temp files killed saves left and nothing else, keeping the state") {
  TempDir tmp;
  auto store = open_store(tmp.path());
  const State s = full_state();
  REQUIRE(store.save(s));
  const std::vector<std::string> stale{".state.json.tmp-1", ".state.json.tmp-4194304",
                                       ".config.last-good.toml.tmp-77"};
  const std::vector<std::string> kept{".state.json.tmp-",   ".state.json.tmp-12x",
                                      "state.json.tmp-5",   ".other.json.tmp-5",
                                      ".state.json.tmp-5~", "config.last-good.toml"};
  for (const auto& f : stale) write_bytes(tmp.file(f), "{\"schema\": 1, \"mou");
  for (const auto& f : kept) write_bytes(tmp.file(f), "someone's");

  auto loaded = store.load();
  REQUIRE(loaded);
  CHECK(loaded->state == s);
  CHECK(loaded->cleanup_error.empty());
  auto removed = loaded->removed_temp_files;
  std::sort(removed.begin(), removed.end());
  auto expected = stale;
  std::sort(expected.begin(), expected.end());
  CHECK(removed == expected);
  for (const auto& f : stale) CHECK_FALSE(fs::exists(tmp.file(f)));
  for (const auto& f : kept) CHECK(read_bytes(tmp.file(f)) == "someone's");
  CHECK(loaded->warning.empty());
}

TEST_CASE("a missing state.json loads as an empty state") {
  TempDir tmp;
  auto store = open_store(tmp.path());
  auto loaded = store.load();
  REQUIRE(loaded);
  CHECK(loaded->state == State{});
  CHECK_FALSE(loaded->read_only);
  CHECK(loaded->moved_aside.empty());
  CHECK(loaded->warning.empty());
}

TEST_CASE("an unparseable state.json is moved aside with its bytes preserved") {
  TempDir tmp;
  auto store = open_store(tmp.path());
  const std::string garbage = "{\"schema\": 1, \"mounts\": [\x00\xff";
  write_bytes(store.path(), garbage);

  auto loaded = store.load();
  INFO(error_of(loaded));
  REQUIRE(loaded);
  CHECK(loaded->state == State{});
  CHECK_FALSE(loaded->read_only);
  const std::string moved = loaded->moved_aside;
  CHECK(is_corrupt_name(fs::path(moved).filename().string()));
  CHECK(fs::path(moved).parent_path() == fs::path(tmp.path()));
  CHECK(read_bytes(moved) == garbage);
  CHECK(contains(loaded->warning, moved));
  CHECK(contains(loaded->warning, "rebuilt from the mount table"));
  CHECK_FALSE(fs::exists(store.path()));

  // Only a later save brings state.json back, and it does not touch the moved file.
  REQUIRE(store.save(full_state()));
  auto reloaded = store.load();
  REQUIRE(reloaded);
  CHECK(reloaded->state == full_state());
  CHECK(read_bytes(moved) == garbage);
}

TEST_CASE("a second corrupt file never overwrites the first one moved aside") {
  TempDir tmp;
  auto store = open_store(tmp.path());
  write_bytes(store.path(), "first");
  auto one = store.load();
  write_bytes(store.path(), "second");
  auto two = store.load();
  REQUIRE(one);
  REQUIRE(two);
  REQUIRE(one->moved_aside != two->moved_aside);
  CHECK(read_bytes(one->moved_aside) == "first");
  CHECK(read_bytes(two->moved_aside) == "second");
  // Within the same second the timestamp is equal, so the suffix tells them apart.
  if (two->moved_aside.size() > one->moved_aside.size()) {
    CHECK(two->moved_aside == one->moved_aside + "-1");
  }
}

TEST_CASE("a state.json with a newer schema is read-only and save leaves its bytes unchanged") {
  TempDir tmp;
  auto store = open_store(tmp.path());
  const std::string newer =
      R"({"schema": 3, "mounts": [{"name": "a", "shape": {"new": true}}], "more": 1})";
  write_bytes(store.path(), newer);

  auto loaded = store.load();
  REQUIRE(loaded);
  CHECK(loaded->read_only);
  CHECK(loaded->state.schema == 3);
  CHECK(loaded->state.mounts.empty());
  CHECK(loaded->moved_aside.empty());
  CHECK(contains(loaded->warning, "schema 3"));
  CHECK(contains(loaded->warning, "upgrade mount-broker"));

  auto saved = store.save(full_state());
  REQUIRE_FALSE(saved);
  CHECK(saved.error() ==
        "state.json has schema 3, newer than this broker's 2; refusing to overwrite it "
        "(upgrade mount-broker)");
  CHECK_FALSE(store.save(loaded->state));
  CHECK(read_bytes(store.path()) == newer);
  CHECK(temp_files_in(tmp.path()).empty());
}

TEST_CASE("a second open fails within the wait naming the holder's pid and the lock path") {
  TempDir tmp;
  std::optional<StateStore> first(open_store(tmp.path()));

  const auto start = std::chrono::steady_clock::now();
  auto second = StateStore::open(tmp.path(), 100ms);
  const auto waited = std::chrono::steady_clock::now() - start;
  REQUIRE_FALSE(second);
  CHECK(second.error() == "another mount-broker (pid " + std::to_string(::getpid()) + ") holds " +
                              tmp.path() + "/state.lock; waited 100 ms");
  CHECK(waited >= 100ms);
  CHECK(waited < 2s);

  first.reset();
  auto third = StateStore::open(tmp.path(), 0ms);
  INFO(error_of(third));
  CHECK(third);
}

TEST_CASE("the lock file names its holder alone, whatever pid was there before") {
  const std::string ours = std::to_string(::getpid()) + "\n";
  for (const std::string before : {"", "1\n", "4194304123\n", "garbage left by an editor\n"}) {
    TempDir tmp;
    write_bytes(tmp.file("state.lock"), before);
    std::optional<StateStore> store(open_store(tmp.path()));
    INFO(before);
    CHECK(read_bytes(tmp.path() + "/state.lock") == ours);
  }
}

TEST_CASE("a waiting open gets the lock as soon as the holder releases it") {
  TempDir tmp;
  std::optional<StateStore> first(open_store(tmp.path()));
  std::thread release([&] {
    std::this_thread::sleep_for(50ms);
    first.reset();
  });
  auto second = StateStore::open(tmp.path(), 5s);
  release.join();
  INFO(error_of(second));
  CHECK(second);
}

TEST_CASE("a save that fails because the disk is full leaves the old file and no temp file") {
  TempDir tmp;
  auto store = open_store(tmp.path());
  State old;
  old.mounts.push_back(record("old"));
  REQUIRE(store.save(old));
  const std::string before = read_bytes(store.path());

  State big = full_state();
  for (int i = 0; i < 50; ++i) big.mounts.push_back(record(std::to_string(i)));
  REQUIRE(to_json(big).size() > before.size() + 100);

  std::optional<util::Status> saved;
  {
    FileSizeLimit limit(before.size() / 2);
    REQUIRE(limit.active);
    saved = store.save(big);
  }
  REQUIRE_FALSE(*saved);
  CHECK(contains(saved->error(), tmp.path() + "/.state.json.tmp-" + std::to_string(::getpid())));
  CHECK(contains(saved->error(), std::strerror(EFBIG)));
  CHECK(read_bytes(store.path()) == before);
  CHECK(temp_files_in(tmp.path()).empty());

  // Nothing is left in a bad state: the next save works.
  REQUIRE(store.save(big));
  auto loaded = store.load();
  REQUIRE(loaded);
  CHECK(loaded->state == big);
}

TEST_CASE("open creates missing directories 0700 and the state files are 0600") {
  TempDir tmp;
  const std::string dir = tmp.path() + "/var/lib/mount-broker";
  auto store = open_store(dir + "/");
  CHECK(store.path() == dir + "/state.json");
  CHECK(mode_of(dir) == 0700);
  CHECK(mode_of(dir + "/state.lock") == 0600);
  REQUIRE(store.save(full_state()));
  CHECK(mode_of(store.path()) == 0600);
}

TEST_CASE("open fails clearly when the state directory cannot be created") {
  TempDir tmp;
  write_bytes(tmp.path() + "/file", "x");
  auto store = StateStore::open(tmp.path() + "/file/sub", 0ms);
  REQUIRE_FALSE(store);
  CHECK(contains(store.error(), tmp.path() + "/file"));
}

TEST_CASE("a read error other than a missing file is an error") {
  TempDir tmp;
  auto store = open_store(tmp.path());
  REQUIRE(fs::create_directory(store.path()));
  auto loaded = store.load();
  REQUIRE_FALSE(loaded);
  CHECK(contains(loaded.error(), store.path()));
  CHECK(contains(loaded.error(), std::strerror(EISDIR)));
  CHECK(fs::is_directory(store.path()));
}

TEST_CASE("a temp file left by a crashed run with our pid does not block saving") {
  TempDir tmp;
  auto store = open_store(tmp.path());
  const std::string stale = tmp.path() + "/.state.json.tmp-" + std::to_string(::getpid());
  write_bytes(stale, "half a state");
  REQUIRE(store.save(full_state()));
  CHECK_FALSE(fs::exists(stale));
  auto loaded = store.load();
  REQUIRE(loaded);
  CHECK(loaded->state == full_state());
}

TEST_CASE("save writes this broker's schema whatever the caller's copy says") {
  TempDir tmp;
  auto store = open_store(tmp.path());
  State s = full_state();
  s.schema = 7;
  REQUIRE(store.save(s));
  auto loaded = store.load();
  REQUIRE(loaded);
  CHECK_FALSE(loaded->read_only);
  CHECK(loaded->state.schema == State::kSchema);
  CHECK(loaded->state.mounts == s.mounts);
}

}  // namespace
}  // namespace mb::core::state
