// Tests for daemon/state.h and daemon/sqlite.h on a real SQLite file in a
// temporary directory.
#include "daemon/state.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "daemon/sqlite.h"

namespace jingwend {
namespace {

namespace fs = std::filesystem;

class StateTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char pattern[] = "/tmp/jingwen-state-test-XXXXXX";
    ASSERT_NE(::mkdtemp(pattern), nullptr);
    root_ = pattern;
    dir_ = root_ + "/state";
  }
  void TearDown() override { fs::remove_all(root_); }

  std::unique_ptr<State> open_state() {
    std::string error;
    std::unique_ptr<State> state = State::open(dir_, &error);
    EXPECT_TRUE(state) << error;
    return state;
  }

  static SeenEntry spooled(std::string key, std::string sha, std::uint64_t simhash, std::int64_t first_seen = 100) {
    SeenEntry e;
    e.url_key = key;
    e.url = key + "?utm_source=x";
    e.feed = "gov";
    e.kind = SeenKind::kSpooled;
    e.content_sha256 = std::move(sha);
    e.simhash = simhash;
    e.item_stamp = "2024-11-20\n标题";
    e.spool_name = "0123-4567.json";
    e.first_seen = first_seen;
    e.updated = first_seen + 1;
    return e;
  }

  std::string root_;
  std::string dir_;
};

TEST_F(StateTest, OpenCreatesTheDirectoryAndFile) {
  const auto state = open_state();
  ASSERT_TRUE(state);
  EXPECT_EQ(state->path(), dir_ + "/state.sqlite3");
  EXPECT_TRUE(fs::exists(dir_ + "/state.sqlite3"));
  EXPECT_EQ(state->seen_count(), 0);
}

TEST_F(StateTest, UsesWalAndRecordsTheSchemaVersion) {
  open_state();
  std::string error;
  auto db = sqlite::Database::open(dir_ + "/state.sqlite3", &error);
  ASSERT_TRUE(db) << error;
  auto mode = db->prepare("PRAGMA journal_mode", &error);
  ASSERT_TRUE(mode) << error;
  ASSERT_EQ(mode->step(), sqlite::Step::kRow);
  EXPECT_EQ(mode->column_text(0), "wal");
  auto version = db->prepare("PRAGMA user_version", &error);
  ASSERT_TRUE(version) << error;
  ASSERT_EQ(version->step(), sqlite::Step::kRow);
  EXPECT_EQ(version->column_int64(0), 2);
}

TEST_F(StateTest, FeedsRoundTripAndPersistAcrossReopen) {
  {
    auto state = open_state();
    EXPECT_FALSE(state->feed("gov"));
    FeedState f;
    f.name = "gov";
    f.etag = "\"abc\"";
    f.last_modified = "Wed, 20 Nov 2024 02:30:00 GMT";
    f.failures = 3;
    f.next_due = 1732070000;
    f.last_success = 1732060000;
    EXPECT_EQ(state->save_feed(f), "");
    f.failures = 4;  // a second save replaces the row
    EXPECT_EQ(state->save_feed(f), "");
  }
  auto state = open_state();
  const std::optional<FeedState> f = state->feed("gov");
  ASSERT_TRUE(f);
  EXPECT_EQ(f->name, "gov");
  EXPECT_EQ(f->etag, "\"abc\"");
  EXPECT_EQ(f->last_modified, "Wed, 20 Nov 2024 02:30:00 GMT");
  EXPECT_EQ(f->failures, 4);
  EXPECT_EQ(f->next_due, 1732070000);
  EXPECT_EQ(f->last_success, 1732060000);
  EXPECT_FALSE(state->feed("other"));
}

