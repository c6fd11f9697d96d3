// RSS (2.0, 0.9x, 1.0/RDF) and Atom feeds with libxml2, in recover mode:
// the items of whatever the feed's generator managed to write.
//
// Entity safety: the document's DOCTYPE is removed before libxml2 sees it,
// so no entity is ever declared, expanded or loaded (no billion laughs, no
// external file); libxml2 runs without NOENT/DTDLOAD/HUGE and with NONET on
// top of that, keeping its default amplification limits. Undeclared HTML
// entities (&nbsp; &ldquo;) and bare '&' are escaped first, so they survive
// as text instead of vanishing, and titles are read as HTML (html_text).
//
// Pure functions; safe from any thread.
#ifndef JINGWEN_FETCH_RSS_ATOM_H_
#define JINGWEN_FETCH_RSS_ATOM_H_

#include <cstddef>
#include <string>
#include <string_view>

#include "fetch/fetch.h"

namespace fetch {

// Parse errors kept in Feed::warnings; the rest are counted in one line.
inline constexpr std::size_t kMaxXmlWarnings = 10;
// libxml2's tree costs about 150 bytes a node: parsing stops after this many
// elements (a warning says so), which bounds a 16 MiB feed of 100,000 items
// to tens of MB instead of 300. Real feeds have a few thousand.
inline constexpr std::size_t kMaxXmlElements = 100'000;

// The items of `text` (UTF-8, the decode stage's output), an RSS or Atom
// document as `kind` says, in document order. Item URLs are resolved against
// xml:base and `feed_url` but neither filtered by scheme nor de-duplicated
// (parse_feed does both). Feed::error is set only when libxml2 could build
// no document at all. Feed::charset is left empty.
// REQUIRES: kind is FeedKind::kRss or FeedKind::kAtom.
Feed parse_rss_atom(std::string_view text, std::string_view feed_url, FeedKind kind);

// The index after the DOCTYPE declaration that starts at text[at] ("<!"),
// its internal subset and the quoted strings and comments in it skipped
// (`<!ENTITY x "]>">` does not end it); text.size() when it never ends.
std::size_t doctype_end(std::string_view text, std::size_t at);

// A feed's date as ISO 8601: RFC 822 (RSS pubDate, with or without weekday,
// seconds or zone, 2- or 4-digit year), Java's Date.toString() ("Tue Mar 05
// 10:20:00 CST 2024"), JavaScript's ("... GMT+0800 (中国标准时间)"), and
// everything clean::parse_date() reads (W3C/ISO 8601, "2024-03-05
// 10:20:00", 2024年3月5日). A time without a zone is Beijing time (+08:00); a
// date without a time stays a date ("2024-03-05"). "" when unreadable.
std::string feed_date(std::string_view text);

}  // namespace fetch

#endif  // JINGWEN_FETCH_RSS_ATOM_H_
