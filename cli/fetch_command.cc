#include "cli/fetch_command.h"

#include <boost/asio/io_context.hpp>

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <iostream>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "clean/clean.h"
#include "cli/article_format.h"
#include "fetch/fetch.h"

namespace cli {
namespace {

constexpr const char* kUsage =
    "usage: jingwen fetch [--raw] [--format txt|json] [--selector CSS] [OPTIONS] URL\n"
    "       jingwen fetch --feed [--link-pattern RE] [--selector CSS] [--format txt|json] [OPTIONS] URL\n"
    "Fetches URL as the daemon would (robots.txt, redirects, size caps, retries) and prints\n"
    "the clean article; --selector names the article container.\n"
    "--raw: print the response body exactly as received (after content decoding).\n"
    "--feed: URL is an RSS/Atom feed or an HTML list page; print one item per line:\n"
    "        URL<TAB>published<TAB>title (JSON lines with --format json). On a list page\n"
    "        --link-pattern keeps links matching the regex, --selector links inside CSS.\n"
    "options:\n"
    "  --user-agent S       User-Agent header (robots.txt is still read for 'jingwen')\n"
    "  --header 'N: v'      extra request header, repeatable\n"
    "  --proxy URL          proxy for the request (the environment is ignored)\n"
    "  --no-robots          do not check robots.txt\n"
    "  --timeout SECONDS    total time for one attempt (default 60)\n"
    "  --max-bytes N        largest body accepted, compressed or not (default 16 MiB)\n"
    "exit status: 0 ok (also 304), 1 fetch failed or not an article, 2 usage error\n";

// An interactive command should not sit out a 10-minute Retry-After: fewer
// attempts and shorter waits than the daemon's defaults.
constexpr int kMaxAttempts = 3;
constexpr fetch::Millis kBackoffMax{10'000};
constexpr fetch::Millis kRetryAfterMax{30'000};
// --timeout and --max-bytes beyond these are typing mistakes.
constexpr double kMaxTimeoutSeconds = 24 * 3600;
constexpr std::size_t kMaxBytesLimit = std::size_t{1} << 40;
// Feed warnings printed to stderr; the rest are counted.
constexpr std::size_t kMaxWarningLines = 20;

struct FetchArgs {
  std::string url;
  bool raw = false;
  bool json = false;
  bool feed = false;
  bool robots = true;
  std::string link_pattern;
  std::string selector;
  std::string user_agent;
  std::string proxy;
  std::vector<std::string> headers;
  std::optional<fetch::Millis> timeout;
  std::optional<std::size_t> max_bytes;
};

bool usage_error(const std::string& message) {
  std::cerr << "jingwen fetch: " << message << "\n(jingwen fetch --help shows the usage)\n";
  return false;
}

// "Name: value" with a token name and no line breaks (a header must not be
// able to smuggle in a second one).
bool valid_header(std::string_view h) {
  const std::size_t colon = h.find(':');
  if (colon == 0 || colon == std::string_view::npos) return false;
  if (h.find_first_of("\r\n") != std::string_view::npos) return false;
  return std::all_of(h.begin(), h.begin() + static_cast<std::ptrdiff_t>(colon), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
  });
}

std::optional<fetch::Millis> parse_seconds(const std::string& s) {
  std::size_t used = 0;
  double v = 0;
  try {
    v = std::stod(s, &used);
  } catch (...) {
    return std::nullopt;
  }
  if (used != s.size() || !(v > 0) || v > kMaxTimeoutSeconds) return std::nullopt;
  return fetch::Millis{std::max<long long>(1, static_cast<long long>(v * 1000))};
}

std::optional<std::size_t> parse_bytes(const std::string& s) {
  if (s.empty() || s.size() > 15 || !std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return std::nullopt;
  }
  const std::size_t v = std::stoull(s);
  if (v == 0 || v > kMaxBytesLimit) return std::nullopt;
  return v;
}

// Parses the flags into `a`; on a usage error prints it and returns false.
// Sets `help` for -h/--help.
bool parse_args(const std::vector<std::string>& args, FetchArgs& a, bool& help) {
  std::vector<std::string> positional;
  bool only_positional = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (only_positional || arg.empty() || arg[0] != '-' || arg == "-") {
      positional.push_back(arg);
      continue;
    }
    if (arg == "--") {
      only_positional = true;
      continue;
    }
    if (arg == "-h" || arg == "--help") {
      help = true;
      return true;
    }
    if (arg == "--raw") { a.raw = true; continue; }
    if (arg == "--feed") { a.feed = true; continue; }
    if (arg == "--no-robots") { a.robots = false; continue; }
    const bool takes_value = arg == "--format" || arg == "--link-pattern" || arg == "--selector" ||
                             arg == "--user-agent" || arg == "--header" || arg == "--proxy" ||
                             arg == "--timeout" || arg == "--max-bytes";
    if (!takes_value) return usage_error("unknown option: " + arg);
    if (i + 1 >= args.size()) return usage_error(arg + " needs a value");
    const std::string& v = args[++i];
    if (arg == "--format") {
      if (v != "txt" && v != "json") return usage_error("--format must be txt or json, not '" + v + "'");
      a.json = v == "json";
    } else if (arg == "--link-pattern") {
      a.link_pattern = v;
    } else if (arg == "--selector") {
      a.selector = v;
    } else if (arg == "--user-agent") {
      if (v.find_first_of("\r\n") != std::string::npos) return usage_error("--user-agent holds a line break");
      a.user_agent = v;
    } else if (arg == "--header") {
      if (!valid_header(v)) return usage_error("--header must read 'Name: value', not '" + v + "'");
      a.headers.push_back(v);
    } else if (arg == "--proxy") {
      a.proxy = v;
    } else if (arg == "--timeout") {
      if (!(a.timeout = parse_seconds(v))) return usage_error("--timeout wants seconds > 0, not '" + v + "'");
    } else if (arg == "--max-bytes") {
      if (!(a.max_bytes = parse_bytes(v))) return usage_error("--max-bytes wants a byte count > 0, not '" + v + "'");
    }
  }
  if (positional.empty()) return usage_error("no URL given");
  if (positional.size() > 1) return usage_error("one URL at a time (got " + std::to_string(positional.size()) + ")");
  if (!a.link_pattern.empty() && !a.feed) return usage_error("--link-pattern needs --feed");
  a.url = positional[0];
  return true;
}

fetch::Options client_options(const FetchArgs& a) {
  fetch::Options o;
  if (!a.user_agent.empty()) o.user_agent = a.user_agent;
  o.proxy = a.proxy;
  // One URL: the only other request to its host is robots.txt, and waiting a
  // politeness second between the two helps nobody.
  o.per_host_delay = fetch::Millis{0};
  o.max_attempts = kMaxAttempts;
  o.backoff_max = kBackoffMax;
  o.retry_after_max = kRetryAfterMax;
  if (a.timeout) {
    o.total_timeout = *a.timeout;
    o.connect_timeout = std::min(o.connect_timeout, *a.timeout);
  }
  if (a.max_bytes) {
    o.max_body_bytes = *a.max_bytes;
    o.max_decoded_bytes = *a.max_bytes;
  }
  return o;
}

// Runs one fetch to completion on this thread.
fetch::Response fetch_one(const FetchArgs& a) {
  boost::asio::io_context io;
  std::optional<fetch::Response> result;
  {
    fetch::Client client(io, client_options(a));
    fetch::Request request;
    request.url = a.url;
    request.configured = true;  // typed by the operator: file:// is fine
    request.honour_robots = a.robots;
    request.headers = a.headers;
    client.get(std::move(request), [&result](fetch::Response r) { result = std::move(r); });
    io.run();
  }
  if (!result) {
    // get() promises one callback; should the loop run dry without it, say so.
    fetch::Response r;
    r.error = {fetch::ErrorCode::kNetwork, "no response for " + a.url};
    return r;
  }
  return std::move(*result);
}

int fail(std::string_view name, std::string_view message) {
  std::cerr << "jingwen fetch: " << name << ": " << message << "\n";
  return 1;
}

// A feed field on one tab-separated line: tabs and line breaks become spaces.
std::string one_line(std::string s) {
  std::replace_if(s.begin(), s.end(), [](char c) { return c == '\t' || c == '\n' || c == '\r'; }, ' ');
  return s;
}

int print_feed(const FetchArgs& a, const fetch::Response& r) {
  fetch::FeedOptions fo;
  fo.link_pattern = a.link_pattern;
  fo.selector = a.selector;
  fo.file_root = fetch::local_feed_root(a.url);  // a local feed may list its folder's pages
  const fetch::Feed feed = fetch::parse_feed(r.body, r.final_url, r.charset, fo);
  std::size_t shown = 0;
  for (const std::string& w : feed.warnings) {
    if (shown++ == kMaxWarningLines) {
      std::cerr << "jingwen fetch: warning: " << feed.warnings.size() - kMaxWarningLines << " more\n";
      break;
    }
    std::cerr << "jingwen fetch: warning: " << one_line(w) << "\n";
  }
  if (!feed.error.ok()) return fail(fetch::error_name(feed.error.code), feed.error.message);
  std::string out;
  for (const fetch::FeedItem& item : feed.items) {
    if (a.json) {
      out += "{\"url\":" + json_quote(item.url) + ",\"published\":" + json_quote(item.published) +
             ",\"title\":" + json_quote(item.title) + ",\"guid\":" + json_quote(item.guid) + "}\n";
    } else {
      out += one_line(item.url) + '\t' + one_line(item.published) + '\t' + one_line(item.title) + '\n';
    }
  }
  std::cout << out;
  if (feed.items.empty()) {
    // Not a failure (a feed may be empty), but worth saying on a terminal.
    std::cerr << "jingwen fetch: " << r.final_url << ": no items (" << fetch::feed_kind_name(feed.kind)
              << ")\n";
  }
  return 0;
}

int print_article(const FetchArgs& a, const fetch::Response& r) {
  clean::Options options;
  options.content_selector = a.selector;
  const clean::Article article =
      clean::extract({.bytes = r.body, .url = r.final_url, .http_charset = r.charset}, options);
  std::cout << (a.json ? format_json(article) : format_text(article));
  if (!article.empty()) return 0;
  std::string reasons;
  for (const std::string& reason : article.reasons) reasons += (reasons.empty() ? "" : "; ") + reason;
  return fail("not-an-article", r.final_url + (reasons.empty() ? "" : ": " + reasons));
}

}  // namespace

int run_fetch(const std::vector<std::string>& args) {
  FetchArgs a;
  bool help = false;
  if (!parse_args(args, a, help)) return 2;
  if (help) {
    std::cout << kUsage;
    return 0;
  }
  const fetch::Response r = fetch_one(a);
  if (!r.ok()) {
    return fail(fetch::error_name(r.error.code),
                r.error.message.empty() ? r.url + ": status " + std::to_string(r.status) : r.error.message);
  }
  if (r.unchanged) {
    std::cerr << "jingwen fetch: " << r.final_url << ": 304 not modified, nothing to print\n";
    return 0;
  }
  int status = 0;
  if (a.raw) {
    std::cout.write(r.body.data(), static_cast<std::streamsize>(r.body.size()));
  } else {
    status = a.feed ? print_feed(a, r) : print_article(a, r);
  }
  if (!std::cout.flush()) return fail("output", "cannot write to stdout");
  return status;
}

}  // namespace cli
