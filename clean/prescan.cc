// Stage 2a: the pre-scan. A mini HTML tokenizer that knows just enough of
// the tree builder (select, foreign content) to find where script/style/svg/
// math contents and comments end exactly as Gumbo would. See prescan.h.
#include "clean/prescan.h"

#include <algorithm>
#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace clean {
namespace {

constexpr std::size_t kNpos = std::string_view::npos;
constexpr std::size_t kMaxName = 24;         // bytes; longer tag/attribute names matter to no rule here
constexpr std::size_t kMaxForeignDepth = 64;  // open elements inside one <svg>/<math>

// What the tokenizer does after an HTML start tag (outside <select>).
enum class After {
  kMarkup,     // nothing special
  kScript,     // script data: contents dropped unless JSON-LD
  kStyle,      // raw text, contents dropped
  kRawText,    // raw text, kept
  kRcdata,     // RCDATA, kept
  kPlaintext,  // the rest of the page is text
  kForeign,    // <svg>/<math>: contents dropped
  kSelect,     // tokens inside are mostly ignored
};

struct TagRule {
  std::string_view name;
  After after;
};

constexpr TagRule kTagRules[] = {
    {"script", After::kScript},   {"style", After::kStyle},       {"xmp", After::kRawText},
    {"iframe", After::kRawText},  {"noembed", After::kRawText},   {"noframes", After::kRawText},
    {"title", After::kRcdata},    {"textarea", After::kRcdata},   {"plaintext", After::kPlaintext},
    {"svg", After::kForeign},     {"math", After::kForeign},      {"select", After::kSelect},
};

// HTML start tags that end foreign content (the tree builder pops back to
// HTML); <font> only with color, face or size.
constexpr std::string_view kBreakoutTags[] = {
    "b",    "big",    "blockquote", "body", "br",     "center", "code", "dd",    "div",  "dl",
    "dt",   "em",     "embed",      "h1",   "h2",     "h3",     "h4",   "h5",    "h6",   "head",
    "hr",   "i",      "img",        "li",   "listing", "menu",  "meta", "nobr",  "ol",   "p",
    "pre",  "ruby",   "s",          "small", "span",  "strong", "strike", "sub", "sup",  "table",
    "tt",   "u",      "ul",         "var",
};

// Foreign elements whose contents are parsed as HTML; the scanner accepts
// only plain text in them (an svg icon's <title>).
constexpr std::string_view kIntegrationPoints[] = {
    "foreignobject", "desc", "title", "mi", "mo", "mn", "ms", "mtext", "annotation-xml",
};

// Foreign elements the parse stage reads even when dropped (links()).
constexpr std::string_view kReadInForeign[] = {"a", "base"};

// Start tags that close an open <select> only in a table; not modelled.
constexpr std::string_view kSelectTableTags[] = {
    "caption", "table", "tbody", "tfoot", "thead", "tr", "td", "th",
};

constexpr std::string_view kFontBreakoutAttrs[] = {"color", "face", "size"};

// Attribute stripping. Gumbo allocates and stores every attribute; most
// (data-*, on*, srcset, tabindex, ...) are read by nobody. Kept are those the
// parse stage reads (parse.cc: attr(), gumbo_get_attribute) and those
// Gumbo's tree builder reads (<input type>). Before adding a read of an
// attribute to parse.cc, add it here, or the pre-scan strips it.
constexpr std::string_view kKeptEverywhere[] = {"id", "class", "hidden", "aria-hidden"};

struct KeptOnTag {
  std::string_view tag;
  std::string_view attr;
  bool links_only = false;  // read by links() alone: goes with Prescan::kForArticle
};

constexpr KeptOnTag kKeptOnTag[] = {
    {"base", "href", true},   {"img", "alt", true},     {"meta", "name"},    {"meta", "property"},
    {"meta", "itemprop"},     {"meta", "http-equiv"},   {"meta", "content"}, {"script", "type"},
    {"input", "type"},        {"image", "alt", true},  // Gumbo makes <image> an <img>
    {"a", "href"},            {"a", "title", true},
};

// Start tags whose attributes stay whole: the tree builder compares the
// attribute lists of formatting elements (the "Noah's Ark" clause) and merges
// a later <html>/<body> tag's attributes into the first; <isindex> turns its
// attributes into elements and text; <svg>/<math> start foreign content.
// Not <a>: an <a> start tag first closes the open one, so the list never
// holds two of them to compare.
constexpr std::string_view kUnstrippedTags[] = {
    "b",    "big",  "code",    "em",  "font", "i",    "nobr", "s",    "small", "strike",
    "strong", "tt", "u",       "html", "body", "isindex", "svg", "math",
};

// The first style attribute stays when the parse stage could read it as
// hiding (style_hides() in parse.cc): the same test on the raw value, with
// every whitespace byte left out (a superset of what parse.cc leaves out
// after Gumbo turned CR into LF), and always when a character reference
// could spell it.
bool style_may_hide(std::string_view value) {
  if (value.find('&') != kNpos) return true;
  std::array<char, 32> tail = {};  // the last bytes kept, enough for both needles
  std::size_t size = 0;
  constexpr std::string_view kNeedles[] = {"display:none", "visibility:hidden"};
  for (char c : value) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') continue;
    c = (c >= 'A' && c <= 'Z') ? char(c + 32) : c;
    if (size == tail.size()) {
      std::copy(tail.begin() + 16, tail.end(), tail.begin());
      size -= 16;
    }
    tail[size++] = c;
    const std::string_view kept(tail.data(), size);
    for (std::string_view needle : kNeedles) {
      if (kept.ends_with(needle)) return true;
    }
  }
  return false;
}

