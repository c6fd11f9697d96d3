#include "clean/dom.h"

namespace clean {

bool is_block(Tag tag) {
  switch (tag) {
    case Tag::kText: case Tag::kOther: case Tag::kA: case Tag::kSpan:
    case Tag::kBr: case Tag::kImg: case Tag::kFont: case Tag::kStrong:
    case Tag::kB: case Tag::kEm: case Tag::kI: case Tag::kU:
      return false;
    default:
      return true;
  }
}

bool is_heading(Tag tag) {
  return tag == Tag::kH1 || tag == Tag::kH2 || tag == Tag::kH3 || tag == Tag::kH4 ||
         tag == Tag::kH5 || tag == Tag::kH6;
}

std::string Document::inner_text(NodeId id) const {
  std::string out;
  walk(id, [&](NodeId n) {
    if (nodes[n].tag == Tag::kText) out += nodes[n].text;
    return true;
  });
  return out;
}

}  // namespace clean
