// Tests for daemon/spool.h on a real maildir in a temporary directory.
#include "daemon/spool.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <string>

namespace jingwend {
namespace {

namespace fs = std::filesystem;

class SpoolTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char pattern[] = "/tmp/jingwen-spool-test-XXXXXX";
    ASSERT_NE(::mkdtemp(pattern), nullptr);
    root_ = pattern;
  }
  void TearDown() override { fs::remove_all(root_); }

  Spool open_spool(const std::string& dir) {
    std::string error;
    std::optional<Spool> spool = Spool::open(dir, &error);
    EXPECT_TRUE(spool) << error;
    EXPECT_EQ(error, "");
    return std::move(*spool);
  }

  static std::string read(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
  }
  static std::set<std::string> names_in(const fs::path& dir) {
    std::set<std::string> names;
    for (const auto& entry : fs::directory_iterator(dir)) names.insert(entry.path().filename().string());
    return names;
  }
  static void touch(const fs::path& path, const std::string& content = "x") {
    std::ofstream(path, std::ios::binary) << content;
  }

  std::string root_;
};

TEST_F(SpoolTest, OpenCreatesTheMaildirAndItsParents) {
  const std::string dir = root_ + "/var/spool/jingwen";
  const Spool spool = open_spool(dir);
  EXPECT_EQ(spool.dir(), dir);
  for (const char* sub : {"tmp", "new", "cur"}) EXPECT_TRUE(fs::is_directory(dir + "/" + sub)) << sub;
  EXPECT_EQ(spool.pending(), 0u);
}

TEST_F(SpoolTest, OpenDropsATrailingSlash) {
  const Spool spool = open_spool(root_ + "/spool/");
  EXPECT_EQ(spool.dir(), root_ + "/spool");
}

TEST_F(SpoolTest, OpenRemovesStaleTmpFilesAndKeepsNewAndCur) {
  const std::string dir = root_ + "/spool";
  open_spool(dir);
  touch(dir + "/tmp/half-written.json");
  touch(dir + "/new/waiting.json");
  touch(dir + "/cur/taken.json:2,S");
  open_spool(dir);
  EXPECT_TRUE(names_in(dir + "/tmp").empty());
  EXPECT_EQ(names_in(dir + "/new"), std::set<std::string>{"waiting.json"});
  EXPECT_EQ(names_in(dir + "/cur"), std::set<std::string>{"taken.json:2,S"});
}

TEST_F(SpoolTest, OpenUnderARegularFileFailsNamingTheSpoolAndTheCause) {
  touch(root_ + "/plain-file");
  const std::string dir = root_ + "/plain-file/spool";
  std::string error;
  EXPECT_FALSE(Spool::open(dir, &error));
  EXPECT_EQ(error, "spool " + dir + ": cannot create it: Not a directory");
}

TEST_F(SpoolTest, OpenFailsWhenASubfolderIsAFile) {
  const std::string dir = root_ + "/spool";
  fs::create_directories(dir);
  touch(dir + "/new");
  std::string error;
  EXPECT_FALSE(Spool::open(dir, &error));
  EXPECT_EQ(error, "spool " + dir + ": cannot create new/: Not a directory");
}

TEST_F(SpoolTest, OpenOfEmptyPathFails) {
  std::string error;
  EXPECT_FALSE(Spool::open("", &error));
  EXPECT_NE(error.find("no directory"), std::string::npos) << error;
}

