// Stage 2, parse: UTF-8 HTML -> Document, via Gumbo. Drops what can never be
// article text: script/style/noscript/template/iframe/svg/math/canvas, form
// controls (input, select, textarea, button, option), comments, and hidden
// elements (`hidden` attribute, aria-hidden="true", inline display:none or
// visibility:hidden). Keeps <title>, <meta> and JSON-LD for the metadata stage,
// and for links() the first <base href> and the title / image alt of anchors,
// wherever they sit (Document::base_href, Document::anchors).
#ifndef JINGWEN_CLEAN_PARSE_H_
#define JINGWEN_CLEAN_PARSE_H_

#include <string_view>

#include "clean/dom.h"
#include "clean/markup_bounds.h"
#include "clean/prescan.h"

namespace clean {

// Before Gumbo, start tags nested deeper than this many times max_depth are
// left out (markup_bounds.h): the byte-level count runs high on sloppy
// markup, and at 1,024 levels Gumbo's scope checks still cost well under a
// second. The page is cut past MarkupLimits::max_elements start tags.
inline constexpr int kMarkupNestingFactor = 4;

// REQUIRES: html is valid UTF-8 (the decode stage's output). `prescan`: see
// prescan.h; kForArticle when only extract()'s stages read the Document.
Document parse(std::string_view html, int max_depth, Prescan prescan = Prescan::kForLinks);

}  // namespace clean

#endif  // JINGWEN_CLEAN_PARSE_H_
