#include "clean/node_stats.h"

#include <string>
#include <string_view>

#include "clean/text.h"

namespace clean {
namespace {

int count_commas(std::string_view s) {
  int n = 0;
  for (std::size_t i = 0; i < s.size();) {
    const char32_t cp = next_code_point(s, i);
    if (cp == ',' || cp == U'，' || cp == U'、') ++n;
  }
  return n;
}

// A link to a document file: a government notice's 附件 list is part of
// the notice, not a list of headlines, however many links it holds.
bool is_attachment(std::string_view href) {
  href = href.substr(0, href.find_first_of("?#"));
  constexpr std::string_view kDocuments[] = {".doc", ".docx", ".et",  ".pdf", ".ppt", ".pptx",
                                             ".rar", ".wps",  ".xls", ".xlsx", ".zip"};
  const std::string lower = ascii_lower(href.substr(href.size() > 8 ? href.size() - 8 : 0));
  for (std::string_view ext : kDocuments) {
    if (std::string_view(lower).ends_with(ext)) return true;
  }
  return false;
}

bool is_textish(Tag t) {
  switch (t) {
    case Tag::kSpan: case Tag::kLi: case Tag::kTd: case Tag::kBlockquote:
    case Tag::kDl: case Tag::kDiv: case Tag::kOl: case Tag::kP: case Tag::kPre:
    case Tag::kTable: case Tag::kUl: case Tag::kFont: case Tag::kStrong:
    case Tag::kB: case Tag::kEm: case Tag::kI: case Tag::kA: case Tag::kSection:
    case Tag::kArticle:
      return true;
    default:
      return false;
  }
}

}  // namespace

void NodeCounts::add(const NodeCounts& c) {
  text += c.text;
  link += c.link;
  links += c.links;
  commas += c.commas;
  punct += c.punct;
  heading += c.heading;
  textish += c.textish;
  paragraphs += c.paragraphs;
  images += c.images;
  list_items += c.list_items;
  list_text += c.list_text;
  tables += c.tables;
}

void NodeCounts::subtract(const NodeCounts& c) {
  text -= c.text;
  link -= c.link;
  links -= c.links;
  commas -= c.commas;
  punct -= c.punct;
  heading -= c.heading;
  textish -= c.textish;
  paragraphs -= c.paragraphs;
  images -= c.images;
  list_items -= c.list_items;
  list_text -= c.list_text;
  tables -= c.tables;
}

TextCounts::TextCounts(const Document& doc) : entries_(doc.nodes.size()) {
  for (NodeId id = 0; id < doc.nodes.size(); ++id) {
    const Node& n = doc[id];
    if (n.tag != Tag::kText) continue;
    const TextStats st = text_stats(n.text);
    entries_[id] = {st.weighted, st.punct, st.punct ? count_commas(n.text) : 0, st.chars > 0};
  }
}

NodeStats::NodeStats(const Document& doc, const TextCounts& text, const std::vector<bool>& masked)
    : doc_(doc), counts_(doc.nodes.size()), first_text_(doc.nodes.size(), kNoNode) {
  // Children always have larger ids than their parents: one reverse pass.
  // It meets a parent's children last to first, so the first child with
  // text writes the parent's first_text last.
  for (NodeId id = static_cast<NodeId>(doc.nodes.size()); id-- > 0;) {
    const Node& n = doc[id];
    NodeCounts& c = counts_[id];
    if (n.tag == Tag::kText) {
      const TextCounts::Entry& t = text.entries_[id];
      c.text = t.text;
      c.punct = t.punct;
      c.commas = t.commas;
      if (t.visible) first_text_[id] = id;
    } else {
      if (n.tag == Tag::kA) {
        c.link = c.text;
        // Nested <a> is invalid HTML; Gumbo never builds it.
        c.links = c.text > 0 && !is_attachment(n.href) ? 1 : 0;
      }
      if (is_heading(n.tag)) c.heading = c.text;
      if (is_textish(n.tag)) c.textish = c.text;
      if (n.tag == Tag::kUl || n.tag == Tag::kOl) c.list_text = c.text;
      if (n.tag == Tag::kImg) ++c.images;
      if (n.tag == Tag::kLi) ++c.list_items;
      if (n.tag == Tag::kTable) ++c.tables;
      if (is_paragraph_like(id)) ++c.paragraphs;
    }
    if (n.parent != kNoNode && first_text_[id] != kNoNode) first_text_[n.parent] = first_text_[id];
    if (n.parent == kNoNode || (!masked.empty() && masked[id])) continue;
    NodeCounts& p = counts_[n.parent];
    p.add(c);
    if (n.tag != Tag::kText && (is_block(n.tag) || c.has_block)) p.has_block = true;
  }
}

double NodeStats::link_density(NodeId id) const {
  const NodeCounts& c = counts_[id];
  return c.text > 0 ? static_cast<double>(c.link) / c.text : 0.0;
}

bool NodeStats::is_paragraph_like(NodeId id) const {
  const Tag t = doc_[id].tag;
  return t == Tag::kP || (t == Tag::kDiv && !counts_[id].has_block);
}

void NodeStats::remove(NodeId id) {
  const NodeCounts c = counts_[id];
  for (NodeId a = doc_[id].parent; a != kNoNode; a = doc_[a].parent) counts_[a].subtract(c);
}

}  // namespace clean
