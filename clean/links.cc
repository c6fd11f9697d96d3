// Links of a page: decode and parse exactly as extract() does (so a list
// page's hidden menus and <noscript> copies are dropped the same way), then
// the anchors inside the scope. One parse: the Document also carries the
// page's <base href> and the anchors' title= and image alt (Document::anchors).
#include "clean/links.h"

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "clean/decode.h"
#include "clean/dom.h"
#include "clean/parse.h"
#include "clean/selector.h"
#include "clean/text.h"

namespace clean {
namespace {

// An anchor's text is a title; an unclosed <a> can hold the rest of the
// page, so its text is read no further than this.
constexpr std::size_t kMaxLinkTextBytes = 4096;
constexpr int kMaxLinkTextNodes = 1024;
// Fragments passed to html_text() are titles: shallow.
constexpr int kFragmentMaxDepth = 64;

// The raw text below `anchor`, bounded by kMaxLinkTextBytes/-Nodes and cut
// on a code point boundary.
std::string anchor_text(const Document& doc, NodeId anchor) {
  std::string out;
  NodeId n = anchor;
  for (int visited = 0; visited < kMaxLinkTextNodes && out.size() < kMaxLinkTextBytes; ++visited) {
    const Node& node = doc[n];
    if (node.tag == Tag::kText) out += node.text;
    if (node.first_child != kNoNode) {
      n = node.first_child;
      continue;
    }
    while (n != anchor && doc[n].next_sibling == kNoNode) n = doc[n].parent;
    if (n == anchor) break;
    n = doc[n].next_sibling;
  }
  out.resize(utf8_prefix(out, kMaxLinkTextBytes).size());
  return out;
}

// `text` less a trailing ellipsis: "…", "……", "...", "。。。".
std::string_view without_ellipsis(std::string_view text) {
  for (bool again = true; again;) {
    again = false;
    for (std::string_view tail : {"…", "...", "。。。", " "}) {
      if (text.ends_with(tail)) {
        text.remove_suffix(tail.size());
        again = true;
      }
    }
  }
  return text;
}

// The anchor's title attribute when the visible text is a cut-off copy of it.
bool title_completes(std::string_view visible, std::string_view title) {
  const std::string_view prefix = without_ellipsis(visible);
  return !prefix.empty() && title.size() > prefix.size() && title.starts_with(prefix);
}

// For each href, the first non-empty title attribute and image alt text
// (whitespace collapsed) of an anchor to it anywhere in the page: in the
// scope or not, kept in the tree or not.
struct TitlesByHref {
  std::unordered_map<std::string_view, std::string> title;
  std::unordered_map<std::string_view, std::string> alt;
};

TitlesByHref titles_by_href(const Document& doc) {
  TitlesByHref out;
  for (const AnchorInfo& a : doc.anchors) {
    if (!out.title.contains(a.href)) {
      std::string title = collapse_whitespace(a.title);
      if (!title.empty()) out.title.emplace(a.href, std::move(title));
    }
    if (!out.alt.contains(a.href)) {
      std::string alt = collapse_whitespace(a.img_alt);
      if (!alt.empty()) out.alt.emplace(a.href, std::move(alt));
    }
  }
  return out;
}

std::string_view lookup(const std::unordered_map<std::string_view, std::string>& map,
                        std::string_view key) {
  const auto it = map.find(key);
  return it == map.end() ? std::string_view() : std::string_view(it->second);
}

// The scope's roots: the whole document, or the selector's outermost matches.
std::vector<NodeId> scope_roots(const Document& doc, std::string_view selector, bool& ok) {
  ok = true;
  if (collapse_whitespace(selector).empty()) {
    if (doc.root() == kNoNode) return {};
    return {doc.root()};
  }
  const Selector parsed(selector);
  ok = parsed.ok();
  return parsed.select_outermost(doc);
}

}  // namespace

PageLinks links(const Input& input, std::string_view scope_selector, const Options& options) {
  PageLinks result;
  std::string_view bytes = input.bytes;
  if (bytes.size() > options.max_input_bytes) bytes = bytes.substr(0, options.max_input_bytes);
  // 1. decode, 2. parse: as extract() does.
  const Decoded decoded = decode(bytes, input.http_charset);
  result.charset = decoded.charset;
  const Document doc = parse(decoded.text, options.max_depth);
  result.base_href = doc.base_href;

  const std::vector<NodeId> roots = scope_roots(doc, scope_selector, result.selector_ok);
  for (const NodeId root : roots) {
    doc.walk(root, [&](NodeId id) {
      const Node& n = doc[id];
      if (n.tag == Tag::kA && !n.href.empty()) {
        result.links.push_back({n.href, collapse_whitespace(anchor_text(doc, id))});
      }
      return true;
    });
  }

  if (result.links.empty()) return result;
  const TitlesByHref titles = titles_by_href(doc);
  for (Link& link : result.links) {
    const std::string_view title = lookup(titles.title, link.href);
    if (link.text.empty()) {
      link.image_link = true;
      link.text = title.empty() ? lookup(titles.alt, link.href) : title;
    } else if (title_completes(link.text, title)) {
      link.text = title;
    }
  }
  return result;
}

std::string html_text(std::string_view html) {
  // Plain text, the common case, needs no parser.
  if (html.find_first_of("<&") == std::string_view::npos) return collapse_whitespace(html);
  const Document doc = parse(html, kFragmentMaxDepth);
  if (doc.root() == kNoNode) return "";
  return collapse_whitespace(doc.inner_text(doc.root()));
}

}  // namespace clean
