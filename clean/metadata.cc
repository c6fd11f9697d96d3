// Stage 7, metadata: which evidence wins is in metadata.h; the site and meta
// names are data in metadata_tables.cc. read_metadata() runs:
//   1. title      meta titles, <title> minus site decoration, agreeing headings
//   2. published  <meta> dates, JSON-LD, labelled visible dates, the date under the title
//   3. source, author  <meta> and JSON-LD
#include "clean/metadata.h"

#include <algorithm>
#include <cctype>
#include <functional>
#include <iterator>
#include <optional>
#include <vector>

#include "clean/dates.h"
#include "clean/spam.h"
#include "clean/text.h"

namespace clean {
namespace {

constexpr std::size_t kSiteSegmentMaxChars = 10;  // longer segments are titles, whatever their ending
constexpr std::size_t kKeywordRunMinSegments = 6;  // "t_channel_site" has 3; seed 003's run has 10
constexpr std::size_t kKeywordRunMaxChars = 16;    // every keyword in a run is short,
constexpr std::size_t kKeywordMinChars = 4;        // and most are phrases, not tags like 苹果|新品
constexpr std::size_t kMinTitleChars = 4;          // shorter headings are logos and labels
constexpr double kMinAgreeShare = 0.4;  // a heading within a title covers this much of it
constexpr std::size_t kMaxHeadings = 32;           // per heading level
constexpr int kMaxHeadingReads = 256;  // bounds the work on a page of nested or empty headings
constexpr std::size_t kHeaderZoneBytes = 3000;     // ~1000 Han characters around the title
constexpr std::size_t kNearTitleBytes = 600;       // ~200 Han characters: the byline under a title
constexpr std::size_t kMaxNameBytes = 200;         // source and author
constexpr std::size_t kMaxJsonValueBytes = 4096;   // a JSON-LD string we read

// ---------------------------------------------------------------------------
// Small helpers

std::string_view trim_ascii(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\n' || s.front() == '\r')) {
    s.remove_prefix(1);
  }
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

// `s` cut to at most `max` bytes at a character boundary.
std::string cut(std::string s, std::size_t max) {
  s.resize(utf8_prefix(s, max).size());
  return s;
}

// The first non-empty content of a <meta> called `name`. Names are matched
// trimmed: ifeng writes name="og:time ".
std::string meta_value(const Document& doc, std::string_view name) {
  for (const Meta& m : doc.metas) {
    if (trim_ascii(m.name) != name) continue;
    std::string v = collapse_whitespace(m.content);
    if (!v.empty()) return v;
  }
  return {};
}

// ---------------------------------------------------------------------------
// JSON-LD: a tolerant reader of the few keys we need, not a JSON parser.
// Pages ship broken JSON-LD often enough that a strict parse would lose it.

// The JSON string literal at s[i] ('"'), unescaped; i moves past it.
std::optional<std::string> read_json_string(std::string_view s, std::size_t& i) {
  if (i >= s.size() || s[i] != '"') return std::nullopt;
  std::string out;
  for (++i; i < s.size(); ++i) {
    char c = s[i];
    if (c == '"') {
      ++i;
      return cut(std::move(out), kMaxJsonValueBytes);
    }
    if (c != '\\') {
      if (out.size() <= kMaxJsonValueBytes) out += c;
      continue;
    }
    if (++i >= s.size()) break;
    c = s[i];
    char32_t cp = static_cast<unsigned char>(c);
    if (c == 'n' || c == 'r' || c == 't' || c == 'b' || c == 'f') {
      cp = ' ';
    } else if (c == 'u') {
      cp = 0;
      for (int k = 0; k < 4; ++k) {
        if (++i >= s.size()) return std::nullopt;
        const char h = s[i];
        const int v = h >= '0' && h <= '9' ? h - '0' : h >= 'a' && h <= 'f' ? h - 'a' + 10
                    : h >= 'A' && h <= 'F' ? h - 'A' + 10 : -1;
        if (v < 0) return std::nullopt;
        cp = cp * 16 + static_cast<char32_t>(v);
      }
      if (cp >= 0xD800 && cp <= 0xDFFF) cp = 0xFFFD;  // halves of a pair: rare in titles and dates
    }
    if (out.size() <= kMaxJsonValueBytes) append_utf8(out, cp);
  }
  return std::nullopt;
}

std::size_t skip_json_space(std::string_view s, std::size_t i) {
  while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')) ++i;
  return i;
}

// The end of the object or array starting at s[i], strings skipped.
std::size_t json_value_end(std::string_view s, std::size_t i) {
  int depth = 0;
  while (i < s.size()) {
    const char c = s[i];
    if (c == '"') {
      read_json_string(s, i);  // advances past the string (or to the end)
      continue;
    }
    if (c == '{' || c == '[') ++depth;
    if ((c == '}' || c == ']') && --depth == 0) return i + 1;
    ++i;
  }
  return s.size();
}

// Positions of the values of the first kMaxJsonKeys `"key":` in `s`, in
// order, until `fn` returns true. The cap bounds the work on hostile JSON
// ("author":{"author":{... nested thousands deep).
template <typename Fn>
void for_each_json_key(std::string_view s, std::string_view key, Fn&& fn) {
  constexpr int kMaxJsonKeys = 16;
  const std::string quoted = '"' + std::string(key) + '"';
  int seen = 0;
  for (std::size_t pos = s.find(quoted); pos != std::string_view::npos && seen++ < kMaxJsonKeys;
       pos = s.find(quoted, pos + 1)) {
    std::size_t i = skip_json_space(s, pos + quoted.size());
    if (i < s.size() && s[i] == ':' && fn(skip_json_space(s, i + 1))) return;
  }
}

// The first string value of `key` in the page's JSON-LD blocks.
std::string json_ld_string(const Document& doc, std::string_view key) {
  for (const std::string& block : doc.json_ld) {
    std::string found;
    for_each_json_key(block, key, [&](std::size_t i) {
      std::optional<std::string> v = read_json_string(block, i);
      if (v) found = collapse_whitespace(*v);
      return !found.empty();
    });
    if (!found.empty()) return found;
  }
  return {};
}

// JSON-LD author: a string, or the first "name" inside an object or array.
std::string json_ld_author(const Document& doc) {
  for (const std::string& block : doc.json_ld) {
    std::string found;
    for_each_json_key(block, "author", [&](std::size_t i) {
      if (i < block.size() && (block[i] == '{' || block[i] == '[')) {
        const std::string_view value(block.data() + i, json_value_end(block, i) - i);
        std::size_t j = skip_json_space(value, 1);
        if (value[0] == '[' && j < value.size() && value[j] == '"') {
          if (auto v = read_json_string(value, j)) found = collapse_whitespace(*v);
        } else {
          for_each_json_key(value, "name", [&](std::size_t k) {
            if (auto v = read_json_string(value, k)) found = collapse_whitespace(*v);
            return !found.empty();
          });
        }
      } else if (auto v = read_json_string(block, i)) {
        found = collapse_whitespace(*v);
      }
      return !found.empty();
    });
    if (!found.empty()) return found;
  }
  return {};
}

// ---------------------------------------------------------------------------
// 1. Title

// Splits a title at the separators sites put between title, channel and
// site name. A bare '-' splits only when it touches a non-ASCII character
// ("财经-新浪网"): between ASCII it is a hyphen ("COVID-19", "China-Pub").
// "——" never splits: it is the Chinese dash inside titles.
std::vector<std::string> split_title(std::string_view s) {
  const std::u32string u = to_u32(s);
  std::vector<std::string> parts;
  std::u32string cur;
  auto flush = [&] {
    const std::string part(trim_ascii(to_utf8(cur)));
    if (!part.empty()) parts.push_back(part);
    cur.clear();
  };
  for (std::size_t i = 0; i < u.size();) {
    const char32_t c = u[i];
    const char32_t prev = i > 0 ? u[i - 1] : U' ';
    const char32_t next = i + 1 < u.size() ? u[i + 1] : U' ';
    if (c == '_' || c == '|' || c == U'｜') {
      flush();
      ++i;
    } else if (c == '-' && next == '-') {  // "--"
      flush();
      while (i < u.size() && u[i] == '-') ++i;
    } else if (c == ':' && next == ':') {  // forum software's " :: "
      flush();
      i += 2;
    } else if ((c == '-' && (prev >= 0x80 || next >= 0x80 || (prev == ' ' && next == ' '))) ||
               ((c == U'–' || c == U'—') && prev == ' ' && next == ' ')) {
      flush();
      ++i;
    } else {
      cur += c;
      ++i;
    }
  }
  flush();
  return parts;
}

bool is_domain(std::string_view s) {
  bool dot = false, letter = false;
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '.') dot = true;
    else if (std::isalpha(u)) letter = true;
    else if (!std::isdigit(u) && c != '-') return false;
  }
  return dot && letter && s.front() != '.' && s.back() != '.';
}

