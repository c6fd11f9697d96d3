#include "clean/gumbo_tree.h"

namespace clean {

GumboTree::GumboTree(std::string_view html) : options_(kGumboDefaultOptions) {
  options_.max_errors = 0;
  output_ = gumbo_parse_with_options(&options_, html.data(), html.size());
}

GumboTree::~GumboTree() {
  if (output_) gumbo_destroy_output(&options_, output_);
}

}  // namespace clean
