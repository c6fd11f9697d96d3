// Tests for daemon/dedup.h: each rule in order, over a real State in a
// temporary directory.
#include "daemon/dedup.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

namespace jingwend {
namespace {

namespace fs = std::filesystem;

constexpr std::uint64_t kHash = 0x5A5A5A5A12345678ULL;
constexpr std::size_t kLong = kMinSimhashChars;  // just long enough for rule 4

class DedupTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char pattern[] = "/tmp/jingwen-dedup-test-XXXXXX";
    ASSERT_NE(::mkdtemp(pattern), nullptr);
    root_ = pattern;
    std::string error;
    state_ = State::open(root_ + "/state", &error);
    ASSERT_TRUE(state_) << error;
  }
  void TearDown() override {
    state_.reset();
    fs::remove_all(root_);
  }

  void remember(std::string key, std::string sha, std::uint64_t simhash, SeenKind kind = SeenKind::kSpooled) {
    SeenEntry e;
    e.url_key = key;
    e.url = "https://" + key;
    e.kind = kind;
    e.content_sha256 = std::move(sha);
    e.simhash = simhash;
    ASSERT_EQ(state_->commit(e), "");
  }

  std::string root_;
  std::unique_ptr<State> state_;
};

TEST(VerdictName, NamesEveryVerdict) {
  EXPECT_EQ(verdict_name(Verdict::kNew), "new");
  EXPECT_EQ(verdict_name(Verdict::kRevision), "revision");
  EXPECT_EQ(verdict_name(Verdict::kUnchanged), "unchanged");
  EXPECT_EQ(verdict_name(Verdict::kSameContent), "same-content");
  EXPECT_EQ(verdict_name(Verdict::kNearDuplicate), "near-duplicate");
}

TEST(ItemStamp, IsPublishedNewlineTitle) {
  EXPECT_EQ(item_stamp("2024-11-20T10:30:00+08:00", "新馆开放"), "2024-11-20T10:30:00+08:00\n新馆开放");
  EXPECT_EQ(item_stamp("", ""), "\n");
  // The separator keeps ("a", "bc") and ("ab", "c") apart.
  EXPECT_NE(item_stamp("a", "bc"), item_stamp("ab", "c"));
}

TEST_F(DedupTest, NothingKnownIsNew) {
  const Judgement j = judge(*state_, "a.gov.cn/1", "sha-1", kHash, kLong, 3);
  EXPECT_EQ(j.verdict, Verdict::kNew);
  EXPECT_TRUE(j.spool());
  EXPECT_EQ(j.other_url, "");
}

TEST_F(DedupTest, Rule1SameUrlSameContentIsUnchanged) {
  remember("a.gov.cn/1", "sha-1", kHash);
  const Judgement j = judge(*state_, "a.gov.cn/1", "sha-1", kHash, kLong, 3);
  EXPECT_EQ(j.verdict, Verdict::kUnchanged);
  EXPECT_FALSE(j.spool());
}

TEST_F(DedupTest, Rule1HoldsForAUrlRememberedAsADuplicate) {
  remember("b.com/copy", "sha-1", kHash, SeenKind::kDuplicate);
  EXPECT_EQ(judge(*state_, "b.com/copy", "sha-1", kHash, kLong, 3).verdict, Verdict::kUnchanged);
}

TEST_F(DedupTest, Rule2SameUrlOtherContentIsARevision) {
  remember("a.gov.cn/1", "sha-1", kHash);
  // Even when another URL holds the new text: first match wins.
  remember("b.com/x", "sha-2", kHash ^ 1);
  const Judgement j = judge(*state_, "a.gov.cn/1", "sha-2", kHash ^ 1, kLong, 3);
  EXPECT_EQ(j.verdict, Verdict::kRevision);
  EXPECT_TRUE(j.spool());
}

