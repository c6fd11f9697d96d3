// URLs on libcurl's URL API. curl parses and normalises every absolute URL
// (scheme and host checks, dot segments, percent-encoding of spaces and
// non-ASCII bytes), so what we store is what curl will fetch.
//
// Relative references are merged here, by RFC 3986 section 5.2, before curl
// sees the result: libcurl 7.88's own relative resolution gets three cases
// wrong that list pages use ("#frag" and "" drop the base's file name,
// "./?page=2" and "../?x" drop the trailing slash). The merge is string work
// on a URL curl has already normalised; curl then removes the dot segments of
// the absolute result, which it does correctly.
#include "fetch/url.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <iterator>
#include <string>
#include <string_view>

#include "clean/icu.h"
#include "fetch/ascii.h"
#include "fetch/curl_handle.h"

namespace fetch {
namespace {

// NON_SUPPORT_SCHEME: any scheme parses (callers filter); URLENCODE: spaces
// and non-ASCII bytes in hrefs are percent-encoded as browsers do. No
// GUESS_SCHEME: "www.gov.cn/x" is a relative path, not a host.
constexpr unsigned int kCurlSetFlags = CURLU_NON_SUPPORT_SCHEME | CURLU_URLENCODE;

// Schemes that name no document to fetch; resolve_url() returns nullopt for
// them (no caller wants a javascript: link, and libcurl cannot parse these
// authority-less forms anyway). Sorted.
constexpr std::string_view kNoDocumentSchemes[] = {
    "about", "blob", "data", "javascript", "mailto", "sms", "tel", "vbscript",
};
static_assert(std::is_sorted(std::begin(kNoDocumentSchemes), std::end(kNoDocumentSchemes)));

constexpr bool is_hex(char c) {
  return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

// WHATWG URL parsing, first steps: strip leading and trailing C0 controls and
// spaces, remove every tab and newline (an href wrapped across lines).
std::string clean_reference(std::string_view ref) {
  const auto is_c0_or_space = [](char c) { return static_cast<unsigned char>(c) <= 0x20; };
  while (!ref.empty() && is_c0_or_space(ref.front())) ref.remove_prefix(1);
  while (!ref.empty() && is_c0_or_space(ref.back())) ref.remove_suffix(1);
  std::string out;
  out.reserve(ref.size());
  for (char c : ref) {
    if (c != '\t' && c != '\n' && c != '\r') out += c;
  }
  return out;
}

// The lower-case scheme of `ref` (RFC 3986: ALPHA *( ALPHA / DIGIT / "+" /
// "-" / "." ) ":"), or "" when it has none.
std::string scheme_of(std::string_view ref) {
  if (ref.empty() || !is_alpha(ref[0])) return "";
  for (std::size_t i = 1; i < ref.size(); ++i) {
    const char c = ref[i];
    if (c == ':') {
      std::string scheme(ref.substr(0, i));
      std::transform(scheme.begin(), scheme.end(), scheme.begin(), ascii_lower);
      return scheme;
    }
    if (!is_alpha(c) && !is_digit(c) && c != '+' && c != '-' && c != '.') return "";
  }
  return "";
}

bool is_web_scheme(std::string_view scheme) { return scheme == "http" || scheme == "https"; }

// What browsers do to an href that curl would keep or mangle: '\' is '/'
// before the query in http(s) URLs (old Windows-made CMS pages write
// `..\2024\t1.html`), and spaces, quotes and angle brackets are
// percent-encoded (curl would write '+' for a space in a query).
std::string browser_escape(std::string_view ref, bool web) {
  std::string out;
  out.reserve(ref.size());
  bool in_query = false;
  for (char c : ref) {
    if (c == '?') in_query = true;
    switch (c) {
      case ' ':
        out += "%20";
        break;
      case '"':
        out += "%22";
        break;
      case '<':
        out += "%3C";
        break;
      case '>':
        out += "%3E";
        break;
      case '`':
        out += "%60";
        break;
      case '\\':
        out += web && !in_query ? "/" : "%5C";
        break;
      default:
        out += c;
    }
  }
  return out;
}

// "%e4" -> "%E4": RFC 3986 6.2.2.1. curl writes lower-case hex when it
// encodes; pages write upper case; one spelling per URL keeps de-duplication
// by URL exact.
void upper_case_escapes(std::string& url) {
  for (std::size_t i = 0; i + 2 < url.size(); ++i) {
    if (url[i] == '%' && is_hex(url[i + 1]) && is_hex(url[i + 2])) {
      for (std::size_t k = i + 1; k <= i + 2; ++k) {
        if (url[k] >= 'a' && url[k] <= 'f') url[k] = static_cast<char>(url[k] - 'a' + 'A');
      }
      i += 2;
    }
  }
}

// An internationalised host name (中国政府.cn) in its ASCII form
// (xn--fiqs8sirgfmh.cn), by UTS #46 as browsers do; nullopt when it is not a
// valid IDN. libcurl would convert it through the process locale, which a
// daemon under systemd does not set, and one spelling per host keeps the
// per-host queues and robots cache right.
std::optional<std::string> ascii_host(const std::string& host) {
  constexpr std::int32_t kMaxHostBytes = 253;  // DNS name limit
  const clean::IcuIdna idna = clean::open_icu_idna(UIDNA_NONTRANSITIONAL_TO_ASCII);
  if (!idna) return std::nullopt;
  char out[kMaxHostBytes + 1];
  UIDNAInfo info = UIDNA_INFO_INITIALIZER;
  UErrorCode status = U_ZERO_ERROR;
  const std::int32_t length =
      uidna_nameToASCII_UTF8(idna.get(), host.data(), static_cast<std::int32_t>(host.size()), out,
                             kMaxHostBytes, &info, &status);
  if (U_FAILURE(status) || info.errors != 0 || length <= 0 || length > kMaxHostBytes) {
    return std::nullopt;
  }
  return std::string(out, static_cast<std::size_t>(length));
}

bool has_non_ascii(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
}

CurlString get_part(CURLU* handle, CURLUPart part, unsigned int flags = 0) {
  char* value = nullptr;
  if (curl_url_get(handle, part, &value, flags) != CURLUE_OK) return nullptr;
  return CurlString(value);
}

// Parses and normalises an absolute URL: scheme and host lower-case, default
// port and fragment dropped, dot segments removed, spaces and non-ASCII
// percent-encoded with upper-case hex. Sets the result's url, host and scheme.
std::optional<ParsedUrl> normalise_once(std::string_view absolute) {
  if (absolute.size() > kMaxUrlBytes) return std::nullopt;
  // curl reads a C string: an embedded NUL would cut the URL short.
  if (absolute.find('\0') != std::string_view::npos) return std::nullopt;
  CurlUrl handle = make_curl_url();
  if (!handle) return std::nullopt;
  const std::string text(absolute);
  if (curl_url_set(handle.get(), CURLUPART_URL, text.c_str(), kCurlSetFlags) != CURLUE_OK) {
    return std::nullopt;
  }
  if (curl_url_set(handle.get(), CURLUPART_FRAGMENT, nullptr, 0) != CURLUE_OK) return std::nullopt;

  ParsedUrl parsed;
  if (CurlString host = get_part(handle.get(), CURLUPART_HOST)) {
    std::string lowered(host.get());
    // curl decodes a percent-escaped host ("u%7F"): a control character
    // there is no host name, and it would make the URL unparsable again.
    if (std::any_of(lowered.begin(), lowered.end(), [](char c) { return c == '\x7f' || (c >= 0 && c < 0x20); })) {
      return std::nullopt;
    }
    if (has_non_ascii(lowered)) {
      std::optional<std::string> ascii = ascii_host(lowered);
      if (!ascii) return std::nullopt;
      lowered = std::move(*ascii);
    }
    std::transform(lowered.begin(), lowered.end(), lowered.begin(), ascii_lower);
    if (lowered != host.get() &&
        curl_url_set(handle.get(), CURLUPART_HOST, lowered.c_str(), 0) != CURLUE_OK) {
      return std::nullopt;
    }
    if (lowered.size() >= 2 && lowered.front() == '[' && lowered.back() == ']') {
      lowered = lowered.substr(1, lowered.size() - 2);  // IPv6 literal
    }
    parsed.host = std::move(lowered);
  }
  const CurlString scheme = get_part(handle.get(), CURLUPART_SCHEME);
  const CurlString url = get_part(handle.get(), CURLUPART_URL, CURLU_NO_DEFAULT_PORT);
  if (!scheme || !url) return std::nullopt;
  parsed.scheme = scheme.get();
  parsed.url = url.get();
  upper_case_escapes(parsed.url);
  if (parsed.url.size() > kMaxUrlBytes) return std::nullopt;
  if (const CurlString port = get_part(handle.get(), CURLUPART_PORT, CURLU_DEFAULT_PORT)) {
    parsed.port = std::atoi(port.get());  // curl checked it: 0-65535
  }
  return parsed;
}

// A host curl may read differently once it is written into a whole URL.
// curl percent-decodes a host ("%37" is "7") and the IDN mapping folds
// characters ("¹" is "1"), and neither result goes through the IPv4 reader
// that a whole URL's host does ("7" is the address 0.0.0.7 there). Any '%'
// or non-ASCII byte in the input counts: finding the host's own bytes would
// mean parsing the authority as curl does, and most URLs have neither.
bool host_may_read_differently(std::string_view absolute, std::string_view host) {
  const bool numeric = !host.empty() && is_digit(host.front()) &&
                       std::all_of(host.begin(), host.end(), [](char c) {
                         return is_hex(c) || c == '.' || c == 'x' || c == 'X';
                       });
  return numeric || absolute.find('%') != std::string_view::npos || has_non_ascii(absolute);
}

// normalise_once, and once more on its own result when the host may read
// differently there, so that a normalised URL is its own normal form (one
// URL, one key, one host queue).
std::optional<ParsedUrl> parse_absolute(std::string_view absolute) {
  std::optional<ParsedUrl> parsed = normalise_once(absolute);
  if (parsed && host_may_read_differently(absolute, parsed->host)) {
    parsed = normalise_once(std::string(parsed->url));
  }
  if (!parsed) return std::nullopt;
  // The path and query are what follows the authority in the normalised URL.
  const std::size_t authority = parsed->url.find("://");
  const std::size_t path = authority == std::string::npos
                               ? std::string::npos
                               : parsed->url.find_first_of("/?", authority + 3);
  std::string rest(1, '/');  // "http://h?q" has the path "/" before its query
  if (path != std::string::npos) rest.append(parsed->url, path + (parsed->url[path] == '/'));
  parsed->path_and_query = std::move(rest);
  return parsed;
}

// RFC 3986 5.2.3: the base path up to its last '/', then the reference path.
std::string merge_paths(std::string_view base_path, std::string_view ref) {
  const std::size_t slash = base_path.rfind('/');
  std::string merged(slash == std::string_view::npos ? "/" : base_path.substr(0, slash + 1));
  merged += ref;
  return merged;
}

}  // namespace

std::optional<ParsedUrl> parse_url(std::string_view url) {
  if (url.size() > kMaxUrlBytes) return std::nullopt;
  const std::string cleaned = clean_reference(url);
  const std::string scheme = scheme_of(cleaned);
  if (scheme.empty()) return std::nullopt;  // relative: not an absolute URL
  return parse_absolute(
      browser_escape(cleaned.substr(0, cleaned.find('#')), is_web_scheme(scheme)));
}

std::optional<std::string> resolve_url(std::string_view base, std::string_view ref) {
  if (ref.size() > kMaxUrlBytes) return std::nullopt;
  std::string cleaned = clean_reference(ref);
  cleaned.resize(std::min(cleaned.find('#'), cleaned.size()));  // fragments never matter

  // RFC 3986 5.2.2, with the base already normalised by curl.
  const std::string ref_scheme = scheme_of(cleaned);
  if (!ref_scheme.empty()) {
    if (std::binary_search(std::begin(kNoDocumentSchemes), std::end(kNoDocumentSchemes),
                           ref_scheme)) {
      return std::nullopt;
    }
    const auto parsed = parse_absolute(browser_escape(cleaned, is_web_scheme(ref_scheme)));
    if (!parsed) return std::nullopt;
    return parsed->url;
  }

  const std::optional<ParsedUrl> parsed_base = parse_url(base);
  if (!parsed_base) return std::nullopt;
  const std::string& base_url = parsed_base->url;
  if (cleaned.empty()) return base_url;  // "" and "#top": the base itself

  const bool web = is_web_scheme(parsed_base->scheme);
  const std::string escaped = browser_escape(cleaned, web);
  const std::size_t scheme_end = base_url.find(':');
  const std::size_t authority_end = base_url.find_first_of("/?", scheme_end + 3);
  const std::string_view origin = std::string_view(base_url).substr(0, authority_end);

  std::string absolute;
  if (escaped.starts_with("//")) {
    absolute = base_url.substr(0, scheme_end + 1) + escaped;  // protocol-relative
  } else if (escaped.front() == '/') {
    absolute = std::string(origin) + escaped;
  } else if (escaped.front() == '?') {
    const std::string_view path_and_query = parsed_base->path_and_query;
    absolute = std::string(origin) +
               std::string(path_and_query.substr(0, path_and_query.find('?'))) + escaped;
  } else {
    const std::string_view path_and_query = parsed_base->path_and_query;
    absolute = std::string(origin) +
               merge_paths(path_and_query.substr(0, path_and_query.find('?')), escaped);
  }
  const auto resolved = parse_absolute(absolute);
  if (!resolved) return std::nullopt;
  return resolved->url;
}

std::string robots_url(const ParsedUrl& url) {
  if (!is_web_scheme(url.scheme) || url.host.empty()) return "";
  const bool ipv6 = url.host.find(':') != std::string::npos;
  std::string out = url.scheme + "://" + (ipv6 ? "[" + url.host + "]" : url.host);
  const int default_port = url.scheme == "https" ? 443 : 80;
  if (url.port != 0 && url.port != default_port) out.append(":").append(std::to_string(url.port));
  return out + "/robots.txt";
}

}  // namespace fetch
