// Spool record serialisation. Records leave the daemon for programs we do not
// know, so the JSON is strict (valid UTF-8, RFC 8259 escapes) and the text
// form's headers cannot be split by a value.
#include "daemon/record.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "daemon/digest.h"

namespace jingwend {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD
constexpr std::size_t kNameHexChars = 16;                   // of each hash in a record name

// The bytes of one UTF-8 sequence at the front of `s`: how many form a valid
// character, or, when invalid, how many to replace with one U+FFFD (the
// "maximal subpart" of Unicode 15 section 3.9, as browsers and ICU do).
struct Sequence {
  std::size_t length = 0;
  bool valid = false;
};

// The allowed range of the second byte after each lead byte (Unicode table
// 3-7): excludes overlong forms, surrogates (ED A0..BF) and code points over
// U+10FFFF. Later continuation bytes are always 80..BF.
struct LeadByte {
  unsigned char first_lead;
  unsigned char last_lead;
  std::size_t length;
  unsigned char second_min;
  unsigned char second_max;
};
constexpr LeadByte kLeadBytes[] = {
    {0xC2, 0xDF, 2, 0x80, 0xBF}, {0xE0, 0xE0, 3, 0xA0, 0xBF}, {0xE1, 0xEC, 3, 0x80, 0xBF},
    {0xED, 0xED, 3, 0x80, 0x9F}, {0xEE, 0xEF, 3, 0x80, 0xBF}, {0xF0, 0xF0, 4, 0x90, 0xBF},
    {0xF1, 0xF3, 4, 0x80, 0xBF}, {0xF4, 0xF4, 4, 0x80, 0x8F},
};

Sequence next_sequence(std::string_view s) {
  const auto b0 = static_cast<unsigned char>(s[0]);
  if (b0 < 0x80) return {1, true};
  const auto* lead = std::find_if(std::begin(kLeadBytes), std::end(kLeadBytes), [b0](const LeadByte& l) {
    return b0 >= l.first_lead && b0 <= l.last_lead;
  });
  if (lead == std::end(kLeadBytes)) return {1, false};  // 80..C1, F5..FF never start a character
  for (std::size_t k = 1; k < lead->length; ++k) {
    if (k >= s.size()) return {k, false};  // truncated at the end
    const auto b = static_cast<unsigned char>(s[k]);
    const unsigned char min = k == 1 ? lead->second_min : 0x80;
    const unsigned char max = k == 1 ? lead->second_max : 0xBF;
    if (b < min || b > max) return {k, false};
  }
  return {lead->length, true};
}

void append_u_escape(std::string& out, unsigned int code_unit) {
  constexpr char kHex[] = "0123456789abcdef";
  out += "\\u";
  for (int shift = 12; shift >= 0; shift -= 4) out += kHex[(code_unit >> shift) & 0xF];
}

// RFC 8259's two-character escapes; every other control is \u00XX.
constexpr std::pair<char, std::string_view> kShortEscapes[] = {
    {'\b', "\\b"}, {'\t', "\\t"}, {'\n', "\\n"}, {'\f', "\\f"}, {'\r', "\\r"}, {'"', "\\\""}, {'\\', "\\\\"},
};

void append_ascii(std::string& out, char c) {
  for (const auto& [raw, escaped] : kShortEscapes) {
    if (c == raw) {
      out += escaped;
      return;
    }
  }
  const auto b = static_cast<unsigned char>(c);
  if (b < 0x20 || b == 0x7F) {
    append_u_escape(out, b);
  } else {
    out += c;
  }
}

// Characters that pass through verbatim would still trip some readers: C1
// controls (U+0080..U+009F, two bytes C2 80..C2 9F) and U+2028/U+2029, which
// end a line inside a JavaScript string literal.
bool needs_u_escape(std::string_view sequence, unsigned int* code_point) {
  const auto b0 = static_cast<unsigned char>(sequence[0]);
  if (sequence.size() == 2 && b0 == 0xC2 && static_cast<unsigned char>(sequence[1]) <= 0x9F) {
    *code_point = static_cast<unsigned char>(sequence[1]);
    return true;
  }
  if (sequence == "\xE2\x80\xA8" || sequence == "\xE2\x80\xA9") {
    *code_point = sequence[2] == '\xA8' ? 0x2028 : 0x2029;
    return true;
  }
  return false;
}

void add_json_member(std::string& out, std::string_view key, std::string_view value_json, bool last = false) {
  out += "  ";
  out += json_quote(key);
  out += ": ";
  out += value_json;
  out += last ? "\n" : ",\n";
}

// {"索引号": "...", ...} in page order. Open-information tables are often
// printed twice on one page; a repeated name keeps its first value so the
// object has unique member names (RFC 8259 section 4 "SHOULD").
std::string fields_json(const std::vector<std::pair<std::string, std::string>>& fields) {
  std::string out = "{";
  std::set<std::string_view> names;
  for (const auto& [name, value] : fields) {
    if (!names.insert(name).second) continue;
    if (out.size() > 1) out += ", ";
    out += json_quote(name);
    out += ": ";
    out += json_quote(value);
  }
  out += "}";
  return out;
}

std::string format_json(const Record& record) {
  const clean::Article& a = record.article;
  std::string out = "{\n";
  add_json_member(out, "url", json_quote(record.url));
  add_json_member(out, "final_url", json_quote(record.final_url));
  add_json_member(out, "feed", json_quote(record.feed));
  add_json_member(out, "title", json_quote(a.title));
  add_json_member(out, "published", json_quote(a.published));
  add_json_member(out, "source", json_quote(a.source));
  add_json_member(out, "author", json_quote(a.author));
  add_json_member(out, "fields", fields_json(a.fields));
  add_json_member(out, "lang", json_quote(a.lang));
  add_json_member(out, "converted_from", json_quote(a.converted_from));
  add_json_member(out, "spam_removed", std::to_string(a.spam_removed));
  add_json_member(out, "fetched_at", json_quote(record.fetched_at));
  add_json_member(out, "content_sha256", json_quote(record.content_sha256));
  add_json_member(out, "text", json_quote(a.text()), /*last=*/true);
  out += "}\n";
  return out;
}

// A header value on one line: CR, LF and the other C0 controls (NUL, vertical
// tab, form feed ...) become spaces, so no value can start a header of its own.
std::string header_value(std::string_view value) {
  std::string out(value);
  std::replace_if(
      out.begin(), out.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7F; }, ' ');
  return out;
}

