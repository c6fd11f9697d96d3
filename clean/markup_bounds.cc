#include "clean/markup_bounds.h"

#include <algorithm>
#include <array>
#include <iterator>
#include <optional>
#include <vector>

namespace clean {
namespace {

// Elements that do not deepen the count: void elements, and those whose end
// tag the parser implies when a sibling or the parent ends (a page of
// unclosed <p>s or <li>s is not deep). Sorted, lower-case.
constexpr std::array<std::string_view, 33> kUncounted = {
    "area",  "base",  "body",  "br",       "col",   "colgroup", "dd",     "dt",    "embed",
    "head",  "hr",    "html",  "img",      "input", "li",       "link",   "meta",  "optgroup",
    "option", "p",    "param", "rb",       "rp",    "rt",       "rtc",    "source", "tbody",
    "td",    "tfoot", "th",    "thead",    "tr",    "wbr",
};
static_assert(std::is_sorted(kUncounted.begin(), kUncounted.end()));

// Longer names are in no table here ("plaintext" is the longest).
constexpr std::size_t kMaxKnownName = 9;

bool is_ascii_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
char ascii_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

// The tree builder's formatting elements: the ones it re-opens. Sorted.
constexpr std::array<std::string_view, 14> kFormatting = {
    "a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong", "tt", "u",
};
static_assert(std::is_sorted(kFormatting.begin(), kFormatting.end()));

// A short name, lower-cased; empty for a name no table here holds.
class LowerName {
 public:
  explicit LowerName(std::string_view name) {
    if (name.size() > kMaxKnownName) return;
    std::transform(name.begin(), name.end(), buf_.begin(), ascii_lower);
    size_ = name.size();
  }
  std::string_view view() const { return {buf_.data(), size_}; }
  bool operator==(const LowerName& o) const { return view() == o.view(); }

