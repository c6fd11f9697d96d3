// parse_feed(): the order of feed parsing.
//   1. decode    clean::decode, the same evidence as for pages (BOM, HTTP
//                charset, XML declaration or <meta>, detector)
//   2. sniff     the first element: <rss>/<rdf:RDF> RSS, <feed> Atom, else HTML
//   3. parse     rss_atom.cc (libxml2) or list_page.cc (clean::links)
//   4. finish    http(s) only (file:// under options.file_root too),
//                de-duplicated by URL (first wins, its empty fields filled
//                from later copies), capped at max_items
#include <algorithm>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "clean/decode.h"
#include "fetch/ascii.h"
#include "fetch/fetch.h"
#include "fetch/list_page.h"
#include "fetch/rss_atom.h"
#include "fetch/url.h"

namespace fetch {
namespace {

// The first element is near the start: past an XML declaration, a DOCTYPE,
// some comments. A document whose first element is further is not a feed.
constexpr std::size_t kSniffBytes = 64 * 1024;

// Step 2: the kind, from the name of the first element.
FeedKind sniff(std::string_view text) {
  std::string_view s = text.substr(0, kSniffBytes);
  if (s.starts_with("\xEF\xBB\xBF")) s.remove_prefix(3);  // a BOM decode left in
  std::size_t i = 0;
  while (true) {
    while (i < s.size() && is_space(s[i])) ++i;
    if (i >= s.size() || s[i] != '<') return FeedKind::kHtmlList;  // text first: not XML
    std::size_t next = std::string_view::npos;
    if (s.compare(i, 4, "<!--") == 0) {
      next = s.find("-->", i + 4);
      if (next != std::string_view::npos) next += 3;
    } else if (s.compare(i, 2, "<?") == 0) {
      next = s.find("?>", i + 2);
      if (next != std::string_view::npos) next += 2;
    } else if (s.compare(i, 2, "<!") == 0) {
      next = doctype_end(s, i);
      if (next == s.size()) next = std::string_view::npos;
    } else {
      break;
    }
    if (next == std::string_view::npos) return FeedKind::kHtmlList;
    i = next;
  }
  std::size_t end = i + 1;
  while (end < s.size() && !is_space(s[end]) && s[end] != '>' && s[end] != '/') ++end;
  std::string name(s.substr(i + 1, end - i - 1));
  const std::size_t colon = name.rfind(':');
  if (colon != std::string::npos) name.erase(0, colon + 1);  // rdf:RDF, atom:feed
  for (char& c : name) c = ascii_lower(c);
  if (name == "rss" || name == "rdf") return FeedKind::kRss;  // RSS 0.9x/2.0, RSS 1.0
  if (name == "feed") return FeedKind::kAtom;
  return FeedKind::kHtmlList;
}

// ---------------------------------------------------------------------------
// Step 4's file:// rule. A local feed may list local pages, and nothing
// outside its own directory: a feed file is data (a mirror, a test site), and
// a link to /etc/passwd or ~/.ssh in it must not become a spool record.
//
// curl has already removed literal dot segments and dropped the query, but it
// keeps percent-escapes, and its FILE protocol decodes them before open():
// "%2e%2e/" is "../" and "..%2f" is "../" by then. So the path is decoded
// here exactly as curl will, and a dot segment that survived curl's own
// normalisation (it was encoded) refuses the URL outright: no honest feed
// writes one, and resolving it lexically could still disagree with the
// kernel's walk through a symlinked folder.

// The value of hex digit `c`, or -1.
constexpr int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// `path` with every %XX decoded; nullopt for a bad escape or an encoded NUL
// (curl refuses both).
std::optional<std::string> percent_decoded(std::string_view path) {
  std::string out;
  out.reserve(path.size());
  for (std::size_t i = 0; i < path.size(); ++i) {
    if (path[i] != '%') {
      out += path[i];
      continue;
    }
    if (i + 2 >= path.size()) return std::nullopt;
    const int high = hex_value(path[i + 1]);
    const int low = hex_value(path[i + 2]);
    if (high < 0 || low < 0 || (high == 0 && low == 0)) return std::nullopt;
    out += static_cast<char>(high * 16 + low);
    i += 2;
  }
  return out;
}

// An absolute path's segments joined by single '/' ("//" is "/" to the
// kernel), with a '/' after the last one when `directory`; nullopt when it is
// not absolute or holds a "." or ".." segment.
std::optional<std::string> plain_path(std::string_view path, bool directory) {
  if (!path.starts_with('/')) return std::nullopt;
  std::string out;
  std::size_t start = 1;
  while (start <= path.size()) {
    const std::size_t end = std::min(path.find('/', start), path.size());
    const std::string_view segment = path.substr(start, end - start);
    if (segment == "." || segment == "..") return std::nullopt;
    if (!segment.empty()) {
      out += '/';
      out += segment;
    }
    start = end + 1;
  }
  if (directory || out.empty()) out += '/';
  return out;
}

// True when `url` (a parsed file: URL) names a file strictly inside the
// directory `file_root`. The root is read as the feed URL's path is written
// (the daemon cuts it from the URL), so its escapes are decoded too: a feed in
// "/srv/my%20feeds/" lists pages in "/srv/my feeds/".
bool under_file_root(const ParsedUrl& url, std::string_view file_root) {
  if (file_root.empty() || !url.host.empty()) return false;
  const std::optional<std::string> decoded_root = percent_decoded(file_root);
  const std::optional<std::string> root =
      decoded_root ? plain_path(*decoded_root, true) : std::nullopt;
  const std::string_view encoded = url.path_and_query;
  const std::optional<std::string> decoded = percent_decoded(encoded.substr(0, encoded.find('?')));
  if (!root || !decoded) return false;
  const std::optional<std::string> path = plain_path(*decoded, false);
  // The trailing '/' of `root` keeps "/dirx/a.html" out of "/dir/".
  return path && path->size() > root->size() && path->starts_with(*root);
}

// What step 4 does with an item's URL.
enum class UrlVerdict { kKeep, kNotWeb, kOutsideFileRoot };

UrlVerdict judge_url(std::string_view item_url, const FeedOptions& options) {
  const std::optional<ParsedUrl> url = parse_url(item_url);
  if (!url) return UrlVerdict::kNotWeb;
  if (url->scheme == "http" || url->scheme == "https") return UrlVerdict::kKeep;
  if (url->scheme != "file" || options.file_root.empty()) return UrlVerdict::kNotWeb;
  return under_file_root(*url, options.file_root) ? UrlVerdict::kKeep
                                                  : UrlVerdict::kOutsideFileRoot;
}

// Step 4.
void finish(Feed& feed, const FeedOptions& options) {
  std::vector<FeedItem> kept;
  std::unordered_map<std::string, std::size_t> index_of;
  std::size_t not_web = 0, outside_root = 0, duplicates = 0, over_cap = 0;
  for (FeedItem& item : feed.items) {
    switch (judge_url(item.url, options)) {
      case UrlVerdict::kKeep:
        break;
      case UrlVerdict::kNotWeb:
        ++not_web;
        continue;
      case UrlVerdict::kOutsideFileRoot:
        ++outside_root;
        continue;
    }
    if (const auto it = index_of.find(item.url); it != index_of.end()) {
      // A list page links an article from its thumbnail and its title.
      FeedItem& first = kept[it->second];
      if (first.title.empty()) first.title = std::move(item.title);
      if (first.guid.empty()) first.guid = std::move(item.guid);
      if (first.published.empty()) first.published = std::move(item.published);
      ++duplicates;
      continue;
    }
    if (kept.size() >= options.max_items) {
      ++over_cap;
      continue;
    }
    index_of.emplace(item.url, kept.size());
    kept.push_back(std::move(item));
  }
  feed.items = std::move(kept);
  if (not_web > 0) {
    feed.warnings.push_back(plural(not_web, "item URL", "item URLs") + " not http(s) dropped");
  }
  if (outside_root > 0) {
    feed.warnings.push_back(plural(outside_root, "file item URL", "file item URLs") +
                            " outside file_root " + options.file_root + " dropped");
  }
  if (duplicates > 0) {
    feed.warnings.push_back(plural(duplicates, "duplicate item", "duplicate items") + " merged");
  }
  if (over_cap > 0) {
    feed.warnings.push_back(plural(over_cap, "item", "items") + " beyond max_items (" +
                            std::to_string(options.max_items) + ") dropped");
  }
}

}  // namespace

std::string_view feed_kind_name(FeedKind kind) {
  switch (kind) {
    case FeedKind::kRss:
      return "rss";
    case FeedKind::kAtom:
      return "atom";
    case FeedKind::kHtmlList:
      return "html";
    case FeedKind::kUnknown:
      break;
  }
  return "unknown";
}

Feed parse_feed(std::string_view bytes, std::string_view feed_url, std::string_view http_charset,
                const FeedOptions& options) {
  Feed feed;
  const auto empty_body = [&] {
    feed.error = {ErrorCode::kBadFeed, "feed " + std::string(feed_url) + ": empty feed body"};
  };
  if (trim(bytes).empty()) {
    empty_body();
    return feed;
  }
  // 1. decode
  clean::Decoded decoded = clean::decode(bytes, http_charset);
  if (decoded.how == "error") {
    feed.error = {ErrorCode::kBadFeed,
                  "feed " + std::string(feed_url) + ": out of memory decoding the body"};
    return feed;
  }
  if (trim(decoded.text).empty()) {
    empty_body();
    feed.charset = std::move(decoded.charset);
    return feed;
  }
  // 2. sniff, 3. parse
  const FeedKind kind = sniff(decoded.text);
  Feed parsed = kind == FeedKind::kHtmlList ? parse_list_page(decoded.text, feed_url, options)
                                            : parse_rss_atom(decoded.text, feed_url, kind);
  parsed.charset = std::move(decoded.charset);
  // 4. finish
  if (parsed.error.ok()) finish(parsed, options);
  return parsed;
}

std::string local_feed_root(std::string_view feed_url) {
  constexpr std::string_view kFile = "file://";
  if (!feed_url.starts_with(kFile)) return "";
  const std::string_view path = feed_url.substr(kFile.size());
  const std::size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? "" : std::string(path.substr(0, slash + 1));
}

}  // namespace fetch
