#include "clean/prune.h"

#include <vector>

#include "clean/hints.h"
#include "clean/text.h"

namespace clean {
namespace {

constexpr int kShareWidgetMaxLength = 500;  // a longer "share" block holds content
constexpr int kBylineMaxLength = 100;        // Readability's byline cap
constexpr int kCaptionMaxLength = 300;
constexpr int kLinkLineMaxLength = 80;       // a short paragraph that is all link
constexpr double kLinkLineDensity = 0.9;
constexpr int kFewCommas = 10;              // more: the block is prose, keep it
constexpr int kListItemAllowance = 100;     // Readability lets lists be this long
constexpr int kMinBlockLength = 25;
constexpr double kListShare = 0.9;          // a block this much list text is a list
constexpr double kMaxLinkDensity = 0.2;
constexpr double kMaxLinkDensityPositive = 0.5;  // for blocks with a positive hint
constexpr int kPositiveWeight = 25;
constexpr int kDataTableMinRows = 10;
constexpr int kDataTableMinColumns = 5;
constexpr int kDataTableMinCells = 11;

bool similar_to_title(std::string_view heading, std::string_view title) {
  const std::string h = collapse_whitespace(heading);
  const std::string t = collapse_whitespace(title);
  if (h.empty() || t.empty()) return false;
  constexpr std::size_t kMinBytes = 6;  // two Han characters
  return h == t || (h.size() >= kMinBytes && t.find(h) != std::string::npos) ||
         (t.size() >= kMinBytes && h.find(t) != std::string::npos);
}

class Pruner {
 public:
  Pruner(const Document& doc, NodeStats& stats, Selection& sel, std::string_view title, int flags)
      : doc_(doc), stats_(stats), sel_(sel), title_(title), flags_(flags),
        is_root_(doc.nodes.size(), false), data_table_(doc.nodes.size(), false) {
    for (NodeId r : sel_.roots) is_root_[r] = true;
  }

  void run();

 private:
  void remove(NodeId id) {
    sel_.removed[id] = true;
    stats_.remove(id);
  }
  bool removed_or_under_removed(NodeId id) const {
    for (NodeId a = id; a != kNoNode; a = doc_[a].parent) {
      if (sel_.removed[a]) return true;
      if (is_root_[a]) return false;
    }
    return false;
  }
  bool protected_root(NodeId id) const { return is_root_[id] && (flags_ & kKeepRoots); }
  void collect();
  void remove_chrome();
  bool is_data_table(NodeId table) const;
  bool near_data_table(NodeId id) const;
  bool should_remove(NodeId id) const;
  bool is_link_line(NodeId id) const;
  void clean_conditionally(Tag a, Tag b);

