// Per-node text counts, aggregated bottom-up over the Document: what the
// locate stage scores with and the prune step judges by. Nodes masked out
// (dropped chrome, pruned blocks) contribute nothing to their ancestors;
// remove() keeps the ancestors' totals right after a late removal.
#ifndef JINGWEN_CLEAN_NODE_STATS_H_
#define JINGWEN_CLEAN_NODE_STATS_H_

#include <vector>

#include "clean/dom.h"

namespace clean {

struct NodeCounts {
  int text = 0;       // weighted text length (TextStats::weighted)
  int link = 0;       // weighted text length inside <a>
  int links = 0;      // <a> elements with text, document attachments left out
  int commas = 0;     // ，、, — Readability's "commas", Chinese included
  int punct = 0;      // all prose punctuation
  int heading = 0;    // weighted text inside h1–h6
  int textish = 0;    // weighted text inside p/div/span/li/td/... (not loose)
  int paragraphs = 0; // <p>, and divs with no block inside (read as <p>)
  int images = 0;
  int list_items = 0;
  int list_text = 0;  // weighted text inside ul/ol
  int tables = 0;
  bool has_block = false;  // some descendant element is a block

  void add(const NodeCounts& c);
  void subtract(const NodeCounts& c);
};

// The counts of each text node, which no mask changes: computed once per
// Document and shared by every NodeStats over it (each scorer retry, each
// site profile, each selection's length), so the page's text is decoded
// once rather than once per NodeStats.
class TextCounts {
 public:
  explicit TextCounts(const Document& doc);

 private:
  friend class NodeStats;
  struct Entry {
    int text = 0;    // TextStats::weighted
    int punct = 0;   // TextStats::punct
    int commas = 0;
    bool visible = false;  // some character is not whitespace
  };
  std::vector<Entry> entries_;  // by NodeId; elements have zeros
};

class NodeStats {
 public:
  // Counts every node not in `masked` (same size as doc.nodes, or empty).
  // REQUIRES: `text` was built from `doc`.
  NodeStats(const Document& doc, const TextCounts& text, const std::vector<bool>& masked);

  const NodeCounts& operator[](NodeId id) const { return counts_[id]; }
  double link_density(NodeId id) const;
  // A <p>, or a <div> with no block inside it (Readability's DIV_TO_P).
  bool is_paragraph_like(NodeId id) const;

  // Subtracts `id`'s counts from all its ancestors (it has been removed).
  void remove(NodeId id);

  // The first text node under `id` that is not all whitespace, masked or
  // not (its "first line"); kNoNode if none.
  NodeId first_text(NodeId id) const { return first_text_[id]; }

 private:
  const Document& doc_;
  std::vector<NodeCounts> counts_;
  std::vector<NodeId> first_text_;
};

}  // namespace clean

#endif  // JINGWEN_CLEAN_NODE_STATS_H_