template <std::size_t N>
bool one_of(std::string_view name, const std::string_view (&set)[N]) {
  for (std::string_view s : set) {
    if (s == name) return true;
  }
  return false;
}

// The tokenizer's whitespace (CR counts: Gumbo reads it as LF).
bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'; }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
char lower(char c) { return (c >= 'A' && c <= 'Z') ? char(c + 32) : c; }
bool ends_tag_name(char c) { return is_space(c) || c == '/' || c == '>'; }

// A lower-cased name of at most kMaxName bytes; longer ones compare unequal
// to every name the rules know.
class Name {
 public:
  void push(char c) {
    if (size_ < kMaxName) buf_[size_] = lower(c);
    ++size_;
  }
  std::string_view view() const {
    return size_ <= kMaxName ? std::string_view(buf_.data(), size_) : std::string_view("\x01long");
  }
  bool is_long() const { return size_ > kMaxName; }

 private:
  std::array<char, kMaxName> buf_ = {};
  std::size_t size_ = 0;
};

// Whether an attribute named `attr` of a start tag named `tag` can go
// (the first style attribute is decided by its value, an anchor's first
// href for an article by its extension).
bool strippable(std::string_view tag, std::string_view attr, Prescan mode) {
  if (one_of(attr, kKeptEverywhere) || attr == "style") return false;
  for (const KeptOnTag& k : kKeptOnTag) {
    if (k.tag == tag && k.attr == attr) return k.links_only && mode == Prescan::kForArticle;
  }
  return true;
}

// Bytes [from, to) of the input, to be replaced by `instead`.
struct Span {
  std::size_t from = 0;
  std::size_t to = 0;
  std::string instead = {};
};

bool is_text_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

struct Tag {
  Name name = {};
  std::size_t end = 0;  // just past the '>'
  bool self_closing = false;
  bool type_seen = false;
  std::string_view type = {};  // the first type= value, raw
  bool font_breakout = false;  // has color, face or size
};

class Prescanner {
 public:
  Prescanner(std::string_view in, Prescan mode) : in_(in), mode_(mode) { out_.reserve(in.size()); }
  std::string run();