  const Document& doc_;
  NodeStats& stats_;
  Selection& sel_;
  std::string_view title_;
  const int flags_;
  std::vector<bool> is_root_;
  std::vector<bool> data_table_;
  std::vector<NodeId> elements_;  // under the roots, document order
};

void Pruner::collect() {
  for (NodeId r : sel_.roots) {
    doc_.walk(r, [&](NodeId id) {
      if (sel_.removed[id]) return false;
      if (doc_[id].tag == Tag::kText) return false;
      elements_.push_back(id);
      return true;
    });
  }
  for (NodeId id : elements_) {
    if (doc_[id].tag == Tag::kTable) data_table_[id] = is_data_table(id);
  }
}

// Blocks that are chrome wherever they sit.
void Pruner::remove_chrome() {
  bool title_heading_seen = false;
  for (NodeId id : elements_) {
    if (protected_root(id) || removed_or_under_removed(id)) continue;
    const Node& n = doc_[id];
    const bool chrome_tag = n.tag == Tag::kNav || n.tag == Tag::kAside || n.tag == Tag::kFooter;
    const int length = stats_[id].text;
    const bool share = !is_root_[id] && is_share_widget(n.id_class) && length < kShareWidgetMaxLength;
    const bool byline = is_byline(n.id_class) && length < kBylineMaxLength;
    const bool caption = n.tag == Tag::kFigcaption || (is_caption(n.id_class) && length < kCaptionMaxLength);
    bool heading = false;
    if (n.tag == Tag::kH1 || n.tag == Tag::kH2) {
      heading = (flags_ & kWeightClasses) && node_class_weight(n) < 0;
      if (!title_heading_seen && similar_to_title(doc_.inner_text(id), title_)) {
        title_heading_seen = heading = true;
      }
    }
    if (chrome_tag || share || byline || caption || heading) remove(id);
  }
}

// Readability's _markDataTables: real tables of data stay whatever their links.
bool Pruner::is_data_table(NodeId table) const {
  bool header = false, nested = false;
  int rows = 0, columns = 0, cells = 0;
  doc_.walk(table, [&](NodeId id) {
    const Tag t = doc_[id].tag;
    if (id != table && t == Tag::kTable) {
      nested = true;
      return false;
    }
    if (t == Tag::kTh || t == Tag::kThead || t == Tag::kTfoot || t == Tag::kCaption) header = true;
    if (t == Tag::kTr) {
      ++rows;
      cells = 0;
    }
    if (t == Tag::kTd || t == Tag::kTh) columns = std::max(columns, ++cells);
    return t != Tag::kText;
  });
  if (header) return true;
  if (nested) return false;
  return rows >= kDataTableMinRows || columns >= kDataTableMinColumns ||
         rows * columns >= kDataTableMinCells;
}

bool Pruner::near_data_table(NodeId id) const {
  for (NodeId a = doc_[id].parent; a != kNoNode; a = doc_[a].parent) {
    if (data_table_[a]) return true;
  }
  bool holds = false;
  doc_.walk(id, [&](NodeId d) {
    holds = holds || (d != id && data_table_[d]);
    return !holds && doc_[d].tag != Tag::kText;
  });
  return holds;
}

bool Pruner::should_remove(NodeId id) const {
  const Node& n = doc_[id];
  const NodeCounts& c = stats_[id];
  if (n.tag == Tag::kTable && data_table_[id]) return false;
  if (near_data_table(id)) return false;
  const int weight = (flags_ & kWeightClasses) ? node_class_weight(n) : 0;
  if (weight < 0) return true;
  if (c.commas >= kFewCommas) return false;
  const bool is_list = n.tag == Tag::kUl || n.tag == Tag::kOl ||
                       (c.text > 0 && c.list_text > kListShare * c.text);
  const int p = c.paragraphs;
  const int img = c.images;
  const int li = c.list_items - kListItemAllowance;
  const double link_density = stats_.link_density(id);
  const double heading_density = c.text ? static_cast<double>(c.heading) / c.text : 0.0;
  int textish = 0;
  for (NodeId k = n.first_child; k != kNoNode; k = doc_[k].next_sibling) {
    if (!sel_.removed[k]) textish += stats_[k].textish;
  }
  if (c.text < kMinBlockLength && is_ad_or_loading_label(doc_.inner_text(id))) return true;
  bool figure = false;
  for (NodeId a = n.parent; a != kNoNode && !figure; a = doc_[a].parent) figure = doc_[a].tag == Tag::kFigure;
  if (!figure && img > 1 && p * 2 < img) return true;
  if (!is_list && li > p) return true;
  if (!is_list && !figure && heading_density < 0.9 && c.text < kMinBlockLength &&
      (img == 0 || img > 2) && link_density > 0) {
    return true;
  }
  if (!is_list && weight < kPositiveWeight && link_density > kMaxLinkDensity) return true;
  if (weight >= kPositiveWeight && link_density > kMaxLinkDensityPositive) return true;
  if (img == 0 && textish == 0) return true;
  return false;
}

bool Pruner::is_link_line(NodeId id) const {
  const NodeCounts& c = stats_[id];
  return c.text > 0 && c.text < kLinkLineMaxLength && stats_.link_density(id) >= kLinkLineDensity;
}

void Pruner::clean_conditionally(Tag a, Tag b) {
  for (auto it = elements_.rbegin(); it != elements_.rend(); ++it) {
    const NodeId id = *it;
    const Tag t = doc_[id].tag;
    if (t != a && t != b) continue;
    if (protected_root(id) || removed_or_under_removed(id)) continue;
    // A <div> with no block inside reads as a <p>: pruned only when it is a
    // short line of links ("Share this on WhatsApp", "返回首页").
    if (stats_.is_paragraph_like(id)) {
      if (is_link_line(id)) remove(id);
      continue;
    }
    if (should_remove(id)) remove(id);
  }
}

void Pruner::run() {
  collect();
  remove_chrome();
  if (!(flags_ & kCleanConditionally)) return;
  clean_conditionally(Tag::kForm, Tag::kFieldset);
  clean_conditionally(Tag::kTable, Tag::kTable);
  clean_conditionally(Tag::kUl, Tag::kUl);
  clean_conditionally(Tag::kDiv, Tag::kP);
}

}  // namespace

int node_class_weight(const Node& n) {
  const std::string_view names = n.id_class;
  return class_weight(names.substr(0, n.id.size()), names.substr(n.id.size() + 1));
}

void prune(const Document& doc, NodeStats& stats, Selection& sel, std::string_view title,
           int flags) {
  Pruner(doc, stats, sel, title, flags).run();
}

}  // namespace clean
