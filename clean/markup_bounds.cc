#include "clean/markup_bounds.h"

#include <algorithm>
#include <array>
#include <optional>

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

// Longer names are never in kUncounted.
constexpr std::size_t kMaxUncountedName = 8;

bool is_ascii_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
char ascii_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool deepens(std::string_view name) {
  if (name.size() > kMaxUncountedName) return true;
  std::array<char, kMaxUncountedName> lower{};
  std::transform(name.begin(), name.end(), lower.begin(), ascii_lower);
  return !std::binary_search(kUncounted.begin(), kUncounted.end(), std::string_view(lower.data(), name.size()));
}

struct Tag {
  bool end = false;
  std::string_view name = {};
  std::size_t begin = 0;  // the '<'
  std::size_t stop = 0;   // one past the '>'
};

// The tag starting at html[pos] == '<'; nullopt when it is not a start or
// end tag ("< ", "<!--", "<?xml") or has no '>' before the end of the input.
std::optional<Tag> read_tag(std::string_view html, std::size_t pos) {
  Tag tag{.begin = pos};
  std::size_t i = pos + 1;
  if (i < html.size() && html[i] == '/') {
    tag.end = true;
    ++i;
  }
  if (i >= html.size() || !is_ascii_alpha(html[i])) return std::nullopt;
  const std::size_t name_begin = i;
  while (i < html.size() && html[i] != '>' && html[i] != '/' && html[i] != ' ' && html[i] != '\t' &&
         html[i] != '\n' && html[i] != '\r' && html[i] != '\f') {
    ++i;
  }
  tag.name = html.substr(name_begin, i - name_begin);
  // Attributes: a quoted value (after '=') may hold '>'.
  char last = '\0';
  for (; i < html.size(); ++i) {
    const char c = html[i];
    if (c == '>') {
      tag.stop = i + 1;
      return tag;
    }
    if ((c == '"' || c == '\'') && last == '=') {
      i = html.find(c, i + 1);
      if (i == std::string_view::npos) return std::nullopt;
    }
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\f') last = c;
  }
  return std::nullopt;
}

// Copies the input to the output around the parts left out, lazily.
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

}  // namespace

BoundedMarkup bound_markup(std::string_view html, const MarkupLimits& limits) {
  BoundedMarkup out;
  Rewriter rewriter(html, out);
  std::size_t elements = 0;
  int depth = 0;
  std::size_t excess = 0;  // start tags left out whose end tags are still to come
  for (std::size_t pos = html.find('<'); pos != std::string_view::npos;) {
    if (html.substr(pos, 4) == "<!--") {  // the pre-scan empties comments, unless it gave up
      const std::size_t close = html.find("-->", pos + 4);
      pos = close == std::string_view::npos ? close : html.find('<', close + 3);
      continue;
    }
    const std::optional<Tag> tag = read_tag(html, pos);
    if (!tag) {
      pos = html.find('<', pos + 1);
      continue;
    }
    const bool deep = deepens(tag->name);
    if (!tag->end && deep && depth >= limits.max_nesting) {
      rewriter.leave_out(tag->begin, tag->stop);  // left out: not an element Gumbo sees
      ++excess;
      ++out.tags_unnested;
    } else if (!tag->end && ++elements > limits.max_elements) {
      rewriter.leave_out(pos, html.size());
      out.cut_at_byte = pos;
      break;
    } else if (!tag->end) {
      depth += deep ? 1 : 0;
    } else if (deep && excess > 0) {
      rewriter.leave_out(tag->begin, tag->stop);
      --excess;
    } else if (deep && depth > 0) {
      --depth;
    }
    pos = html.find('<', tag->stop);
  }
  rewriter.finish();
  return out;
}

}  // namespace clean