 private:
  char at(std::size_t i) const { return i < in_.size() ? in_[i] : '\0'; }
  bool starts_with(std::size_t i, std::string_view s) const { return in_.substr(i).starts_with(s); }
  bool is_end_tag(std::size_t i, std::string_view name) const;
  bool read_tag(std::size_t i, Tag& tag, std::vector<Span>* strip = nullptr) const;
  std::size_t after_markup_decl(std::size_t i) const;
  std::size_t comment_end(std::size_t i) const;
  std::size_t raw_text_end(std::size_t i, std::string_view name) const;
  std::size_t script_end(std::size_t i) const;
  std::size_t escaped_less_than(std::size_t i, bool& escaped, bool& done) const;
  std::size_t foreign_end(std::size_t i, const Name& root) const;
  std::size_t start_tag(const Tag& tag);
  void drop(std::size_t from, std::size_t to, std::string_view instead = {});
  void shorten_spaces(std::size_t from, std::size_t to);
  bool strip_attribute(const Tag& tag, const Name& attr, std::string_view value, bool first,
                       Span& span) const;

  std::string_view in_;
  const Prescan mode_;
  bool line_feed_dropped_next_ = false;  // the text that follows is a <pre>'s or <listing>'s
  std::string out_;
  std::size_t copied_ = 0;  // in_[0, copied_) is accounted for in out_
  bool in_select_ = false;
  std::vector<Span> strip_;  // attributes of the current start tag to leave out
};

void Prescanner::drop(std::size_t from, std::size_t to, std::string_view instead) {
  if (to - from <= instead.size()) return;  // nothing to gain
  out_.append(in_.substr(copied_, from - copied_));
  out_.append(instead);
  copied_ = to;
}

// Text in [from, to): each run of two or more whitespace bytes becomes one,
// '\n' when the run held a line break, else ' '.
void Prescanner::shorten_spaces(std::size_t from, std::size_t to) {
  std::size_t i = from;
  if (line_feed_dropped_next_) {
    line_feed_dropped_next_ = false;
    if (i < to && in_[i] == '\r') ++i;  // Gumbo drops a leading LF after CR-to-LF
    if (i < to && in_[i] == '\n') ++i;
  }
  while (i < to) {
    if (!is_text_space(in_[i])) {
      ++i;
      continue;
    }
    const std::size_t start = i;
    bool line_break = false;
    for (; i < to && is_text_space(in_[i]); ++i) line_break = line_break || in_[i] == '\n' || in_[i] == '\r';
    if (i - start > 1) drop(start, i, line_break ? "\n" : " ");
  }
}

// `</name` then whitespace, '/' or '>' at i: an end tag that closes raw text.
bool Prescanner::is_end_tag(std::size_t i, std::string_view name) const {
  if (at(i) != '<' || at(i + 1) != '/' || i + 2 + name.size() >= in_.size()) return false;
  for (std::size_t k = 0; k < name.size(); ++k) {
    if (lower(in_[i + 2 + k]) != name[k]) return false;
  }
  return ends_tag_name(in_[i + 2 + name.size()]);
}

// Reads the tag whose name starts at i (after '<' or '</'), with the HTML
// tokenizer's attribute states. False when the input ends inside it. With
// `strip`, collects there the attributes that can go (see strippable()),
// each only when whitespace precedes it, so that leaving it out cannot join
// a '/' to a '>' or two attributes into one.
bool Prescanner::read_tag(std::size_t i, Tag& tag, std::vector<Span>* strip) const {
  const std::size_t n = in_.size();
  while (i < n && !ends_tag_name(in_[i])) tag.name.push(in_[i++]);
  if (strip != nullptr && one_of(tag.name.view(), kUnstrippedTags)) strip = nullptr;
  bool style_seen = false;
  bool href_seen = false;
  while (i < n) {
    const char c = in_[i];
    if (is_space(c)) { ++i; continue; }
    if (c == '>') { tag.end = i + 1; return true; }
    if (c == '/') {
      if (at(i + 1) == '>') { tag.self_closing = true; tag.end = i + 2; return true; }
      ++i;
      continue;
    }
    // An attribute: the name runs to whitespace, '/', '>' or '=' (its first
    // character may be any, '=' included).
    const std::size_t attr_start = i;
    Name attr;
    attr.push(in_[i++]);
    while (i < n && !ends_tag_name(in_[i]) && in_[i] != '=') attr.push(in_[i++]);
    std::size_t attr_end = i;
    while (i < n && is_space(in_[i])) ++i;
    std::string_view value;
    if (at(i) == '=') {
      ++i;
      while (i < n && is_space(in_[i])) ++i;
      if (i >= n) return false;
      const char q = in_[i];
      if (q == '"' || q == '\'') {
        const std::size_t close = in_.find(q, i + 1);
        if (close == kNpos) return false;
        value = in_.substr(i + 1, close - i - 1);
        i = close + 1;
      } else if (q != '>') {
        const std::size_t start = i;
        while (i < n && !is_space(in_[i]) && in_[i] != '>') ++i;
        value = in_.substr(start, i - start);
      }
      attr_end = i;
    }
    if (strip != nullptr && is_space(in_[attr_start - 1])) {
      Span span{attr_start, attr_end};
      const bool first = attr.view() == "style" ? !style_seen : !href_seen;
      if (strip_attribute(tag, attr, value, first, span)) strip->push_back(std::move(span));
    }
    if (attr.view() == "style") style_seen = true;
    if (attr.view() == "href") href_seen = true;
    if (attr.view() == "type" && !tag.type_seen) {
      tag.type_seen = true;
      tag.type = value;
    }
    if (one_of(attr.view(), kFontBreakoutAttrs)) tag.font_breakout = true;
  }
  return false;
}

