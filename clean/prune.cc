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
// A run or list with this many links and this share of its text in them is
// a list of links at any length. 0.9 missed express.co.uk's DON'T MISS run,
// three headlines tagged "[INSIGHT]|", "[VIDEO]" (0.87: sh-624fcd903d56fc70).
constexpr int kLinkListMinLinks = 3;
constexpr double kLinkListDensity = 0.8;
constexpr int kFewCommas = 10;              // more: the block is prose, keep it
constexpr int kListItemAllowance = 100;     // Readability lets lists be this long
constexpr int kMinBlockLength = 25;
constexpr double kListShare = 0.9;          // a block this much list text is a list
constexpr double kMaxLinkDensity = 0.2;
constexpr double kMaxLinkDensityPositive = 0.5;  // for blocks with a positive hint
constexpr int kPositiveWeight = 25;
constexpr double kEmbedShare = 0.9;         // a block this much embedded post is one
// The longest block a legal-notice heading may open: Yahoo's 著作权声明 is
// ~650 weighted characters, a forum's 郑重声明 rules ~220. A longer block
// under such a heading is a page *about* the notice, or a wrapper.
constexpr int kDisclaimerMaxLength = 1500;
constexpr int kMinCards = 3;                 // teaser grid: this many cards
constexpr int kCardMaxLength = 200;          // a teaser's text, weighted
constexpr double kCardShare = 0.8;           // of the block's text in its cards
constexpr int kDataTableMinRows = 10;
constexpr int kDataTableMinColumns = 5;
constexpr int kDataTableMinCells = 11;
constexpr double kDataTableMaxLinkDensity = 0.5;  // a table without headers and more links is layout

bool similar_to_title(std::string_view heading, std::string_view title) {
  const std::string h = collapse_whitespace(heading);
  const std::string t = collapse_whitespace(title);
  if (h.empty() || t.empty()) return false;
  constexpr std::size_t kMinBytes = 6;  // two Han characters
  return h == t || (h.size() >= kMinBytes && t.find(h) != std::string::npos) ||
         (t.size() >= kMinBytes && h.find(t) != std::string::npos);
}

// The text under `id` from its first text node up to the next block
// boundary or <br>, or a little past kMaxLineBytes. A heading is its own
// line: "<strong>Disclaimer:</strong> The views…" is one line, a sentence
// that scrapinghub's gold keeps (sh-65408257dbe4b41f), not a heading.
std::string first_line(const Document& doc, const NodeStats& stats, NodeId id) {
  constexpr std::size_t kMaxLineBytes = 64;
  NodeId n = stats.first_text(id);
  if (n == kNoNode) return {};
  std::string line = doc[n].text;
  while (line.size() <= kMaxLineBytes) {
    // Up past finished inline parents; a finished block ends the line.
    while (n != id && doc[n].next_sibling == kNoNode) {
      n = doc[n].parent;
      if (n == id || is_block(doc[n].tag)) return line;
    }
    if (n == id) return line;
    n = doc[n].next_sibling;
    // Down the leftmost path of the next sibling.
    while (true) {
      const Tag t = doc[n].tag;
      if (t == Tag::kText) {
        line += doc[n].text;
        break;
      }
      if (is_block(t) || t == Tag::kBr) return line;
      if (doc[n].first_child == kNoNode) break;
      n = doc[n].first_child;
    }
  }
  return line;
}

