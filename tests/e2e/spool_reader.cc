#include "tests/e2e/spool_reader.h"

#include <openssl/evp.h>

#include <fstream>
#include <sstream>

#include "fetch/fetch.h"
#include "tests/e2e/sandbox.h"

namespace e2e {
namespace {

constexpr std::size_t kNamePartHex = 16;

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

}  // namespace

std::string SpoolRecord::str(std::string_view key) const {
  if (!json) return {};
  const Json* v = json->find(key);
  return v != nullptr && v->is_string() ? v->string : std::string();
}

std::vector<SpoolRecord> read_records(const std::filesystem::path& dir) {
  std::vector<SpoolRecord> records;
  for (const std::string& name : Sandbox::files_in(dir)) {
    SpoolRecord r{.name = name, .bytes = read_file(dir / name)};
    if (name.ends_with(".json")) {
      r.json = parse_json(r.bytes, &r.json_error);
      if (r.json && r.json->type != Json::Type::kObject) {
        r.json.reset();
        r.json_error = "not a JSON object";
      }
    }
    records.push_back(std::move(r));
  }
  return records;
}

std::string TxtRecord::header(std::string_view key) const {
  for (const auto& [k, v] : headers) {
    if (k == key) return v;
  }
  return {};
}

std::optional<TxtRecord> parse_txt_record(std::string_view bytes, std::string* error) {
  TxtRecord r;
  while (true) {
    const std::size_t end = bytes.find('\n');
    if (end == std::string_view::npos) {
      *error = "no blank line after the headers";
      return std::nullopt;
    }
    const std::string_view line = bytes.substr(0, end);
    bytes.remove_prefix(end + 1);
    if (line.empty()) break;
    const std::size_t colon = line.find(": ");
    if (colon == std::string_view::npos || colon == 0) {
      *error = "header line without \"Key: \": " + std::string(line);
      return std::nullopt;
    }
    r.headers.emplace_back(line.substr(0, colon), line.substr(colon + 2));
  }
  r.body = std::string(bytes);
  return r;
}

std::string sha256_hex(std::string_view bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(bytes.data(), bytes.size(), digest, &length, EVP_sha256(), nullptr);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < length; ++i) {
    out += kHex[digest[i] >> 4];
    out += kHex[digest[i] & 0xF];
  }
  return out;
}

std::string url_name_part(std::string_view url) { return sha256_hex(fetch::url_key(url)).substr(0, kNamePartHex); }

std::string expected_record_name(std::string_view url, std::string_view text, std::string_view extension) {
  return url_name_part(url) + "-" + sha256_hex(text).substr(0, kNamePartHex) + std::string(extension);
}

}  // namespace e2e