// Whether the attribute in `span` can go, or (with span.instead set) be
// shortened. Gumbo keeps only the first of duplicate attributes (`first`):
// a later style or href is never read, the first style only if it can hide,
// an article's first anchor href only for its extension.
bool Prescanner::strip_attribute(const Tag& tag, const Name& attr, std::string_view value, bool first,
                                 Span& span) const {
  if (attr.view() == "style") return !first || !style_may_hide(value);
  if (mode_ != Prescan::kForArticle || tag.name.view() != "a" || attr.view() != "href") {
    return strippable(tag.name.view(), attr.view(), mode_);
  }
  if (!first) return true;
  if (value.find('&') != kNpos) return false;
  const std::string_view extension = href_extension(value);
  if (!extension.empty()) {
    span.instead = "href=\"";
    span.instead += extension;
    span.instead += '"';
  }
  return true;
}

// Past the comment that starts at i (`<!--`), or kNpos if it runs to the end.
std::size_t Prescanner::comment_end(std::size_t i) const {
  if (at(i + 4) == '>') return i + 5;                        // <!-->
  if (at(i + 4) == '-' && at(i + 5) == '>') return i + 6;    // <!--->
  for (std::size_t k = in_.find("--", i + 4); k != kNpos; k = in_.find("--", k + 1)) {
    if (at(k + 2) == '>') return k + 3;
    if (at(k + 2) == '!' && at(k + 3) == '>') return k + 4;  // --!>
  }
  return kNpos;
}

// Past a `<!` construct other than a comment (doctype, bogus comment): the
// first '>'. kNpos if none.
std::size_t Prescanner::after_markup_decl(std::size_t i) const {
  const std::size_t gt = in_.find('>', i);
  return gt == kNpos ? kNpos : gt + 1;
}

// The '<' of the end tag closing raw text or RCDATA named `name`, or kNpos.
std::size_t Prescanner::raw_text_end(std::size_t i, std::string_view name) const {
  for (std::size_t k = in_.find("</", i); k != kNpos; k = in_.find("</", k + 1)) {
    if (is_end_tag(k, name)) return k;
  }
  return kNpos;
}

// At a '<' in escaped script data (i): where to go on. `escaped` turns false
// when `<script` enters the double-escaped state; `done` when i is `</script`.
std::size_t Prescanner::escaped_less_than(std::size_t i, bool& escaped, bool& done) const {
  if (is_end_tag(i, "script")) {
    done = true;
    return i;
  }
  if (!is_alpha(at(i + 1))) return i + 1;
  Name name;
  std::size_t j = i + 1;
  while (j < in_.size() && is_alpha(in_[j])) name.push(in_[j++]);
  if (j < in_.size() && ends_tag_name(in_[j]) && name.view() == "script") {
    escaped = false;
    return j + 1;
  }
  return j;
}