bool in_sorted(std::span<const std::string_view> table, std::string_view s) {
  return std::binary_search(table.begin(), table.end(), s);
}

// The comparison form of a title: no spaces or quotes, full-width ASCII
// folded, ASCII lower-cased, a trailing ellipsis dropped (sites cut long
// titles with "..." in one place and not in another).
std::u32string title_key(std::string_view s) {
  std::u32string k;
  for (std::size_t i = 0; i < s.size();) {
    char32_t cp = next_code_point(s, i);
    if (is_space(cp) || is_invisible(cp)) continue;
    if (cp >= 0xFF01 && cp <= 0xFF5E) cp -= 0xFEE0;
    if (cp >= 'A' && cp <= 'Z') cp += 'a' - 'A';
    if (cp == '"' || cp == '\'' || cp == U'“' || cp == U'”' || cp == U'‘' || cp == U'’') continue;
    k += cp;
  }
  while (!k.empty() && (k.back() == '.' || k.back() == U'…')) k.pop_back();
  return k;
}

// A leading "[...]" tag of at most kMaxTagChars characters dropped:
// "[组图]X", "[视频]X", and the advertiser an SEO site puts before a copied
// title. Only ASCII brackets: 【资讯汇总】 is part of a column's titles.
std::string without_tag_prefix(std::string title) {
  constexpr std::size_t kMaxTagChars = 10;
  if (!title.starts_with('[')) return title;
  const std::size_t close = title.find(']');
  if (close == std::string::npos || close + 1 >= title.size()) return title;
  const std::string_view tag = std::string_view(title).substr(1, close - 1);
  if (tag.empty() || char_count(tag) > kMaxTagChars) return title;
  const std::string rest(trim_ascii(std::string_view(title).substr(close + 1)));
  return title_key(rest).size() >= kMinTitleChars ? rest : title;
}

