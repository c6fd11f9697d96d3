// A small CSS subset for naming an article container: compound selectors of
// tag, .class and #id (e.g. `div.post_body`, `#zoom`), joined by descendant
// combinators (`.main .TRS_Editor`), and comma-separated alternatives.
// Classes and ids match case-insensitively; Chinese CMSs are not consistent.
#ifndef JINGWEN_CLEAN_SELECTOR_H_
#define JINGWEN_CLEAN_SELECTOR_H_

#include <string>
#include <string_view>
#include <vector>

#include "clean/dom.h"

namespace clean {

class Selector {
 public:
  // Parses `text`; an unparsable selector matches nothing and ok() is false.
  explicit Selector(std::string_view text);
  bool ok() const { return ok_; }

  bool matches(const Document& doc, NodeId id) const;
  // All matching elements, in document order, leaving out matches nested in
  // an earlier match.
  std::vector<NodeId> select_outermost(const Document& doc) const;

 private:
  struct Compound {
    std::string tag;                   // lower-case tag name, empty = any
    std::string id;                    // lower-case
    std::vector<std::string> classes;  // lower-case
  };
  using Chain = std::vector<Compound>;  // descendant chain, outermost first

  static bool compound_matches(const Compound& c, const Document& doc, NodeId id);
  static bool chain_matches(const Chain& chain, const Document& doc, NodeId id);

  std::vector<Chain> alternatives_;
  bool ok_ = true;
  // Every alternative names an id or a class on its element: an element
  // with neither (most of a page's) matches none, found without trying each.
  bool needs_id_or_class_ = false;
};

// The HTML name of a Tag ("p", "div"), or "" for kText/kOther/kBlockOther.
std::string_view tag_name(Tag tag);

}  // namespace clean

#endif  // JINGWEN_CLEAN_SELECTOR_H_
