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
#include "clean/prescan.h"

namespace clean {

// REQUIRES: html is valid UTF-8 (the decode stage's output). `prescan`: see
// prescan.h; kForArticle when only extract()'s stages read the Document.
Document parse(std::string_view html, int max_depth, Prescan prescan = Prescan::kForLinks);

}  // namespace clean

#endif  // JINGWEN_CLEAN_PARSE_H_
