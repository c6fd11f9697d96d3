// load_config / parse_config: TOML text -> a validated Config.
//
// The order of work:
//   1. read the file (bounded, config/read_file.cc) and parse it with toml++;
//      a syntax error ends the load: there is no tree to check;
//   2. read every top-level key through the global key table, every [[feed]]
//      table through the feed key table; unknown keys are errors;
//   3. checks that span keys: required keys, duplicate feed names, the
//      link_pattern / selectors (fetch::check_feed_options).
// Every error is collected, none stops the walk, and they come back in file
// order. Keys in errors: "workers", "headers.Referer", "feed[2].interval"
// (feed[N] counts the [[feed]] tables from 1).
#include <algorithm>
#include <array>
#include <chrono>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

#include "config/config.h"
#include "config/duration.h"
#include "config/field.h"
#include "config/names.h"
#include "config/read_file.h"
#include "fetch/fetch.h"

namespace config {
namespace {

namespace fs = std::filesystem;

// A config past this is not a config; refusing it bounds the parser's memory.
constexpr std::size_t kMaxConfigBytes = 4u << 20;

// Ranges. Limits an operator could not mean, or that would starve the host.
constexpr int kMaxWorkers = 64;
constexpr int kMaxPerHostConcurrency = 64;
constexpr int kMaxInFlight = 4096;
constexpr int kMinNearDuplicateDistance = -1;  // -1: near-duplicate detection off
constexpr int kMaxNearDuplicateDistance = 3;   // SimHash bits; more merges different stories
constexpr Seconds kMaxSeconds = std::chrono::duration_cast<Seconds>(kMaxDuration);
constexpr Seconds kMinInterval{1};
constexpr Millis kMinTimeout{100};  // curl reads 0 as "no timeout"
constexpr Seconds kMinShutdownTimeout{1};
constexpr Seconds kMaxShutdownTimeout{10 * 60};  // systemd's stop timeout should exceed it
constexpr Seconds kMinBackoff{1};
constexpr Seconds kMinSummaryInterval{1};
constexpr std::uint64_t kMinBody = 1u << 10;                   // 1 KiB: no feed fits in less
constexpr std::uint64_t kMaxBody = 1u << 30;                   // 1 GiB: bodies are held in memory
constexpr std::uint64_t kMaxMinFree = std::uint64_t{1} << 50;  // 1 PiB
constexpr std::size_t kMaxFeedName = 64;
constexpr std::size_t kMaxCharsetName = 40;
constexpr std::size_t kMaxOpenccName = 64;

// ---- 2. the key tables ---------------------------------------------------
// One row per key: its name and the reader that checks the value and stores
// it. Sorted by name (binary search, and the order of the docs).

using GlobalReader = void (*)(const Field&, Config&);
struct GlobalKey {
  std::string_view name;
  GlobalReader read;
};

constexpr GlobalKey kGlobalKeys[] = {
    {"connect_timeout",
     [](const Field& f, Config& c) { f.duration(c.connect_timeout, kMinTimeout, kMaxDuration); }},
    {"feed", nullptr},  // [[feed]] tables: read_feeds()
    {"format", [](const Field& f, Config& c) { f.choice(c.format, kRecordFormats); }},
    {"headers", [](const Field& f, Config& c) { f.headers(c.headers); }},
    {"log_format", [](const Field& f, Config& c) { f.choice(c.log_format, kLogFormats); }},
    {"max_backoff",
     [](const Field& f, Config& c) { f.duration(c.max_backoff, kMinBackoff, kMaxSeconds); }},
    {"max_body", [](const Field& f, Config& c) { f.size(c.max_body, kMinBody, kMaxBody); }},
    {"max_in_flight",
     [](const Field& f, Config& c) { f.integer(c.max_in_flight, 1, kMaxInFlight); }},
    {"max_pending", [](const Field& f, Config& c) { f.count(c.max_pending, 1); }},
    {"metrics_listen",
     [](const Field& f, Config& c) {
       std::string text;
       if (!f.line(text) || text.empty()) return;
       if (std::string error = parse_loopback_listen(text, c.metrics_host, c.metrics_port); !error.empty()) {
         f.fail(Field::quoted(text) + ": " + error);
       }
     }},
    {"min_free", [](const Field& f, Config& c) { f.size(c.min_free, 0, kMaxMinFree); }},
    {"near_duplicate_distance",
     [](const Field& f, Config& c) {
       f.integer(c.near_duplicate_distance, kMinNearDuplicateDistance, kMaxNearDuplicateDistance);
     }},
    {"opencc", [](const Field& f, Config& c) { f.name(c.opencc, 1, kMaxOpenccName); }},
    {"per_host_concurrency",
     [](const Field& f, Config& c) {
       f.integer(c.per_host_concurrency, 1, kMaxPerHostConcurrency);
     }},
    {"per_host_delay",
     [](const Field& f, Config& c) { f.duration(c.per_host_delay, Millis{0}, kMaxDuration); }},
    {"proxy", [](const Field& f, Config& c) { f.line(c.proxy); }},
    {"shard",
     [](const Field& f, Config& c) {
       std::string text;
       if (!f.line(text)) return;
       if (const std::optional<Shard> shard = parse_shard(text)) {
         c.shard = *shard;
       } else {
         f.fail(Field::quoted(text) + " is not a shard: \"i/N\" with 0 <= i < N <= " + std::to_string(kMaxShards));
       }
     }},
    {"shutdown_timeout",
     [](const Field& f, Config& c) {
       f.duration(c.shutdown_timeout, kMinShutdownTimeout, kMaxShutdownTimeout);
     }},
    {"sink", nullptr},  // the [sink] table: read_sink()
    {"spool_dir", [](const Field& f, Config& c) { f.path(c.spool_dir); }},
    {"state_dir", [](const Field& f, Config& c) { f.path(c.state_dir); }},
    {"summary_interval",
     [](const Field& f, Config& c) {
       f.duration(c.summary_interval, kMinSummaryInterval, kMaxSeconds);
     }},
    {"timeout",
     [](const Field& f, Config& c) { f.duration(c.timeout, kMinTimeout, kMaxDuration); }},
    {"user_agent", [](const Field& f, Config& c) { f.header_value(c.user_agent); }},
    {"workers", [](const Field& f, Config& c) { f.integer(c.workers, 1, kMaxWorkers); }},
};

using SinkReader = void (*)(const Field&, SinkConfig&);
struct SinkKey {
  std::string_view name;
  SinkReader read;
};

constexpr std::size_t kMaxStreamName = 200;

constexpr SinkKey kSinkKeys[] = {
    {"kind", [](const Field& f, SinkConfig& s) { f.choice(s.kind, kSinkKinds); }},
    {"maxlen", [](const Field& f, SinkConfig& s) { f.count(s.maxlen, 0); }},
    {"stream",
     [](const Field& f, SinkConfig& s) {
       std::string text;
       if (!f.line(text)) return;
       if (text.empty() || text.size() > kMaxStreamName) {
         f.fail("must be a stream name of 1.." + std::to_string(kMaxStreamName) + " bytes");
         return;
       }
       s.stream = std::move(text);
     }},
    {"timeout", [](const Field& f, SinkConfig& s) { f.duration(s.timeout, kMinTimeout, kMaxDuration); }},
    {"url",
     [](const Field& f, SinkConfig& s) {
       std::string text;
       if (!f.line(text)) return;
       if (std::string error = parse_redis_url(text, s); !error.empty()) f.fail(Field::quoted(text) + ": " + error);
     }},
};

using FeedReader = void (*)(const Field&, FeedConfig&);
struct FeedKey {
  std::string_view name;
  FeedReader read;
};

constexpr FeedKey kFeedKeys[] = {
    {"charset", [](const Field& f, FeedConfig& feed) { f.name(feed.charset, 0, kMaxCharsetName); }},
    {"content_selector", [](const Field& f, FeedConfig& feed) { f.line(feed.content_selector); }},
    {"enabled", [](const Field& f, FeedConfig& feed) { f.boolean(feed.enabled); }},
    {"headers", [](const Field& f, FeedConfig& feed) { f.headers(feed.headers); }},
    {"interval", [](const Field& f,
                    FeedConfig& feed) { f.duration(feed.interval, kMinInterval, kMaxSeconds); }},
    {"kind", [](const Field& f, FeedConfig& feed) { f.choice(feed.kind, kFeedKinds); }},
    {"link_pattern", [](const Field& f, FeedConfig& feed) { f.line(feed.link_pattern); }},
    {"name", [](const Field& f, FeedConfig& feed) { f.name(feed.name, 1, kMaxFeedName); }},
    {"robots", [](const Field& f, FeedConfig& feed) { f.boolean(feed.robots); }},
    {"selector", [](const Field& f, FeedConfig& feed) { f.line(feed.selector); }},
    {"url", [](const Field& f, FeedConfig& feed) { f.feed_url(feed.url); }},
};

template <class Row, std::size_t N>
constexpr bool sorted_by_name(const Row (&rows)[N]) {
  return std::is_sorted(std::begin(rows), std::end(rows),
                        [](const Row& a, const Row& b) { return a.name < b.name; });
}
static_assert(sorted_by_name(kGlobalKeys));
static_assert(sorted_by_name(kFeedKeys));
static_assert(sorted_by_name(kSinkKeys));

template <class Row, std::size_t N>
const Row* find_key(const Row (&rows)[N], std::string_view name) {
  const Row* row = std::lower_bound(std::begin(rows), std::end(rows), name,
                                    [](const Row& r, std::string_view n) { return r.name < n; });
  return row != std::end(rows) && row->name == name ? row : nullptr;
}

// Levenshtein distance, for "did you mean": key names are short.
std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

// The unknown-key message, with the likely fix: the most common TOML slip is a
// global key written below a [[feed]] header, which puts it in that feed.
template <class Row, std::size_t N, class Other, std::size_t M>
std::string unknown_key_message(std::string_view key, const Row (&rows)[N],
                                const Other (&other_rows)[M], std::string_view other_hint) {
  std::string message = "unknown key " + Field::quoted(key);
  if (find_key(other_rows, key) != nullptr) return message + ": " + std::string(other_hint);
  constexpr std::size_t kMaxTypoDistance = 2;
  const Row* nearest = nullptr;
  std::size_t best = kMaxTypoDistance + 1;
  for (const Row& row : rows) {
    const std::size_t distance = edit_distance(key, row.name);
    if (distance < best) {
      best = distance;
      nearest = &row;
    }
  }
  if (nearest != nullptr) message += " (did you mean \"" + std::string(nearest->name) + "\"?)";
  return message;
}

// ---- one load --------------------------------------------------------------

class Loader {
 public:
  Loader(std::string file, fs::path dir) : errors_(std::move(file)), dir_(std::move(dir)) {}

