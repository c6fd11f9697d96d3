// describe(): the resolved Config as TOML, every key with its effective value,
// in the order config.h declares them. The output parses back to the same
// settings (paths and URLs are already absolute), so an operator can keep it
// as a fully spelled-out config.
#include <algorithm>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "config/config.h"
#include "config/duration.h"
#include "config/names.h"
#include "fetch/fetch.h"

namespace config {
namespace {

bool is_control(char c) {
  const auto byte = static_cast<unsigned char>(c);
  return byte < 0x20 || byte == 0x7f;
}

// A TOML string: a 'literal string' when the text has backslashes (regexes
// read as written) and nothing a literal string cannot hold; otherwise a basic
// string with quotes, backslashes and control characters escaped. Other UTF-8
// as it is.
std::string toml_string(std::string_view text) {
  if (text.find('\\') != std::string_view::npos && text.find('\'') == std::string_view::npos &&
      std::none_of(text.begin(), text.end(), is_control)) {
    std::string literal = "'";  // not "'" + ...: a false -Wrestrict in GCC 12
    literal.append(text).append("'");
    return literal;
  }
  std::string out = "\"";
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (is_control(c)) {
      constexpr char kHex[] = "0123456789ABCDEF";
      out += "\\u00";
      out += kHex[byte >> 4];
      out += kHex[byte & 0xf];
    } else {
      out += c;
    }
  }
  return out + "\"";
}

// {"Referer" = "https://..."}: header lines are "Name: value".
std::string toml_headers(const std::vector<std::string>& headers) {
  if (headers.empty()) return "{}";
  std::string out = "{ ";
  for (std::size_t i = 0; i < headers.size(); ++i) {
    const std::string& line = headers[i];
    const std::size_t colon = line.find(':');
    const std::string_view name = std::string_view(line).substr(0, colon);
    std::string_view value =
        colon == std::string::npos ? "" : std::string_view(line).substr(colon + 1);
    if (value.starts_with(' ')) value.remove_prefix(1);
    if (i > 0) out += ", ";
    out += toml_string(name) + " = " + toml_string(value);
  }
  return out + " }";
}

class Writer {
 public:
  void text(std::string_view key, std::string_view value) { line(key, toml_string(value)); }
  void number(std::string_view key, long long value) { line(key, std::to_string(value)); }
  void flag(std::string_view key, bool value) { line(key, value ? "true" : "false"); }
  void duration(std::string_view key, Millis value) { text(key, format_duration(value)); }
  void size(std::string_view key, std::uint64_t value) { text(key, format_size(value)); }
  void headers(std::string_view key, const std::vector<std::string>& value) {
    line(key, toml_headers(value));
  }
  void raw(std::string_view text) { out_ << text; }
  std::string str() const { return out_.str(); }

 private:
  void line(std::string_view key, std::string_view value) { out_ << key << " = " << value << '\n'; }
  std::ostringstream out_;
};

void describe_sink(const SinkConfig& sink, Writer& w) {
  w.raw("\n[sink]\n");
  w.text("kind", name_of(kSinkKinds, sink.kind));
  w.text("url", redis_url(sink));
  w.text("stream", sink.stream);
  w.number("maxlen", static_cast<long long>(sink.maxlen));
  w.duration("timeout", sink.timeout);
}

void describe_feed(const FeedConfig& feed, const Shard& shard, Writer& w) {
  w.raw("\n[[feed]]\n");
  if (shard.count > 1) {
    const int owner = shard_of_host(feed_host(feed), shard.count);
    w.raw("# host \"" + feed_host(feed) + "\": shard " + std::to_string(owner) + "/" + std::to_string(shard.count) +
          (owner == shard.index ? ", polled by this instance\n" : ", not polled by this instance\n"));
  }
  w.text("name", feed.name);
  w.text("url", feed.url);
  w.text("kind", feed_kind_name(feed.kind));
  w.duration("interval", feed.interval);
  w.text("link_pattern", feed.link_pattern);
  w.text("selector", feed.selector);
  w.text("content_selector", feed.content_selector);
  w.text("charset", feed.charset);
  w.headers("headers", feed.headers);
  w.flag("robots", feed.robots);
  w.flag("enabled", feed.enabled);
}

}  // namespace

std::string_view feed_kind_name(FeedKind kind) { return name_of(kFeedKinds, kind); }

std::string describe(const Config& config) {
  Writer w;
  w.raw("# " + config.path + ", resolved: every key with its effective value\n");
  w.text("spool_dir", config.spool_dir);
  w.text("state_dir", config.state_dir);
  w.number("workers", config.workers);
  // Empty means fetch's default; show the agent that is actually sent.
  w.text("user_agent", config.user_agent.empty() ? fetch::Options{}.user_agent : config.user_agent);
  w.text("proxy", config.proxy);
  w.headers("headers", config.headers);
  w.number("per_host_concurrency", config.per_host_concurrency);
  w.duration("per_host_delay", config.per_host_delay);
  w.number("max_in_flight", config.max_in_flight);
  w.duration("timeout", config.timeout);
  w.duration("connect_timeout", config.connect_timeout);
  w.size("max_body", config.max_body);
  w.duration("shutdown_timeout", config.shutdown_timeout);
  w.number("max_pending", static_cast<long long>(config.max_pending));
  w.size("min_free", config.min_free);
  w.text("format", name_of(kRecordFormats, config.format));
  w.text("opencc", config.opencc);
  w.text("log_format", name_of(kLogFormats, config.log_format));
  w.number("near_duplicate_distance", config.near_duplicate_distance);
  w.duration("max_backoff", config.max_backoff);
  w.duration("summary_interval", config.summary_interval);
  w.text("shard", shard_name(config.shard));
  w.text("metrics_listen", config.metrics_host.empty() ? ""
                           : config.metrics_host == "::1"
                               ? "[::1]:" + std::to_string(config.metrics_port)
                               : config.metrics_host + ":" + std::to_string(config.metrics_port));
  describe_sink(config.sink, w);
  for (const FeedConfig& feed : config.feeds) describe_feed(feed, config.shard, w);
  return w.str();
}

}  // namespace config
