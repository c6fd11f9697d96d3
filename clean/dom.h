// The document tree the stages after parse work on: a flat arena of nodes
// built once from Gumbo's tree, with the nodes that can never be article text
// (script, style, comments, hidden elements, form controls, ...) already left
// out. Indices instead of pointers: cheap to build, cheap to walk, and the
// locate stage can keep per-node scores in a parallel vector.
#ifndef JINGWEN_CLEAN_DOM_H_
#define JINGWEN_CLEAN_DOM_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace clean {

// The element kinds the stages distinguish. Everything else is kOther
// (treated as inline) or kBlockOther (treated as a block).
enum class Tag : std::uint8_t {
  kText,  // a text node
  kOther,
  kBlockOther,
  kHtml, kBody, kA, kP, kDiv, kSpan, kBr, kHr, kImg,
  kH1, kH2, kH3, kH4, kH5, kH6,
  kUl, kOl, kLi, kDl, kDt, kDd,
  kTable, kTbody, kThead, kTfoot, kTr, kTd, kTh, kCaption,
  kPre, kBlockquote, kSection, kArticle, kMain, kAside, kNav, kHeader, kFooter,
  kFigure, kFigcaption, kAddress, kCenter, kFont, kStrong, kB, kEm, kI, kU,
  kForm, kFieldset,
};

bool is_block(Tag tag);
bool is_heading(Tag tag);

using NodeId = std::uint32_t;
constexpr NodeId kNoNode = 0xffffffffu;

struct Node {
  Tag tag = Tag::kOther;
  NodeId parent = kNoNode;
  NodeId first_child = kNoNode;
  NodeId last_child = kNoNode;
  NodeId next_sibling = kNoNode;
  std::uint32_t depth = 0;
  // Text nodes: the text (whitespace as in the source). Elements: empty.
  std::string text;
  // Elements: lower-cased `id` and `class` joined by a space, for hint matching.
  std::string id_class;
  std::string id;        // raw id attribute
  std::string classes;   // raw class attribute
  std::string href;      // <a href>; only its extension after Prescan::kForArticle
};

// An <a> with a non-empty href and a title attribute or an image alt text,
// for links(): it titles image links and cut-off link texts by href, from any
// anchor to the same href. So this covers every such <a> of the page, kept in
// `nodes` or not (hidden, inside <noscript>, beyond max depth, ...); anchors
// with neither cost nothing, nor does any other element.
struct AnchorInfo {
  std::string href;     // as written
  std::string title;    // title attribute, as written ("" if none)
  std::string img_alt;  // alt of its first <img> (breadth-first, 64 nodes at most), as written
};

struct Meta {
  std::string name;     // lower-cased name= / property= / itemprop= / http-equiv=
  std::string content;
};

struct Document {
  std::vector<Node> nodes;  // nodes[0] is the root (<html>)
  std::string title;        // <title> text
  std::vector<Meta> metas;  // <meta> tags in page order
  std::vector<std::string> json_ld;  // <script type="application/ld+json"> bodies
  std::string lang;         // <html lang>
  std::string base_href;    // the first <base href>, as written, wherever it sits
  std::vector<AnchorInfo> anchors;  // in page order
  int flattened = 0;        // elements dropped for exceeding max depth
  std::size_t cut_at_byte = 0;  // the markup was cut here, before Gumbo (0: it was not)
  std::size_t unnested = 0;     // start tags left out before Gumbo for their nesting
  std::size_t formatting_left_out = 0;  // formatting start tags over MarkupLimits::max_open_formatting
  std::size_t attributes_left_out = 0;  // attributes past MarkupLimits::max_attributes
  std::size_t over_budget = 0;  // the tree outgrew this many bytes: the parse was abandoned, no nodes (0: it did not)

  const Node& operator[](NodeId id) const { return nodes[id]; }
  NodeId root() const { return nodes.empty() ? kNoNode : 0; }

  // The concatenated text below `id` (raw; not collapsed).
  std::string inner_text(NodeId id) const;
  // Visits `id` and its descendants in document order; `fn(NodeId)` returns
  // false to skip that node's children. Iterative: safe on any depth.
  template <typename Fn>
  void walk(NodeId id, Fn&& fn) const;
};

template <typename Fn>
void Document::walk(NodeId id, Fn&& fn) const {
  if (id == kNoNode) return;
  NodeId n = id;
  while (true) {
    bool descend = fn(n);
    if (descend && nodes[n].first_child != kNoNode) {
      n = nodes[n].first_child;
      continue;
    }
    while (n != id && nodes[n].next_sibling == kNoNode) n = nodes[n].parent;
    if (n == id) return;
    n = nodes[n].next_sibling;
  }
}

}  // namespace clean

#endif  // JINGWEN_CLEAN_DOM_H_