  void read(const toml::table& root, Config& config) {
    for (auto&& [key, node] : root) {
      const std::string_view name = key.str();
      const GlobalKey* row = find_key(kGlobalKeys, name);
      if (row == nullptr) {
        errors_.add(
            position_of(key.source()), key_part(name),
            unknown_key_message(name, kGlobalKeys, kFeedKeys, "it belongs in a [[feed]] table"));
      } else if (row->read == nullptr && name == "sink") {
        read_sink(key, node, config.sink);
      } else if (row->read == nullptr) {
        read_feeds(key, node, config.feeds);
      } else {
        row->read(Field(node, std::string(name), errors_, dir_), config);
      }
    }
    require(root, "spool_dir", "", "where articles are written");
    require(root, "state_dir", "", "where state.sqlite3 lives");
    check_feed_names();
  }

  std::vector<ConfigError> take_errors() { return errors_.take_sorted(); }

 private:
  // What the walk remembers of a feed for the checks that span feeds.
  struct FeedSeen {
    std::string name = {};
    Position name_at = {};
    std::string key = {};
  };

  void read_feeds(const toml::key& key, const toml::node& node, std::vector<FeedConfig>& feeds) {
    const toml::array* array = node.as_array();
    if (array == nullptr) {
      const std::string found =
          node.is_table() ? "a [feed] table: write [[feed]]" : std::string(type_name(node));
      errors_.add(position_of(key.source()), "feed",
                  "must be [[feed]] tables (an array of tables), not " + found);
      return;
    }
    for (std::size_t i = 0; i < array->size(); ++i) {
      const toml::node& element = *array->get(i);
      const std::string feed_key = "feed[" + std::to_string(i + 1) + "]";
      if (const toml::table* table = element.as_table()) {
        feeds.push_back(read_feed(*table, feed_key));
      } else {
        errors_.add(position_of(element.source()), feed_key,
                    "must be a table, not " + std::string(type_name(element)));
      }
    }
  }

