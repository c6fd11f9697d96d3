// The state store on SQLite. The statements are prepared once at open() and
// reset after each use: the daemon runs them for every feed item.
//
// Durability: WAL with synchronous=NORMAL may lose the last transactions on a
// power cut (never corrupts). That is safe here because the spool is written
// and fsync'd first: a lost commit means an article is fetched again and its
// record re-written under the same name.
#include "daemon/state.h"

#include <algorithm>
#include <array>
#include <bit>
#include <charconv>
#include <filesystem>
#include <iterator>
#include <limits>
#include <system_error>
#include <utility>

#include "daemon/digest.h"
#include "daemon/sqlite.h"

namespace jingwend {
namespace {

constexpr const char* kFileName = "state.sqlite3";
// Another process holding the write lock (`jingwen` reading the state, a
// backup) is waited for this long before a call fails.
constexpr int kBusyTimeoutMs = 5000;
// The most candidates near() compares: sharing a 16-bit band is a 1 in 65536
// chance for unrelated texts, so even a million seen rows give ~60; the cap
// bounds the work should many stored texts share one band value.
constexpr int kMaxNearCandidates = 10'000;
// The pigeonhole behind near(): kBands bands of 64/kBands bits, so two hashes
// within kBands - 1 bits agree on at least one band.
constexpr int kBands = 4;
constexpr int kBandBits = 64 / kBands;
constexpr int kMaxNearDistance = kBands - 1;

// Schema migrations: kMigrations[v] takes a database from user_version v to
// v + 1. Append only; never edit a released step.
constexpr const char* kMigrations[] = {
    // 0 -> 1
    R"sql(
CREATE TABLE feeds (
  name TEXT PRIMARY KEY NOT NULL,
  etag TEXT NOT NULL DEFAULT '',
  last_modified TEXT NOT NULL DEFAULT '',
  failures INTEGER NOT NULL DEFAULT 0,
  next_due INTEGER NOT NULL DEFAULT 0,
  last_success INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE seen (
  url_key TEXT PRIMARY KEY NOT NULL,
  url TEXT NOT NULL,
  feed TEXT NOT NULL,
  kind TEXT NOT NULL,
  content_sha256 TEXT NOT NULL,
  simhash INTEGER NOT NULL,  -- the uint64 as its int64 bit pattern
  band0 INTEGER NOT NULL,    -- simhash bits 0..15, for near()
  band1 INTEGER NOT NULL,    -- bits 16..31
  band2 INTEGER NOT NULL,    -- bits 32..47
  band3 INTEGER NOT NULL,    -- bits 48..63
  item_stamp TEXT NOT NULL,
  spool_name TEXT NOT NULL,
  duplicate_of TEXT NOT NULL,
  reason TEXT NOT NULL,
  first_seen INTEGER NOT NULL,
  updated INTEGER NOT NULL
);
CREATE INDEX seen_content ON seen (content_sha256);
CREATE INDEX seen_band0 ON seen (band0);
CREATE INDEX seen_band1 ON seen (band1);
CREATE INDEX seen_band2 ON seen (band2);
CREATE INDEX seen_band3 ON seen (band3);
)sql",
    // 1 -> 2: a 404/410 page is retried (gone_retry.h), counting its
    // attempts. Pages remembered as not-articles for a 404/410 before become
    // gone after one attempt, so they get the retries too.
    R"sql(
ALTER TABLE seen ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
UPDATE seen SET kind = 'gone', attempts = 1 WHERE kind = 'not-article' AND reason IN ('http-404', 'http-410');
)sql",
};
constexpr std::int64_t kSchemaVersion = std::size(kMigrations);

// SeenKind as stored: words, so `sqlite3 state.sqlite3` reads plainly.
constexpr std::pair<SeenKind, std::string_view> kKindNames[] = {
    {SeenKind::kSpooled, "spooled"},
    {SeenKind::kDuplicate, "duplicate"},
    {SeenKind::kNotArticle, "not-article"},
    {SeenKind::kGone, "gone"},
};

std::string_view kind_name(SeenKind kind) {
  for (const auto& [k, name] : kKindNames) {
    if (k == kind) return name;
  }
  return "spooled";  // unreachable: every kind is in the table
}

// An unknown word (a newer jingwend's kind) reads as a duplicate: the URL is
// not fetched again, and nothing is matched against it.
SeenKind kind_from_name(std::string_view name) {
  for (const auto& [kind, n] : kKindNames) {
    if (n == name) return kind;
  }
  return SeenKind::kDuplicate;
}

std::int64_t to_stored(std::uint64_t simhash) { return std::bit_cast<std::int64_t>(simhash); }
std::uint64_t from_stored(std::int64_t stored) { return std::bit_cast<std::uint64_t>(stored); }
std::int64_t band(std::uint64_t simhash, int i) {
  return static_cast<std::int64_t>((simhash >> (kBandBits * i)) & ((1u << kBandBits) - 1));
}

// The columns every seen query selects, in the order read_seen() reads them.
constexpr std::string_view kSeenColumns =
    "url_key, url, feed, kind, content_sha256, simhash, item_stamp, spool_name, "
    "duplicate_of, reason, first_seen, updated, attempts";

SeenEntry read_seen(const sqlite::Statement& row) {
  SeenEntry e;
  e.url_key = row.column_text(0);
  e.url = row.column_text(1);
  e.feed = row.column_text(2);
  e.kind = kind_from_name(row.column_text(3));
  e.content_sha256 = row.column_text(4);
  e.simhash = from_stored(row.column_int64(5));
  e.item_stamp = row.column_text(6);
  e.spool_name = row.column_text(7);
  e.duplicate_of = row.column_text(8);
  e.reason = row.column_text(9);
  e.first_seen = row.column_int64(10);
  e.updated = row.column_int64(11);
  constexpr std::int64_t kMaxAttempts = std::numeric_limits<int>::max();
  e.attempts = static_cast<int>(std::clamp<std::int64_t>(row.column_int64(12), 0, kMaxAttempts));
  return e;
}

// Reads a one-row, one-column PRAGMA.
std::optional<std::string> pragma_value(sqlite::Database& db, std::string_view sql, std::string* error) {
  std::optional<sqlite::Statement> statement = db.prepare(sql, error);
  if (!statement) return std::nullopt;
  if (statement->step() != sqlite::Step::kRow) {
    if (error) *error = statement->error().empty() ? db.error_message(sql) : statement->error();
    return std::nullopt;
  }
  return statement->column_text(0);
}

// Sets WAL and the per-connection pragmas; "" or the failure.
std::string configure(sqlite::Database& db) {
  std::string error;
  // busy_timeout first: switching to WAL needs a lock another process may hold.
  error = db.exec("PRAGMA busy_timeout = " + std::to_string(kBusyTimeoutMs));
  if (!error.empty()) return error;
  const std::optional<std::string> mode = pragma_value(db, "PRAGMA journal_mode = WAL", &error);
  if (!mode) return error;
  if (*mode != "wal") {
    return "database " + db.path() + ": cannot use write-ahead logging (journal mode stays \"" + *mode +
           "\"; a network filesystem?)";
  }
  return db.exec("PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = OFF");
}

// Brings the schema to kSchemaVersion in one transaction; refuses a newer one.
std::string migrate(sqlite::Database& db) {
  std::string error;
  std::optional<sqlite::Transaction> transaction = sqlite::Transaction::begin(db, &error);
  if (!transaction) return error;
  const std::optional<std::string> version_text = pragma_value(db, "PRAGMA user_version", &error);
  if (!version_text) return error;
  std::int64_t version = 0;
  const char* end = version_text->data() + version_text->size();
  if (std::from_chars(version_text->data(), end, version).ptr != end) {
    return "database " + db.path() + ": unreadable schema version \"" + *version_text + "\"";
  }
  if (version > kSchemaVersion) {
    return "database " + db.path() + ": schema version " + std::to_string(version) +
           " is newer than this jingwend's (" + std::to_string(kSchemaVersion) +
           "); run the newer jingwend or move the file away";
  }
  if (version < 0) return "database " + db.path() + ": bad schema version " + std::to_string(version);
  if (version == kSchemaVersion) return transaction->commit();
  for (std::int64_t v = version; v < kSchemaVersion; ++v) {
    if (error = db.exec(kMigrations[v]); !error.empty()) return error;
  }
  error = db.exec("PRAGMA user_version = " + std::to_string(kSchemaVersion));
  if (!error.empty()) return error;
  return transaction->commit();
}

}  // namespace

