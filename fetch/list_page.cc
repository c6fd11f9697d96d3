// List pages: clean::links() in the feed's scope -> resolve against <base>
// and the feed URL -> http(s) only (file: too when the feed has a file_root;
// parse_feed keeps those under it) -> link_pattern, or the heuristics below.
#include "fetch/list_page.h"

#include <unicode/regex.h>
#include <unicode/unistr.h>
#include <unicode/utypes.h>

#include <algorithm>
#include <cstddef>
#include <iterator>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "clean/links.h"
#include "fetch/ascii.h"
#include "fetch/url.h"

namespace fetch {
namespace {

// ---------------------------------------------------------------------------
// Heuristics: what an article link on a list page looks like, for feeds
// without a link_pattern. Each rule has a positive and a negative test in
// tests/fetch/feed_test.cc (FeedHeuristics.*). Wrong guesses cost one fetch
// each (the cleaner then says "not an article"), so the rules lean to
// keeping links; a feed that needs precision sets link_pattern.
//
//  1. Same site as the list page: host equal, or the same registrable
//     domain, approximated by the last two host labels ("www.sz.gov.cn" and
//     "fgw.sz.gov.cn"), or three under the second-level suffixes below
//     ("sz.gov.cn" but not all of "gov.cn"). IP hosts: equal only. A list
//     page read from a file has no host: its file: links are judged by the
//     rules below and parse_feed's file_root, its http(s) ones by rules 2-7.
//  2. Not the list page itself (its path with another query is its pagination).
//  3. Not a directory ("/", "/zwgk/"): section links. Articles on the CMSs we
//     read always have a file name.
//  4. Not an index page: index/default/list/home/main, with a page number
//     (index_2.html, list-3.shtml).
//  5. Not a download or media file (kNotArticleExtensions): attachments carry
//     dates in their paths and would pass rule 7.
//  6. A static page (kArticleExtensions) is an article,
//  7. else a path with a run of kMinArticleDigits digits is (t20240305_123,
//     art_1229_6543210, /2024/03/05/...). Dynamic pages with the id only in
//     the query (show.asp?id=123) need a link_pattern: their nav links look
//     the same.

constexpr std::string_view kThreeLabelSuffixes[] = {
    "ac.cn",  "com.cn", "com.hk", "com.tw", "edu.cn", "edu.hk", "edu.tw", "gov.cn", "gov.hk",
    "gov.mo", "gov.tw", "idv.tw", "mil.cn", "net.cn", "org.cn", "org.hk", "org.tw",
};

constexpr std::string_view kIndexStems[] = {"default", "home", "index", "list", "main"};

constexpr std::string_view kNotArticleExtensions[] = {
    "7z",  "apk", "avi",  "bmp",  "ceb", "css", "csv",  "doc", "docx", "et",  "exe",
    "flv", "gif", "ico",  "jpeg", "jpg", "js",  "json", "mov", "mp3",  "mp4", "ofd",
    "pdf", "png", "ppt",  "pptx", "rar", "rss", "rtf",  "svg", "swf",  "tif", "tiff",
    "txt", "wav", "webp", "wmv",  "wps", "xls", "xlsx", "xml", "zip",
};

// TRS and most CMSs write .html/.shtml/.htm; Hanweb JCMS .jhtml; some
// provincial portals end article URLs in ".content".
constexpr std::string_view kArticleExtensions[] = {"content", "htm", "html", "jhtml", "shtml"};

constexpr int kMinArticleDigits = 4;

template <std::size_t N>
constexpr bool sorted(const std::string_view (&table)[N]) {
  return std::is_sorted(std::begin(table), std::end(table));
}
static_assert(sorted(kThreeLabelSuffixes) && sorted(kIndexStems) && sorted(kNotArticleExtensions) &&
              sorted(kArticleExtensions));

template <std::size_t N>
bool in_table(const std::string_view (&table)[N], std::string_view word) {
  return std::binary_search(std::begin(table), std::end(table), word);
}

// The registrable part of a host, as rule 1 approximates it.
std::string_view site_of(std::string_view host) {
  const bool ip =
      host.find(':') != std::string_view::npos ||
      std::all_of(host.begin(), host.end(), [](char c) { return is_digit(c) || c == '.'; });
  if (ip) return host;
  const auto last_labels = [&](int n) {
    std::size_t start = host.size();
    for (int i = 0; i < n; ++i) {
      const std::size_t dot = start == 0 ? std::string_view::npos : host.rfind('.', start - 1);
      if (dot == std::string_view::npos) return host;
      start = dot;
    }
    return host.substr(start + 1);
  };
  const std::string_view two = last_labels(2);
  return in_table(kThreeLabelSuffixes, two) ? last_labels(3) : two;
}

std::string_view path_of(std::string_view path_and_query) {
  return path_and_query.substr(0, path_and_query.find('?'));
}

bool has_digit_run(std::string_view s, int min_run) {
  int run = 0;
  for (char c : s) {
    run = is_digit(c) ? run + 1 : 0;
    if (run >= min_run) return true;
  }
  return false;
}

// index, index_2, list-3, default -> true.
bool is_index_stem(std::string_view stem) {
  std::string_view s = stem;
  while (!s.empty() && is_digit(s.back())) s.remove_suffix(1);
  if (s.size() < stem.size() && !s.empty() && (s.back() == '_' || s.back() == '-')) {
    s.remove_suffix(1);
  }
  return in_table(kIndexStems, ascii_lowered(s));
}

// ---------------------------------------------------------------------------
// link_pattern: an ICU regex searched in each resolved URL. The pattern is
// the operator's; the URLs are the page's, so each match is bounded in time
// and backtracking memory, and a pattern that keeps timing out is given up.

// Match engine steps per URL; ICU's unit is "on the order of milliseconds".
constexpr int32_t kRegexTimeLimit = 50;
constexpr int32_t kRegexStackBytes = 1 << 20;
// After this many URLs hit a limit, the remaining links are dropped.
constexpr int kMaxRegexFailures = 3;

class LinkPattern {
 public:
  // nullopt with `error` set when `pattern` does not compile.
  static std::optional<LinkPattern> compile(std::string_view pattern, std::string& error) {
    UParseError parse_error{};
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::RegexPattern> compiled(
        icu::RegexPattern::compile(icu::UnicodeString::fromUTF8(icu::StringPiece(
                                       pattern.data(), static_cast<int32_t>(pattern.size()))),
                                   0, parse_error, status));
    std::unique_ptr<icu::RegexMatcher> matcher;
    if (U_SUCCESS(status)) matcher.reset(compiled->matcher(status));
    if (U_SUCCESS(status)) matcher->setTimeLimit(kRegexTimeLimit, status);
    if (U_SUCCESS(status)) matcher->setStackLimit(kRegexStackBytes, status);
    if (U_FAILURE(status)) {
      error = "link_pattern: " + std::string(u_errorName(status)) + " at offset " +
              std::to_string(parse_error.offset);
      return std::nullopt;
    }
    return LinkPattern(std::move(compiled), std::move(matcher));
  }

