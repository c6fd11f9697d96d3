// A small strict JSON reader for checking spool records: RFC 8259 values,
// UTF-8 validated, duplicate object keys and trailing bytes refused. Test
// support only; bounded depth so a broken record cannot blow the stack.
#ifndef JINGWEN_TESTS_E2E_JSON_H_
#define JINGWEN_TESTS_E2E_JSON_H_

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace e2e {

struct Json {
  enum class Type { kNull, kBool, kNumber, kString, kArray, kObject };
  Type type = Type::kNull;
  bool boolean = false;
  double number = 0;
  std::string string = {};  // kString: the decoded UTF-8 value
  std::vector<Json> array = {};
  std::vector<std::pair<std::string, Json>> object = {};  // document order

  // The member `key` of an object, or nullptr.
  const Json* find(std::string_view key) const;
  bool is_string() const { return type == Type::kString; }
};

inline constexpr int kMaxJsonDepth = 64;

// nullopt with `error` ("offset 12: expected ':'") when `text` is not exactly
// one JSON value (surrounding whitespace allowed).
std::optional<Json> parse_json(std::string_view text, std::string* error);

}  // namespace e2e

#endif  // JINGWEN_TESTS_E2E_JSON_H_
