// Stage 2a, pre-scan: before Gumbo builds a tree, leave out the bytes that
// can never be article text and that Gumbo would otherwise tokenize and store
// for nothing: the contents of <script> and <style>, of <svg> and <math>, and
// of comments. About half of a news page's bytes sit there.
//
// The start and end tags stay (an empty comment stays for a comment), so
// Gumbo builds the same tree minus the children the parse stage drops
// anyway: the Document parse() builds is identical with and without the
// pre-scan. For that the scanner follows the HTML tokenizer where it matters:
// quoted attribute values may hold '<' and '>'; raw text (style, xmp, iframe,
// noembed, noframes), RCDATA (title, textarea) and script data (with its
// `<!--` escapes) end only at their own end tag, matched case-insensitively;
// comments end at `-->` or `--!>` (`<!-->` and `<!--->` are empty ones);
// inside <select> only <script> and <textarea> switch the tokenizer; inside
// <svg>/<math> <script> and <style> are ordinary elements and CDATA sections
// exist. Kept as they are: JSON-LD scripts (the metadata stage reads them),
// <noscript> and <template> (Gumbo parses them as markup, which can close
// elements around them). Where the page does something the scanner does not
// model (an HTML tag breaking out of <svg>, HTML inside <foreignObject>, a
// link inside an svg, a table tag inside an unclosed <select>) or a construct
// runs to the end of the input, the rest of the page is copied unchanged:
// never a lost byte of text, at worst a slower parse.
//
// It also leaves out the attributes of HTML start tags that neither the parse
// stage nor Gumbo's tree builder reads (data-*, on*, srcset, a style that
// cannot hide, ...); the table of kept ones is in prescan.cc.
//
// One pass, linear in the input, no allocation beyond the output.
#ifndef JINGWEN_CLEAN_PRESCAN_H_
#define JINGWEN_CLEAN_PRESCAN_H_

#include <string>
#include <string_view>

namespace clean {

// `html` (UTF-8) without the contents described above.
std::string prescan(std::string_view html);

}  // namespace clean

#endif  // JINGWEN_CLEAN_PRESCAN_H_