TEST_F(StateTest, SeenEntriesRoundTripEveryFieldAndPersist) {
  SeenEntry e = spooled("https://www.163.com/a.html", "sha-a", 0xF00DFACE12345678ULL);
  e.kind = SeenKind::kDuplicate;
  e.duplicate_of = "https://www.gov.cn/b.html";
  e.reason = "near-duplicate";
  {
    auto state = open_state();
    EXPECT_EQ(state->commit(e), "");
  }
  auto state = open_state();
  EXPECT_EQ(state->seen_count(), 1);
  const std::optional<SeenEntry> got = state->seen("https://www.163.com/a.html");
  ASSERT_TRUE(got);
  EXPECT_EQ(got->url_key, e.url_key);
  EXPECT_EQ(got->url, e.url);
  EXPECT_EQ(got->feed, "gov");
  EXPECT_EQ(got->kind, SeenKind::kDuplicate);
  EXPECT_EQ(got->content_sha256, "sha-a");
  EXPECT_EQ(got->simhash, 0xF00DFACE12345678ULL);  // high bit set: stored as a negative int64
  EXPECT_EQ(got->item_stamp, "2024-11-20\n标题");
  EXPECT_EQ(got->spool_name, "0123-4567.json");
  EXPECT_EQ(got->duplicate_of, "https://www.gov.cn/b.html");
  EXPECT_EQ(got->reason, "near-duplicate");
  EXPECT_EQ(got->first_seen, 100);
  EXPECT_EQ(got->updated, 101);
  EXPECT_FALSE(state->seen("https://www.163.com/other.html"));
}

TEST_F(StateTest, CommitReplacesTheEntryOfAKey) {
  auto state = open_state();
  EXPECT_EQ(state->commit(spooled("k", "sha-1", 1)), "");
  SeenEntry not_article = spooled("k", "", 0);
  not_article.kind = SeenKind::kNotArticle;
  not_article.reason = "not-article:list-page";
  EXPECT_EQ(state->commit(not_article), "");
  EXPECT_EQ(state->seen_count(), 1);
  const auto got = state->seen("k");
  ASSERT_TRUE(got);
  EXPECT_EQ(got->kind, SeenKind::kNotArticle);
  EXPECT_EQ(got->reason, "not-article:list-page");
  EXPECT_EQ(got->content_sha256, "");
}

TEST_F(StateTest, CommitBatchInsertsAndReplacesEveryEntry) {
  auto state = open_state();
  EXPECT_EQ(state->commit(spooled("a", "old", 1)), "");
  SeenEntry dup = spooled("c", "", 0, 300);
  dup.kind = SeenKind::kDuplicate;
  dup.duplicate_of = "b?utm_source=x";
  const std::vector<SeenEntry> batch = {spooled("a", "new", 2), spooled("b", "sha-b", 3, 200), dup};
  EXPECT_EQ(state->commit_batch(batch), "");
  EXPECT_EQ(state->seen_count(), 3);
  const auto a = state->seen("a");
  ASSERT_TRUE(a);
  EXPECT_EQ(a->content_sha256, "new");  // replaced, as commit() would
  EXPECT_EQ(a->simhash, 2u);
  const auto b = state->seen("b");
  ASSERT_TRUE(b);
  EXPECT_EQ(b->first_seen, 200);
  const auto c = state->seen("c");
  ASSERT_TRUE(c);
  EXPECT_EQ(c->kind, SeenKind::kDuplicate);
  EXPECT_EQ(c->duplicate_of, "b?utm_source=x");
  // The batch's rows are indexed like commit()'s: found by content and band.
  ASSERT_TRUE(state->by_content("sha-b", "x"));
  const auto near_b = state->near(0b111, 1, "x");  // b (0b011) is 1 bit away, a (0b010) 2
  ASSERT_TRUE(near_b);
  EXPECT_EQ(near_b->entry.url_key, "b");
  EXPECT_EQ(state->commit_batch({}), "");  // an empty batch is a no-op
  EXPECT_EQ(state->seen_count(), 3);
}

TEST_F(StateTest, CommitBatchIsAllOrNothing) {
  auto state = open_state();
  // Another connection makes one key fail mid-batch.
  {
    std::string error;
    auto db = sqlite::Database::open(dir_ + "/state.sqlite3", &error);
    ASSERT_TRUE(db) << error;
    ASSERT_EQ(db->exec("CREATE TRIGGER refuse BEFORE INSERT ON seen WHEN NEW.url_key = 'poison' "
                       "BEGIN SELECT RAISE(ABORT, 'poisoned row'); END"),
              "");
  }
  const std::vector<SeenEntry> batch = {spooled("first", "sha-1", 1), spooled("poison", "sha-2", 2),
                                        spooled("last", "sha-3", 3)};
  const std::string error = state->commit_batch(batch);
  EXPECT_NE(error.find("poisoned row"), std::string::npos) << error;
  EXPECT_EQ(state->seen_count(), 0);  // "first" was rolled back with the rest
  EXPECT_FALSE(state->seen("first"));
  // The store stays usable after the failed batch.
  EXPECT_EQ(state->commit_batch({spooled("first", "sha-1", 1)}), "");
  EXPECT_EQ(state->seen_count(), 1);
}