bool is_truncated(std::string_view s) {
  s = trim_ascii(s);
  return s.ends_with("...") || s.ends_with("…");
}

// `longer` contains `shorter`, which covers at least kMinAgreeShare of it.
bool covers(const std::u32string& longer, const std::u32string& shorter) {
  return shorter.size() >= kMinTitleChars &&
         static_cast<double>(shorter.size()) >= kMinAgreeShare * static_cast<double>(longer.size()) &&
         longer.find(shorter) != std::u32string::npos;
}

// A title candidate from <meta>, JSON-LD or <title>: as written, and its
// main part (site decoration stripped).
struct TitleRef {
  std::string raw;
  std::string main;
};

struct Heading {
  NodeId node = kNoNode;
  std::string text;
};

struct TitleChoice {
  std::string title;
  NodeId heading = kNoNode;  // the heading the title was read from, if any
};

// The title when heading `h` and candidate `r` name the same article.
// - The heading within the candidate: the candidate still carries a site or
//   column name; the heading is the title.
// - The candidate within the heading: the heading carries a badge before the
//   title (原创, [组图]) and the candidate is the title — unless the candidate
//   was cut short: it starts the heading (an og:title ending at an unescaped
//   quote, a <title> cut with "..."), or our own split cut it (the whole
//   heading is in the raw <title>).
// `within_only` (for elements that are not headings, whose text may run on
// into the byline) accepts only the first case.
std::optional<std::string> agreed_title(const Heading& h, const TitleRef& r, bool within_only) {
  const std::u32string kh = title_key(h.text);
  const std::u32string km = title_key(r.main);
  if (kh.size() < kMinTitleChars || km.empty()) return std::nullopt;
  if (kh == km || covers(km, kh)) return h.text;
  if (!within_only && covers(kh, km)) {
    const bool cut_short = kh.starts_with(km) || is_truncated(r.main) ||
                           title_key(r.raw).find(kh) != std::u32string::npos;
    return cut_short ? h.text : r.main;
  }
  return std::nullopt;
}