 private:
  std::array<char, kMaxKnownName> buf_{};
  std::size_t size_ = 0;
};

// Where `name` (a formatting element) sits in kFormatting.
std::size_t formatting_index(const LowerName& name) {
  return static_cast<std::size_t>(std::lower_bound(kFormatting.begin(), kFormatting.end(), name.view()) -
                                  kFormatting.begin());
}

template <std::size_t N>
bool in(const std::array<std::string_view, N>& sorted, const LowerName& name) {
  return !name.view().empty() && std::binary_search(sorted.begin(), sorted.end(), name.view());
}

bool is_ascii_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

bool deepens(const LowerName& name, std::string_view raw) {
  return raw.size() > kMaxKnownName || !in(kUncounted, name);
}

// Elements whose contents the tokenizer reads as text up to their own end
// tag (the pre-scan empties most of them, unless it gave up). Sorted.
constexpr std::array<std::string_view, 8> kRawText = {
    "iframe", "noembed", "noframes", "script", "style", "textarea", "title", "xmp",
};
static_assert(std::is_sorted(kRawText.begin(), kRawText.end()));

// The '<' of `</name` (any case) followed by whitespace, '/' or '>' at or
// after `from`; npos when there is none.
std::size_t raw_text_end(std::string_view html, std::size_t from, const LowerName& name) {
  const std::string_view want = name.view();
  for (std::size_t k = html.find("</", from); k != std::string_view::npos; k = html.find("</", k + 2)) {
    const std::size_t after = k + 2 + want.size();
    if (after >= html.size()) return std::string_view::npos;
    bool same = true;
    for (std::size_t c = 0; c < want.size() && same; ++c) same = ascii_lower(html[k + 2 + c]) == want[c];
    if (same && (is_ascii_space(html[after]) || html[after] == '/' || html[after] == '>')) return k;
  }
  return std::string_view::npos;
}

// What a start or end tag does to the markers on the list of active
// formatting elements (a formatting element opened before a marker is not
// re-opened after it, until the marker's element ends).
enum class FrameOp {
  kNone,
  kOpenCell,   // td, th, caption start: ends an open cell, then a marker
  kEndCell,    // tr, tbody, thead, tfoot start; td, th, tr, ... end: ends an open cell
  kOpenTable,  // table start: cells inside belong to it
  kEndTable,   // table end: ends its cells
  kOpen,       // applet, marquee, object, template start: a marker
  kEnd,        // their end
};

struct FrameRule {
  std::string_view name;
  FrameOp start;
  FrameOp end;
};

constexpr FrameRule kFrameTags[] = {
    {"applet", FrameOp::kOpen, FrameOp::kEnd},      {"caption", FrameOp::kOpenCell, FrameOp::kEndCell},
    {"marquee", FrameOp::kOpen, FrameOp::kEnd},     {"object", FrameOp::kOpen, FrameOp::kEnd},
    {"table", FrameOp::kOpenTable, FrameOp::kEndTable}, {"tbody", FrameOp::kEndCell, FrameOp::kEndCell},
    {"td", FrameOp::kOpenCell, FrameOp::kEndCell},  {"template", FrameOp::kOpen, FrameOp::kEnd},
    {"tfoot", FrameOp::kEndCell, FrameOp::kEndCell}, {"th", FrameOp::kOpenCell, FrameOp::kEndCell},
    {"thead", FrameOp::kEndCell, FrameOp::kEndCell}, {"tr", FrameOp::kEndCell, FrameOp::kEndCell},
};

FrameOp frame_op(const LowerName& name, bool end) {
  for (const FrameRule& r : kFrameTags) {
    if (r.name == name.view()) return end ? r.end : r.start;
  }
  return FrameOp::kNone;
}

struct Tag {
  bool end = false;
  std::string_view name = {};
  std::size_t begin = 0;  // the '<'
  std::size_t stop = 0;   // one past the '>'
  std::size_t attributes = 0;
  std::size_t excess_from = 0;  // where the attribute past the cap starts (0: none)
};

// Past the attribute value that starts at html[i] (after '=' and
// whitespace); npos when a quoted value has no closing quote.
std::size_t after_value(std::string_view html, std::size_t i) {
  if (i < html.size() && (html[i] == '"' || html[i] == '\'')) {
    const std::size_t close = html.find(html[i], i + 1);
    return close == std::string_view::npos ? close : close + 1;
  }
  while (i < html.size() && !is_ascii_space(html[i]) && html[i] != '>') ++i;
  return i;
}

// The tag starting at html[pos] == '<'; nullopt when it is not a start or
// end tag ("< ", "<!--", "<?xml") or has no '>' before the end of the input.
// Attributes are read as the HTML tokenizer reads them: a quoted value may
// hold '>', an attribute name may start with '='.
std::optional<Tag> read_tag(std::string_view html, std::size_t pos, std::size_t max_attributes) {
  Tag tag{.begin = pos};
  std::size_t i = pos + 1;
  if (i < html.size() && html[i] == '/') {
    tag.end = true;
    ++i;
  }
  if (i >= html.size() || !is_ascii_alpha(html[i])) return std::nullopt;
  const std::size_t name_begin = i;
  while (i < html.size() && html[i] != '>' && html[i] != '/' && !is_ascii_space(html[i])) ++i;
  tag.name = html.substr(name_begin, i - name_begin);
  while (i < html.size()) {
    const char c = html[i];
    if (c == '>') {
      tag.stop = i + 1;
      return tag;
    }
    if (is_ascii_space(c) || c == '/') {
      ++i;
      continue;
    }
    if (++tag.attributes == max_attributes + 1) tag.excess_from = i;
    ++i;  // the name's first character may be '='
    while (i < html.size() && html[i] != '>' && html[i] != '/' && html[i] != '=' && !is_ascii_space(html[i])) ++i;
    std::size_t j = i;
    while (j < html.size() && is_ascii_space(html[j])) ++j;
    if (j >= html.size() || html[j] != '=') continue;
    for (++j; j < html.size() && is_ascii_space(html[j]);) ++j;
    i = after_value(html, j);
    if (i == std::string_view::npos) return std::nullopt;
  }
  return std::nullopt;
}

// Copies the input to the output around the parts left out, lazily. Parts
// are left out in input order.
class Rewriter {
 public:
  Rewriter(std::string_view html, BoundedMarkup& out) : html_(html), out_(out) {}
  void leave_out(std::size_t begin, std::size_t stop) {
    if (!out_.changed) out_.html.reserve(html_.size());
    out_.changed = true;
    out_.html.append(html_.substr(copied_, begin - copied_));
    copied_ = stop;
  }
  void finish() {
    if (out_.changed) out_.html.append(html_.substr(copied_));
  }

