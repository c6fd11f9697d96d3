#include "cli/article_format.h"

#include <cstdio>

namespace cli {

std::string json_quote(std::string_view s) {
  std::string out = "\"";
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += ch;
        }
    }
  }
  out += '"';
  return out;
}

std::string format_text(const clean::Article& a) {
  std::string out;
  auto header = [&](std::string_view key, std::string_view value) {
    if (value.empty()) return;
    out.append(key).append(": ").append(value) += '\n';
  };
  header("Title", a.title);
  header("Published", a.published);
  header("Source", a.source);
  header("Author", a.author);
  for (const auto& [k, v] : a.fields) header(k, v);
  header("Lang", a.lang);
  header("Charset", a.charset);
  if (a.empty()) {
    for (const auto& r : a.reasons) header("Reason", r);
  }
  out += '\n';
  out += a.text();
  out += '\n';
  return out;
}

std::string format_json(const clean::Article& a) {
  std::string out = "{";
  auto field = [&](std::string_view key, const std::string& json) {
    if (out.size() > 1) out += ',';
    out += json_quote(key);
    out += ':';
    out += json;
  };
  field("title", json_quote(a.title));
  field("published", json_quote(a.published));
  field("source", json_quote(a.source));
  field("author", json_quote(a.author));
  std::string fields = "{";
  for (const auto& [k, v] : a.fields) {
    if (fields.size() > 1) fields += ',';
    fields += json_quote(k) + ':' + json_quote(v);
  }
  field("fields", fields + '}');
  field("lang", json_quote(a.lang));
  field("charset", json_quote(a.charset));
  field("converted_from", json_quote(a.converted_from));
  field("spam_removed", std::to_string(a.spam_removed));
  std::string reasons = "[";
  for (const auto& r : a.reasons) {
    if (reasons.size() > 1) reasons += ',';
    reasons += json_quote(r);
  }
  field("reasons", reasons + ']');
  field("text", json_quote(a.text()));
  return out + "}\n";
}

}  // namespace cli