// The text of a heading, read no further than a title can be long.
std::string heading_text(const Document& doc, NodeId id) {
  std::string raw;
  doc.walk(id, [&](NodeId n) {
    if (raw.size() > 2 * kMaxTitleBytes) return false;
    if (doc[n].tag == Tag::kText) raw += doc[n].text;
    return true;
  });
  return cut(collapse_whitespace(raw), kMaxTitleBytes);
}

// True when an element's class or id calls it a title ("postTitle",
// "article-title", span.Title, "headline"). Boxes of the page header, the
// site name and sidebar lists say "title" too ("headermaintitle",
// "listtitle") and are not.
bool is_title_named(std::string_view id_class) {
  constexpr std::string_view kTitleWords[] = {"headline", "title"};
  constexpr std::string_view kNotTitleWords[] = {"header", "list", "logo", "nav", "side", "site", "sub"};
  auto has = [&](std::string_view w) { return id_class.find(w) != std::string_view::npos; };
  return std::any_of(std::begin(kTitleWords), std::end(kTitleWords), has) &&
         std::none_of(std::begin(kNotTitleWords), std::end(kNotTitleWords), has);
}

// Where a page may print its title: <h1>, <h2>, and elements named as a
// title, each in document order, at most kMaxHeadings of each.
struct Headings {
  std::vector<Heading> h1, h2, named;
  int h1_elements = 0;  // all of them, logos and sidebar boxes included
  int read = 0;         // elements whose text was read, at most kMaxHeadingReads
};

Headings collect_headings(const Document& doc) {
  Headings out;
  doc.walk(doc.root(), [&](NodeId id) {
    const Node& n = doc[id];
    if (n.tag == Tag::kText) return false;
    std::vector<Heading>* list = n.tag == Tag::kH1   ? &out.h1
                                 : n.tag == Tag::kH2 ? &out.h2
                                 : is_title_named(n.id_class) ? &out.named
                                                              : nullptr;
    if (!list) return true;
    out.h1_elements += n.tag == Tag::kH1;
    if (list->size() < kMaxHeadings && out.read++ < kMaxHeadingReads) {
      std::string text = without_tag_prefix(heading_text(doc, id));
      if (title_key(text).size() >= kMinTitleChars && !is_site_name(text)) {
        list->push_back({id, std::move(text)});
      }
    }
    // Inside a heading, look on for an element named as the title (the
    // "TitleUrl" link inside a blog's <h2>); inside a named element, no.
    return list != &out.named;
  });
  return out;
}

// `s` without anything that looks like an HTML tag: the TRS CMS writes the
// title's markup into ArticleTitle ("X<div>——Y</div>").
std::string strip_tags(std::string_view s) {
  std::string out;
  std::size_t close = 0;  // the first '>' at or after i, found once per tag
  for (std::size_t i = 0; i < s.size(); ++i) {
    const bool opens = s[i] == '<' && i + 1 < s.size() &&
                       (std::isalpha(static_cast<unsigned char>(s[i + 1])) || s[i + 1] == '/');
    if (opens && close != std::string_view::npos && close <= i) close = s.find('>', i);
    if (opens && close != std::string_view::npos) {
      i = close;
    } else {
      out += s[i];
    }
  }
  return out;
}

std::vector<TitleRef> title_refs(const Document& doc) {
  std::vector<TitleRef> refs;
  auto add = [&](std::string raw) {
    raw = cut(collapse_whitespace(strip_tags(cut(std::move(raw), 4 * kMaxTitleBytes))), kMaxTitleBytes);
    if (raw.empty() || is_keyword_run(raw)) return;
    std::string main = main_title_part(raw);
    refs.push_back({std::move(raw), std::move(main)});
  };
  for (std::string_view name : title_meta_names()) add(meta_value(doc, name));
  // JSON-LD: schema.org's headline; Baidu's "cambrian" JSON-LD says title.
  add(json_ld_string(doc, "headline"));
  add(json_ld_string(doc, "title"));
  add(collapse_whitespace(doc.title));
  return refs;
}

