// Stage 2b, markup bounds: after the pre-scan, before Gumbo, cap what a
// hostile page can make Gumbo do. Gumbo has no limits of its own:
//   - its tree costs about 400 bytes per element, so a 16 MB page of a
//     million <span>s takes over 800 MB;
//   - every start tag walks the whole stack of open elements (the "has an
//     element in button scope" check), so 100,000 nested <div>s take 14 s,
//     quadratic in the depth.
// So: the page is cut before its (max_elements + 1)-th start tag (the
// largest real page in the corpus has about 3,000), and start tags nested
// deeper than max_nesting are left out together with as many end tags of
// the same depth; their text stays, as the parse stage keeps the text of
// elements it flattens.
//
// The nesting here is counted from the bytes, not from Gumbo's tree: only
// elements that need an end tag count (no void elements, none whose end
// tag may be implied: p, li, td, option, ...), so sloppy markup can only
// make the count too high. max_nesting should sit well above the parse
// stage's max_depth, where the tree is flattened anyway.
//
// One pass over the tags; the output is built only when something changes.
#ifndef JINGWEN_CLEAN_MARKUP_BOUNDS_H_
#define JINGWEN_CLEAN_MARKUP_BOUNDS_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace clean {

struct MarkupLimits {
  std::size_t max_elements = 100'000;
  int max_nesting = 1024;
};

struct BoundedMarkup {
  std::string html = {};           // the rewritten page; empty when `changed` is false
  bool changed = false;            // false: use the input as it is
  std::size_t cut_at_byte = 0;     // where the page was cut (0: not cut)
  std::size_t tags_unnested = 0;   // start tags left out for their depth
};

BoundedMarkup bound_markup(std::string_view html, const MarkupLimits& limits);

}  // namespace clean

#endif  // JINGWEN_CLEAN_MARKUP_BOUNDS_H_