 private:
  std::string_view html_;
  BoundedMarkup& out_;
  std::size_t copied_ = 0;
};

// The formatting elements open after one marker (or the page's start), and
// what re-opening them all costs in elements.
struct Frame {
  struct Open {
    LowerName name;
    std::size_t cost;
  };
  FrameOp kind = FrameOp::kNone;  // kOpenCell, kOpenTable, kOpen, or kNone for the page
  LowerName name{""};             // for kOpen: which element ends it
  std::vector<Open> open = {};
  std::size_t cost = 0;
};

class Bounder {
 public:
  Bounder(std::string_view html, const MarkupLimits& limits, BoundedMarkup& out)
      : html_(html), limits_(limits), out_(out), rewriter_(html, out) {
    frames_.emplace_back();
  }
  void run();

 private:
  enum class Fate { kKept, kLeftOut, kCut };  // kCut: the page ends before the tag
  Fate start_tag(const Tag& tag);
  std::size_t contents_end(const Tag& tag) const;
  void end_tag(const Tag& tag);
  bool formatting_fits(const LowerName& name);
  void open_formatting(const LowerName& name, const Tag& tag);
  void close_formatting(const LowerName& name);
  void change_frames(FrameOp op, const LowerName& name);
  void pop_cells();
  void pop_through(FrameOp kind, const LowerName& name);
  void leave_out_attributes(const Tag& tag);