TEST_F(StateTest, ByContentFindsAnotherSpooledKeyOnly) {
  auto state = open_state();
  EXPECT_EQ(state->commit(spooled("a", "same", 11)), "");
  EXPECT_FALSE(state->by_content("same", "a"));  // the same key is not "another"
  EXPECT_EQ(state->commit(spooled("b", "same", 11, 200)), "");
  auto found = state->by_content("same", "b");
  ASSERT_TRUE(found);
  EXPECT_EQ(found->url_key, "a");
  found = state->by_content("same", "c");
  ASSERT_TRUE(found);
  EXPECT_EQ(found->url_key, "a");  // the first seen is the original
  EXPECT_FALSE(state->by_content("other", "c"));
  EXPECT_FALSE(state->by_content("", "c"));
}

TEST_F(StateTest, ByContentIgnoresDuplicatesAndNotArticles) {
  auto state = open_state();
  SeenEntry dup = spooled("d", "same", 11);
  dup.kind = SeenKind::kDuplicate;
  EXPECT_EQ(state->commit(dup), "");
  EXPECT_FALSE(state->by_content("same", "x"));
}

TEST_F(StateTest, NearFindsDistanceOneToThreeInEveryBand) {
  const std::uint64_t base = 0x0123456789ABCDEFULL;
  for (int band = 0; band < 4; ++band) {
    for (int d = 1; d <= 3; ++d) {
      fs::remove_all(dir_);
      auto state = open_state();
      ASSERT_EQ(state->commit(spooled("orig", "sha-orig", base)), "");
      // Flip d bits spread over the other bands, so only `band` is shared.
      std::uint64_t probe = base;
      for (int k = 0, flipped = 0; flipped < d; ++k) {
        if (k == band) continue;
        probe ^= std::uint64_t{1} << (16 * k + 5);
        ++flipped;
      }
      const auto match = state->near(probe, 3, "probe");
      ASSERT_TRUE(match) << "band " << band << " distance " << d;
      EXPECT_EQ(match->entry.url_key, "orig");
      EXPECT_EQ(match->distance, d);
      EXPECT_FALSE(state->near(probe, d - 1, "probe")) << "limit below the distance";
    }
  }
}

TEST_F(StateTest, NearDoesNotFindFourBitsOrMore) {
  auto state = open_state();
  const std::uint64_t base = 0x0123456789ABCDEFULL;
  ASSERT_EQ(state->commit(spooled("orig", "sha", base)), "");
  // One bit in every band: no band shared, the pigeonhole says >= 4 bits.
  const std::uint64_t four = base ^ 0x0001000100010001ULL;
  EXPECT_FALSE(state->near(four, 3, "probe"));
  // Four bits all in one band: bands shared, but the distance is over the limit.
  const std::uint64_t four_in_one = base ^ 0xF;
  EXPECT_FALSE(state->near(four_in_one, 3, "probe"));
  // A limit over 3 is answered as 3.
  EXPECT_FALSE(state->near(four_in_one, 10, "probe"));
  EXPECT_FALSE(state->near(base ^ 0xFF, 3, "probe"));
}

TEST_F(StateTest, NearReturnsTheNearestAndTiesGoToTheFirstSeen) {
  auto state = open_state();
  const std::uint64_t base = 0xAAAA5555AAAA5555ULL;
  ASSERT_EQ(state->commit(spooled("three", "s3", base ^ 0x7, 10)), "");
  ASSERT_EQ(state->commit(spooled("one-late", "s1b", base ^ 0x100, 30)), "");
  ASSERT_EQ(state->commit(spooled("one-early", "s1a", base ^ 0x1, 20)), "");
  const auto match = state->near(base, 3, "probe");
  ASSERT_TRUE(match);
  EXPECT_EQ(match->distance, 1);
  EXPECT_EQ(match->entry.url_key, "one-early");
  EXPECT_EQ(match->entry.content_sha256, "s1a");
}

