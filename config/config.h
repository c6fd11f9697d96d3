// config: jingwend's TOML configuration — load, validate, resolve defaults.
//
// Shape (the interface users and tests write against): global keys at the top
// level, one [[feed]] table per feed. config/jingwen.example.toml is the
// annotated reference; every key it shows is documented there.
//
// Every input is hostile: unknown keys, wrong types, duplicate feed names, bad
// URLs, bad durations and unreadable files are errors naming FILE:LINE:COLUMN
// and the key; every error is collected, not just the first. A config with no
// [[feed]] is valid (a daemon with nothing to do yet). load_config() never
// throws. Pure apart from reading the config file and checking that each
// file: feed's file is readable: safe from any thread.
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

// This instance's part of the feeds when several share one config:
// `shard = "i/N"` (0 <= i < N). Feeds are assigned by the host of their URL
// (shard_of_host), so every feed of a host is polled by one instance.
struct Shard {
  int index = 0;
  int count = 1;
  bool operator==(const Shard&) const = default;
};
inline constexpr int kMaxShards = 1024;

struct FeedConfig {
  std::string name = {};  // unique; the FEED field of logs and records
  // Absolute http(s):// or file:/// URL. `file:rel/path` in the file is
  // resolved against the config file's directory and stored absolute.
  std::string url = {};
  FeedKind kind = FeedKind::kGuess;
  Seconds interval{15 * 60};  // at least 1s
  std::string link_pattern = {};      // html list pages: ICU regex over item URLs
  std::string selector = {};          // html list pages: where the links are
  std::string content_selector = {};  // article pages: overrides the locate stage
  std::string charset = {};           // overrides the HTTP/meta charset of the feed and its pages
  std::vector<std::string> headers = {};  // "Name: value", feed and article requests
  bool robots = true;                 // honour robots.txt
  bool enabled = true;
  int line = 0;  // where the [[feed]] table starts in the file (1-based), for messages
};

