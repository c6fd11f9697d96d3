#include "clean/linearize.h"

#include "clean/text.h"

namespace clean {
namespace {

class Linearizer {
 public:
  Linearizer(const Document& doc, const Selection& sel) : doc_(doc), sel_(sel) {
    has_block_.assign(doc.nodes.size(), false);
    for (NodeId id = static_cast<NodeId>(doc.nodes.size()); id-- > 1;) {
      const Node& n = doc[id];
      if (n.parent != kNoNode && n.tag != Tag::kText && (is_block(n.tag) || has_block_[id])) {
        has_block_[n.parent] = true;
      }
    }
  }

  std::vector<std::string> run();

 private:
  // Cells of a row are joined on one line unless they hold blocks themselves.
  bool is_break(NodeId id) const {
    const Tag t = doc_[id].tag;
    if (t == Tag::kTd || t == Tag::kTh) return has_block_[id];
    return is_block(t);
  }
  bool enter(NodeId id);
  void leave(NodeId id);
  void visit(NodeId root);
  void flush() {
    std::string p = collapse_whitespace(line_);
    if (!p.empty()) out_.push_back(std::move(p));
    line_.clear();
  }

  const Document& doc_;
  const Selection& sel_;
  std::vector<bool> has_block_;
  std::string line_;
  int pre_depth_ = 0;
  std::vector<std::string> out_;
};

bool Linearizer::enter(NodeId id) {
  const Node& n = doc_[id];
  if (n.tag == Tag::kText) {
    if (pre_depth_ == 0) {
      line_ += n.text;
      return false;
    }
    // Inside <pre> the author's line breaks are the line structure.
    for (char c : n.text) {
      if (c == '\n') flush();
      else line_ += c;
    }
    return false;
  }
  if (n.tag == Tag::kPre) ++pre_depth_;
  if (n.tag == Tag::kBr || is_break(id)) flush();
  if ((n.tag == Tag::kTd || n.tag == Tag::kTh) && !line_.empty()) line_ += ' ';
  return true;
}

void Linearizer::leave(NodeId id) {
  if (doc_[id].tag == Tag::kPre) --pre_depth_;
  if (doc_[id].tag != Tag::kText && is_break(id)) flush();
}

void Linearizer::visit(NodeId root) {
  NodeId n = root;
  while (true) {
    const bool descend = !sel_.removed[n] && enter(n);
    if (descend && doc_[n].first_child != kNoNode) {
      n = doc_[n].first_child;
      continue;
    }
    while (true) {
      if (!sel_.removed[n]) leave(n);
      if (n == root) return;
      if (doc_[n].next_sibling != kNoNode) {
        n = doc_[n].next_sibling;
        break;
      }
      n = doc_[n].parent;
    }
  }
}

std::vector<std::string> Linearizer::run() {
  NodeId previous = kNoNode;
  for (NodeId root : sel_.roots) {
    if (previous != kNoNode && doc_[previous].next_sibling != root) flush();
    if (!sel_.removed[root]) visit(root);
    previous = root;
  }
  flush();
  return std::move(out_);
}

}  // namespace

std::vector<std::string> linearize(const Document& doc, const Selection& selection) {
  if (selection.removed.size() != doc.nodes.size()) return {};
  return Linearizer(doc, selection).run();
}

}  // namespace clean