class Pruner {
 public:
  Pruner(const Document& doc, NodeStats& stats, Selection& sel, std::string_view title, int flags)
      : doc_(doc), stats_(stats), sel_(sel), title_(title), flags_(flags),
        is_root_(doc.nodes.size(), false), data_table_(doc.nodes.size(), false),
        embed_text_(doc.nodes.size(), 0), card_list_(doc.nodes.size(), false) {
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
  bool is_card_list(NodeId id) const;
  void remove_link_runs();
  void clean_conditionally(Tag a, Tag b);

  const Document& doc_;
  NodeStats& stats_;
  Selection& sel_;
  std::string_view title_;
  const int flags_;
  std::vector<bool> is_root_;
  std::vector<bool> data_table_;
  std::vector<int> embed_text_;  // weighted text inside embedded posts
  std::vector<bool> card_list_;  // grids of teasers, found before pruning
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
  // Judged before any pruning: the pruner takes a card's title line (a
  // short all-link line) before it reaches the grid.
  for (NodeId id : elements_) card_list_[id] = is_card_list(id);
  // Children come after their parents in elements_: one reverse pass sums
  // each element's text inside embedded posts.
  for (auto it = elements_.rbegin(); it != elements_.rend(); ++it) {
    const NodeId id = *it;
    if (is_embedded_post(doc_[id].id_class)) embed_text_[id] = stats_[id].text;
    if (!is_root_[id]) embed_text_[doc_[id].parent] += embed_text_[id];
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
    const bool disclaimer = !protected_root(id) && is_disclaimer_block(doc_, stats_, id);
    if (chrome_tag || share || byline || caption || heading || disclaimer) remove(id);
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
  // Five cells in a row made a data table of 2005 Yahoo's 今日推荐 layout
  // table (two images and two columns of headline links, kept whole inside
  // the body: cwced-bbdf5079, cwced-c25d25c2). Cells of data are not links.
  if (stats_.link_density(table) > kDataTableMaxLinkDensity) return false;
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
  // An embedded tweet's wrapper is a quote, whatever its links (a t.co link
  // and a dated permalink put a one-line tweet over kMaxLinkDensity:
  // sh-3f65af7b6b98b1c9, sh-6a72de37e8f98f4e).
  if (c.text > 0 && embed_text_[id] >= kEmbedShare * c.text) return false;
  const int weight = (flags_ & kWeightClasses) ? node_class_weight(n) : 0;
  if (weight < 0) return true;
  if (card_list_[id]) return true;  // before the commas: blurbs have them too
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
  // Readability spares lists from the link-density rule (a list of points
  // may carry links); a list that is all links is a list of headlines:
  // "Trending" under an AP story (sh-e7994d5500875202), "Related:" inside
  // a space.com body (sh-686bb170effe273e).
  if (is_list && c.links >= kLinkListMinLinks && link_density >= kLinkListDensity) return true;
  if (!is_list && !figure && heading_density < 0.9 && c.text < kMinBlockLength &&
      (img == 0 || img > 2) && link_density > 0) {
    return true;
  }
  if (!is_list && weight < kPositiveWeight && link_density > kMaxLinkDensity) return true;
  if (weight >= kPositiveWeight && link_density > kMaxLinkDensityPositive) return true;
  if (img == 0 && textish == 0) return true;
  return false;
}

// A grid of teasers: kMinCards or more children of one tag and class, each
// an image, a link and a blurb of at most kCardMaxLength, and together most
// of the block. Each card has little link text and several "paragraphs"
// (image, title, blurb), so no link or list rule sees the grid: "Самые
// популярные диеты", ten cards under a diet article (sh-ff0f958ade714ebf).
// Product boxes with their feature lists run longer and are kept: gold
// keeps them (sh-e7d77f1869803e24).
bool Pruner::is_card_list(NodeId id) const {
  const Node* kind = nullptr;
  int cards = 0, card_text = 0;
  for (NodeId c = doc_[id].first_child; c != kNoNode; c = doc_[c].next_sibling) {
    const Node& k = doc_[c];
    const NodeCounts& n = stats_[c];
    if (sel_.removed[c] || k.tag == Tag::kText) continue;
    if (n.images == 0 || n.links == 0 || n.text == 0 || n.text > kCardMaxLength) continue;
    if (kind == nullptr) kind = &k;
    if (k.tag != kind->tag || k.classes != kind->classes) continue;
    ++cards;
    card_text += n.text;
  }
  return cards >= kMinCards && card_text >= kCardShare * stats_[id].text;
}

// A line whose only links are attachments (附件：<a>方案.doc</a>) is not one.
bool Pruner::is_link_line(NodeId id) const {
  const NodeCounts& c = stats_[id];
  return c.links > 0 && c.text < kLinkLineMaxLength && stats_.link_density(id) >= kLinkLineDensity;
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

// Runs of inline content that are lists of links, whatever their length:
// a "Tags" line of ten keyword links lifted into the container
// (sh-cc03ddb5ef7d5f1f), a <br>-separated column of headlines. is_link_line
// judges short lines; these are long, and made of several links.
void Pruner::remove_link_runs() {
  std::vector<NodeId> run;
  NodeCounts counts;
  auto flush = [&] {
    if (counts.links >= kLinkListMinLinks && counts.link >= kLinkListDensity * counts.text) {
      for (NodeId r : run) remove(r);
    }
    run.clear();
    counts = NodeCounts{};
  };
  for (NodeId id : elements_) {
    if (!is_block(doc_[id].tag) || removed_or_under_removed(id)) continue;
    for (NodeId c = doc_[id].first_child; c != kNoNode; c = doc_[c].next_sibling) {
      if (sel_.removed[c]) continue;
      if (doc_[c].tag == Tag::kText || (!is_block(doc_[c].tag) && !stats_[c].has_block)) {
        run.push_back(c);
        counts.add(stats_[c]);
      } else {
        flush();
      }
    }
    flush();
  }
}

void Pruner::run() {
  collect();
  remove_chrome();
  if (!(flags_ & kCleanConditionally)) return;
  remove_link_runs();
  clean_conditionally(Tag::kForm, Tag::kFieldset);
  clean_conditionally(Tag::kTable, Tag::kTable);
  clean_conditionally(Tag::kUl, Tag::kOl);
  clean_conditionally(Tag::kDiv, Tag::kP);
}

}  // namespace

int node_class_weight(const Node& n) {
  const std::string_view names = n.id_class;
  return class_weight(names.substr(0, n.id.size()), names.substr(n.id.size() + 1));
}

bool is_disclaimer_block(const Document& doc, const NodeStats& stats, NodeId id) {
  return doc[id].tag != Tag::kText && stats[id].text <= kDisclaimerMaxLength &&
         is_disclaimer_heading(first_line(doc, stats, id));
}

void prune(const Document& doc, NodeStats& stats, Selection& sel, std::string_view title,
           int flags) {
  Pruner(doc, stats, sel, title, flags).run();
}

}  // namespace clean