  // Searches `url`; false also when the match ran out of time or stack
  // (counted in failures()).
  bool search(std::string_view url) {
    *input_ = icu::UnicodeString::fromUTF8(
        icu::StringPiece(url.data(), static_cast<int32_t>(url.size())));
    matcher_->reset(*input_);  // the matcher refers to the string, not a copy
    UErrorCode status = U_ZERO_ERROR;
    const bool found = matcher_->find(status);
    if (U_FAILURE(status)) {
      ++failures_;
      return false;
    }
    return found;
  }
  int failures() const { return failures_; }

 private:
  LinkPattern(std::unique_ptr<icu::RegexPattern> pattern,
              std::unique_ptr<icu::RegexMatcher> matcher)
      : pattern_(std::move(pattern)), matcher_(std::move(matcher)) {}

  // Declared before the matcher, which refers to both: destroyed after it.
  std::unique_ptr<icu::RegexPattern> pattern_;
  // On the heap: the matcher keeps its address, which must survive a move.
  std::unique_ptr<icu::UnicodeString> input_ = std::make_unique<icu::UnicodeString>();
  std::unique_ptr<icu::RegexMatcher> matcher_;
  int failures_ = 0;
};

bool is_web(const ParsedUrl& url) { return url.scheme == "http" || url.scheme == "https"; }
bool is_file(const ParsedUrl& url) { return url.scheme == "file"; }

std::string selector_error(const std::string& selector) {
  return "selector \"" + selector + "\" does not parse";
}

// ---------------------------------------------------------------------------
// parse_list_page's steps.

// The page's links inside `selector`; `error` (naming `where`) is set when
// the selector does not parse or there are no links to read.
clean::PageLinks links_in_scope(std::string_view text, std::string_view feed_url,
                                const std::string& selector, const std::string& where,
                                Error& error) {
  clean::Input input;
  input.bytes = text;
  input.url = std::string(feed_url);
  input.http_charset = "utf-8";  // parse_feed decoded it already
  clean::PageLinks page = clean::links(input, selector);
  if (!page.selector_ok) {
    error = {ErrorCode::kBadFeed, where + ": " + selector_error(selector)};
  } else if (page.links.empty()) {
    error = {ErrorCode::kBadFeed,
             where + (selector.empty() ? ": no links in the page"
                                       : ": no links inside \"" + selector + "\"")};
  }
  return page;
}

// Hrefs resolve against <base href> (itself resolved against the page URL).
std::string base_url(std::string_view feed_url, const std::string& base_href) {
  if (!base_href.empty()) {
    if (std::optional<std::string> resolved = resolve_url(feed_url, base_href)) {
      return std::move(*resolved);
    }
  }
  return std::string(feed_url);
}

// The site the heuristics compare hosts with: the page's, or for a page
// read from a file, its <base>'s.
std::string_view heuristics_site(std::string_view feed_url, std::string_view base) {
  const std::optional<ParsedUrl> feed_parsed = parse_url(feed_url);
  return feed_parsed && !feed_parsed->host.empty() ? feed_url : base;
}

// The links that did not become items, by reason, for the warnings.
struct LinkCounts {
  int not_urls = 0;
  int not_web = 0;
  int unmatched = 0;
  int skipped_after_timeouts = 0;
  int duplicates = 0;
};

// Decides which links are articles: link_pattern when the feed has one,
// else the heuristics.
class LinkFilter {
 public:
  // `allow_file`: file: links go on to the pattern or the heuristics (the
  // feed has a file_root, which parse_feed applies).
  LinkFilter(std::string_view base, std::string_view site_url, LinkPattern* pattern,
             bool allow_file)
      : base_(base), site_url_(site_url), pattern_(pattern), allow_file_(allow_file) {}

