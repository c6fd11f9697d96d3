// Stage 2: Gumbo's tree -> our flat Document, leaving out what can never be
// article text, and noting on the way what links() reads of anchors and
// <base>, so that a list page is parsed once.
#include "clean/parse.h"

#include <algorithm>
#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "clean/gumbo_tree.h"
#include "clean/markup_bounds.h"
#include "clean/prescan.h"
#include "clean/text.h"

namespace clean {
namespace {

// An image link's <img> sits right inside the anchor; a search further than
// this many nodes is a page whose unclosed <a> swallowed the rest.
constexpr std::size_t kMaxImgSearchNodes = 64;
constexpr std::size_t kMaxIdClassBytes = 1024;  // see leading_words()

// Room for the Document's nodes: about one per '<' on the corpus (the most
// 1.94, over 163 pages), so twice that spares the copies of a growing vector
// (Node holds five strings). A guess, not a bound: Gumbo adds implied and
// reconstructed elements.
constexpr std::size_t kNodesPerTagOpen = 2;
constexpr std::size_t kMinNodes = 16;

std::size_t expected_nodes(std::string_view html) {
  return kNodesPerTagOpen * static_cast<std::size_t>(std::count(html.begin(), html.end(), '<')) +
         kMinNodes;
}

// Gumbo tag -> our Tag, for the tags the stages tell apart.
constexpr std::pair<GumboTag, Tag> kTagTable[] = {
    {GUMBO_TAG_HTML, Tag::kHtml},       {GUMBO_TAG_BODY, Tag::kBody},
    {GUMBO_TAG_A, Tag::kA},             {GUMBO_TAG_P, Tag::kP},
    {GUMBO_TAG_DIV, Tag::kDiv},         {GUMBO_TAG_SPAN, Tag::kSpan},
    {GUMBO_TAG_BR, Tag::kBr},           {GUMBO_TAG_HR, Tag::kHr},
    {GUMBO_TAG_IMG, Tag::kImg},         {GUMBO_TAG_H1, Tag::kH1},
    {GUMBO_TAG_H2, Tag::kH2},           {GUMBO_TAG_H3, Tag::kH3},
    {GUMBO_TAG_H4, Tag::kH4},           {GUMBO_TAG_H5, Tag::kH5},
    {GUMBO_TAG_H6, Tag::kH6},           {GUMBO_TAG_UL, Tag::kUl},
    {GUMBO_TAG_OL, Tag::kOl},           {GUMBO_TAG_LI, Tag::kLi},
    {GUMBO_TAG_DL, Tag::kDl},           {GUMBO_TAG_DT, Tag::kDt},
    {GUMBO_TAG_DD, Tag::kDd},           {GUMBO_TAG_TABLE, Tag::kTable},
    {GUMBO_TAG_TBODY, Tag::kTbody},     {GUMBO_TAG_THEAD, Tag::kThead},
    {GUMBO_TAG_TFOOT, Tag::kTfoot},     {GUMBO_TAG_TR, Tag::kTr},
    {GUMBO_TAG_TD, Tag::kTd},           {GUMBO_TAG_TH, Tag::kTh},
    {GUMBO_TAG_CAPTION, Tag::kCaption}, {GUMBO_TAG_PRE, Tag::kPre},
    {GUMBO_TAG_BLOCKQUOTE, Tag::kBlockquote}, {GUMBO_TAG_SECTION, Tag::kSection},
    {GUMBO_TAG_ARTICLE, Tag::kArticle}, {GUMBO_TAG_MAIN, Tag::kMain},
    {GUMBO_TAG_ASIDE, Tag::kAside},     {GUMBO_TAG_NAV, Tag::kNav},
    {GUMBO_TAG_HEADER, Tag::kHeader},   {GUMBO_TAG_FOOTER, Tag::kFooter},
    {GUMBO_TAG_FIGURE, Tag::kFigure},   {GUMBO_TAG_FIGCAPTION, Tag::kFigcaption},
    {GUMBO_TAG_ADDRESS, Tag::kAddress}, {GUMBO_TAG_CENTER, Tag::kCenter},
    {GUMBO_TAG_FONT, Tag::kFont},       {GUMBO_TAG_STRONG, Tag::kStrong},
    {GUMBO_TAG_B, Tag::kB},             {GUMBO_TAG_EM, Tag::kEm},
    {GUMBO_TAG_I, Tag::kI},             {GUMBO_TAG_U, Tag::kU},
    {GUMBO_TAG_FORM, Tag::kForm},       {GUMBO_TAG_FIELDSET, Tag::kFieldset},
    // Blocks with no role of their own in scoring.
    {GUMBO_TAG_DETAILS, Tag::kBlockOther}, {GUMBO_TAG_SUMMARY, Tag::kBlockOther},
    {GUMBO_TAG_LEGEND, Tag::kBlockOther},  {GUMBO_TAG_MENU, Tag::kBlockOther},
    {GUMBO_TAG_HGROUP, Tag::kBlockOther},
    {GUMBO_TAG_LISTING, Tag::kBlockOther}, {GUMBO_TAG_XMP, Tag::kBlockOther},
    {GUMBO_TAG_PLAINTEXT, Tag::kBlockOther}, {GUMBO_TAG_DIR, Tag::kBlockOther},
    {GUMBO_TAG_UNKNOWN, Tag::kBlockOther},  // custom elements are mostly blocks
};

// Elements whose subtree is never article text.
constexpr GumboTag kDroppedTags[] = {
    GUMBO_TAG_HEAD,   GUMBO_TAG_SCRIPT,   GUMBO_TAG_STYLE,    GUMBO_TAG_NOSCRIPT,
    GUMBO_TAG_TEMPLATE, GUMBO_TAG_IFRAME, GUMBO_TAG_FRAME,    GUMBO_TAG_FRAMESET,
    GUMBO_TAG_SVG,    GUMBO_TAG_MATH,     GUMBO_TAG_CANVAS,   GUMBO_TAG_INPUT,
    GUMBO_TAG_SELECT, GUMBO_TAG_TEXTAREA, GUMBO_TAG_BUTTON,   GUMBO_TAG_OPTION,
    GUMBO_TAG_OPTGROUP, GUMBO_TAG_DATALIST, GUMBO_TAG_OBJECT, GUMBO_TAG_EMBED,
    GUMBO_TAG_APPLET, GUMBO_TAG_AUDIO,    GUMBO_TAG_VIDEO,    GUMBO_TAG_MAP,
    GUMBO_TAG_LINK,   GUMBO_TAG_TITLE,    GUMBO_TAG_META,     GUMBO_TAG_BASE,
    GUMBO_TAG_KEYGEN, GUMBO_TAG_NOFRAMES, GUMBO_TAG_NOEMBED,  GUMBO_TAG_PARAM,
    GUMBO_TAG_SOURCE, GUMBO_TAG_TRACK,
};

struct TagTables {
  std::array<Tag, GUMBO_TAG_LAST + 1> tag;
  std::array<bool, GUMBO_TAG_LAST + 1> dropped;
  constexpr TagTables() : tag(), dropped() {
    for (auto& t : tag) t = Tag::kOther;
    for (auto [g, t] : kTagTable) tag[g] = t;
    for (auto g : kDroppedTags) dropped[g] = true;
  }
};
constexpr TagTables kTables;

// REQUIRES: `name` is kept by the pre-scan on e's tag (kKeptEverywhere /
// kKeptOnTag in prescan.cc); any other attribute has been stripped.
std::string_view attr(const GumboElement& e, const char* name) {
  const GumboAttribute* a = gumbo_get_attribute(&e.attributes, name);
  return a ? std::string_view(a->value) : std::string_view();
}

bool style_hides(std::string_view style) {
  std::string s;
  for (char c : style) {
    if (c != ' ' && c != '\t' && c != '\n') s += (c >= 'A' && c <= 'Z') ? char(c + 32) : c;
  }
  return s.find("display:none") != std::string::npos ||
         s.find("visibility:hidden") != std::string::npos;
}

// What the tree keeps of an element's attributes, in one pass over Gumbo's
// list instead of a case-insensitive search per name: Gumbo has lower-cased
// the names and kept only the first of duplicates.
struct ElementAttrs {
  std::string_view id;
  std::string_view classes;
  std::string_view href;
  bool hidden = false;  // `hidden`, aria-hidden="true", or a style that hides
};

// The leading whole words of a class or id value, at most kMaxIdClassBytes:
// hints and selectors read words, and every scan of a node's id_class costs
// its length (a page of 20 KB class values took seconds in locate).
std::string_view leading_words(std::string_view value) {
  if (value.size() <= kMaxIdClassBytes) return value;
  const std::size_t space = value.rfind(' ', kMaxIdClassBytes);
  return value.substr(0, space == std::string_view::npos ? kMaxIdClassBytes : space);
}

ElementAttrs read_attrs(const GumboElement& e) {
  ElementAttrs out;
  for (unsigned i = 0; i < e.attributes.length; ++i) {
    const auto* a = static_cast<const GumboAttribute*>(e.attributes.data[i]);
    const std::string_view name = a->name;
    const std::string_view value = a->value;
    if (name == "id") out.id = leading_words(value);
    else if (name == "class") out.classes = leading_words(value);
    else if (name == "href") out.href = value;
    else if (name == "hidden") out.hidden = true;
    else if (name == "aria-hidden") out.hidden = out.hidden || value == "true";
    else if (name == "style") out.hidden = out.hidden || style_hides(value);
  }
  return out;
}

// The alt text of the first <img> below `anchor`, searched breadth-first
// through Gumbo's tree (hidden or dropped descendants included).
std::string_view first_img_alt(const GumboNode* anchor) {
  std::array<const GumboNode*, kMaxImgSearchNodes> queue;
  std::size_t size = 0;
  queue[size++] = anchor;
  for (std::size_t i = 0; i < size; ++i) {
    const GumboNode* n = queue[i];
    if (n->type != GUMBO_NODE_ELEMENT) continue;
    if (n->v.element.tag == GUMBO_TAG_IMG) return attr(n->v.element, "alt");
    const GumboVector& kids = n->v.element.children;
    for (unsigned k = 0; k < kids.length && size < queue.size(); ++k) {
      queue[size++] = static_cast<const GumboNode*>(kids.data[k]);
    }
  }
  return {};
}

std::string node_text(const GumboNode* n) {
  std::string out;
  const GumboVector& kids = n->v.element.children;
  for (unsigned i = 0; i < kids.length; ++i) {
    auto* k = static_cast<const GumboNode*>(kids.data[i]);
    if (k->type == GUMBO_NODE_TEXT || k->type == GUMBO_NODE_CDATA ||
        k->type == GUMBO_NODE_WHITESPACE) {
      out += k->v.text.text;
    }
  }
  return out;
}

// Node::id_class, "<id> <classes>" lower-cased, in one allocation: every
// element gets one.
void set_id_class(Node& n) {
  n.id_class.reserve(n.id.size() + 1 + n.classes.size());
  n.id_class = n.id;
  n.id_class += ' ';
  n.id_class += n.classes;
  for (char& c : n.id_class) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
}

class Builder {
 public:
  Builder(Document& doc, int max_depth) : doc_(doc), max_depth_(max_depth) {}

