// The daemon's memory between runs: SQLite (WAL) in state_dir/state.sqlite3.
//
// feeds: per-feed validators (ETag/Last-Modified), consecutive failures and
//        the next due time, so a restart neither hammers a failing site nor
//        re-polls a feed that was just read.
// seen:  one row per article URL key: its content hash and SimHash (for the
//        dedup rules in dedup.h), the spool name, and the feed item's stamp
//        (published + title) that decides whether a seen URL is re-fetched,
//        and for a page that answered 404/410 how often it did.
//
// Every call is one statement or one transaction; errors come back as a
// message naming the database and the SQLite error. Not thread-safe: the
// daemon's I/O thread owns it.
#ifndef JINGWEN_DAEMON_STATE_H_
#define JINGWEN_DAEMON_STATE_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace jingwend {

struct FeedState {
  std::string name = {};
  std::string etag = {};
  std::string last_modified = {};
  int failures = 0;               // consecutive failed polls
  std::int64_t next_due = 0;      // unix seconds; 0: due now
  std::int64_t last_success = 0;  // unix seconds; 0: never
};

// What became of an item URL.
enum class SeenKind {
  kSpooled,       // a record for it is in the spool (content_sha256 set)
  kDuplicate,     // dropped as a duplicate of `duplicate_of`
  kNotArticle,    // cleaned, but not an article (reason set)
  kGone,          // answered 404/410 (reason set): retried per gone_retry.h
};

struct SeenEntry {
  std::string url_key = {};  // fetch::url_key() of the item URL; primary key
  std::string url = {};
  std::string feed = {};
  SeenKind kind = SeenKind::kSpooled;
  std::string content_sha256 = {};  // "" unless cleaned into an article
  std::uint64_t simhash = 0;        // 0 when none (short texts are not hashed)
  std::string item_stamp = {};      // feed item published + title, see dedup.h
  std::string spool_name = {};      // for kSpooled
  std::string duplicate_of = {};    // url of the original, for kDuplicate
  std::string reason = {};          // for kNotArticle / kDuplicate / kGone
  std::int64_t first_seen = 0;      // unix seconds
  std::int64_t updated = 0;         // unix seconds
  int attempts = 0;                 // kGone: fetches of this item that answered 404/410
};

struct NearMatch {
  SeenEntry entry;
  int distance = 0;
};

class State {
 public:
  // Opens or creates the database (and state_dir), WAL mode, schema version
  // checked. nullptr with `error` set on failure.
  static std::unique_ptr<State> open(const std::string& state_dir, std::string* error);
  // True when open() would start a new database: state_dir holds no
  // state.sqlite3, or an empty one (0 bytes). Writes nothing.
  static bool is_new(const std::string& state_dir);
  // Where open() keeps the database in `state_dir`.
  static std::string file_in(const std::string& state_dir);
  ~State();
  State(const State&) = delete;
  State& operator=(const State&) = delete;

  std::optional<FeedState> feed(std::string_view name);
  std::string save_feed(const FeedState& feed);  // "" or an error message

  std::optional<SeenEntry> seen(std::string_view url_key);
  // A spooled entry with this content hash, under another URL key.
  std::optional<SeenEntry> by_content(std::string_view content_sha256, std::string_view except_url_key);
  // The spooled entry whose SimHash is nearest to `simhash` within
  // `max_distance` bits (0..3), other than `except_url_key`. Found through
  // four 16-bit bands (pigeonhole: any match within 3 bits shares a band).
  std::optional<NearMatch> near(std::uint64_t simhash, int max_distance, std::string_view except_url_key);
  // Inserts or replaces the entry (one transaction). "" or an error message.
  std::string commit(const SeenEntry& entry);
  // Inserts or replaces every entry in one transaction: all or none (a
  // failure rolls the batch back). "" or an error message. For bulk loads
  // (benches, imports), where a transaction per row dominates the time.
  std::string commit_batch(const std::vector<SeenEntry>& entries);

  std::int64_t seen_count();  // rows in seen; -1 when the query fails
  const std::string& path() const;

 private:
  struct Impl;
  explicit State(std::unique_ptr<Impl> impl);
  std::string put(const SeenEntry& entry);  // one row, in the caller's transaction
  std::unique_ptr<Impl> impl_;
};

}  // namespace jingwend

#endif  // JINGWEN_DAEMON_STATE_H_