  // The absolute URL of an article link; nullopt, with the reason counted,
  // for any other.
  std::optional<std::string> article_url(std::string_view href, LinkCounts& counts) {
    std::optional<std::string> url = resolve_url(base_, href);
    if (!url) {
      ++counts.not_urls;  // javascript:, mailto:, garbage
      return std::nullopt;
    }
    const std::optional<ParsedUrl> parsed = parse_url(*url);
    if (!parsed || !(is_web(*parsed) || (allow_file_ && is_file(*parsed)))) {
      ++counts.not_web;  // ftp:, ...: never an item; file: only for a local feed
      return std::nullopt;
    }
    if (pattern_ != nullptr && pattern_->failures() >= kMaxRegexFailures) {
      ++counts.skipped_after_timeouts;
      return std::nullopt;
    }
    const bool keep =
        pattern_ != nullptr ? pattern_->search(*url) : looks_like_article(*url, site_url_);
    if (!keep) {
      ++counts.unmatched;
      return std::nullopt;
    }
    return url;
  }

 private:
  std::string_view base_;
  std::string_view site_url_;
  LinkPattern* pattern_;  // null: the heuristics decide
  bool allow_file_;
};

// Lists link an article from its thumbnail and its headline: one item, in
// the first link's place, titled by the headline.
class ItemMerger {
 public:
  explicit ItemMerger(std::vector<FeedItem>& items) : items_(items) {}

  // Appends an item for `url`, or retitles the one already there and
  // returns false.
  bool add(const std::string& url, const clean::Link& link) {
    if (const auto it = index_of_.find(url); it != index_of_.end()) {
      const std::size_t i = it->second;
      const bool better = titled_by_image_[i] && !link.image_link && !link.text.empty();
      if (better || items_[i].title.empty()) {
        items_[i].title = link.text;
        titled_by_image_[i] = link.image_link;
      }
      return false;
    }
    index_of_.emplace(url, items_.size());
    titled_by_image_.push_back(link.image_link);
    items_.push_back(FeedItem{url, "", link.text, ""});
    return true;
  }