TEST_F(DedupTest, Rule2NeedsASpooledRecordToRevise) {
  // Remembered as a copy of another story: an edited copy is still a copy.
  remember("a.gov.cn/orig", "sha-orig", kHash);
  remember("b.com/copy", "sha-orig", kHash, SeenKind::kDuplicate);
  Judgement j = judge(*state_, "b.com/copy", "sha-edited", kHash ^ 0x3, kLong, 3);
  EXPECT_EQ(j.verdict, Verdict::kNearDuplicate);
  EXPECT_EQ(j.other_url, "https://a.gov.cn/orig");
  EXPECT_EQ(j.distance, 2);
  // Remembered as not an article, now one: new, not a revision.
  remember("c.gov.cn/list", "", 0, SeenKind::kNotArticle);
  j = judge(*state_, "c.gov.cn/list", "sha-now", ~kHash, kLong, 3);
  EXPECT_EQ(j.verdict, Verdict::kNew);
}

TEST_F(DedupTest, Rule3OtherUrlSameContentIsSameContent) {
  remember("a.gov.cn/1", "sha-1", kHash);
  const Judgement j = judge(*state_, "b.com/reprint", "sha-1", kHash, kLong, 3);
  EXPECT_EQ(j.verdict, Verdict::kSameContent);
  EXPECT_EQ(j.other_url, "https://a.gov.cn/1");
  EXPECT_FALSE(j.spool());
}

TEST_F(DedupTest, Rule3AppliesToShortTextsAndWithNearDuplicatesOff) {
  remember("a.gov.cn/1", "sha-1", kHash);
  EXPECT_EQ(judge(*state_, "b.com/r", "sha-1", 0, 10, -1).verdict, Verdict::kSameContent);
}

TEST_F(DedupTest, Rule4NearTextUnderOtherUrlIsANearDuplicate) {
  remember("a.gov.cn/1", "sha-1", kHash);
  const Judgement j = judge(*state_, "b.com/reprint", "sha-2", kHash ^ 0x80000001ULL, kLong, 3);
  EXPECT_EQ(j.verdict, Verdict::kNearDuplicate);
  EXPECT_EQ(j.other_url, "https://a.gov.cn/1");
  EXPECT_EQ(j.distance, 2);
  EXPECT_FALSE(j.spool());
}

TEST_F(DedupTest, Rule4RespectsTheConfiguredDistance) {
  remember("a.gov.cn/1", "sha-1", kHash);
  EXPECT_EQ(judge(*state_, "b.com/r", "sha-2", kHash ^ 0x7, kLong, 2).verdict, Verdict::kNew);
  EXPECT_EQ(judge(*state_, "b.com/r", "sha-2", kHash ^ 0x7, kLong, 3).verdict, Verdict::kNearDuplicate);
  EXPECT_EQ(judge(*state_, "b.com/r", "sha-2", kHash, kLong, 0).verdict, Verdict::kNearDuplicate);
}

TEST_F(DedupTest, Rule4IsOffWhenDisabledOrTheTextIsShort) {
  remember("a.gov.cn/1", "sha-1", kHash);
  EXPECT_EQ(judge(*state_, "b.com/r", "sha-2", kHash ^ 1, kLong, -1).verdict, Verdict::kNew);
  EXPECT_EQ(judge(*state_, "b.com/r", "sha-2", kHash ^ 1, kMinSimhashChars - 1, 3).verdict, Verdict::kNew);
  EXPECT_EQ(judge(*state_, "b.com/r", "sha-2", 0, kLong, 3).verdict, Verdict::kNew);
}

TEST_F(DedupTest, Rule4IgnoresNonSpooledEntries) {
  remember("a.gov.cn/1", "sha-1", kHash, SeenKind::kDuplicate);
  EXPECT_EQ(judge(*state_, "b.com/r", "sha-2", kHash ^ 1, kLong, 3).verdict, Verdict::kNew);
}

}  // namespace
}  // namespace jingwend
