// Reading the spool back: records, their JSON or `Key: value` text, and the
// file name the spec says a record must have:
//   <first 16 hex of sha256(url_key)>-<first 16 hex of sha256(text)>.json|.txt
#ifndef JINGWEN_TESTS_E2E_SPOOL_READER_H_
#define JINGWEN_TESTS_E2E_SPOOL_READER_H_

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "tests/e2e/json.h"

namespace e2e {

struct SpoolRecord {
  std::string name = {};
  std::string bytes = {};
  std::optional<Json> json = {};  // set when the bytes are one JSON object
  std::string json_error = {};    // why not, otherwise
  // A string member of the JSON object; "" when absent or not a string.
  std::string str(std::string_view key) const;
};

// Every file in `dir`, sorted by name, read and (".json" names) parsed.
std::vector<SpoolRecord> read_records(const std::filesystem::path& dir);

// A txt record: header lines `Key: value`, a blank line, the text.
struct TxtRecord {
  std::vector<std::pair<std::string, std::string>> headers = {};
  std::string body = {};  // everything after the blank line, as written
  std::string header(std::string_view key) const;  // the first value, "" when absent
};
std::optional<TxtRecord> parse_txt_record(std::string_view bytes, std::string* error);

// Lower-case hex SHA-256.
std::string sha256_hex(std::string_view bytes);
// The file name the spec gives the record of `url` with clean text `text`.
std::string expected_record_name(std::string_view url, std::string_view text, std::string_view extension);
// Its first part, shared by every revision of the URL.
std::string url_name_part(std::string_view url);

}  // namespace e2e

#endif  // JINGWEN_TESTS_E2E_SPOOL_READER_H_
