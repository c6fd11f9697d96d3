#include "tests/e2e/json.h"

#include <cstdint>
#include <cstdlib>

namespace e2e {
namespace {

class Reader {
 public:
  explicit Reader(std::string_view text) : text_(text) {}

  std::optional<Json> document(std::string* error) {
    std::optional<Json> value = this->value(0);
    skip_space();
    if (value && pos_ != text_.size()) fail("trailing bytes after the value");
    if (!error_.empty()) {
      *error = "offset " + std::to_string(pos_) + ": " + error_;
      return std::nullopt;
    }
    return value;
  }

 private:
  std::optional<Json> value(int depth) {
    if (depth > kMaxJsonDepth) return fail("nested too deep");
    skip_space();
    if (pos_ >= text_.size()) return fail("unexpected end");
    const char c = text_[pos_];
    if (c == '{') return object(depth);
    if (c == '[') return array(depth);
    if (c == '"') {
      Json j{.type = Json::Type::kString};
      if (!string(&j.string)) return std::nullopt;
      return j;
    }
    if (c == '-' || (c >= '0' && c <= '9')) return number();
    for (const auto& [word, type, truth] : kWords) {
      if (text_.substr(pos_).starts_with(word)) {
        pos_ += word.size();
        return Json{.type = type, .boolean = truth};
      }
    }
    return fail(std::string("unexpected '") + c + "'");
  }

  std::optional<Json> object(int depth) {
    Json j{.type = Json::Type::kObject};
    ++pos_;  // '{'
    skip_space();
    if (eat('}')) return j;
    do {
      skip_space();
      std::string key;
      if (pos_ >= text_.size() || text_[pos_] != '"') return fail("expected a key");
      if (!string(&key)) return std::nullopt;
      if (j.find(key) != nullptr) return fail("duplicate key \"" + key + "\"");
      skip_space();
      if (!eat(':')) return fail("expected ':'");
      std::optional<Json> member = value(depth + 1);
      if (!member) return std::nullopt;
      j.object.emplace_back(std::move(key), std::move(*member));
      skip_space();
    } while (eat(','));
    if (!eat('}')) return fail("expected ',' or '}'");
    return j;
  }

  std::optional<Json> array(int depth) {
    Json j{.type = Json::Type::kArray};
    ++pos_;  // '['
    skip_space();
    if (eat(']')) return j;
    do {
      std::optional<Json> element = value(depth + 1);
      if (!element) return std::nullopt;
      j.array.push_back(std::move(*element));
      skip_space();
    } while (eat(','));
    if (!eat(']')) return fail("expected ',' or ']'");
    return j;
  }

  std::optional<Json> number() {
    const std::size_t start = pos_;
    eat('-');
    if (eat('0')) {
    } else if (!digits()) {
      return fail("bad number");
    }
    if (eat('.') && !digits()) return fail("bad fraction");
    if (eat('e') || eat('E')) {
      if (!eat('+')) eat('-');
      if (!digits()) return fail("bad exponent");
    }
    const std::string literal(text_.substr(start, pos_ - start));
    return Json{.type = Json::Type::kNumber, .number = std::strtod(literal.c_str(), nullptr)};
  }

  bool digits() {
    const std::size_t start = pos_;
    while (pos_ < text_.size() && text_[pos_] >= '0' && text_[pos_] <= '9') ++pos_;
    return pos_ > start;
  }

  // Reads a string literal at pos_ into `out`; false (error set) when malformed.
  bool string(std::string* out) {
    ++pos_;  // '"'
    while (pos_ < text_.size()) {
      const unsigned char c = static_cast<unsigned char>(text_[pos_]);
      if (c == '"') {
        ++pos_;
        return true;
      }
      if (c < 0x20) return fail_bool("raw control character in a string");
      if (c == '\\') {
        if (!escape(out)) return false;
      } else if (c < 0x80) {
        out->push_back(static_cast<char>(c));
        ++pos_;
      } else if (!utf8_sequence(out)) {
        return false;
      }
    }
    return fail_bool("unterminated string");
  }

