// The one RAII owner of a Gumbo parse. Everything that parses HTML with
// Gumbo (the parse stage, feed list pages, the bench floor) goes through it.
#ifndef JINGWEN_CLEAN_GUMBO_TREE_H_
#define JINGWEN_CLEAN_GUMBO_TREE_H_

#include <gumbo.h>

#include <string_view>

namespace clean {

class GumboTree {
 public:
  // Parses `html` (UTF-8). Gumbo keeps pointers into `html`: it must outlive
  // the tree. Parse errors are not recorded (they cost memory and we never
  // read them).
  explicit GumboTree(std::string_view html);
  ~GumboTree();
  GumboTree(const GumboTree&) = delete;
  GumboTree& operator=(const GumboTree&) = delete;

  // The document's <html> element, or nullptr if Gumbo failed.
  const GumboNode* root() const { return output_ ? output_->root : nullptr; }

 private:
  GumboOptions options_;
  GumboOutput* output_;
};

}  // namespace clean

#endif  // JINGWEN_CLEAN_GUMBO_TREE_H_
