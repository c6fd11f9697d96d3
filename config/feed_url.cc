// Feed URLs go through fetch's own URL parser (curl's), so the URL stored in
// the Config is the one the client will request, spelled as logs and state
// will spell it.
#include "config/feed_url.h"

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>

#include "config/read_file.h"
#include "fetch/fetch.h"

namespace config {
namespace {

constexpr std::string_view kWanted = "feeds are http://, https:// or file: URLs";

// The lower-case scheme of `text` ("" when it has none): RFC 3986 ALPHA
// *( ALPHA / DIGIT / "+" / "-" / "." ) ":".
std::string scheme_of(std::string_view text) {
  const auto alpha = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
  const auto digit = [](char c) { return c >= '0' && c <= '9'; };
  if (text.empty() || !alpha(text[0])) return "";
  for (std::size_t i = 1; i < text.size(); ++i) {
    const char c = text[i];
    if (c == ':') {
      std::string scheme(text.substr(0, i));
      std::transform(scheme.begin(), scheme.end(), scheme.begin(),
                     [&alpha](char ch) { return alpha(ch) ? static_cast<char>(ch | 0x20) : ch; });
      return scheme;
    }
    if (!alpha(c) && !digit(c) && c != '+' && c != '-' && c != '.') return "";
  }
  return "";
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// "/srv/my%20feeds/a.xml" -> "/srv/my feeds/a.xml": the file system path a
// file: URL names (what curl opens).
std::string percent_decoded(std::string_view path) {
  std::string out;
  for (std::size_t i = 0; i < path.size(); ++i) {
    const int high = i + 2 < path.size() && path[i] == '%' ? hex_value(path[i + 1]) : -1;
    const int low = high >= 0 ? hex_value(path[i + 2]) : -1;
    if (low >= 0) {
      out += static_cast<char>(high * 16 + low);
      i += 2;
    } else {
      out += path[i];
    }
  }
  return out;
}

// The local path a file: URL names, before percent-decoding: "file:///a/b"
// and "file://localhost/a/b" -> "/a/b", "file:/a/b" -> "/a/b", "file:a/b" ->
// config_dir/a/b. nullopt for a remote host ("file://server/share").
std::optional<std::string> file_path(std::string_view written,
                                     const std::filesystem::path& config_dir) {
  std::string_view rest = written.substr(written.find(':') + 1);
  if (rest.starts_with("//")) {
    rest.remove_prefix(2);
    const std::size_t slash = rest.find('/');
    const std::string_view host = rest.substr(0, slash);
    if (slash == std::string_view::npos || (!host.empty() && host != "localhost")) {
      return std::nullopt;
    }
    rest.remove_prefix(slash);
  }
  if (rest.empty()) return std::nullopt;
  std::filesystem::path path(rest);
  if (path.is_relative()) path = config_dir / path;
  return path.lexically_normal().string();
}

FeedUrl resolve_file_url(std::string_view written, const std::filesystem::path& config_dir) {
  const std::optional<std::string> path = file_path(written, config_dir);
  if (!path) {
    return {"",
            "a file: URL names a local file: write file:///ABSOLUTE/PATH or file:RELATIVE/PATH"};
  }
  const std::optional<fetch::ParsedUrl> parsed = fetch::parse_url("file://" + *path);
  if (!parsed) return {"", "not a valid file: URL"};
  const std::string local = percent_decoded(
      std::string_view(parsed->path_and_query).substr(0, parsed->path_and_query.find('?')));
  if (std::string fault = check_readable(local); !fault.empty()) return {"", std::move(fault)};
  return {parsed->url, ""};
}

}  // namespace

FeedUrl resolve_feed_url(std::string_view written, const std::filesystem::path& config_dir) {
  const std::string scheme = scheme_of(written);
  if (scheme.empty()) return {"", "not an absolute URL: " + std::string(kWanted)};
  if (scheme == "file") return resolve_file_url(written, config_dir);
  if (scheme != "http" && scheme != "https") {
    return {"", "scheme \"" + scheme + "\" is not supported: " + std::string(kWanted)};
  }
  const std::optional<fetch::ParsedUrl> parsed = fetch::parse_url(written);
  if (!parsed) return {"", "not a valid URL"};
  if (parsed->host.empty()) return {"", "no host"};
  return {parsed->url, ""};
}

}  // namespace config
