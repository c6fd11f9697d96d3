// Stage 6, filter: line-level noise inside the article container, and spam.
//
// In order, per line: (a) injected spam spans go (spam.h), counted; (b) a
// labelled line (`来源：…`, an open-information table row) moves into the
// metadata (labels.h); (c) chrome phrases and shapes (noise.h) drop the line,
// or cut it and everything after it once the body has begun; (d) a line that
// repeats the title goes. Then the headline/author/timestamp triplets of
// "related" lists go, and, for plain-text input, the title line is found and
// the navigation above it dropped. Pure; thread-safe.
#ifndef JINGWEN_CLEAN_FILTER_H_
#define JINGWEN_CLEAN_FILTER_H_

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace clean {

struct FilterOptions {
  std::string_view title = {};  // the page's title: a body line repeating it goes
  // Lines of the page above the article container, in page order. Only
  // their labelled lines are read (a `发布时间：… 来源：…` line, the
  // open-information table), filling what the body's own lines leave empty.
  std::span<const std::string> header = {};
  // Plain-text input: there was no <title>, so the title is the short line
  // that the page chrome separates from the body (a share counter, a
  // `类别: 发布时间:` header, a byline follows it). Lines above it are navigation.
  bool find_title = false;
};

struct Filtered {
  std::vector<std::string> paragraphs;
  std::string title;      // with find_title: the line taken as the title
  // Values of labelled lines, first occurrence of each label kept. `source`
  // prefers an original source (本文转自) over the re-poster's 来源.
  std::string source;
  std::string author;
  std::string published;  // as written; the metadata stage parses it
  std::vector<std::pair<std::string, std::string>> fields;
  int spam_removed = 0;          // injected spans removed
  std::size_t spam_bytes = 0;    // bytes those spans held
  std::size_t input_bytes = 0;   // bytes of all lines before filtering
  std::vector<std::string> notes;  // what was cut and why ("cut at 相关推荐")
};

Filtered filter_lines(std::vector<std::string> lines, const FilterOptions& options);

}  // namespace clean

#endif  // JINGWEN_CLEAN_FILTER_H_