struct State::Impl {
  sqlite::Database db;
  sqlite::Statement get_feed;
  sqlite::Statement put_feed;
  sqlite::Statement get_seen;
  sqlite::Statement get_by_content;
  sqlite::Statement get_near;
  sqlite::Statement put_seen;
  sqlite::Statement count_seen;
};

namespace {

// Binds, runs and resets a statement that may return one row; `read` turns
// the row into a value.
template <typename Read>
auto one_row(sqlite::Statement& statement, Read read) -> std::optional<decltype(read(statement))> {
  std::optional<decltype(read(statement))> result;
  if (statement.step() == sqlite::Step::kRow) result = read(statement);
  statement.reset();
  return result;
}

}  // namespace

std::unique_ptr<State> State::open(const std::string& state_dir, std::string* error) {
  const auto fail = [&](std::string message) -> std::unique_ptr<State> {
    if (error) *error = std::move(message);
    return nullptr;
  };
  if (state_dir.empty()) return fail("state: no directory configured");
  std::error_code ec;
  std::filesystem::create_directories(state_dir, ec);
  if (ec) return fail("state " + state_dir + ": cannot create it: " + ec.message());
  const std::string path = file_in(state_dir);

  std::string message;
  std::optional<sqlite::Database> db = sqlite::Database::open(path, &message);
  if (!db) return fail(message);
  if (message = configure(*db); !message.empty()) return fail(message);
  if (message = migrate(*db); !message.empty()) return fail(message);

  const auto prepare = [&](std::string_view sql) {
    std::optional<sqlite::Statement> statement = db->prepare(sql, &message);
    return statement;
  };
  const std::string columns(kSeenColumns);
  auto get_feed = prepare(
      "SELECT name, etag, last_modified, failures, next_due, last_success FROM feeds WHERE name = ?1");
  auto put_feed = prepare(
      "INSERT OR REPLACE INTO feeds (name, etag, last_modified, failures, next_due, last_success) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
  auto get_seen = prepare("SELECT " + columns + " FROM seen WHERE url_key = ?1");
  auto get_by_content = prepare("SELECT " + columns +
                                " FROM seen WHERE content_sha256 = ?1 AND kind = 'spooled' AND url_key != ?2 "
                                "ORDER BY first_seen, url_key LIMIT 1");
  auto get_near = prepare("SELECT " + columns +
                          " FROM seen WHERE (band0 = ?1 OR band1 = ?2 OR band2 = ?3 OR band3 = ?4) "
                          "AND kind = 'spooled' AND simhash != 0 AND url_key != ?5 "
                          "ORDER BY first_seen, url_key LIMIT " + std::to_string(kMaxNearCandidates));
  auto put_seen = prepare(
      "INSERT OR REPLACE INTO seen (url_key, url, feed, kind, content_sha256, simhash, band0, band1, "
      "band2, band3, item_stamp, spool_name, duplicate_of, reason, first_seen, updated, attempts) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)");
  auto count_seen = prepare("SELECT count(*) FROM seen");
  if (!get_feed || !put_feed || !get_seen || !get_by_content || !get_near || !put_seen || !count_seen) {
    return fail(message);
  }
  auto impl = std::make_unique<Impl>(Impl{std::move(*db), std::move(*get_feed), std::move(*put_feed),
                                          std::move(*get_seen), std::move(*get_by_content), std::move(*get_near),
                                          std::move(*put_seen), std::move(*count_seen)});
  return std::unique_ptr<State>(new State(std::move(impl)));
}

std::string State::file_in(const std::string& state_dir) {
  std::string path = state_dir;
  if (path.empty() || path.back() != '/') path += '/';
  return path + kFileName;
}

bool State::is_new(const std::string& state_dir) {
  std::error_code ec;
  const std::uintmax_t size = std::filesystem::file_size(file_in(state_dir), ec);
  // A path that cannot be sized (missing, or not a file) is left to open()
  // to create or to refuse with its own message, unless it is missing.
  if (ec) return ec == std::errc::no_such_file_or_directory;
  return size == 0;
}

State::State(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
State::~State() = default;

const std::string& State::path() const { return impl_->db.path(); }

std::optional<FeedState> State::feed(std::string_view name) {
  sqlite::Statement& statement = impl_->get_feed;
  statement.bind(1, name);
  return one_row(statement, [](const sqlite::Statement& row) {
    FeedState f;
    f.name = row.column_text(0);
    f.etag = row.column_text(1);
    f.last_modified = row.column_text(2);
    constexpr std::int64_t kMaxFailures = std::numeric_limits<int>::max();
    f.failures = static_cast<int>(std::clamp<std::int64_t>(row.column_int64(3), 0, kMaxFailures));
    f.next_due = row.column_int64(4);
    f.last_success = row.column_int64(5);
    return f;
  });
}

std::string State::save_feed(const FeedState& feed) {
  sqlite::Statement& statement = impl_->put_feed;
  statement.bind(1, feed.name)
      .bind(2, feed.etag)
      .bind(3, feed.last_modified)
      .bind(4, std::int64_t{feed.failures})
      .bind(5, feed.next_due)
      .bind(6, feed.last_success);
  std::string error = statement.run();
  statement.reset();
  return error;
}

std::optional<SeenEntry> State::seen(std::string_view url_key) {
  sqlite::Statement& statement = impl_->get_seen;
  statement.bind(1, url_key);
  return one_row(statement, read_seen);
}

std::optional<SeenEntry> State::by_content(std::string_view content_sha256, std::string_view except_url_key) {
  if (content_sha256.empty()) return std::nullopt;  // "" is "no content", never a match
  sqlite::Statement& statement = impl_->get_by_content;
  statement.bind(1, content_sha256).bind(2, except_url_key);
  return one_row(statement, read_seen);
}

std::optional<NearMatch> State::near(std::uint64_t simhash, int max_distance,
                                     std::string_view except_url_key) {
  // Past kMaxNearDistance the bands no longer guarantee a shared band: a
  // larger request is answered as the largest the index can answer exactly.
  max_distance = std::min(max_distance, kMaxNearDistance);
  if (max_distance < 0 || simhash == 0) return std::nullopt;
  sqlite::Statement& statement = impl_->get_near;
  for (int i = 0; i < kBands; ++i) statement.bind(i + 1, band(simhash, i));
  statement.bind(kBands + 1, except_url_key);
  std::optional<NearMatch> best;
  // Candidates come oldest first; a later one replaces the best only when
  // strictly nearer, so ties go to the original story.
  while (statement.step() == sqlite::Step::kRow) {
    const int distance = hamming_distance(simhash, from_stored(statement.column_int64(5)));
    if (distance > max_distance || (best && distance >= best->distance)) continue;
    best = NearMatch{read_seen(statement), distance};
    if (distance == 0) break;
  }
  statement.reset();
  return best;
}

// Binds `entry` to put_seen and runs it, inside the caller's transaction.
std::string State::put(const SeenEntry& entry) {
  sqlite::Statement& statement = impl_->put_seen;
  statement.bind(1, entry.url_key)
      .bind(2, entry.url)
      .bind(3, entry.feed)
      .bind(4, kind_name(entry.kind))
      .bind(5, entry.content_sha256)
      .bind(6, to_stored(entry.simhash));
  for (int i = 0; i < kBands; ++i) statement.bind(7 + i, band(entry.simhash, i));
  statement.bind(11, entry.item_stamp)
      .bind(12, entry.spool_name)
      .bind(13, entry.duplicate_of)
      .bind(14, entry.reason)
      .bind(15, entry.first_seen)
      .bind(16, entry.updated)
      .bind(17, std::int64_t{entry.attempts});
  std::string error = statement.run();
  statement.reset();
  return error;
}

std::string State::commit(const SeenEntry& entry) {
  std::string error;
  std::optional<sqlite::Transaction> transaction = sqlite::Transaction::begin(impl_->db, &error);
  if (!transaction) return error;
  if (error = put(entry); !error.empty()) return error;
  return transaction->commit();
}

std::string State::commit_batch(const std::vector<SeenEntry>& entries) {
  std::string error;
  std::optional<sqlite::Transaction> transaction = sqlite::Transaction::begin(impl_->db, &error);
  if (!transaction) return error;
  for (const SeenEntry& entry : entries) {
    // The guard rolls back every row of the batch on the first failure.
    if (error = put(entry); !error.empty()) return error;
  }
  return transaction->commit();
}

std::int64_t State::seen_count() {
  sqlite::Statement& statement = impl_->count_seen;
  return one_row(statement, [](const sqlite::Statement& row) { return row.column_int64(0); }).value_or(-1);
}

}  // namespace jingwend