void add_header(std::string& out, std::string_view key, std::string_view value) {
  out += key;
  out += ": ";
  out += header_value(value);
  out += '\n';
}

std::string format_txt(const Record& record) {
  const clean::Article& a = record.article;
  std::string out;
  add_header(out, "Url", record.url);
  add_header(out, "Final-Url", record.final_url);
  add_header(out, "Feed", record.feed);
  add_header(out, "Title", a.title);
  add_header(out, "Published", a.published);
  add_header(out, "Source", a.source);
  add_header(out, "Author", a.author);
  for (const auto& [name, value] : a.fields) add_header(out, "Field", name + "=" + value);
  add_header(out, "Lang", a.lang);
  add_header(out, "Converted-From", a.converted_from);
  add_header(out, "Spam-Removed", std::to_string(a.spam_removed));
  add_header(out, "Fetched-At", record.fetched_at);
  add_header(out, "Content-Sha256", record.content_sha256);
  out += '\n';
  out += a.text();
  out += '\n';
  return out;
}

}  // namespace

std::string format_record(const Record& record, config::RecordFormat format) {
  switch (format) {
    case config::RecordFormat::kJson:
      return format_json(record);
    case config::RecordFormat::kTxt:
      return format_txt(record);
  }
  return format_json(record);  // unreachable: every enumerator returns above
}

std::string record_name(std::string_view url_key, std::string_view content_sha256,
                        config::RecordFormat format) {
  std::string name = sha256_hex(url_key).substr(0, kNameHexChars);
  name += '-';
  name += content_sha256.substr(0, kNameHexChars);
  name += format == config::RecordFormat::kTxt ? ".txt" : ".json";
  return name;
}

std::string json_quote(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 2);
  out += '"';
  while (!s.empty()) {
    const Sequence seq = next_sequence(s);
    const std::string_view bytes = s.substr(0, seq.length);
    s.remove_prefix(seq.length);
    unsigned int code_point = 0;
    if (!seq.valid) {
      out += kReplacement;
    } else if (seq.length == 1) {
      append_ascii(out, bytes[0]);
    } else if (needs_u_escape(bytes, &code_point)) {
      append_u_escape(out, code_point);
    } else {
      out += bytes;
    }
  }
  out += '"';
  return out;
}

}  // namespace jingwend