  void read_sink(const toml::key& key, const toml::node& node, SinkConfig& sink) {
    const toml::table* table = node.as_table();
    if (table == nullptr) {
      errors_.add(position_of(key.source()), "sink", "must be a [sink] table, not " + std::string(type_name(node)));
      return;
    }
    for (auto&& [name_key, value] : *table) {
      const std::string_view name = name_key.str();
      const std::string full_key = "sink." + key_part(name);
      if (const SinkKey* row = find_key(kSinkKeys, name)) {
        row->read(Field(value, full_key, errors_, dir_), sink);
      } else {
        errors_.add(position_of(name_key.source()), full_key,
                    unknown_key_message(name, kSinkKeys, kGlobalKeys, "a global key, which goes above [sink]"));
      }
    }
    if (sink.kind == SinkKind::kRedis) require(*table, "url", "sink.", "a redis sink needs one");
  }

  FeedConfig read_feed(const toml::table& table, const std::string& feed_key) {
    FeedConfig feed;
    feed.line = static_cast<int>(table.source().begin.line);
    for (auto&& [key, node] : table) {
      const std::string_view name = key.str();
      const std::string full_key = feed_key + "." + key_part(name);
      if (const FeedKey* row = find_key(kFeedKeys, name)) {
        row->read(Field(node, full_key, errors_, dir_), feed);
      } else {
        errors_.add(position_of(key.source()), full_key,
                    unknown_key_message(name, kFeedKeys, kGlobalKeys,
                                        "a global key, which goes above the first [[feed]]"));
      }
    }
    require(table, "name", feed_key + ".", "every [[feed]] needs one");
    require(table, "url", feed_key + ".", "every [[feed]] needs one");
    check_feed_options(table, feed, feed_key);
    if (!feed.name.empty()) {
      seen_.push_back({feed.name, position_of(table["name"].node()->source()), feed_key});
    }
    return feed;
  }

