// The hint lexicons. Matching is by substring on lower-cased id/class
// strings, as Readability does; a word earns its place here by naming the
// same role on many sites. Chinese CMS names (TRS, UCAP, NetEase) sit beside
// the English ones.
#include "clean/hints.h"

#include <algorithm>
#include <span>

#include "clean/text.h"

namespace clean {
namespace {


bool contains_any(std::string_view s, std::span<const std::string_view> words) {
  return std::any_of(words.begin(), words.end(),
                     [&](std::string_view w) { return s.find(w) != std::string_view::npos; });
}

// Names that mark the article body. `con` alone is too short (contact,
// icon); `text` covers post_text, endtext, article-text.
constexpr std::string_view kPositive[] = {
    "article", "blog",   "body",     "content", "detail",      "endtext", "entry",
    "hentry",  "h-entry", "main",    "page",    "post",        "story",   "text",
    "trs_editor", "zoom", "zhengwen", "wenzhang", "ucap-content", "neirong",
};

// Names that mark chrome. `ad` needs delimiters: bare "ad" matches head,
// read, load, shadow.
constexpr std::string_view kNegative[] = {
    "-ad-",     "banner",   "breadcrumb", "combx",   "comment", "com-",     "contact",
    "copyright", "crumb",   "footer",     "gdpr",    "hidden",  "hot_",     "hot-",  "-hot",  "_hot",  "hotnews", "masthead",
    "media",    "meta",     "outbrain",   "promo",   "rank",    "recommend", "related",
    "scroll",   "share",    "shoutbox",   "sidebar", "skyscraper", "sponsor", "shopping",
    "tags",     "widget",   "tuijian",    "xiangguan", "paihang", "fenxiang", "nav",
    "footnote", "pinglun",  "login",      "toolbar",
};

constexpr std::string_view kUnlikely[] = {
    "-ad-",    "ai2html", "banner",  "breadcrumb", "combx",      "comment", "community",
    "cover-wrap", "disqus", "extra", "footer",     "gdpr",       "header",  "legends",
    "menu",    "related", "remark",  "replies",    "rss",        "shoutbox", "sidebar",
    "skyscraper", "social", "sponsor", "supplemental", "ad-break", "agegate", "pagination",
    "pager",   "popup",   "yom-remote", "recommend", "tuijian",  "xiangguan", "paihang",
    "copyright", "crumb", "topnav",  "navbar",     "subnav",
};

// A chrome-looking name that also says "this may hold the article".
constexpr std::string_view kMaybeCandidate[] = {
    "and", "article", "body", "column", "content", "main", "mathjax", "shadow",
    "trs_editor", "zoom", "endtext", "post_text", "detail",
};

// Posts quoted from social networks: the author's content, and the gold of
// news benchmarks keeps them. Their wrappers carry chrome words ("social"
// unlikely and share, "media" negative), which dropped all five tweets of
// sh-3f65af7b6b98b1c9 (R 0.74). Full names only: `sharebar-video-embed`
// is a share bar.
constexpr std::string_view kEmbeddedPost[] = {
    "embed-instagram", "embed-twitter", "instagram-media", "social-embed", "social-media-embed",
    "tiktok-embed",    "twitter-tweet",
};

constexpr std::string_view kShare[] = {"share", "sharing", "social", "fenxiang", "bdshare"};

// "author" also names author *pages* and boxes, hence the length cap at
// the call site.
constexpr std::string_view kByline[] = {"byline", "author", "writtenby", "p-author"};

constexpr std::string_view kCaption[] = {"caption", "credit", "figcaption"};

constexpr int kHintWeight = 25;

// One class name (or the id) is judged whole: a negative word makes it
// negative even beside a positive one, because compounds name chrome *about*
// the article — `related_article`, `article-share`, `entry-meta`. Summed
// over the whole string, `related_article` netted 0 and NetEase's 延伸阅读
// list survived inside the body (gne-163-8). Separate names still cancel:
// `comment article-body` is 0. Also made negative: sohu's folded remainder
// behind 展开全文, `hidden-content control-hide`, which is pruned as the
// gold (what a reader sees) wants (cwced-d8d4c4ec, P 0.39 -> 0.96).
int weight_of(std::string_view names) {
  bool negative = false, positive = false;
  while (!names.empty()) {
    const std::size_t end = names.find(' ');
    const std::string_view name = names.substr(0, end);
    names.remove_prefix(end == std::string_view::npos ? names.size() : end + 1);
    if (name.empty()) continue;
    if (is_embedded_post(name)) continue;
    if (contains_any(name, kNegative)) {
      negative = true;
    } else if (contains_any(name, kPositive)) {
      positive = true;
    }
  }
  return (positive ? kHintWeight : 0) - (negative ? kHintWeight : 0);
}

}  // namespace

int class_weight(std::string_view id, std::string_view classes) {
  return weight_of(id) + weight_of(classes);
}

bool is_unlikely_candidate(std::string_view id_class) {
  return contains_any(id_class, kUnlikely) && !contains_any(id_class, kMaybeCandidate) &&
         !is_embedded_post(id_class);
}

bool is_share_widget(std::string_view id_class) {
  return contains_any(id_class, kShare) && !is_embedded_post(id_class);
}

bool is_embedded_post(std::string_view id_class) { return contains_any(id_class, kEmbeddedPost); }

bool is_byline(std::string_view id_class) { return contains_any(id_class, kByline); }

bool is_caption(std::string_view id_class) { return contains_any(id_class, kCaption); }

bool is_ad_or_loading_label(std::string_view text) {
  const std::string t = ascii_lower(collapse_whitespace(text));
  constexpr std::string_view kLabels[] = {"ad",          "ads",       "advertising", "advertisement",
                             "广告",        "loading",   "loading...",  "loading…",
                             "正在加载",    "正在加载...", "正在加载…",  "sponsored"};
  return std::find(std::begin(kLabels), std::end(kLabels), t) != std::end(kLabels);
}

bool is_disclaimer_heading(std::string_view line) {
  // Headings that open a block of legal text. Not the body's business on a
  // news page: the copyright notice under 2005 Yahoo articles outscored the
  // article by its commas (cwced-2bac7fb2); a forum's 郑重声明 rules sat in
  // the post's container (cwced-9b1e5dcb).
  constexpr std::string_view kLabels[] = {
      "免责条款", "免责声明", "法律声明", "版权声明", "特别声明", "著作权声明", "郑重声明",
  };
  // A label with a site name before it; longer is a sentence, not a heading.
  constexpr std::size_t kMaxHeadingBytes = 36;  // twelve Han characters
  // Every label ends in 明 or 款, which the normalising below leaves as they
  // are: a line with neither is no heading, and most lines tested are body
  // text, not worth a normalised copy.
  if (line.find("明") == std::string_view::npos && line.find("款") == std::string_view::npos) {
    return false;
  }
  std::string t = ascii_lower(collapse_whitespace(line));
  std::erase(t, ' ');
  for (std::string_view colon : {":", "："}) {
    if (std::string_view(t).ends_with(colon)) t.resize(t.size() - colon.size());
  }
  if (t.size() > kMaxHeadingBytes) return false;
  return std::any_of(std::begin(kLabels), std::end(kLabels),
                     [&](std::string_view l) { return std::string_view(t).ends_with(l); });
}

}  // namespace clean