TitleChoice choose_title(const Document& doc) {
  const std::vector<TitleRef> refs = title_refs(doc);
  const Headings headings = collect_headings(doc);
  // A heading that agrees with a candidate: <h1> first; <h2> only when no
  // <h1> agrees (pages whose <h1> is the logo keep the title in an <h2>);
  // then elements named as a title (span.Title on older CMSs).
  // A heading that carries a column name ("图说洛阳| X") gets a second try
  // with its main part.
  for (const std::vector<Heading>* level : {&headings.h1, &headings.h2, &headings.named}) {
    for (const Heading& h : *level) {
      const Heading column_free{h.node, main_title_part(h.text)};
      for (const Heading* form : {&h, &column_free}) {
        if (form == &column_free && column_free.text == h.text) break;
        for (const TitleRef& r : refs) {
          if (auto t = agreed_title(*form, r, level == &headings.named)) return {std::move(*t), h.node};
        }
      }
    }
  }
  // No agreement: the best candidate that is not just a site name.
  for (const TitleRef& r : refs) {
    if (!is_site_name(r.main)) return {r.main, kNoNode};
  }
  // Only site names (<title>某某市人民政府</title>) or nothing at all: the
  // page's one <h1> — not one of several, those are sidebar boxes (导航,
  // 公告, Blog统计) — then the site name, then, on a page with no title
  // anywhere (a stripped copy without <head>), an element named as a title.
  if (headings.h1_elements == 1 && headings.h1.size() == 1) return {headings.h1[0].text, headings.h1[0].node};
  if (!refs.empty()) return {refs.front().main, kNoNode};
  if (!headings.named.empty()) return {headings.named[0].text, headings.named[0].node};
  return {};
}

// ---------------------------------------------------------------------------
// 2. Published

// The visible text of the page (text nodes, whitespace collapsed, joined by
// spaces), at most about kMaxScanBytes, and where the title heading sits in it.
struct PageText {
  std::string text;
  std::size_t title_begin = std::string::npos;
  std::size_t title_end = std::string::npos;
};

PageText visible_text(const Document& doc, NodeId heading) {
  PageText page;
  bool in_heading = false;
  std::uint32_t heading_depth = 0;
  doc.walk(doc.root(), [&](NodeId id) {
    const Node& n = doc[id];
    // Pre-order: the heading's subtree ends at the next node no deeper than it.
    if (in_heading && n.depth <= heading_depth) {
      in_heading = false;
      page.title_end = page.text.size();
    }
    if (page.text.size() >= kMaxScanBytes) return false;
    if (id == heading) {
      in_heading = true;
      heading_depth = n.depth;
      page.title_begin = page.text.size();
    }
    if (n.tag == Tag::kText) {
      const std::string t = collapse_whitespace(n.text);
      if (!t.empty()) {
        page.text += t;
        page.text += ' ';
      }
    }
    return true;
  });
  if (in_heading) page.title_end = page.text.size();
  return page;
}

// Where the title first occurs in the page text, for a title that did not
// come from a heading (the <title>'s main part is usually printed above the
// body). The whole title first; then its first kTitleProbeChars characters,
// for pages that print it with a different tail ("X(页 1)" in <title>, "X"
// on the page).
void locate_title(PageText& page, std::string_view title) {
  constexpr std::size_t kTitleProbeChars = 12;
  if (title.empty() || page.title_begin != std::string::npos) return;
  std::string_view probe = title;
  for (int attempt = 0; attempt < 2; ++attempt) {
    const auto it = std::search(page.text.begin(), page.text.end(),
                                std::boyer_moore_searcher(probe.begin(), probe.end()));
    if (it != page.text.end()) {
      page.title_begin = static_cast<std::size_t>(it - page.text.begin());
      page.title_end = page.title_begin + probe.size();
      return;
    }
    std::size_t end = 0;
    for (std::size_t n = 0; n < kTitleProbeChars && end < title.size(); ++n) next_code_point(title, end);
    if (end >= title.size()) return;
    probe = title.substr(0, end);
  }
}