  bool escape(std::string* out) {
    ++pos_;  // '\'
    if (pos_ >= text_.size()) return fail_bool("unterminated escape");
    const char c = text_[pos_++];
    for (const auto& [name, value] : kEscapes) {
      if (c == name) {
        out->push_back(value);
        return true;
      }
    }
    if (c != 'u') return fail_bool(std::string("bad escape \\") + c);
    std::uint32_t cp = 0;
    if (!hex4(&cp)) return false;
    if (cp >= 0xD800 && cp <= 0xDBFF) {  // a surrogate pair
      std::uint32_t low = 0;
      if (!(eat('\\') && eat('u') && hex4(&low)) || low < 0xDC00 || low > 0xDFFF) {
        return fail_bool("lone high surrogate");
      }
      cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
    } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
      return fail_bool("lone low surrogate");
    }
    append_utf8(cp, out);
    return true;
  }

  bool hex4(std::uint32_t* cp) {
    if (pos_ + 4 > text_.size()) return fail_bool("short \\u escape");
    for (int i = 0; i < 4; ++i) {
      const char h = text_[pos_++];
      const int v = (h >= '0' && h <= '9') ? h - '0'
                    : (h >= 'a' && h <= 'f') ? h - 'a' + 10
                    : (h >= 'A' && h <= 'F') ? h - 'A' + 10
                                             : -1;
      if (v < 0) return fail_bool("bad hex digit in \\u escape");
      *cp = *cp * 16 + static_cast<std::uint32_t>(v);
    }
    return true;
  }

  // One multi-byte UTF-8 sequence, validated (no overlongs, surrogates or
  // code points past U+10FFFF).
  bool utf8_sequence(std::string* out) {
    const unsigned char lead = static_cast<unsigned char>(text_[pos_]);
    const int extra = lead >= 0xF0 ? 3 : lead >= 0xE0 ? 2 : lead >= 0xC2 ? 1 : -1;
    if (extra < 0 || lead > 0xF4 || pos_ + extra >= text_.size()) {
      return fail_bool("invalid UTF-8");
    }
    std::uint32_t cp = lead & (0x3F >> extra);
    for (int i = 1; i <= extra; ++i) {
      const unsigned char c = static_cast<unsigned char>(text_[pos_ + i]);
      if ((c & 0xC0) != 0x80) return fail_bool("invalid UTF-8");
      cp = (cp << 6) | (c & 0x3F);
    }
    constexpr std::uint32_t kMinForLength[] = {0, 0x80, 0x800, 0x10000};
    if (cp < kMinForLength[extra] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
      return fail_bool("invalid UTF-8");
    }
    out->append(text_.substr(pos_, extra + 1));
    pos_ += extra + 1;
    return true;
  }

  static void append_utf8(std::uint32_t cp, std::string* out) {
    if (cp < 0x80) {
      out->push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
      out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
      out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
      out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
      out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
      out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
      out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
      out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
  }

  void skip_space() {
    while (pos_ < text_.size() &&
           (text_[pos_] == ' ' || text_[pos_] == '\t' || text_[pos_] == '\n' || text_[pos_] == '\r')) {
      ++pos_;
    }
  }

  bool eat(char c) {
    if (pos_ < text_.size() && text_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }

  std::nullopt_t fail(std::string message) {
    if (error_.empty()) error_ = std::move(message);
    return std::nullopt;
  }
  bool fail_bool(std::string message) {
    fail(std::move(message));
    return false;
  }

  struct Word {
    std::string_view text;
    Json::Type type;
    bool truth;
  };
  static constexpr Word kWords[] = {
      {"null", Json::Type::kNull, false}, {"true", Json::Type::kBool, true}, {"false", Json::Type::kBool, false}};
  static constexpr std::pair<char, char> kEscapes[] = {{'"', '"'}, {'\\', '\\'}, {'/', '/'}, {'b', '\b'},
                                                       {'f', '\f'}, {'n', '\n'},  {'r', '\r'}, {'t', '\t'}};

  std::string_view text_;
  std::size_t pos_ = 0;
  std::string error_;
};

}  // namespace

const Json* Json::find(std::string_view key) const {
  for (const auto& [k, v] : object) {
    if (k == key) return &v;
  }
  return nullptr;
}

std::optional<Json> parse_json(std::string_view text, std::string* error) {
  return Reader(text).document(error);
}

}  // namespace e2e
