// config: jingwend's TOML configuration — load, validate, resolve defaults.
//
// Shape (the interface users and tests write against): global keys at the top
// level, one [[feed]] table per feed. config/jingwen.example.toml is the
// annotated reference; every key it shows is documented there.
//
// Every input is hostile: unknown keys, wrong types, duplicate feed names, bad
// URLs, bad durations and unreadable files are errors naming FILE:LINE:COLUMN
// and the key. load_config() never throws. Pure apart from reading the file:
// safe from any thread.
#ifndef JINGWEN_CONFIG_CONFIG_H_
#define JINGWEN_CONFIG_CONFIG_H_

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace config {

using Seconds = std::chrono::seconds;
using Millis = std::chrono::milliseconds;

enum class RecordFormat { kJson, kTxt };
enum class LogFormat { kAuto, kJournal, kLogfmt };  // auto: journal when JOURNAL_STREAM is set
enum class FeedKind { kGuess, kRss, kAtom, kHtml };

struct FeedConfig {
  std::string name = {};  // unique; the FEED field of logs and records
  // Absolute http(s):// or file:/// URL. `file:rel/path` in the file is
  // resolved against the config file's directory and stored absolute.
  std::string url = {};
  FeedKind kind = FeedKind::kGuess;
  Seconds interval{15 * 60};
  std::string link_pattern = {};      // html list pages: ICU regex over item URLs
  std::string selector = {};          // html list pages: where the links are
  std::string content_selector = {};  // article pages: overrides the locate stage
  std::string charset = {};           // overrides the HTTP/meta charset of the feed and its pages
  std::vector<std::string> headers = {};  // "Name: value", feed and article requests
  bool robots = true;                 // honour robots.txt
  bool enabled = true;
  int line = 0;  // where the [[feed]] table starts in the file, for messages
};

struct Config {
  std::string path = {};       // the file it came from, absolute
  std::string spool_dir = {};  // absolute; relative values resolve against the config's directory
  std::string state_dir = {};  // absolute; holds state.sqlite3
  int workers = 2;             // cleaning threads
  std::string user_agent = {};  // empty: fetch::Options' default
  std::string proxy = {};
  std::vector<std::string> headers = {};  // "Name: value" on every request
  int per_host_concurrency = 2;
  Millis per_host_delay{1000};
  int max_in_flight = 64;
  Millis timeout{60'000};          // one fetch attempt, total
  Millis connect_timeout{10'000};
  std::uint64_t max_body = 16u << 20;  // bytes on the wire per response
  Seconds shutdown_timeout{10};
  std::uint64_t max_pending = 10'000;  // files in spool new/ before article fetching pauses
  std::uint64_t min_free = 64u << 20;  // bytes free on the spool's filesystem, likewise
  RecordFormat format = RecordFormat::kJson;
  std::string opencc = "t2s";
  LogFormat log_format = LogFormat::kAuto;
  int near_duplicate_distance = 3;  // SimHash Hamming distance, 0..3; -1 switches it off
  Seconds max_backoff{6 * 3600};    // cap of a failing feed's exponential backoff
  Seconds summary_interval{15 * 60};  // per-feed summary log lines
  std::vector<FeedConfig> feeds = {};
};

struct ConfigError {
  std::string file = {};
  int line = 0;    // 1-based; 0 when the fault has no position (unreadable file)
  int column = 0;  // 1-based
  std::string key = {};  // "feed[2].interval", "workers", ...; may be empty
  std::string message = {};
  // "FILE:LINE:COLUMN: KEY: MESSAGE" (parts without a value left out).
  std::string to_string() const;
};

struct LoadResult {
  std::optional<Config> config = {};
  std::vector<ConfigError> errors = {};  // in file order; empty iff config is set
  bool ok() const { return config.has_value(); }
};

// Reads and validates the file at `path`.
LoadResult load_config(const std::string& path);
// The same over text in memory; `path` names it in errors and anchors
// relative paths.
LoadResult parse_config(std::string_view text, const std::string& path);

// "15m", "90s", "1h30m", "2d", "500ms" -> milliseconds. nullopt when malformed,
// zero or over 365 days.
std::optional<Millis> parse_duration(std::string_view text);
// "64MiB", "1GB", "500k", "1024" -> bytes. nullopt when malformed.
std::optional<std::uint64_t> parse_size(std::string_view text);
// The resolved settings as TOML-like text, every key with its effective value
// (what `jingwen check` prints).
std::string describe(const Config& config);

std::string_view feed_kind_name(FeedKind kind);  // "guess", "rss", "atom", "html"

}  // namespace config

#endif  // JINGWEN_CONFIG_CONFIG_H_
