// Stage 3, locate: which nodes of the Document hold the article.
//
// In order: (a) the caller's content selector, (b) a site profile matching
// the page's host, (c) the scorer — Readability's algorithm made to read
// Chinese: every paragraph-like run of text scores 1 + its commas (，、,) +
// up to 3 for length (a Han character weighs kHanWeight), the score flows to
// its parent and, decaying, to four more ancestors; class/id hints add or
// take 25; link-heavy candidates are scaled down; the best candidate grows to
// an ancestor when the evidence says so and gathers its qualifying siblings
// (a sibling repeating its class counts with its best inner candidate). On
// a page of several posts in one template the first post is the article.
// Blocks under a legal-notice heading never score. Then the prune step
// removes link lists, share widgets, headers and the like from inside the
// chosen container. A result shorter than kMinArticleLength is retried with
// fewer filters, keeping the longest. Profile matches inside chrome (a
// footer reusing the body's class) are left out.
#ifndef JINGWEN_CLEAN_LOCATE_H_
#define JINGWEN_CLEAN_LOCATE_H_

#include <string>
#include <string_view>
#include <vector>

#include "clean/dom.h"

namespace clean {

struct LocateOptions {
  std::string_view host;              // selects site profiles; may be empty
  std::string_view content_selector;  // overrides everything when it matches
  std::string_view title;             // a heading repeating it is not body
};

struct Selection {
  // The article's top-level nodes in document order. Inline nodes (text
  // runs lifted out of a mixed container) may appear among blocks.
  std::vector<NodeId> roots;
  // Nodes inside the roots that are not article (with their subtrees).
  std::vector<bool> removed;
  std::string how;  // "selector", "profile:NAME", "scored", "none"
  int text_length = 0;  // weighted characters of the selected text
  int link_length = 0;  // of which inside links
};

Selection locate(const Document& doc, const LocateOptions& options);

}  // namespace clean

#endif  // JINGWEN_CLEAN_LOCATE_H_
