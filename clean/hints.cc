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

constexpr std::string_view kShare[] = {"share", "sharing", "social", "fenxiang", "bdshare"};

// "author" also names author *pages* and boxes, hence the length cap at
// the call site.
constexpr std::string_view kByline[] = {"byline", "author", "writtenby", "p-author"};

constexpr std::string_view kCaption[] = {"caption", "credit", "figcaption"};

constexpr int kHintWeight = 25;

int weight_of(std::string_view name) {
  if (name.empty()) return 0;
  int w = 0;
  if (contains_any(name, kNegative)) w -= kHintWeight;
  if (contains_any(name, kPositive)) w += kHintWeight;
  return w;
}

}  // namespace

int class_weight(std::string_view id, std::string_view classes) {
  return weight_of(id) + weight_of(classes);
}

bool is_unlikely_candidate(std::string_view id_class) {
  return contains_any(id_class, kUnlikely) && !contains_any(id_class, kMaybeCandidate);
}

bool is_share_widget(std::string_view id_class) { return contains_any(id_class, kShare); }

bool is_byline(std::string_view id_class) { return contains_any(id_class, kByline); }

bool is_caption(std::string_view id_class) { return contains_any(id_class, kCaption); }

bool is_ad_or_loading_label(std::string_view text) {
  const std::string t = ascii_lower(collapse_whitespace(text));
  constexpr std::string_view kLabels[] = {"ad",          "ads",       "advertising", "advertisement",
                             "广告",        "loading",   "loading...",  "loading…",
                             "正在加载",    "正在加载...", "正在加载…",  "sponsored"};
  return std::find(std::begin(kLabels), std::end(kLabels), t) != std::end(kLabels);
}

}  // namespace clean
