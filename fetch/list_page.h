// HTML list pages: the article links of a page that has no feed (most
// government sites). The links come from clean::links() (the same decode and
// parse as the cleaner); which of them are articles is decided by the feed's
// link_pattern (an ICU regex) when it has one, else by the heuristics table
// in list_page.cc.
//
// Pure functions; safe from any thread.
#ifndef JINGWEN_FETCH_LIST_PAGE_H_
#define JINGWEN_FETCH_LIST_PAGE_H_

#include <string_view>

#include "fetch/fetch.h"

namespace fetch {

// The article links of `text` (UTF-8, the decode stage's output), in page
// order, resolved against the page's <base href> and `feed_url`, http(s)
// only (file: too when options.file_root is set: parse_feed then keeps those
// under it), de-duplicated by URL (an article keeps its first link's place
// and the best title among its links: a text link's over an image's alt), not
// capped (parse_feed does that). Feed::error is
// set for a bad link_pattern or selector (kBadFeed) and for a page with no
// links at all in scope. Feed::charset is left empty.
Feed parse_list_page(std::string_view text, std::string_view feed_url, const FeedOptions& options);

// Whether `url` looks like an article of the site whose list page is at
// `list_url`, by the heuristics table (used when there is no link_pattern).
// Both are absolute URLs as resolve_url() writes them. A file: `url` is
// judged only when `list_url` is file: too (a local list page), by the path
// rules; where it may point is parse_feed's file_root check.
bool looks_like_article(std::string_view url, std::string_view list_url);

}  // namespace fetch

#endif  // JINGWEN_FETCH_LIST_PAGE_H_
