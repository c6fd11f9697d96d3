// clean: page bytes in, one clean article out.
//
// clean::extract() runs the stages of DESIGN.md "clean/" in order (decode,
// parse, locate, linearize, ...; extract.cc numbers them). It is a pure
// function: no I/O, no globals, no clock, no locale. It is safe to call from
// any number of threads at once; nothing is shared between calls.
//
// Hostile input never throws and never crashes: a page that yields no
// article returns an Article with no paragraphs and a reason saying why.
#ifndef JINGWEN_CLEAN_CLEAN_H_
#define JINGWEN_CLEAN_CLEAN_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace clean {

struct Input {
  // The raw page bytes, in whatever encoding the server sent.
  std::string_view bytes;
  // Where the page came from; selects a site profile. May be empty.
  std::string url;
  // The charset label from the HTTP Content-Type header. May be empty.
  std::string http_charset;
  // The bytes are a text dump, one paragraph per line, not HTML: parse,
  // locate and linearize are skipped; the filters, spam and pinyin removal,
  // conversion and metadata run as for a page.
  bool plain_text = false;
};

struct Options {
  // Bytes beyond this are not read; the article notes the cut in `reasons`.
  // Bounds memory and time on a hostile page. Default 32 MiB.
  std::size_t max_input_bytes = 32u << 20;
  // Elements nested deeper than this are flattened into their ancestor at
  // this depth (their text is kept). Bounds recursion on 100,000 nested divs.
  int max_depth = 256;
  // A CSS-like selector (tag, .class, #id, descendant) that names the article
  // container for this page, overriding the locate stage's guess when it
  // matches. Empty: use the built-in site profiles, then the scorer.
  std::string content_selector;
  // The OpenCC configuration used when the text reads as Traditional Chinese
  // ("t2s", "tw2sp", "hk2s", ... : a file name in OpenCC's data folder, with
  // or without ".json"). Simplified text is never run through OpenCC.
  std::string opencc_config = "t2s";
};

struct Article {
  std::string title;
  std::string published;  // ISO 8601, e.g. 2023-05-01T09:30:00+08:00
  std::string source;
  std::string author;
  // Government open-information fields and other labelled metadata, in page
  // order (索引号, 发布机构, 成文日期, ...).
  std::vector<std::pair<std::string, std::string>> fields;
  // The body, one paragraph per entry, UTF-8, no empty entries.
  std::vector<std::string> paragraphs;
  std::string lang;            // "zh", "en", ... or empty when unknown
  std::string charset;         // the encoding the bytes were decoded from
  std::string converted_from;  // e.g. "zh-Hant" when script conversion ran
  int spam_removed = 0;        // injected spam spans removed from the body
  // Why there is no article, or notes on how it was found ("profile:netease").
  std::vector<std::string> reasons;

  bool empty() const { return paragraphs.empty(); }
  // The paragraphs joined with '\n'.
  std::string text() const;
};

// Extracts the article from one page.
Article extract(const Input& input, const Options& options = {});

}  // namespace clean

#endif  // JINGWEN_CLEAN_CLEAN_H_