 private:
  std::vector<FeedItem>& items_;
  std::unordered_map<std::string, std::size_t> index_of_;
  std::vector<bool> titled_by_image_;
};

void add_link_warnings(const LinkCounts& counts, const LinkPattern* pattern,
                       std::vector<std::string>& warnings) {
  if (counts.not_urls > 0) {
    warnings.push_back(plural(counts.not_urls, "link is not a URL", "links are not URLs"));
  }
  if (counts.not_web > 0) {
    warnings.push_back(plural(counts.not_web, "link is not http(s)", "links are not http(s)"));
  }
  if (counts.unmatched > 0) {
    warnings.push_back(plural(counts.unmatched, "link", "links") +
                       (pattern ? " not matching link_pattern" : " not looking like articles"));
  }
  if (counts.duplicates > 0) {
    warnings.push_back(plural(counts.duplicates, "duplicate link", "duplicate links") + " merged");
  }
  if (pattern && pattern->failures() > 0) {
    const int skipped = counts.skipped_after_timeouts;
    warnings.push_back(
        "link_pattern hit ICU's time or stack limit on " +
        plural(pattern->failures(), "URL", "URLs") +
        (skipped > 0 ? "; " + plural(skipped, "link", "links") + " after them skipped"
                     : std::string()));
  }
}

}  // namespace

bool looks_like_article(std::string_view url, std::string_view list_url) {
  const std::optional<ParsedUrl> link = parse_url(url);
  const std::optional<ParsedUrl> list = parse_url(list_url);
  // A file: link only from a list page read from a file (its root is
  // parse_feed's business).
  if (!link || !(is_web(*link) || (is_file(*link) && list && is_file(*list)))) return false;
  // 1. Same site; a list page read from a file has no host to compare with.
  if (list && !list->host.empty() && site_of(link->host) != site_of(list->host)) return false;
  const std::string_view path = path_of(link->path_and_query);
  // 2. Not the list page itself.
  if (list && list->host == link->host && path == path_of(list->path_and_query)) return false;
  // 3. Not a directory.
  if (path.empty() || path.back() == '/') return false;
  const std::string_view segment = path.substr(path.rfind('/') + 1);
  const std::size_t dot = segment.rfind('.');
  const std::string extension = dot == std::string_view::npos ? "" : ascii_lowered(segment.substr(dot + 1));
  // 4. Not an index page.
  if (is_index_stem(segment.substr(0, segment.find('.')))) return false;
  // 5. Not a download.
  if (in_table(kNotArticleExtensions, extension)) return false;
  // 6. A static page, 7. or a path with a long digit run.
  return in_table(kArticleExtensions, extension) || has_digit_run(path, kMinArticleDigits);
}

Error check_feed_options(const FeedOptions& options) {
  if (!options.link_pattern.empty()) {
    std::string error;
    if (!LinkPattern::compile(options.link_pattern, error)) {
      return {ErrorCode::kBadFeed, error};
    }
  }
  if (!options.selector.empty() && !clean::links(clean::Input{}, options.selector).selector_ok) {
    return {ErrorCode::kBadFeed, selector_error(options.selector)};
  }
  return {};
}

Feed parse_list_page(std::string_view text, std::string_view feed_url, const FeedOptions& options) {
  Feed feed;
  feed.kind = FeedKind::kHtmlList;
  const std::string where = "html list page " + std::string(feed_url);

  std::optional<LinkPattern> pattern;
  if (!options.link_pattern.empty()) {
    std::string error;
    pattern = LinkPattern::compile(options.link_pattern, error);
    if (!pattern) {
      feed.error = {ErrorCode::kBadFeed, where + ": " + error};
      return feed;
    }
  }
  const clean::PageLinks page = links_in_scope(text, feed_url, options.selector, where, feed.error);
  if (!feed.error.ok()) return feed;

  const std::string base = base_url(feed_url, page.base_href);
  LinkPattern* const pattern_or_null = pattern ? &*pattern : nullptr;
  LinkFilter filter(base, heuristics_site(feed_url, base), pattern_or_null,
                    !options.file_root.empty());
  ItemMerger items(feed.items);
  LinkCounts counts;
  for (const clean::Link& link : page.links) {
    const std::optional<std::string> url = filter.article_url(link.href, counts);
    if (url && !items.add(*url, link)) ++counts.duplicates;
  }
  add_link_warnings(counts, pattern_or_null, feed.warnings);
  return feed;
}

}  // namespace fetch
