// Stage 4, linearize: the located nodes -> paragraphs of plain text.
// Blocks end paragraphs; <br> ends a line; a table row whose cells hold no
// blocks becomes one line, cells separated by a space; whitespace collapses,
// U+3000 indents, NBSP and zero-width characters go.
#ifndef JINGWEN_CLEAN_LINEARIZE_H_
#define JINGWEN_CLEAN_LINEARIZE_H_

#include <string>
#include <vector>

#include "clean/dom.h"
#include "clean/locate.h"

namespace clean {

std::vector<std::string> linearize(const Document& doc, const Selection& selection);

}  // namespace clean

#endif  // JINGWEN_CLEAN_LINEARIZE_H_
