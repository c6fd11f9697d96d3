// One spool record: the clean article plus where and when it came from, and
// its serialisation (JSON object or `Key: value` text) and file name.
#ifndef JINGWEN_DAEMON_RECORD_H_
#define JINGWEN_DAEMON_RECORD_H_

#include <string>
#include <string_view>

#include "clean/clean.h"
#include "config/config.h"

namespace jingwend {

struct Record {
  std::string url = {};        // the item URL from the feed
  std::string final_url = {};  // after redirects
  std::string feed = {};       // the feed's name
  clean::Article article = {};
  std::string fetched_at = {};      // ISO 8601 UTC, "2026-11-23T18:04:01Z"
  std::string content_sha256 = {};  // hex of sha256(article.text())
};

// JSON: one object with the fields url, final_url, feed, title, published,
// source, author, fields (object, page order), lang, converted_from,
// spam_removed, fetched_at, content_sha256, text; a trailing newline.
// txt: `Key: value` header lines (Url, Final-Url, Feed, Title, ..., one
// `Field: name=value` per field), a blank line, the text, a trailing newline.
// Header values have CR/LF replaced by spaces.
std::string format_record(const Record& record, config::RecordFormat format);

// The spool file name: "<first 16 hex of sha256(url_key)>-<first 16 hex of
// content_sha256>.json" (or ".txt"). The same article from the same URL always
// gets the same name, so a record re-written after a crash replaces itself.
std::string record_name(std::string_view url_key, std::string_view content_sha256,
                        config::RecordFormat format);

// `s` as a JSON string literal, quotes included; invalid UTF-8 bytes become
// U+FFFD, control characters are escaped.
std::string json_quote(std::string_view s);

}  // namespace jingwend

#endif  // JINGWEN_DAEMON_RECORD_H_
