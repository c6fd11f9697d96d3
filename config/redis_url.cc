// Network addresses in the config: the [sink] url, "redis://HOST[:PORT][/DB]"
// (the form redis-cli -u and most client libraries take, without user info:
// a password would not belong in a world-readable config), and
// metrics_listen's loopback "HOST:PORT".
#include <algorithm>
#include <charconv>
#include <optional>
#include <string>
#include <string_view>

#include "config/config.h"

namespace config {
namespace {

constexpr std::string_view kScheme = "redis://";
constexpr int kMaxDb = 15;  // Redis's default `databases 16`

bool host_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-' ||
         c == '_';
}

std::optional<int> number(std::string_view text, int min, int max) {
  int value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size() || value < min || value > max) {
    return std::nullopt;
  }
  return value;
}

// "\"VALUE\" WHAT", appended piece by piece: "\"" + ... gives GCC 12 a
// false -Wrestrict.
std::string quoted_and(std::string_view value, std::string_view what) {
  std::string out = "\"";
  out.append(value).append("\" ").append(what);
  return out;
}

}  // namespace

std::string parse_redis_url(std::string_view url, SinkConfig& sink) {
  if (!url.starts_with(kScheme)) return "must start with redis:// (redis://HOST[:PORT][/DB])";
  std::string_view rest = url.substr(kScheme.size());
  if (rest.find('@') != std::string_view::npos) return "user info (a password) is not supported";
  std::string_view db;
  if (const std::size_t slash = rest.find('/'); slash != std::string_view::npos) {
    db = rest.substr(slash + 1);
    rest = rest.substr(0, slash);
  }
  std::string_view host = rest, port;
  if (rest.starts_with('[')) {  // [::1]:6379
    const std::size_t close = rest.find(']');
    if (close == std::string_view::npos) return "unclosed [ in the host";
    host = rest.substr(1, close - 1);
    if (close + 1 < rest.size()) {
      if (rest[close + 1] != ':') return "expected :PORT after ]";
      port = rest.substr(close + 2);
    }
    if (host.empty() || host.find_first_not_of("0123456789abcdefABCDEF:.") != std::string_view::npos) {
      return quoted_and(host, "is not an IPv6 address");
    }
  } else if (const std::size_t colon = rest.rfind(':'); colon != std::string_view::npos) {
    host = rest.substr(0, colon);
    port = rest.substr(colon + 1);
  }
  if (host.empty()) return "no host";
  if (!rest.starts_with('[') && !std::all_of(host.begin(), host.end(), host_char)) {
    return quoted_and(host, "is not a host name");
  }
  const std::optional<int> port_number = port.empty() && rest.find(':') == std::string_view::npos
                                             ? std::optional<int>(6379)
                                             : number(port, 1, 65535);
  if (!port_number) return "port " + quoted_and(port, "is not 1..65535");
  const std::optional<int> db_number = db.empty() ? std::optional<int>(0) : number(db, 0, kMaxDb);
  if (!db_number) return "database " + quoted_and(db, "is not 0..15");
  sink.host = std::string(host);
  sink.port = *port_number;
  sink.db = *db_number;
  return "";
}

std::string parse_loopback_listen(std::string_view text, std::string& host, int& port) {
  const std::size_t colon = text.rfind(':');
  if (colon == std::string_view::npos) return "expected HOST:PORT (127.0.0.1:9464)";
  std::string_view name = text.substr(0, colon);
  const std::optional<int> number_port = number(text.substr(colon + 1), 0, 65535);
  if (!number_port) return "port " + quoted_and(text.substr(colon + 1), "is not 0..65535");
  if (name == "localhost") name = "127.0.0.1";
  if (name == "[::1]") {
    host = "::1";
  } else {
    int octets = 0;
    bool digits = true;
    for (std::size_t start = 0; start <= name.size() && digits; ++octets) {
      const std::size_t dot = std::min(name.find('.', start), name.size());
      digits = number(name.substr(start, dot - start), 0, 255).has_value();
      start = dot + 1;
    }
    if (!digits || octets != 4 || !name.starts_with("127.")) {
      return quoted_and(name, "is not a loopback address (127.x.y.z, localhost or [::1]): the listener has no authentication");
    }
    host = std::string(name);
  }
  port = *number_port;
  return "";
}

std::string redis_url(const SinkConfig& sink) {
  const bool v6 = sink.host.find(':') != std::string::npos;
  std::string url(kScheme);
  url.append(v6 ? "[" : "").append(sink.host).append(v6 ? "]" : "");
  url.append(":").append(std::to_string(sink.port)).append("/").append(std::to_string(sink.db));
  return url;
}

}  // namespace config
