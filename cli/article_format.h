// How `jingwen` prints an Article: the body alone (what score.py reads), a
// readable text form with headers, or one JSON object.
#ifndef JINGWEN_CLI_ARTICLE_FORMAT_H_
#define JINGWEN_CLI_ARTICLE_FORMAT_H_

#include <string>
#include <string_view>

#include "clean/clean.h"

namespace cli {

// `Key: value` headers, a blank line, then the paragraphs one per line.
std::string format_text(const clean::Article& a);
// One JSON object: title, published, source, author, fields, lang, charset,
// converted_from, spam_removed, reasons, text.
std::string format_json(const clean::Article& a);
// `s` as a JSON string literal, quotes included. Invalid UTF-8 is passed
// through as U+FFFD by the caller's decoder, so only escaping is needed.
std::string json_quote(std::string_view s);

}  // namespace cli

#endif  // JINGWEN_CLI_ARTICLE_FORMAT_H_
