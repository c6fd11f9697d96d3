// Links of a page: decode and parse exactly as extract() does (so a list
// page's hidden menus and <noscript> copies are dropped the same way), then
// the anchors inside the scope.
//
// The parse stage's Document keeps an anchor's href but neither its title
// attribute nor the page's <base>; when a page may need them (an image link,
// a title= or a <base> in its text) a second Gumbo parse reads them.
#include "clean/links.h"

#include <gumbo.h>

#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "clean/decode.h"
#include "clean/dom.h"
#include "clean/gumbo_tree.h"
#include "clean/parse.h"
#include "clean/selector.h"
#include "clean/text.h"

namespace clean {
namespace {

// An image link's <img> sits right inside the anchor; a search further than
// this many nodes is a page whose unclosed <a> swallowed the rest.
constexpr int kMaxImgSearchNodes = 64;
// An anchor's text is a title; an unclosed <a> can hold the rest of the
// page, so its text is read no further than this.
constexpr std::size_t kMaxLinkTextBytes = 4096;
constexpr int kMaxLinkTextNodes = 1024;
// Fragments passed to html_text() are titles: shallow.
constexpr int kFragmentMaxDepth = 64;

std::string_view attribute(const GumboElement& e, const char* name) {
  const GumboAttribute* a = gumbo_get_attribute(&e.attributes, name);
  return a != nullptr ? std::string_view(a->value) : std::string_view();
}

bool contains_ci(std::string_view haystack, std::string_view lower_needle) {
  const auto it =
      std::search(haystack.begin(), haystack.end(), lower_needle.begin(), lower_needle.end(),
                  [](char a, char b) {
                    return (a >= 'A' && a <= 'Z' ? static_cast<char>(a - 'A' + 'a') : a) == b;
                  });
  return it != haystack.end();
}

// The alt text of the first <img> below `anchor`, searched breadth-first.
std::string_view first_img_alt(const GumboNode* anchor) {
  std::vector<const GumboNode*> queue{anchor};
  for (std::size_t i = 0; i < queue.size() && i < kMaxImgSearchNodes; ++i) {
    const GumboNode* n = queue[i];
    if (n->type != GUMBO_NODE_ELEMENT) continue;
    if (n->v.element.tag == GUMBO_TAG_IMG) return attribute(n->v.element, "alt");
    const GumboVector& kids = n->v.element.children;
    for (unsigned k = 0; k < kids.length; ++k)
      queue.push_back(static_cast<const GumboNode*>(kids.data[k]));
  }
  return {};
}

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
  if (out.size() > kMaxLinkTextBytes) {
    std::size_t cut = kMaxLinkTextBytes;
    while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;
    out.resize(cut);
  }
  return out;
}

// What the Document leaves out: the first <base href>, and for each href the
// first non-empty title attribute and image alt text of an anchor to it.
struct GumboExtras {
  std::string base_href;
  std::unordered_map<std::string, std::string> title_by_href;
  std::unordered_map<std::string, std::string> alt_by_href;
};

GumboExtras read_extras(std::string_view html) {
  GumboExtras extras;
  const GumboTree tree(html);
  if (tree.root() == nullptr) return extras;
  std::vector<const GumboNode*> stack{tree.root()};
  bool have_base = false;
  while (!stack.empty()) {
    const GumboNode* n = stack.back();
    stack.pop_back();
    if (n->type != GUMBO_NODE_ELEMENT) continue;
    const GumboElement& e = n->v.element;
    if (e.tag == GUMBO_TAG_BASE && !have_base && gumbo_get_attribute(&e.attributes, "href")) {
      have_base = true;  // HTML: the first <base> with an href counts
      extras.base_href = attribute(e, "href");
    } else if (e.tag == GUMBO_TAG_A) {
      const std::string href(attribute(e, "href"));
      if (!href.empty() && !extras.title_by_href.contains(href)) {
        std::string title = collapse_whitespace(attribute(e, "title"));
        if (!title.empty()) extras.title_by_href.emplace(href, std::move(title));
      }
      if (!href.empty() && !extras.alt_by_href.contains(href)) {
        std::string alt = collapse_whitespace(first_img_alt(n));
        if (!alt.empty()) extras.alt_by_href.emplace(href, std::move(alt));
      }
    }
    for (unsigned k = e.children.length; k-- > 0;) {
      stack.push_back(static_cast<const GumboNode*>(e.children.data[k]));
    }
  }
  return extras;
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

std::string_view lookup(const std::unordered_map<std::string, std::string>& map,
                        const std::string& key) {
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

  const std::vector<NodeId> roots = scope_roots(doc, scope_selector, result.selector_ok);
  bool unlabelled = false;
  for (const NodeId root : roots) {
    doc.walk(root, [&](NodeId id) {
      const Node& n = doc[id];
      if (n.tag == Tag::kA && !n.href.empty()) {
        result.links.push_back({n.href, collapse_whitespace(anchor_text(doc, id))});
        unlabelled = unlabelled || result.links.back().text.empty();
      }
      return true;
    });
  }

  // The second parse only when the page may need it.
  const bool want_base = contains_ci(decoded.text, "<base");
  const bool want_titles =
      !result.links.empty() && (unlabelled || contains_ci(decoded.text, "title="));
  if (!want_base && !want_titles) return result;
  GumboExtras extras = read_extras(decoded.text);
  result.base_href = std::move(extras.base_href);
  for (Link& link : result.links) {
    const std::string_view title = lookup(extras.title_by_href, link.href);
    if (link.text.empty()) {
      link.image_link = true;
      link.text = title.empty() ? lookup(extras.alt_by_href, link.href) : title;
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
