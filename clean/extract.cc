// The order of the stages (DESIGN.md "clean/"):
//   1. decode     bytes -> UTF-8                         decode.cc
//   2. parse      UTF-8 -> Document, chrome tags gone    parse.cc
//   3. locate     Document -> the article's nodes        locate.cc, prune.cc
//   4. linearize  nodes -> paragraphs                    linearize.cc
//   5. convert    pinyin annotations gone; Traditional -> Simplified      pinyin.cc,
//                 (detected first: Simplified text never meets OpenCC)    script.cc, opencc.cc
//   6. filter     paragraphs -> body lines + labelled metadata, spam gone  filter.cc,
//                 noise.cc, labels.cc, spam.cc
//   7. metadata   title, published, source, author         metadata.cc, dates.cc
//                 (read right after parse, since locate drops a heading that
//                 repeats the title; the filter's labelled lines fill the gaps)
// Plain-text input (Input::plain_text) starts at 5 with the text's lines.
// DESIGN.md lists filter before convert; conversion runs first here so that
// one table of Simplified phrases serves pages in both scripts.
#include <string>

#include "clean/clean.h"
#include "clean/dates.h"
#include "clean/decode.h"
#include "clean/filter.h"
#include "clean/linearize.h"
#include "clean/locate.h"
#include "clean/metadata.h"
#include "clean/noise.h"
#include "clean/parse.h"
#include "clean/pinyin.h"
#include "clean/profiles.h"
#include "clean/script.h"
#include "clean/text.h"