// The publication date in the visible text. (a) The best-labelled date in
// the header zone around the title (kHeaderZoneBytes: the byline, or a
// government page's open-information table above the title); (b) the
// best-labelled date anywhere, one after the title first: far down the page
// labels belong to comments and lists; (c) the first date right under the
// title, unlabelled as on most news sites ("标题 2023-11-23 09:49 来源："); (d) below.
std::string published_in_text(const PageText& page, std::string_view zone) {
  const std::vector<DateHit> hits = find_dates(page.text, zone);
  const bool located = page.title_begin != std::string::npos;
  auto in_header = [&](const DateHit& h) {
    return located && h.begin + kHeaderZoneBytes >= page.title_begin &&
           h.begin <= page.title_end + kHeaderZoneBytes;
  };
  auto after_title = [&](const DateHit& h) { return located && h.begin >= page.title_begin; };
  auto best_labelled = [&](auto&& preferred) -> const DateHit* {
    const DateHit* best = nullptr;
    for (const DateHit& h : hits) {
      if (h.label >= DateLabel::kNone) continue;
      if (!best || std::pair(!preferred(h), h.label) < std::pair(!preferred(*best), best->label)) best = &h;
    }
    return best;
  };
  const DateHit* header = best_labelled(in_header);
  if (header && in_header(*header)) return header->iso;
  if (const DateHit* any = best_labelled(after_title)) return any->iso;
  if (located) {
    for (const DateHit& h : hits) {
      if (h.begin < page.title_end) continue;
      if (h.begin - page.title_end > kNearTitleBytes) break;
      if (h.label != DateLabel::kNotPublished) return h.iso;
    }
  }
  // (d) The first date with a time of day: forum and blog posts print
  // "2005-08-12 16:12:21" under a title we could not place; a bare date is
  // too often a calendar, an archive link or a copyright year.
  for (const DateHit& h : hits) {
    if (h.label != DateLabel::kNotPublished && h.iso.find('T') != std::string::npos) return h.iso;
  }
  return {};
}

// The zone for times given without one: Beijing time on Chinese pages (the
// title has Han characters, or <html lang> says zh or nothing), none on a
// page that declares another language and has no Han title.
std::string_view default_zone(const Document& doc, std::string_view title) {
  if (doc.lang.empty() || doc.lang.starts_with("zh")) return kDefaultZone;
  for (std::size_t i = 0; i < title.size();) {
    if (is_han(next_code_point(title, i))) return kDefaultZone;
  }
  return {};
}

std::string read_published(const Document& doc, const TitleChoice& title) {
  const std::string_view zone = default_zone(doc, title.title);
  for (std::string_view name : published_meta_names()) {
    const std::string d = parse_date(meta_value(doc, name), zone);
    if (!d.empty()) return d;
  }
  for (std::string_view key : {"datePublished", "pubDate", "dateCreated"}) {
    const std::string d = parse_date(json_ld_string(doc, key), zone);
    if (!d.empty()) return d;
  }
  PageText page = visible_text(doc, title.heading);
  locate_title(page, title.title);
  return published_in_text(page, zone);
}

// ---------------------------------------------------------------------------
// 3. Source and author

// A name from a meta value: labels stripped, and "" for what is not a name:
// URLs (RFI's article:author is its Facebook page), e-mail placeholders,
// editor ids ("104363", "L_104485"), CMS defaults.
std::string clean_name(std::string_view value) {
  std::string s = collapse_whitespace(value);
  for (std::string_view label : {"来源：", "来源:", "稿源：", "稿源:", "作者：", "作者:", "文/"}) {
    if (s.starts_with(label)) s = std::string(trim_ascii(std::string_view(s).substr(label.size())));
  }
  if (s.empty() || s.find("://") != std::string::npos || s.starts_with("www.") ||
      s.find('@') != std::string::npos) {
    return {};
  }
  int digits = 0, han = 0;
  for (std::size_t i = 0; i < s.size();) {
    const char32_t cp = next_code_point(s, i);
    digits += cp >= '0' && cp <= '9';
    han += is_han(cp);
  }
  if (han == 0 && digits >= 3) return {};
  const std::string lower = ascii_lower(s);
  for (std::string_view placeholder : {"admin", "default", "none", "null", "undefined", "unknown"}) {
    if (lower == placeholder) return {};
  }
  return cut(std::move(s), kMaxNameBytes);
}