TEST_F(StateTest, NearExcludesTheSameKeyNonSpooledAndZeroHashes) {
  auto state = open_state();
  const std::uint64_t base = 0x1111222233334444ULL;
  ASSERT_EQ(state->commit(spooled("self", "s", base)), "");
  EXPECT_FALSE(state->near(base, 3, "self"));
  SeenEntry dup = spooled("dup", "d", base ^ 1);
  dup.kind = SeenKind::kDuplicate;
  ASSERT_EQ(state->commit(dup), "");
  EXPECT_FALSE(state->near(base, 3, "self"));
  ASSERT_EQ(state->commit(spooled("zero", "z", 0)), "");
  EXPECT_FALSE(state->near(1, 3, "probe"));  // 1 bit from a zero hash, but zero means "none"
  EXPECT_FALSE(state->near(0, 3, "probe"));
  EXPECT_FALSE(state->near(base, -1, "probe"));
}

TEST_F(StateTest, ExactMatchIsDistanceZero) {
  auto state = open_state();
  ASSERT_EQ(state->commit(spooled("a", "s", 0xDEADBEEFULL)), "");
  const auto match = state->near(0xDEADBEEFULL, 0, "b");
  ASSERT_TRUE(match);
  EXPECT_EQ(match->distance, 0);
}

TEST_F(StateTest, AGoneEntryKeepsItsAttempts) {
  SeenEntry e = spooled("https://www.163.com/late.html", "", 0);
  e.kind = SeenKind::kGone;
  e.reason = "http-404";
  e.attempts = 3;
  {
    auto state = open_state();
    EXPECT_EQ(state->commit(e), "");
  }
  const std::optional<SeenEntry> got = open_state()->seen(e.url_key);
  ASSERT_TRUE(got);
  EXPECT_EQ(got->kind, SeenKind::kGone);
  EXPECT_EQ(got->attempts, 3);
}

// Schema 1 remembered a 404/410 as a not-article for good; the migration to
// 2 makes such rows gone after one attempt, so they get the retries, and
// leaves real not-articles alone.
TEST_F(StateTest, MigratingFromSchemaOneTurns404NotArticlesIntoGoneEntries) {
  {
    auto state = open_state();
    SeenEntry gone = spooled("https://www.163.com/404.html", "", 0);
    gone.kind = SeenKind::kNotArticle;
    gone.reason = "http-404";
    SeenEntry list = spooled("https://www.163.com/list.html", "", 0);
    list.kind = SeenKind::kNotArticle;
    list.reason = "not-article:list-page";
    ASSERT_EQ(state->commit_batch({gone, list}), "");
  }
  {
    // Back to schema 1: its rows as a schema-1 jingwend wrote them.
    std::string error;
    auto db = sqlite::Database::open(dir_ + "/state.sqlite3", &error);
    ASSERT_TRUE(db) << error;
    ASSERT_EQ(db->exec("UPDATE seen SET kind = 'not-article', attempts = 0; ALTER TABLE seen DROP COLUMN attempts; "
                       "PRAGMA user_version = 1"),
              "");
  }
  auto state = open_state();
  const std::optional<SeenEntry> gone = state->seen("https://www.163.com/404.html");
  ASSERT_TRUE(gone);
  EXPECT_EQ(gone->kind, SeenKind::kGone);
  EXPECT_EQ(gone->attempts, 1);
  const std::optional<SeenEntry> list = state->seen("https://www.163.com/list.html");
  ASSERT_TRUE(list);
  EXPECT_EQ(list->kind, SeenKind::kNotArticle);
  EXPECT_EQ(list->attempts, 0);
}

TEST_F(StateTest, ANewerSchemaIsRefused) {
  fs::create_directories(dir_);
  {
    std::string error;
    auto db = sqlite::Database::open(dir_ + "/state.sqlite3", &error);
    ASSERT_TRUE(db) << error;
    ASSERT_EQ(db->exec("PRAGMA user_version = 99"), "");
  }
  std::string error;
  EXPECT_FALSE(State::open(dir_, &error));
  EXPECT_NE(error.find(dir_ + "/state.sqlite3"), std::string::npos) << error;
  EXPECT_NE(error.find("schema version 99 is newer than this jingwend's (2)"), std::string::npos) << error;
}

TEST_F(StateTest, AFileThatIsNotADatabaseIsAnError) {
  fs::create_directories(dir_);
  std::ofstream(dir_ + "/state.sqlite3") << std::string(4096, 'x');
  std::string error;
  EXPECT_FALSE(State::open(dir_, &error));
  EXPECT_NE(error.find(dir_ + "/state.sqlite3"), std::string::npos) << error;
  EXPECT_NE(error.find("not a database"), std::string::npos) << error;
}