namespace clean {
namespace {

constexpr int kMinArticleText = 60;         // weighted chars; less is not an article
constexpr int kShortPage = 400;             // weighted chars; an error page or login wall is shorter
constexpr double kMaxArticleLinkShare = 0.5;  // more of the text in links: a list page
constexpr double kChineseHanShare = 0.2;    // Han share of letters that makes a page "zh"
constexpr double kJapaneseKanaShare = 0.1;  // kana share of Han + kana that makes it "ja"

std::string_view meta_content(const Document& doc, std::string_view name) {
  for (const Meta& m : doc.metas) {
    if (m.name == name && !m.content.empty()) return m.content;
  }
  return {};
}

TextStats total_stats(const std::vector<std::string>& paragraphs) {
  TextStats st;
  for (const std::string& p : paragraphs) {
    const TextStats s = text_stats(p);
    st.chars += s.chars;
    st.han += s.han;
    st.kana += s.kana;
  }
  return st;
}

bool is_japanese(const TextStats& st) { return st.kana > kJapaneseKanaShare * (st.han + st.kana); }

// "zh" for Chinese text, "ja" for Japanese, else the page's declared
// language (`declared`).
std::string guess_lang(const std::vector<std::string>& paragraphs, std::string_view declared) {
  const TextStats st = total_stats(paragraphs);
  if (st.kana > 0 && is_japanese(st)) return "ja";
  if (st.chars > 0 && st.han >= kChineseHanShare * st.chars) return "zh";
  return std::string(declared.substr(0, declared.find_first_of("-_")));
}

// Lines of a text dump: one paragraph per line, whitespace collapsed.
std::vector<std::string> text_lines(std::string_view text) {
  std::vector<std::string> lines;
  while (!text.empty()) {
    const std::size_t end = std::min(text.find('\n'), text.size());
    std::string line = collapse_whitespace(text.substr(0, end));
    if (!line.empty()) lines.push_back(std::move(line));
    text.remove_prefix(std::min(end + 1, text.size()));
  }
  return lines;
}

int weighted_length(const std::vector<std::string>& paragraphs) {
  int n = 0;
  for (const std::string& p : paragraphs) n += text_stats(p).weighted;
  return n;
}

// The page's own URL when the caller gave none: profiles need the host.
std::string page_url(const Input& input, const Document& doc) {
  if (!input.url.empty()) return input.url;
  return std::string(meta_content(doc, "og:url"));
}

// The last lines of the page above the article container: where pages print
// `发布时间：… 来源：…` and the open-information table.
std::vector<std::string> lines_above(const Document& doc, NodeId container) {
  constexpr std::size_t kMaxHeaderLines = 40;
  Selection above;
  above.roots = {doc.root()};
  above.removed.assign(doc.nodes.size(), false);
  bool reached = false;
  doc.walk(doc.root(), [&](NodeId id) {
    reached = reached || id == container;
    above.removed[id] = reached;
    return !reached;  // linearize skips a removed node's subtree
  });
  std::vector<std::string> lines = linearize(doc, above);
  if (lines.size() > kMaxHeaderLines) lines.erase(lines.begin(), lines.end() - kMaxHeaderLines);
  return lines;
}

// What the markup bounds (markup_bounds.h) and the tree's depth limit did.
void note_markup_bounds(const Document& doc, const Options& options, Article& article) {
  const MarkupLimits limits;
  if (doc.cut_at_byte > 0) {
    article.reasons.push_back("markup cut at byte " + std::to_string(doc.cut_at_byte) + ": over " +
                              std::to_string(limits.max_elements) +
                              " elements (counting the formatting elements the parser re-opens)");
  }
  if (doc.unnested > 0) {
    article.reasons.push_back(std::to_string(doc.unnested) + " start tags nested deeper than " +
                              std::to_string(kMarkupNestingFactor * options.max_depth) + " left out");
  }
  if (doc.formatting_left_out > 0) {
    article.reasons.push_back(std::to_string(doc.formatting_left_out) + " formatting start tags over " +
                              std::to_string(limits.max_open_formatting) + " open left out");
  }
  if (doc.attributes_left_out > 0) {
    article.reasons.push_back(std::to_string(doc.attributes_left_out) + " attributes past the " +
                              std::to_string(limits.max_attributes) + "th of a tag left out");
  }
  if (doc.flattened > 0) {
    article.reasons.push_back(std::to_string(doc.flattened) + " elements nested deeper than " +
                              std::to_string(options.max_depth) + " flattened");
  }
}

struct PageText {
  std::vector<std::string> body = {};    // the article container's paragraphs
  std::vector<std::string> header = {};  // lines_above() the container
};

// Stages 2-4: the page's article container as paragraphs. Sets the title
// and notes how the container was found.
PageText page_text(const Input& input, const Options& options, const std::string& html, Article& article) {
  // 2. parse
  const Document doc = parse(html, options.max_depth, Prescan::kForArticle);
  note_markup_bounds(doc, options, article);
  if (doc.over_budget > 0) {
    article.reasons.push_back("not an article: its HTML tree outgrew " + std::to_string(doc.over_budget >> 20) +
                              " MiB (parse abandoned)");
    return {};
  }
  // 7. metadata, read before locate: locate drops a heading repeating the title.
  PageMetadata meta = read_metadata(doc);
  article.title = std::move(meta.title);
  article.published = std::move(meta.published);
  article.source = std::move(meta.source);
  article.author = std::move(meta.author);
  article.lang = doc.lang;
  // 3. locate
  const std::string url = page_url(input, doc);
  const Selection sel = locate(doc, {.host = url_host(url),
                                     .content_selector = options.content_selector,
                                     .title = article.title});
  if (sel.link_length > kMaxArticleLinkShare * sel.text_length) {
    article.reasons.push_back("not an article: most of its text is links (a list page)");
    return {};
  }
  article.reasons.push_back("found by " + sel.how);
  // 4. linearize
  PageText text{.body = linearize(doc, sel)};
  if (!sel.roots.empty()) text.header = lines_above(doc, sel.roots.front());
  return text;
}

// Stage 5: pinyin annotations out, then Traditional text to Simplified.
// Japanese is left alone: its kanji read as Traditional.
void convert(PageText& page, const Options& options, Article& article) {
  if (is_japanese(total_stats(page.body))) return;
  std::vector<std::string*> texts = {&article.title, &article.source, &article.author};
  for (auto* lines : {&page.body, &page.header}) {
    for (std::string& line : *lines) {
      strip_pinyin(line);
      texts.push_back(&line);
    }
  }
  strip_pinyin(article.title);
  const ScriptResult script = convert_if_traditional(texts, options.opencc_config);
  article.converted_from = script.from;
  if (!script.error.empty()) article.reasons.push_back(script.error);
}

// Moves what the filter read from labelled lines into the article.
void take_filtered(Filtered& filtered, Article& article) {
  article.paragraphs = std::move(filtered.paragraphs);
  if (!filtered.title.empty()) article.title = std::move(filtered.title);
  if (!filtered.source.empty()) article.source = std::move(filtered.source);
  if (!filtered.author.empty()) article.author = std::move(filtered.author);
  article.fields = std::move(filtered.fields);
  // A visible `发布时间：` the metadata stage did not find, then the dates of
  // an open-information table.
  for (const std::string_view key : {"", "成文日期", "发文日期", "公开日期"}) {
    if (!article.published.empty()) break;
    std::string_view value = filtered.published;
    for (const auto& [k, v] : article.fields) {
      if (!key.empty() && k == key) value = v;
    }
    if (!key.empty() && value == filtered.published) continue;
    article.published = parse_date(value);
  }
  article.spam_removed = filtered.spam_removed;
  for (std::string& note : filtered.notes) article.reasons.push_back(std::move(note));
}

// Empties the article and says why when what is left is not an article.
void judge(const Filtered& filtered, Article& article) {
  for (const std::string& reason : article.reasons) {
    if (reason.starts_with("not an article")) return;  // locate said so already
  }
  std::string why;
  const int length = weighted_length(article.paragraphs);
  const std::string_view kind =
      length < kShortPage ? non_article_kind(article.title + "\n" + article.text()) : std::string_view();
  if (!kind.empty()) {
    why = std::string(kind);
  } else if (filtered.spam_removed > 0 && filtered.spam_bytes * 2 >= filtered.input_bytes) {
    why = "mostly spam (" + std::to_string(filtered.spam_removed) + " injected spans, " +
          std::to_string(filtered.spam_bytes) + " of " + std::to_string(filtered.input_bytes) + " bytes)";
  } else if (length < kMinArticleText) {
    why = std::to_string(length) + " characters of text (weighted) found";
  }
  if (why.empty()) return;
  article.paragraphs.clear();
  article.reasons.push_back("not an article: " + why);
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
  // 2-4. parse, locate, linearize
  PageText page = input.plain_text ? PageText{.body = text_lines(decoded.text)}
                                   : page_text(input, options, decoded.text, article);
  // 5. convert
  convert(page, options, article);
  // 6. filter
  Filtered filtered = filter_lines(std::move(page.body),
                                   {.title = article.title, .header = page.header, .find_title = input.plain_text});
  take_filtered(filtered, article);
  article.lang = guess_lang(article.paragraphs, article.lang);
  judge(filtered, article);
  return article;
}

}  // namespace clean