  void build(const GumboNode* root);

 private:
  struct Pending {
    const GumboNode* node;
    NodeId parent;
    std::uint32_t depth;
  };

  void collect_head_element(const GumboNode* n);
  void note_link_attrs(const GumboNode* n);
  void note_dropped_link_attrs(const GumboNode* n);
  NodeId add(Tag tag, NodeId parent, std::uint32_t depth);
  void visit(const Pending& p, std::vector<Pending>& stack);

  Document& doc_;
  const int max_depth_;
  bool have_base_ = false;
  std::vector<const GumboNode*> dropped_stack_;  // scratch for note_dropped_link_attrs
};

NodeId Builder::add(Tag tag, NodeId parent, std::uint32_t depth) {
  const auto id = static_cast<NodeId>(doc_.nodes.size());
  Node& n = doc_.nodes.emplace_back();
  n.tag = tag;
  n.parent = parent;
  n.depth = depth;
  if (parent != kNoNode) {
    Node& p = doc_.nodes[parent];
    if (p.last_child == kNoNode) {
      p.first_child = id;
    } else {
      doc_.nodes[p.last_child].next_sibling = id;
    }
    p.last_child = id;
  }
  return id;
}

// <title>, <meta> and JSON-LD feed the metadata stage wherever they sit.
void Builder::collect_head_element(const GumboNode* n) {
  const GumboElement& e = n->v.element;
  if (e.tag == GUMBO_TAG_TITLE && doc_.title.empty()) {
    doc_.title = node_text(n);
  } else if (e.tag == GUMBO_TAG_META) {
    std::string_view name = attr(e, "name");
    if (name.empty()) name = attr(e, "property");
    if (name.empty()) name = attr(e, "itemprop");
    if (name.empty()) name = attr(e, "http-equiv");
    if (!name.empty()) doc_.metas.push_back({ascii_lower(name), std::string(attr(e, "content"))});
  } else if (e.tag == GUMBO_TAG_SCRIPT && ascii_lower(attr(e, "type")) == "application/ld+json") {
    doc_.json_ld.push_back(node_text(n));
  }
}

// What links() reads of an element, kept or not: an <a>'s title and image
// alt (Document::anchors), the first <base> with an href (HTML: only that one
// counts). Any namespace, as links() always took it.
void Builder::note_link_attrs(const GumboNode* n) {
  const GumboElement& e = n->v.element;
  if (e.tag == GUMBO_TAG_BASE) {
    if (!have_base_ && gumbo_get_attribute(&e.attributes, "href") != nullptr) {
      have_base_ = true;
      doc_.base_href = attr(e, "href");
    }
  } else if (e.tag == GUMBO_TAG_A) {
    const std::string_view href = attr(e, "href");
    if (href.empty()) return;
    const std::string_view title = attr(e, "title");
    const std::string_view img_alt = first_img_alt(n);
    if (title.empty() && img_alt.empty()) return;
    doc_.anchors.push_back({std::string(href), std::string(title), std::string(img_alt)});
  }
}

// The same for a subtree the tree leaves out, in document order. <template>
// contents are not the page's (nor were they for links()).
void Builder::note_dropped_link_attrs(const GumboNode* root) {
  dropped_stack_.assign(1, root);
  while (!dropped_stack_.empty()) {
    const GumboNode* n = dropped_stack_.back();
    dropped_stack_.pop_back();
    if (n->type != GUMBO_NODE_ELEMENT) continue;
    note_link_attrs(n);
    const GumboVector& kids = n->v.element.children;
    for (unsigned i = kids.length; i-- > 0;) {
      dropped_stack_.push_back(static_cast<const GumboNode*>(kids.data[i]));
    }
  }
}

void Builder::visit(const Pending& p, std::vector<Pending>& stack) {
  const GumboNode* g = p.node;
  if (g->type == GUMBO_NODE_TEXT || g->type == GUMBO_NODE_WHITESPACE ||
      g->type == GUMBO_NODE_CDATA) {
    const NodeId id = add(Tag::kText, p.parent, p.depth);
    doc_.nodes[id].text = g->v.text.text;
    return;
  }
  if (g->type != GUMBO_NODE_ELEMENT && g->type != GUMBO_NODE_TEMPLATE) return;  // comments
  const GumboElement& e = g->v.element;
  if (kTables.dropped[e.tag]) {
    note_dropped_link_attrs(g);
    collect_head_element(g);
    if (e.tag == GUMBO_TAG_HEAD) {
      // The head's children still hold title/meta/JSON-LD.
      for (unsigned i = 0; i < e.children.length; ++i) {
        auto* k = static_cast<const GumboNode*>(e.children.data[i]);
        if (k->type == GUMBO_NODE_ELEMENT) collect_head_element(k);
      }
    }
    return;
  }
  const ElementAttrs attrs = read_attrs(e);
  if (e.tag_namespace != GUMBO_NAMESPACE_HTML || attrs.hidden) {
    note_dropped_link_attrs(g);
    return;
  }
  if (e.tag == GUMBO_TAG_A) note_link_attrs(g);  // also when too deep for the tree

  NodeId self = p.parent;
  std::uint32_t depth = p.depth;
  if (static_cast<int>(p.depth) < max_depth_ || p.parent == kNoNode) {
    self = add(kTables.tag[e.tag], p.parent, p.depth);
    depth = p.depth + 1;
    Node& n = doc_.nodes[self];
    n.id = attrs.id;
    n.classes = attrs.classes;
    set_id_class(n);
    if (e.tag == GUMBO_TAG_A) n.href = attrs.href;
    if (e.tag == GUMBO_TAG_HTML) doc_.lang = ascii_lower(attr(e, "lang"));
  } else {
    ++doc_.flattened;  // too deep: its children attach to the deepest kept ancestor
  }
  // Push children in reverse so they pop in document order.
  for (unsigned i = e.children.length; i-- > 0;) {
    stack.push_back({static_cast<const GumboNode*>(e.children.data[i]), self, depth});
  }
}

void Builder::build(const GumboNode* root) {
  std::vector<Pending> stack{{root, kNoNode, 0}};
  while (!stack.empty()) {
    const Pending p = stack.back();
    stack.pop_back();
    visit(p, stack);
  }
}

}  // namespace

Document parse(std::string_view html, int max_depth, Prescan prescan) {
  Document doc;
  // Gumbo keeps pointers into its input: `scanned` outlives the tree.
  const std::string scanned = prescan == Prescan::kOff ? std::string() : clean::prescan(html, prescan);
  if (prescan != Prescan::kOff) html = scanned;
  // 2b. markup bounds: Gumbo's memory and time on a hostile page.
  const BoundedMarkup bounded = bound_markup(html, {.max_nesting = kMarkupNestingFactor * max_depth});
  if (bounded.changed) html = bounded.html;
  doc.cut_at_byte = bounded.cut_at_byte;
  doc.unnested = bounded.tags_unnested;
  doc.formatting_left_out = bounded.formatting_left_out;
  doc.attributes_left_out = bounded.attributes_left_out;
  GumboTree tree(html);
  if (tree.over_budget()) doc.over_budget = kMaxTreeBytes;
  if (tree.root() == nullptr) return doc;
  doc.nodes.reserve(expected_nodes(html));
  Builder(doc, max_depth).build(tree.root());
  return doc;
}

}  // namespace clean