// The '<' of the `</script` that ends script data starting at i, or kNpos.
// The HTML tokenizer's script states: `<!--` escapes, and inside an escape
// `<script` nests (a document.write of a script) until `</script`.
std::size_t Prescanner::script_end(std::size_t i) const {
  enum class S { kData, kEscaped, kDash, kDashDash, kDouble, kDoubleDash, kDoubleDashDash };
  S s = S::kData;
  const std::size_t n = in_.size();
  while (i < n) {
    switch (s) {
      case S::kData:
        i = in_.find('<', i);
        if (i == kNpos) return kNpos;
        if (is_end_tag(i, "script")) return i;
        if (starts_with(i, "<!--")) {
          s = S::kDashDash;
          i += 4;
        } else {
          ++i;
        }
        break;
      case S::kEscaped:
      case S::kDash:
      case S::kDashDash: {
        const char c = in_[i];
        if (c == '-') {
          s = s == S::kEscaped ? S::kDash : S::kDashDash;
          ++i;
        } else if (c == '<') {
          bool escaped = true, done = false;
          i = escaped_less_than(i, escaped, done);
          if (done) return i;
          s = escaped ? S::kEscaped : S::kDouble;
        } else {
          s = (c == '>' && s == S::kDashDash) ? S::kData : S::kEscaped;
          ++i;
        }
        break;
      }
      case S::kDouble:
      case S::kDoubleDash:
      case S::kDoubleDashDash: {
        const char c = in_[i];
        if (c == '-') {
          s = s == S::kDouble ? S::kDoubleDash : S::kDoubleDashDash;
          ++i;
        } else if (c == '<') {
          s = S::kDouble;
          ++i;
          if (at(i) != '/') break;
          Name name;
          std::size_t j = i + 1;
          while (j < n && is_alpha(in_[j])) name.push(in_[j++]);
          if (j < n && ends_tag_name(in_[j]) && name.view() == "script") {
            s = S::kEscaped;
            i = j + 1;
          } else {
            i = j;
          }
        } else {
          s = (c == '>' && s == S::kDoubleDashDash) ? S::kData : S::kDouble;
          ++i;
        }
        break;
      }
    }
  }
  return kNpos;
}

// The '<' of the end tag closing the <svg>/<math> whose contents start at i,
// or kNpos where the tree builder would leave foreign content some other way
// (or the input ends): the caller then gives up.
std::size_t Prescanner::foreign_end(std::size_t i, const Name& root) const {
  std::array<Name, kMaxForeignDepth> open;
  open[0] = root;
  std::size_t depth = 1;
  bool text_only = false;  // inside an integration point
  while (true) {
    i = in_.find('<', i);
    if (i == kNpos) return kNpos;
    const char c = at(i + 1);
    if (c == '/' && is_alpha(at(i + 2))) {
      Tag tag;
      if (!read_tag(i + 2, tag) || tag.name.is_long()) return kNpos;
      // The tree builder pops to the nearest open element of that name; with
      // none inside, the end tag is handled as HTML.
      std::size_t k = depth;
      while (k > 0 && open[k - 1].view() != tag.name.view()) --k;
      if (k == 0 || (text_only && k != depth)) return kNpos;
      if (k == 1) return i;  // the root's own end tag
      depth = k - 1;
      text_only = false;
      i = tag.end;
    } else if (text_only && (c == '!' || c == '?' || c == '/' || is_alpha(c))) {
      return kNpos;
    } else if (starts_with(i, "<!--")) {
      i = comment_end(i);
      if (i == kNpos) return kNpos;
    } else if (starts_with(i, "<![CDATA[")) {
      i = in_.find("]]>", i + 9);
      if (i == kNpos) return kNpos;
      i += 3;
    } else if (c == '!' || c == '?' || c == '/') {
      i = after_markup_decl(i);
      if (i == kNpos) return kNpos;
    } else if (is_alpha(c)) {
      Tag tag;
      if (!read_tag(i + 1, tag) || tag.name.is_long()) return kNpos;
      const std::string_view name = tag.name.view();
      if (one_of(name, kBreakoutTags) || (name == "font" && tag.font_breakout) ||
          one_of(name, kReadInForeign)) {
        return kNpos;
      }
      if (!tag.self_closing) {
        if (depth == open.size()) return kNpos;
        open[depth++] = tag.name;
        text_only = one_of(name, kIntegrationPoints);
      }
      i = tag.end;
    } else {
      ++i;
    }
  }
}

