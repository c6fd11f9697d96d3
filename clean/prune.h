// The second half of locate: with the container chosen, remove what inside
// it is not article — link lists, share widgets, short negative-class
// blocks, headers that repeat the title, nav/aside/footer — following
// Readability's _prepArticle and _cleanConditionally; and beyond it, lists
// and runs that are all headline links, teaser-card grids, and blocks under
// a legal-notice heading (版权声明, 郑重声明). Embedded posts (tweets) and
// document attachments are content whatever their links.
#ifndef JINGWEN_CLEAN_PRUNE_H_
#define JINGWEN_CLEAN_PRUNE_H_

#include <string_view>

#include "clean/dom.h"
#include "clean/locate.h"
#include "clean/node_stats.h"

namespace clean {

// Filters of one locate attempt; later attempts turn them off.
enum LocateFlags : int {
  kStripUnlikely = 1,       // drop chrome-named blocks before scoring
  kWeightClasses = 2,       // class/id hints change scores
  kCleanConditionally = 4,  // prune link-heavy / image-heavy blocks
  kAllFlags = 7,
  kKeepRoots = 8,           // never prune a root itself (a profile matched it)
};

// Marks nodes under `sel.roots` in `sel.removed`. `stats` must count the
// document with `sel.removed` masked; it is kept up to date.
void prune(const Document& doc, NodeStats& stats, Selection& sel, std::string_view title,
           int flags);

// The class/id weight of an element (hints.h), from its lower-cased names.
int node_class_weight(const Node& n);

// True when element `id` is a short block whose first line is a legal-notice
// heading (hints.h is_disclaimer_heading): dropped before scoring and pruned
// from the article.
bool is_disclaimer_block(const Document& doc, const NodeStats& stats, NodeId id);

}  // namespace clean

#endif  // JINGWEN_CLEAN_PRUNE_H_
