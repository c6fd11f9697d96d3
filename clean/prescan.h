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
// cannot hide, ...); the table of kept ones is in prescan.cc. And it shortens
// each run of whitespace in text to one character, a line feed when the run
// held a line break (collapse_whitespace() tells only those apart); after
// <pre> and <listing> the line feed Gumbo drops stays in front. Gumbo
// tokenizes a character at a time, so the bytes left out here are the parse
// time saved: on the corpus, whitespace is a sixth of what the pre-scan
// passes on, and anchors' hrefs a fifth.
//
// With Prescan::kForArticle it also leaves out what only links() reads:
// <base href>, an anchor's title and image alt, and of an anchor's href all
// but the file name's extension (".pdf"), which is all extract() asks of it
// (is_attachment() in node_stats.cc). A value holding a character reference
// stays whole: the reference could spell the '?', '#', '/' or '.' that
// decides the extension.
//
// One pass, linear in the input, no allocation beyond the output.
#ifndef JINGWEN_CLEAN_PRESCAN_H_
#define JINGWEN_CLEAN_PRESCAN_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace clean {

// Whether parse() runs the pre-scan before Gumbo, and for whom. With
// kForLinks the Document is the one parse() builds without it, but for the
// whitespace inside text nodes (same collapse_whitespace() result); with
// kForArticle also Document::base_href and ::anchors are not to be read (they
// are empty unless the pre-scan gave up early) and an anchor's href is its
// extension. kOff is for tests that check exactly that.
enum class Prescan { kForLinks, kForArticle, kOff };

// `html` (UTF-8) without the contents described above.
// REQUIRES: mode != Prescan::kOff.
std::string prescan(std::string_view html, Prescan mode = Prescan::kForLinks);

// What an anchor's href keeps with Prescan::kForArticle: the extension of
// the last path segment before any '?' or '#' (".pdf"), at most
// kMaxHrefExtension bytes; empty when there is none or it is longer.
constexpr std::size_t kMaxHrefExtension = 8;
std::string_view href_extension(std::string_view href);

}  // namespace clean

#endif  // JINGWEN_CLEAN_PRESCAN_H_
