// parse_feed(): the order of feed parsing.
//   1. decode    clean::decode, the same evidence as for pages (BOM, HTTP
//                charset, XML declaration or <meta>, detector)
//   2. sniff     the first element: <rss>/<rdf:RDF> RSS, <feed> Atom, else HTML
//   3. parse     rss_atom.cc (libxml2) or list_page.cc (clean::links)
//   4. finish    http(s) only, de-duplicated by URL (first wins, its empty
//                fields filled from later copies), capped at max_items
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

// Step 4.
void finish(Feed& feed, const FeedOptions& options) {
  std::vector<FeedItem> kept;
  std::unordered_map<std::string, std::size_t> index_of;
  std::size_t not_web = 0, duplicates = 0, over_cap = 0;
  for (FeedItem& item : feed.items) {
    const std::optional<ParsedUrl> url = parse_url(item.url);
    if (!url || (url->scheme != "http" && url->scheme != "https")) {
      ++not_web;  // never file://, even for a feed read from a file
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

}  // namespace fetch