// Handles the contents after an HTML start tag; returns where scanning goes
// on, or kNpos to copy the rest unchanged.
std::size_t Prescanner::start_tag(const Tag& tag) {
  const std::string_view name = tag.name.view();
  After after = After::kMarkup;
  for (const TagRule& r : kTagRules) {
    if (r.name == name) after = r.after;
  }
  if (in_select_) {
    // In a select only script and template keep their meaning; select,
    // input, keygen and textarea close it.
    if (one_of(name, kSelectTableTags)) return kNpos;
    if (name == "select" || name == "input" || name == "keygen" || name == "textarea") {
      in_select_ = false;
    }
    if (after != After::kScript && name != "textarea") return tag.end;
  }
  std::size_t end = tag.end;
  switch (after) {
    case After::kMarkup:
      return tag.end;
    case After::kSelect:
      in_select_ = true;
      return tag.end;
    case After::kPlaintext:
      return kNpos;
    case After::kScript: {
      end = script_end(tag.end);
      const std::string_view type = tag.type;
      bool json_ld = type.find('&') != kNpos;  // a character reference: can't tell, keep
      if (type.size() == std::string_view("application/ld+json").size()) {
        std::string t(type);
        for (char& ch : t) ch = lower(ch);
        json_ld = json_ld || t == "application/ld+json";
      }
      if (end != kNpos && !json_ld) drop(tag.end, end);
      return end;
    }
    case After::kStyle:
      end = raw_text_end(tag.end, name);
      if (end != kNpos) drop(tag.end, end);
      return end;
    case After::kRawText:
    case After::kRcdata:
      return raw_text_end(tag.end, name);
    case After::kForeign:
      if (tag.self_closing) return tag.end;
      end = foreign_end(tag.end, tag.name);
      if (end != kNpos) drop(tag.end, end);
      return end;
  }
  return kNpos;
}

std::string Prescanner::run() {
  std::size_t i = 0;
  while (i != kNpos) {
    const std::size_t text = i;
    i = in_.find('<', i);
    shorten_spaces(text, i == kNpos ? in_.size() : i);
    if (i == kNpos) break;
    const char c = at(i + 1);
    if (is_alpha(c)) {
      Tag tag;
      strip_.clear();
      if (!read_tag(i + 1, tag, &strip_)) break;
      for (const Span& a : strip_) drop(a.from, a.to, a.instead);
      const std::string_view name = tag.name.view();
      line_feed_dropped_next_ = name == "pre" || name == "listing";
      i = start_tag(tag);
    } else if (c == '/' && is_alpha(at(i + 2))) {
      Tag tag;
      if (!read_tag(i + 2, tag)) break;
      if (in_select_ && one_of(tag.name.view(), kSelectTableTags)) break;
      if (tag.name.view() == "select") in_select_ = false;
      i = tag.end;
    } else if (starts_with(i, "<!--")) {
      const std::size_t end = comment_end(i);
      if (end != kNpos) drop(i, end, "<!---->");
      i = end;
    } else if (c == '!' || c == '?' || c == '/') {
      i = after_markup_decl(i);  // doctype, bogus comment, `</>`
    } else {
      ++i;
    }
  }
  out_.append(in_.substr(copied_));
  return std::move(out_);
}

}  // namespace

std::string prescan(std::string_view html, Prescan mode) { return Prescanner(html, mode).run(); }

std::string_view href_extension(std::string_view href) {
  // One pass (hrefs are long, and a page has hundreds): the last '/' and '.'
  // before the query or fragment.
  std::size_t segment = 0;
  std::size_t dot = kNpos;
  std::size_t end = 0;
  for (; end < href.size() && href[end] != '?' && href[end] != '#'; ++end) {
    if (href[end] == '/') segment = end + 1;
    else if (href[end] == '.') dot = end;
  }
  if (dot == kNpos || dot < segment || end - dot > kMaxHrefExtension) return {};
  return href.substr(dot, end - dot);
}

}  // namespace clean