  std::string_view html_;
  const MarkupLimits& limits_;
  BoundedMarkup& out_;
  Rewriter rewriter_;
  std::size_t elements_ = 0;  // with the re-opened formatting elements
  int depth_ = 0;
  std::size_t unnested_ends_ = 0;  // end tags still to leave out for the nesting cap
  std::array<std::size_t, kFormatting.size()> formatting_ends_{};  // the same, per formatting element
  std::vector<Frame> frames_;
};

void Bounder::run() {
  for (std::size_t pos = html_.find('<'); pos != std::string_view::npos;) {
    if (html_.substr(pos, 4) == "<!--") {  // the pre-scan empties comments, unless it gave up
      const std::size_t close = html_.find("-->", pos + 4);
      pos = close == std::string_view::npos ? close : html_.find('<', close + 3);
      continue;
    }
    const std::optional<Tag> tag = read_tag(html_, pos, limits_.max_attributes);
    if (!tag) {
      pos = html_.find('<', pos + 1);
      continue;
    }
    pos = tag->stop;
    if (tag->end) {
      end_tag(*tag);
    } else if (const Fate fate = start_tag(*tag); fate == Fate::kCut) {
      break;
    } else if (fate == Fate::kKept) {
      pos = contents_end(*tag);
    }
    if (pos != std::string_view::npos) pos = html_.find('<', pos);
  }
  rewriter_.finish();
}

// Where markup goes on after a start tag the tree builder sees: past the
// contents of a raw-text element (text, not tags), nowhere after
// <plaintext> (the rest of the page is text), else right after the tag.
std::size_t Bounder::contents_end(const Tag& tag) const {
  const LowerName name(tag.name);
  if (in(kRawText, name)) return raw_text_end(html_, tag.stop, name);
  return name.view() == "plaintext" ? std::string_view::npos : tag.stop;
}

Bounder::Fate Bounder::start_tag(const Tag& tag) {
  const LowerName name(tag.name);
  const bool deep = deepens(name, tag.name);
  const bool formatting = in(kFormatting, name);
  if (deep && depth_ >= limits_.max_nesting) {
    rewriter_.leave_out(tag.begin, tag.stop);  // left out: not an element Gumbo sees
    ++unnested_ends_;
    ++out_.tags_unnested;
    return Fate::kLeftOut;
  }
  if (formatting && !formatting_fits(name)) {
    rewriter_.leave_out(tag.begin, tag.stop);
    ++formatting_ends_[formatting_index(name)];
    ++out_.formatting_left_out;
    return Fate::kLeftOut;
  }
  // The tree builder may re-open every formatting element of the frame first.
  elements_ += 1 + frames_.back().cost;
  if (elements_ > limits_.max_elements) {
    rewriter_.leave_out(tag.begin, html_.size());
    out_.cut_at_byte = tag.begin;
    return Fate::kCut;
  }
  leave_out_attributes(tag);
  depth_ += deep ? 1 : 0;
  if (formatting) open_formatting(name, tag);
  change_frames(frame_op(name, false), name);
  return Fate::kKept;
}

void Bounder::end_tag(const Tag& tag) {
  const LowerName name(tag.name);
  if (in(kFormatting, name)) {
    std::size_t& left_out = formatting_ends_[formatting_index(name)];
    if (left_out > 0) {
      rewriter_.leave_out(tag.begin, tag.stop);
      --left_out;
      return;
    }
    close_formatting(name);
  }
  const bool deep = deepens(name, tag.name);
  if (deep && unnested_ends_ > 0) {
    rewriter_.leave_out(tag.begin, tag.stop);
    --unnested_ends_;
    return;
  }
  leave_out_attributes(tag);
  if (deep && depth_ > 0) --depth_;
  change_frames(frame_op(name, true), name);
}

// Whether one more formatting element may open in the current frame. A new
// <a> first closes the open one (the tree builder's adoption agency).
bool Bounder::formatting_fits(const LowerName& name) {
  Frame& frame = frames_.back();
  if (name.view() == "a") close_formatting(name);
  return frame.open.size() < limits_.max_open_formatting;
}

void Bounder::open_formatting(const LowerName& name, const Tag& tag) {
  const std::size_t attribute_bytes = tag.stop - tag.begin - tag.name.size();
  const std::size_t cost = 1 + attribute_bytes / kBytesPerElement;
  Frame& frame = frames_.back();
  frame.open.push_back({name, cost});
  frame.cost += cost;
}

// The last open one of that name in the current frame, if any.
void Bounder::close_formatting(const LowerName& name) {
  Frame& frame = frames_.back();
  for (auto it = frame.open.rbegin(); it != frame.open.rend(); ++it) {
    if (it->name == name) {
      frame.cost -= it->cost;
      frame.open.erase(std::next(it).base());
      return;
    }
  }
}

void Bounder::change_frames(FrameOp op, const LowerName& name) {
  // Frames are bounded like nesting: past it, a marker is not modelled (the
  // counts stay too high, never too low).
  const bool room = frames_.size() < static_cast<std::size_t>(std::max(limits_.max_nesting, 1));
  switch (op) {
    case FrameOp::kNone: return;
    case FrameOp::kOpenCell:
      pop_cells();
      if (room) frames_.push_back({.kind = FrameOp::kOpenCell});
      return;
    case FrameOp::kEndCell: return pop_cells();
    case FrameOp::kOpenTable:
      if (room) frames_.push_back({.kind = FrameOp::kOpenTable});
      return;
    case FrameOp::kEndTable: return pop_through(FrameOp::kOpenTable, name);
    case FrameOp::kOpen:
      if (room) frames_.push_back({.kind = FrameOp::kOpen, .name = name});
      return;
    case FrameOp::kEnd: return pop_through(FrameOp::kOpen, name);
  }
}

void Bounder::pop_cells() {
  while (frames_.size() > 1 && frames_.back().kind == FrameOp::kOpenCell) frames_.pop_back();
}

// Pops the frames down to and including the last one of `kind` (for kOpen,
// of that element); none when there is none.
void Bounder::pop_through(FrameOp kind, const LowerName& name) {
  for (std::size_t k = frames_.size(); k-- > 1;) {
    if (frames_[k].kind == kind && (kind != FrameOp::kOpen || frames_[k].name == name)) {
      frames_.resize(k);
      return;
    }
  }
}

// Attributes past the cap go, up to the '>' (a self-closing '/' with them:
// it means nothing on an HTML element).
void Bounder::leave_out_attributes(const Tag& tag) {
  if (tag.excess_from == 0) return;
  rewriter_.leave_out(tag.excess_from, tag.stop - 1);
  out_.attributes_left_out += tag.attributes - limits_.max_attributes;
}

}  // namespace

BoundedMarkup bound_markup(std::string_view html, const MarkupLimits& limits) {
  BoundedMarkup out;
  Bounder(html, limits, out).run();
  return out;
}

}  // namespace clean