// Where spooled records go next. kind "spool" (the default): consumers read
// spool/new themselves. "redis": jingwend drains new/ into a Redis stream
// (XADD) and moves each record to cur/ once Redis acknowledged it.
enum class SinkKind { kSpool, kRedis };
struct SinkConfig {
  SinkKind kind = SinkKind::kSpool;
  std::string host = "127.0.0.1";  // from url = "redis://HOST[:PORT][/DB]"
  int port = 6379;
  int db = 0;
  std::string stream = "jingwen:articles";
  std::uint64_t maxlen = 1'000'000;  // XADD MAXLEN ~ (approximate trimming); 0: never trimmed
  Millis timeout{5'000};             // connect and each command
};

struct Config {
  std::string path = {};       // the file it came from, absolute
  std::string spool_dir = {};  // absolute; relative values resolve against the config's directory
  std::string state_dir = {};  // absolute; holds state.sqlite3
  int workers = 2;             // cleaning threads, 1..64
  std::string user_agent = {};  // empty: fetch::Options' default
  std::string proxy = {};
  std::vector<std::string> headers = {};  // "Name: value" on every request
  int per_host_concurrency = 2;    // 1..64
  Millis per_host_delay{1000};     // 0 allowed
  int max_in_flight = 64;          // 1..4096
  Millis timeout{60'000};          // one fetch attempt, total; at least 100ms
  Millis connect_timeout{10'000};  // at least 100ms
  std::uint64_t max_body = 16u << 20;  // bytes on the wire per response, 1 KiB..1 GiB
  Seconds shutdown_timeout{10};        // 1s..10m
  std::uint64_t max_pending = 10'000;  // files in spool new/ before article fetching pauses; >= 1
  std::uint64_t min_free = 64u << 20;  // bytes free on the spool's filesystem, likewise; 0: off
  RecordFormat format = RecordFormat::kJson;
  std::string opencc = "t2s";
  LogFormat log_format = LogFormat::kAuto;
  int near_duplicate_distance = 3;  // SimHash Hamming distance, 0..3; -1 switches it off
  Seconds max_backoff{6 * 3600};    // cap of a failing feed's exponential backoff; >= 1s
  Seconds summary_interval{15 * 60};  // per-feed summary log lines; >= 1s
  Shard shard = {};                   // 0/1: every feed
  SinkConfig sink = {};               // the [sink] table
  // metrics_listen = "127.0.0.1:9464": /metrics and /healthz over HTTP on a
  // loopback address ("" or absent: no listener). Port 0 picks a free one
  // (logged). Loopback only: the listener has no authentication.
  std::string metrics_host = {};  // "" when off; else 127.x.y.z or ::1
  int metrics_port = 0;
  std::vector<FeedConfig> feeds = {};
};

struct ConfigError {
  std::string file = {};  // the path as given to load_config / parse_config
  int line = 0;    // 1-based; 0 when the fault has no position (unreadable file)
  int column = 0;  // 1-based, counted in characters (toml++'s source positions)
  // Dotted, TOML-like: "workers", "headers.Referer", "feed[2].interval" (feed[N]
  // is the Nth [[feed]] table, from 1); keys that are not bare keys are quoted
  // ("headers.\"Bad Name\""). Empty for TOML syntax errors and unreadable files.
  std::string key = {};
  std::string message = {};
  // "FILE:LINE:COLUMN: KEY: MESSAGE" (parts without a value left out).
  std::string to_string() const;
};

struct LoadResult {
  std::optional<Config> config = {};
  std::vector<ConfigError> errors = {};  // in file order; empty iff config is set
  bool ok() const { return config.has_value(); }
};

// Reads and validates the file at `path` (a regular file of at most 4 MiB).
LoadResult load_config(const std::string& path);
// The same over text in memory; `path` names it in errors and anchors
// relative paths.
LoadResult parse_config(std::string_view text, const std::string& path);

// "15m", "90s", "1h30m", "2d", "500ms", "0s" -> milliseconds: integers with
// units d, h, m, s, ms, each unit at most once and longest first. Zero is
// accepted (callers set their own minimum). nullopt when malformed (empty,
// signs, fractions, spaces, unknown units) or over 365 days.
std::optional<Millis> parse_duration(std::string_view text);
// "64MiB", "1GB", "500k", "1024" -> bytes. Units, case-insensitive: none or B;
// KiB MiB GiB TiB (binary); KB MB GB TB (decimal); K M G T (binary, as in dd
// and nginx). nullopt when malformed or over 2^64 - 1.
std::optional<std::uint64_t> parse_size(std::string_view text);
// The resolved settings as TOML, every key with its effective value (what
// `jingwen check` prints); it parses back to the same settings.
std::string describe(const Config& config);

std::string_view feed_kind_name(FeedKind kind);  // "guess", "rss", "atom", "html"

// "redis://HOST[:PORT][/DB]" (HOST a name, an IPv4 address or a bracketed
// IPv6 one) into `sink`; "" or what is wrong with it.
std::string parse_redis_url(std::string_view url, SinkConfig& sink);
std::string redis_url(const SinkConfig& sink);  // back to "redis://HOST:PORT/DB"

// "HOST:PORT" for metrics_listen: HOST 127.x.y.z, localhost (127.0.0.1) or
// [::1]; PORT 0..65535. "" or what is wrong.
std::string parse_loopback_listen(std::string_view text, std::string& host, int& port);

// ---- Sharding (shard.cc) ---------------------------------------------------

// "i/N" -> Shard: decimal digits only, 0 <= i < N <= kMaxShards; nullopt otherwise.
std::optional<Shard> parse_shard(std::string_view text);
std::string shard_name(const Shard& shard);  // "i/N"
// Which of `count` instances takes `host`, by rendezvous (highest random
// weight) hashing: going from N to N+1 instances moves only the hosts that
// the new instance wins, about 1/(N+1) of them. The hash is fixed (FNV-1a
// and a 64-bit finaliser), the same on every machine and in every version:
// changing it would move every host at once. REQUIRES: count >= 1.
int shard_of_host(std::string_view host, int count);
// The host shard_of_host() is given for a feed: its URL's host, lower-case
// ("" for file: feeds, which all go to one instance).
std::string feed_host(const FeedConfig& feed);
// True when `shard` polls `feed` (enabled or not).
bool in_shard(const Shard& shard, const FeedConfig& feed);

}  // namespace config

#endif  // JINGWEN_CONFIG_CONFIG_H_
