// Stage 2b, markup bounds: after the pre-scan, before Gumbo, cap what a
// hostile page can make Gumbo do. Gumbo has no limits of its own:
//   - its tree costs about 400 bytes per element, so a 16 MB page of a
//     million <span>s takes over 800 MB;
//   - every start tag walks the whole stack of open elements (the "has an
//     element in button scope" check), so 100,000 nested <div>s take 14 s,
//     quadratic in the depth;
//   - the tree builder re-opens every formatting element (<b>, <font>, ...)
//     left open when a block closed, for each later paragraph ("reconstruct
//     the active formatting elements"), copying its attributes: 200 unclosed
//     <b id=…> before 20,000 <p>x</p> (187 KB) make 4 million elements, 2 GB;
//   - each attribute of a tag is compared with all earlier ones (duplicates
//     are dropped), so one tag of 80,000 attributes takes 24 s.
// So:
//   - the page is cut before the start tag that would take its element
//     count over max_elements, where a start tag counts once for itself and
//     once for each formatting element the tree builder may re-open in
//     front of it (plus one per kBytesPerElement of their attributes);
//   - a formatting start tag is left out when max_open_formatting are
//     already open after the last marker (table cell, caption, object,
//     marquee, applet, template), with as many of its end tags;
//   - start tags nested deeper than max_nesting are left out together with
//     as many end tags of the same depth;
//   - attributes past the max_attributes-th of a tag are left out.
// What is left out is markup only: the text stays, as the parse stage keeps
// the text of elements it flattens. The largest real page in the corpus has
// about 3,000 elements and never more than a few formatting elements open.
//
// The counts here come from the bytes, not from Gumbo's tree: only
// elements that need an end tag deepen the nesting (no void elements, none
// whose end tag may be implied: p, li, td, option, ...), and a formatting
// element stays open until its own end tag or its marker's end, so sloppy
// markup can only make a count too high. max_nesting should sit well above
// the parse stage's max_depth, where the tree is flattened anyway.
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
  std::size_t max_open_formatting = 16;
  std::size_t max_attributes = 64;
};

// Attribute bytes that count as one more element when a formatting element
// is re-opened (its attributes are copied): about an element's cost in Gumbo.
inline constexpr std::size_t kBytesPerElement = 400;

struct BoundedMarkup {
  std::string html = {};                // the rewritten page; empty when `changed` is false
  bool changed = false;                 // false: use the input as it is
  std::size_t cut_at_byte = 0;          // where the page was cut (0: not cut)
  std::size_t tags_unnested = 0;        // start tags left out for their depth
  std::size_t formatting_left_out = 0;  // formatting start tags over max_open_formatting
  std::size_t attributes_left_out = 0;  // attributes past max_attributes
};

BoundedMarkup bound_markup(std::string_view html, const MarkupLimits& limits);

}  // namespace clean

#endif  // JINGWEN_CLEAN_MARKUP_BOUNDS_H_