TEST_F(SpoolTest, WriteLeavesTheRecordInNewAndNothingInTmp) {
  Spool spool = open_spool(root_ + "/spool");
  const std::string body = "{\"title\": \"新馆开放\"}\n";
  bool consumed = true;
  EXPECT_EQ(spool.write("0123456789abcdef-fedcba9876543210.json", body, &consumed), "");
  EXPECT_FALSE(consumed);
  EXPECT_EQ(read(root_ + "/spool/new/0123456789abcdef-fedcba9876543210.json"), body);
  EXPECT_TRUE(names_in(root_ + "/spool/tmp").empty());
  EXPECT_EQ(spool.pending(), 1u);
  struct stat st {};
  ASSERT_EQ(::stat((root_ + "/spool/new/0123456789abcdef-fedcba9876543210.json").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0002, 0u);  // never world-writable
}

TEST_F(SpoolTest, WriteOfAnEmptyRecordMakesAnEmptyFile) {
  Spool spool = open_spool(root_ + "/spool");
  EXPECT_EQ(spool.write("empty.txt", ""), "");
  EXPECT_TRUE(fs::exists(root_ + "/spool/new/empty.txt"));
  EXPECT_EQ(fs::file_size(root_ + "/spool/new/empty.txt"), 0u);
}

TEST_F(SpoolTest, RewritingTheSameNameIsIdempotent) {
  Spool spool = open_spool(root_ + "/spool");
  EXPECT_EQ(spool.write("a-b.json", "first"), "");
  EXPECT_EQ(spool.write("a-b.json", "second, after a crash"), "");
  EXPECT_EQ(names_in(root_ + "/spool/new"), std::set<std::string>{"a-b.json"});
  EXPECT_EQ(read(root_ + "/spool/new/a-b.json"), "second, after a crash");
  EXPECT_TRUE(names_in(root_ + "/spool/tmp").empty());
  EXPECT_EQ(spool.pending(), 1u);
}

TEST_F(SpoolTest, ARecordInCurIsAlreadyConsumed) {
  Spool spool = open_spool(root_ + "/spool");
  touch(root_ + "/spool/cur/a-b.json", "taken");
  bool consumed = false;
  EXPECT_EQ(spool.write("a-b.json", "again", &consumed), "");
  EXPECT_TRUE(consumed);
  EXPECT_TRUE(names_in(root_ + "/spool/new").empty());
  EXPECT_EQ(read(root_ + "/spool/cur/a-b.json"), "taken");
}

TEST_F(SpoolTest, AFlaggedRecordInCurIsAlreadyConsumed) {
  Spool spool = open_spool(root_ + "/spool");
  // No flags, one flag, and several in maildir's ASCII order.
  for (const std::string suffix : {":2,", ":2,S", ":2,FRS", ":2,DFPRST"}) {
    const std::string name = "rec" + std::to_string(suffix.size()) + ".json";
    touch(root_ + "/spool/cur/" + name + suffix);
    bool consumed = false;
    EXPECT_EQ(spool.write(name, "again", &consumed), "");
    EXPECT_TRUE(consumed) << suffix;
  }
  EXPECT_TRUE(names_in(root_ + "/spool/new").empty());
}

TEST_F(SpoolTest, AnotherRecordInCurDoesNotCount) {
  Spool spool = open_spool(root_ + "/spool");
  touch(root_ + "/spool/cur/a-b.json.old");
  touch(root_ + "/spool/cur/a-bc.json:2,S");
  bool consumed = true;
  EXPECT_EQ(spool.write("a-b.json", "new", &consumed), "");
  EXPECT_FALSE(consumed);
  EXPECT_EQ(read(root_ + "/spool/new/a-b.json"), "new");
}

TEST_F(SpoolTest, WriteFailureNamesTheFileAndLeavesNothing) {
  Spool spool = open_spool(root_ + "/spool");
  // tmp/ replaced by a regular file: creating tmp/NAME fails with ENOTDIR.
  fs::remove(root_ + "/spool/tmp");
  touch(root_ + "/spool/tmp");
  const std::string error = spool.write("a-b.json", "body");
  EXPECT_EQ(error, "spool " + root_ + "/spool: cannot create tmp/a-b.json: Not a directory");
  EXPECT_TRUE(names_in(root_ + "/spool/new").empty());
}

TEST_F(SpoolTest, RenameFailureCleansTmp) {
  Spool spool = open_spool(root_ + "/spool");
  // new/ replaced by a regular file: the rename fails; tmp/NAME must go.
  fs::remove(root_ + "/spool/new");
  touch(root_ + "/spool/new");
  const std::string error = spool.write("a-b.json", "body");
  EXPECT_EQ(error, "spool " + root_ + "/spool: cannot move tmp/a-b.json into new/: Not a directory");
  EXPECT_TRUE(names_in(root_ + "/spool/tmp").empty());
}

TEST_F(SpoolTest, NamesThatCouldEscapeOrHideAreRefused) {
  Spool spool = open_spool(root_ + "/spool");
  const std::string kRefused[] = {"",      "../escape.json",           "a/b.json", ".hidden",
                                  "a:2,S", std::string("a\0b", 3), std::string(256, 'x')};
  for (const std::string& name : kRefused) {
    const std::string error = spool.write(name, "body");
    EXPECT_NE(error.find("refusing record name"), std::string::npos) << error;
  }
  EXPECT_TRUE(names_in(root_ + "/spool/new").empty());
  EXPECT_TRUE(names_in(root_ + "/spool/tmp").empty());
  EXPECT_FALSE(fs::exists(root_ + "/escape.json"));
}

TEST_F(SpoolTest, PendingCountsFilesInNewButNotDotFiles) {
  Spool spool = open_spool(root_ + "/spool");
  for (int i = 0; i < 5; ++i) EXPECT_EQ(spool.write("r" + std::to_string(i) + ".json", "x"), "");
  touch(root_ + "/spool/new/.consumer-lock");
  EXPECT_EQ(spool.pending(), 5u);
  fs::remove(root_ + "/spool/new/r0.json");
  fs::rename(root_ + "/spool/new/r1.json", root_ + "/spool/cur/r1.json:2,S");
  EXPECT_EQ(spool.pending(), 3u);
}

TEST_F(SpoolTest, FreeBytesMatchesTheFilesystem) {
  const Spool spool = open_spool(root_ + "/spool");
  const std::optional<std::uint64_t> free = spool.free_bytes();
  ASSERT_TRUE(free);
  const fs::space_info space = fs::space(root_ + "/spool");
  // Both read statvfs; other processes may write in between, so compare
  // within a margin rather than exactly.
  const std::uint64_t margin = 64u << 20;
  EXPECT_LE(*free, space.available + margin);
  EXPECT_GE(*free + margin, space.available);
  EXPECT_GT(*free, 0u);
}

TEST_F(SpoolTest, FreeBytesOfAVanishedSpoolIsUnknown) {
  const Spool spool = open_spool(root_ + "/spool");
  fs::remove_all(root_ + "/spool");
  EXPECT_FALSE(spool.free_bytes());
  EXPECT_EQ(spool.pending(), 0u);
}

}  // namespace
}  // namespace jingwend