  // Missing required keys are reported where their table starts.
  void require(const toml::table& table, std::string_view name, const std::string& prefix,
               std::string_view why) {
    if (table.contains(name)) return;
    Position at = position_of(table.source());
    if (at.line == 0) at = {1, 1};  // the root table
    errors_.add(at, prefix + std::string(name), "missing (" + std::string(why) + ")");
  }

  // The list-page and article options compile now, not at the first poll.
  void check_feed_options(const toml::table& table, const FeedConfig& feed,
                          const std::string& feed_key) {
    const std::pair<std::string_view, const std::string*> checks[] = {
        {"link_pattern", &feed.link_pattern},
        {"selector", &feed.selector},
        {"content_selector", &feed.content_selector},
    };
    for (const auto& [name, value] : checks) {
      if (value->empty()) continue;
      fetch::FeedOptions options;
      (name == "link_pattern" ? options.link_pattern : options.selector) = *value;
      const fetch::Error error = fetch::check_feed_options(options);
      if (error.ok()) continue;
      // fetch names the field itself ("link_pattern: U_REGEX_... at offset 4");
      // the error's key already does.
      std::string message = error.message;
      constexpr std::string_view kFetchPrefix = "link_pattern: ";
      if (message.starts_with(kFetchPrefix)) {
        message = Field::quoted(*value) +
                  " is not a valid ICU regex: " + message.substr(kFetchPrefix.size());
      }
      errors_.add(position_of(table[name].node()->source()), feed_key + "." + std::string(name),
                  message);
    }
  }

  void check_feed_names() {
    std::map<std::string, const FeedSeen*> first;
    for (const FeedSeen& feed : seen_) {
      const auto [it, inserted] = first.emplace(feed.name, &feed);
      if (inserted) continue;
      errors_.add(feed.name_at, feed.key + ".name",
                  "duplicate feed name " + Field::quoted(feed.name) + " (first used by " +
                      it->second->key + " at line " + std::to_string(it->second->name_at.line) +
                      ")");
    }
  }

  ErrorList errors_;
  fs::path dir_;
  std::vector<FeedSeen> seen_ = {};
};

// `path` made absolute against the working directory, lexically normalised.
std::string absolute_path(const std::string& path) {
  std::error_code error;
  const fs::path absolute = fs::absolute(path, error);
  return (error ? fs::path(path) : absolute).lexically_normal().string();
}

LoadResult failure(const std::string& file, int line, int column, std::string message) {
  LoadResult result;
  result.errors.push_back({file, line, column, "", std::move(message)});
  return result;
}

}  // namespace

std::string ConfigError::to_string() const {
  // Appended piece by piece: GCC 12 sees a false -Wrestrict in ":" + to_string().
  std::string out = file;
  if (line > 0) out.append(":").append(std::to_string(line)).append(":").append(std::to_string(column));
  if (!key.empty()) out.append(": ").append(key);
  return out.append(": ").append(message);
}

LoadResult parse_config(std::string_view text, const std::string& path) {
  if (text.size() > kMaxConfigBytes) {
    return failure(path, 0, 0,
                   "file is larger than " + format_size(kMaxConfigBytes) + "; refusing to read it");
  }
  toml::table root;
  try {
    root = toml::parse(text, std::string_view(path));
  } catch (const toml::parse_error& error) {
    const Position at = position_of(error.source());
    return failure(path, at.line, at.column, one_line(error.description()));
  }
  Config config;
  config.path = absolute_path(path);
  Loader loader(path, fs::path(config.path).parent_path());
  loader.read(root, config);
  LoadResult result;
  result.errors = loader.take_errors();
  if (result.errors.empty()) result.config = std::move(config);
  return result;
}

LoadResult load_config(const std::string& path) {
  const FileBytes file = read_file(path, kMaxConfigBytes);
  if (!file.ok()) return failure(path, 0, 0, file.error);
  return parse_config(file.bytes, path);
}

}  // namespace config
