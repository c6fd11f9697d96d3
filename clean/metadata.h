// Stage 7, metadata (DESIGN.md "clean/"): the article's title, publication
// time, source and author, read from the parsed page.
//
// Title. Candidates: the meta titles (og:title, twitter:title, ArticleTitle,
// JSON-LD headline, ...), the page's <title> minus its site decoration
// ("X_网易新闻", "频道 - X - 网站": the longest segment that is not a site
// name), and the page's <h1> headings (then <h2>, then elements whose
// class/id names a title, span.Title). A heading wins when it agrees with a
// meta title or the <title> — the one visible title the reader sees,
// without the site name — and otherwise stays out: headings are as often
// the site's logo. Without an agreeing heading the meta title comes first,
// so a hijacked <title> (a run of spam keywords joined by | or _) never wins
// over og:title, and a keyword-run <title> is never used at all. A page
// whose only candidates are site names takes its one <h1>.
//
// Published. The first of: the <meta> dates (article:published_time,
// PubDate, ...; published_meta_names() in priority order), JSON-LD
// datePublished/pubDate, a labelled date in the visible text (发布时间：,
// 成文日期, ...; dates.h), the first date right after the visible title.
//
// Source and author come from <meta> and JSON-LD only; the visible 来源：/
// 作者： lines belong to the filter stage.
//
// Pure; safe to call from any number of threads. Work is linear in the page
// and the visible text scanned is bounded by kMaxScanBytes.
#ifndef JINGWEN_CLEAN_METADATA_H_
#define JINGWEN_CLEAN_METADATA_H_

#include <cstddef>
#include <span>
#include <string>
#include <string_view>

#include "clean/dom.h"

namespace clean {

// Titles longer than this are cut (at a character boundary): a real title
// is under 100 Han characters; a longer "title" is a page dumped into <h1>.
inline constexpr std::size_t kMaxTitleBytes = 600;
// Visible text read when looking for a date: the head of the page, where
// the date sits, with room for long navigation blocks before it.
inline constexpr std::size_t kMaxScanBytes = 512u << 10;

struct PageMetadata {
  std::string title;      // whitespace collapsed; "" when the page has none
  std::string published;  // ISO 8601 as dates.h writes it; "" when none
  std::string source;     // the outlet the article credits (来源), "" when none
  std::string author;     // "" when none
};

PageMetadata read_metadata(const Document& doc);

// The title part of a <title> (or og:title): `raw` split at the site
// separators (" - ", "_", "|", "--", a '-' touching a Han character, ...),
// keeping the longest segment that is not a site name; `raw` itself
// (collapsed) when nothing is left.
std::string main_title_part(std::string_view raw);

// True for a title that is a run of short keywords joined by | or _ (SEO
// spam put where the title was, seed 003), not a title with a site suffix.
bool is_keyword_run(std::string_view title);

// True when `segment` is a site or channel name rather than a title: listed
// in title_site_names()/title_portal_words(), a domain name, or short and
// ending in a site word (网, 频道, 门户网站, ...).
bool is_site_name(std::string_view segment);

// The tables, in metadata_tables.cc. Sorted where order does not matter;
// the *_meta_names() lists are in priority order, lower-cased as
// Document::metas holds them.
std::span<const std::string_view> title_site_names();
std::span<const std::string_view> title_portal_words();
std::span<const std::string_view> site_name_endings();
std::span<const std::string_view> title_meta_names();
std::span<const std::string_view> published_meta_names();
std::span<const std::string_view> source_meta_names();
std::span<const std::string_view> author_meta_names();

}  // namespace clean

#endif  // JINGWEN_CLEAN_METADATA_H_