TEST_F(StateTest, StateDirUnderARegularFileIsAnError) {
  std::ofstream(root_ + "/plain-file") << "x";
  std::string error;
  EXPECT_FALSE(State::open(root_ + "/plain-file/state", &error));
  EXPECT_EQ(error, "state " + root_ + "/plain-file/state: cannot create it: Not a directory");
}

TEST(Sqlite, ErrorsNameTheDatabaseAndTheStatement) {
  char pattern[] = "/tmp/jingwen-sqlite-test-XXXXXX";
  ASSERT_NE(::mkdtemp(pattern), nullptr);
  const std::string path = std::string(pattern) + "/x.sqlite3";
  {
    std::string error;
    auto db = sqlite::Database::open(path, &error);
    ASSERT_TRUE(db) << error;
    EXPECT_EQ(db->exec("CREATE TABLE t (k TEXT PRIMARY KEY NOT NULL, v INTEGER)"), "");
    const std::string failed = db->exec("SELECT nope FROM t");
    EXPECT_NE(failed.find("database " + path + ": SELECT nope FROM t: no such column: nope"), std::string::npos)
        << failed;
    EXPECT_FALSE(db->prepare("INSERT INTO missing VALUES (1)", &error));
    EXPECT_NE(error.find("no such table: missing"), std::string::npos) << error;

    auto insert = db->prepare("INSERT INTO t (k, v) VALUES (?1, ?2)", &error);
    ASSERT_TRUE(insert) << error;
    EXPECT_EQ(insert->bind(1, std::string_view("a")).bind(2, std::int64_t{1}).run(), "");
    insert->reset();
    insert->bind(1, std::string_view("a")).bind(2, std::int64_t{2});
    const std::string duplicate = insert->run();
    EXPECT_NE(duplicate.find("UNIQUE constraint failed: t.k"), std::string::npos) << duplicate;
    insert->reset();
    // A bind out of range is reported by the step that follows it.
    insert->bind(7, std::int64_t{1});
    EXPECT_EQ(insert->step(), sqlite::Step::kError);
    EXPECT_NE(insert->error().find("bind 7"), std::string::npos) << insert->error();
  }
  std::filesystem::remove_all(pattern);
}

TEST(Sqlite, TransactionRollsBackUnlessCommitted) {
  char pattern[] = "/tmp/jingwen-sqlite-test-XXXXXX";
  ASSERT_NE(::mkdtemp(pattern), nullptr);
  std::string error;
  auto db = sqlite::Database::open(std::string(pattern) + "/x.sqlite3", &error);
  ASSERT_TRUE(db) << error;
  ASSERT_EQ(db->exec("CREATE TABLE t (v INTEGER)"), "");
  {
    auto transaction = sqlite::Transaction::begin(*db, &error);
    ASSERT_TRUE(transaction) << error;
    ASSERT_EQ(db->exec("INSERT INTO t VALUES (1)"), "");
  }  // dropped: rolled back
  {
    auto transaction = sqlite::Transaction::begin(*db, &error);
    ASSERT_TRUE(transaction) << error;
    ASSERT_EQ(db->exec("INSERT INTO t VALUES (2)"), "");
    EXPECT_EQ(transaction->commit(), "");
  }
  auto sum = db->prepare("SELECT count(*), sum(v) FROM t", &error);
  ASSERT_TRUE(sum) << error;
  ASSERT_EQ(sum->step(), sqlite::Step::kRow);
  EXPECT_EQ(sum->column_int64(0), 1);
  EXPECT_EQ(sum->column_int64(1), 2);
  EXPECT_EQ(sum->step(), sqlite::Step::kDone);
  // An empty string binds as '' (not NULL) and reads back as "".
  ASSERT_EQ(db->exec("CREATE TABLE s (v TEXT NOT NULL)"), "");
  auto insert = db->prepare("INSERT INTO s VALUES (?1)", &error);
  ASSERT_TRUE(insert) << error;
  EXPECT_EQ(insert->bind(1, std::string_view()).run(), "");
  std::filesystem::remove_all(pattern);
}

}  // namespace
}  // namespace jingwend
