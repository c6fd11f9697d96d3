// The order of the stages (DESIGN.md "clean/"):
//   1. decode     bytes -> UTF-8                         decode.cc
//   2. parse      UTF-8 -> Document, chrome tags gone    parse.cc
//   3. locate     Document -> the article's nodes        locate.cc, prune.cc
//   4. linearize  nodes -> paragraphs                    linearize.cc
// Stages 5-7 (filter, convert, metadata) come next; until then the title is
// the page's own og:title or <title>.
#include <string>

#include "clean/clean.h"
#include "clean/decode.h"
#include "clean/linearize.h"
#include "clean/locate.h"
#include "clean/parse.h"
#include "clean/profiles.h"
#include "clean/text.h"

namespace clean {
namespace {

constexpr int kMinArticleText = 60;         // weighted chars; less is not an article
constexpr double kMaxArticleLinkShare = 0.5;  // more of the text in links: a list page
constexpr double kChineseHanShare = 0.2;    // Han share of letters that makes a page "zh"

std::string_view meta_content(const Document& doc, std::string_view name) {
  for (const Meta& m : doc.metas) {
    if (m.name == name && !m.content.empty()) return m.content;
  }
  return {};
}

std::string page_title(const Document& doc) {
  std::string_view og = meta_content(doc, "og:title");
  return collapse_whitespace(og.empty() ? std::string_view(doc.title) : og);
}

std::string guess_lang(const Document& doc, const std::vector<std::string>& paragraphs) {
  TextStats st;
  for (const std::string& p : paragraphs) {
    const TextStats s = text_stats(p);
    st.chars += s.chars;
    st.han += s.han;
  }
  if (st.chars > 0 && st.han >= kChineseHanShare * st.chars) return "zh";
  std::string lang = doc.lang.substr(0, doc.lang.find_first_of("-_"));
  return lang;
}

// The page's own URL when the caller gave none: profiles need the host.
std::string page_url(const Input& input, const Document& doc) {
  if (!input.url.empty()) return input.url;
  return std::string(meta_content(doc, "og:url"));
}

}  // namespace

std::string Article::text() const {
  std::string out;
  for (const std::string& p : paragraphs) {
    if (!out.empty()) out += '\n';
    out += p;
  }
  return out;
}

Article extract(const Input& input, const Options& options) {
  Article article;
  std::string_view bytes = input.bytes;
  if (bytes.size() > options.max_input_bytes) {
    bytes = bytes.substr(0, options.max_input_bytes);
    article.reasons.push_back("input cut at " + std::to_string(options.max_input_bytes) + " bytes");
  }
  // 1. decode
  const Decoded decoded = decode(bytes, input.http_charset);
  article.charset = decoded.charset;
  // 2. parse
  const Document doc = parse(decoded.text, options.max_depth);
  if (doc.flattened > 0) {
    article.reasons.push_back(std::to_string(doc.flattened) + " elements nested deeper than " +
                              std::to_string(options.max_depth) + " flattened");
  }
  article.title = page_title(doc);
  // 3. locate
  const std::string url = page_url(input, doc);
  const Selection sel = locate(doc, {.host = url_host(url),
                                     .content_selector = options.content_selector,
                                     .title = article.title});
  // 4. linearize
  article.paragraphs = linearize(doc, sel);
  article.lang = guess_lang(doc, article.paragraphs);

  if (sel.text_length < kMinArticleText) {
    article.paragraphs.clear();
    article.reasons.push_back("not an article: " + std::to_string(sel.text_length) +
                              " characters of text (weighted) found");
  } else if (sel.link_length > kMaxArticleLinkShare * sel.text_length) {
    article.paragraphs.clear();
    article.reasons.push_back("not an article: most of its text is links (a list page)");
  } else {
    article.reasons.push_back("found by " + sel.how);
  }
  return article;
}

}  // namespace clean