std::string read_source(const Document& doc) {
  for (std::string_view name : source_meta_names()) {
    std::string s = clean_name(meta_value(doc, name));
    if (!s.empty()) return s;
  }
  return {};
}

// The author, unless it is only the site's own name (163.com sets
// author="网易" on every page).
std::string read_author(const Document& doc) {
  std::string a = clean_name(json_ld_author(doc));
  if (!a.empty() && !is_site_name(a)) return a;
  for (std::string_view name : author_meta_names()) {
    a = clean_name(meta_value(doc, name));
    if (!a.empty() && !is_site_name(a)) return a;
  }
  return {};
}

}  // namespace

std::string main_title_part(std::string_view raw) {
  const std::string title = cut(collapse_whitespace(raw), kMaxTitleBytes);
  const std::vector<std::string> parts = split_title(title);
  // In a Chinese title a segment without Han characters is a brand ("The
  // Paper", "powered by Discuz! Archiver"), however long.
  const bool chinese = std::any_of(parts.begin(), parts.end(), [](const std::string& p) {
    return text_stats(p).han > 0 && !is_site_name(p);
  });
  const std::string* best = nullptr;
  int best_length = 0;
  for (const std::string& p : parts) {
    // Weighted like the locate stage: a Han character outweighs a Latin letter.
    const TextStats st = text_stats(p);
    if (!is_site_name(p) && (!chinese || st.han > 0) && st.weighted > best_length) {
      best = &p;
      best_length = st.weighted;
    }
  }
  return without_tag_prefix(parts.size() > 1 && best ? *best : title);
}

bool is_keyword_run(std::string_view title) {
  // A short run with the spam lexicon's terms (`澳门赌场_在线博彩_真人视讯`).
  if (is_spam_text(title)) return true;
  std::size_t segments = 0, keywords = 0, chars = 0;
  auto end_segment = [&] {
    segments += chars > 0;
    keywords += chars >= kKeywordMinChars;
    chars = 0;
  };
  for (std::size_t i = 0; i < title.size();) {
    const char32_t cp = next_code_point(title, i);
    if (cp == '|' || cp == '_' || cp == U'｜') {
      end_segment();
    } else if (!is_space(cp) && ++chars > kKeywordRunMaxChars) {
      return false;
    }
  }
  end_segment();
  return segments >= kKeywordRunMinSegments && 3 * keywords >= 2 * segments;
}

bool is_site_name(std::string_view segment) {
  std::string s(trim_ascii(segment));
  // "(新闻)", "【首页】": the name inside the brackets decides.
  for (auto [open, close] : {std::pair{"(", ")"}, {"（", "）"}, {"[", "]"}, {"【", "】"}}) {
    const std::string_view o(open), c(close);
    if (s.size() > o.size() + c.size() && s.starts_with(o) && s.ends_with(c)) {
      s = std::string(trim_ascii(std::string_view(s).substr(o.size(), s.size() - o.size() - c.size())));
    }
  }
  if (s.empty()) return true;
  if (in_sorted(title_site_names(), s) || in_sorted(title_portal_words(), s) || is_domain(s)) return true;
  if (char_count(s) > kSiteSegmentMaxChars) return false;
  return std::any_of(site_name_endings().begin(), site_name_endings().end(),
                     [&](std::string_view e) { return s.ends_with(e); });
}

PageMetadata read_metadata(const Document& doc) {
  PageMetadata meta;
  // 1. title
  const TitleChoice title = choose_title(doc);
  meta.title = title.title;
  // 2. published
  meta.published = read_published(doc, title);
  // 3. source, author
  meta.source = read_source(doc);
  meta.author = read_author(doc);
  return meta;
}

}  // namespace clean
