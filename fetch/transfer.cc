#include "fetch/transfer.h"

#include "fetch/address.h"
#include "fetch/ascii.h"
#include "fetch/url.h"

#include <arpa/inet.h>
#include <netinet/in.h>

#include <algorithm>
#include <optional>
#include <limits>
#include <string>
#include <utility>

namespace fetch {
namespace {

using std::chrono::milliseconds;

// A header line we send must be one line: a CR or LF inside it (a hostile
// ETag stored from an earlier response, a bad config value) would let the
// value inject headers of its own.
bool safe_header_line(std::string_view line) {
  return !line.empty() &&
         line.find_first_of(std::string_view("\r\n\0", 3)) == std::string_view::npos;
}

// The last value of header `name` (lower-case), or "".
std::string_view last_header(const Response& r, std::string_view name) {
  for (auto it = r.headers.rbegin(); it != r.headers.rend(); ++it) {
    if (it->first == name) return it->second;
  }
  return {};
}

// Content-Type "Text/HTML; Charset=\"gbk\"" -> media "text/html", charset "gbk".
void parse_content_type(std::string_view value, std::string& media, std::string& charset) {
  auto semi = value.find(';');
  media = ascii_lowered(trim(value.substr(0, semi)));
  charset.clear();
  while (semi != std::string_view::npos) {
    value.remove_prefix(semi + 1);
    semi = value.find(';');
    const std::string_view param = value.substr(0, semi);
    const auto eq = param.find('=');
    if (eq == std::string_view::npos || ascii_lowered(trim(param.substr(0, eq))) != "charset") continue;
    std::string_view label = trim(param.substr(eq + 1));
    if (label.size() >= 2 && label.front() == '"' && label.back() == '"') {
      label = label.substr(1, label.size() - 2);
    }
    charset = std::string(trim(label));
  }
}

milliseconds info_ms(CURL* easy, CURLINFO what) {
  curl_off_t us = 0;
  if (curl_easy_getinfo(easy, what, &us) != CURLE_OK || us < 0) return milliseconds{0};
  return milliseconds{us / 1000};
}

std::string info_string(CURL* easy, CURLINFO what) {
  char* value = nullptr;
  if (curl_easy_getinfo(easy, what, &value) != CURLE_OK || value == nullptr) return {};
  return value;
}

long info_long(CURL* easy, CURLINFO what) {
  long value = 0;
  if (curl_easy_getinfo(easy, what, &value) != CURLE_OK) return 0;
  return value;
}

// "https://a/x" or, after redirects, "https://b/y (redirected from https://a/x)".
std::string where(const Outcome& o) {
  if (o.redirects > 0 && !o.final_url.empty() && o.final_url != o.url) {
    return o.final_url + " (redirected from " + o.url + ")";
  }
  return o.url;
}

Error make(ErrorCode code, std::string message) { return Error{code, std::move(message)}; }

Error translate_status(const Outcome& o) {
  if (o.is_file || o.status < 400) return {};
  if (o.status == 412) {
    return make(ErrorCode::kAntiBot, "HTTP 412 (anti-crawler wall) from " + where(o));
  }
  return make(ErrorCode::kHttpStatus, "HTTP " + std::to_string(o.status) + " from " + where(o));
}

Error translate_abort(const Outcome& o, const Options& options) {
  switch (o.abort_cause) {
    case AbortCause::kBodyCap:
      return make(ErrorCode::kTooLarge, "body over " + std::to_string(options.max_body_bytes) +
                                            " bytes from " + where(o));
    case AbortCause::kDecodedCap:
      return make(ErrorCode::kTooLarge, "decoded body over " +
                                            std::to_string(options.max_decoded_bytes) +
                                            " bytes (compression bomb?) from " + where(o));
    case AbortCause::kHeaderCap:
      return make(ErrorCode::kNetwork, "response headers too large (over " +
                                           std::to_string(kMaxResponseHeaderBytes) + " bytes or " +
                                           std::to_string(kMaxResponseHeaders) + " headers) from " +
                                           where(o));
    case AbortCause::kNone:
      break;
  }
  return {};
}

Error translate_timeout(const Outcome& o, const Options& options) {
  // libcurl reports all three limits as OPERATION_TIMEDOUT; its message and
  // whether a connection was made tell them apart.
  std::string what;
  if (o.curl_message.find("too slow") != std::string::npos) {
    what = "low-speed limit (under " + std::to_string(options.low_speed_bytes) + " bytes/s for " +
           std::to_string(low_speed_seconds(options.low_speed_time)) + " s)";
  } else if (!o.connected && options.connect_timeout <= options.total_timeout) {
    what = "connect timeout (" + std::to_string(options.connect_timeout.count()) + " ms)";
  } else {
    what = "total timeout (" + std::to_string(options.total_timeout.count()) + " ms)";
  }
  return make(ErrorCode::kTimeout, what + " fetching " + where(o));
}

// Sets easy options one after another. Each setopt's result is folded in;
// the first failure is what matters and every later one would fail the same
// way on an out-of-memory libcurl, so after it nothing more is set.
class OptionSetter {
 public:
  explicit OptionSetter(CURL* easy) : easy_(easy) {}

  template <typename T>
  void operator()(CURLoption option, T value) {
    ok_ = ok_ && curl_easy_setopt(easy_, option, value) == CURLE_OK;
  }
  // Appends a request header line to `list`, unless it is unsafe to send.
  void add_header(CurlSlist& list, const std::string& line) {
    if (safe_header_line(line)) ok_ = ok_ && append_slist(list, line.c_str());
  }
  bool ok() const { return ok_; }

 private:
  CURL* easy_;
  bool ok_ = true;
};

// Schemes: file:// only for operator-configured URLs; a redirect may never
// leave http(s), whatever the first URL was.
void set_schemes(OptionSetter& set, const Attempt& attempt, const Options& o) {
  set(CURLOPT_PROTOCOLS_STR, attempt.allow_file ? "http,https,file" : "http,https");
  set(CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  set(CURLOPT_FOLLOWLOCATION, 1L);
  set(CURLOPT_MAXREDIRS, static_cast<long>(std::max(0, o.max_redirects)));  // -1 is "unlimited"
}

void set_encoding_and_http_version(OptionSetter& set, const std::string& url, const Options& o) {
  set(CURLOPT_ACCEPT_ENCODING, "");  // every decoder libcurl was built with
  set(CURLOPT_HTTP_VERSION, o.http2 ? static_cast<long>(CURL_HTTP_VERSION_2TLS)
                                    : static_cast<long>(CURL_HTTP_VERSION_1_1));
  // Prefer multiplexing on an h2 connection being set up to opening another.
  // https only: there ALPN settles it at the handshake, whereas on http://
  // libcurl learns a connection cannot multiplex only from its first
  // response, so every other transfer to the host would wait for that.
  if (o.http2 && starts_with_ci(url, "https:")) set(CURLOPT_PIPEWAIT, 1L);
}

void set_timeouts(OptionSetter& set, const Options& o) {
  set(CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(o.connect_timeout.count()));
  set(CURLOPT_TIMEOUT_MS, static_cast<long>(o.total_timeout.count()));
  if (o.low_speed_bytes > 0) {
    set(CURLOPT_LOW_SPEED_LIMIT, o.low_speed_bytes);
    set(CURLOPT_LOW_SPEED_TIME, low_speed_seconds(o.low_speed_time));
  }
}

// The configured headers, the attempt's, then its conditional-GET validators.
void set_request_headers(OptionSetter& set, CurlSlist& list, const Attempt& attempt,
                         const Options& o) {
  for (const auto& h : o.headers) set.add_header(list, h);
  for (const auto& h : attempt.headers) set.add_header(list, h);
  if (!attempt.validators.etag.empty()) {
    set.add_header(list, "If-None-Match: " + attempt.validators.etag);
  }
  if (!attempt.validators.last_modified.empty()) {
    set.add_header(list, "If-Modified-Since: " + attempt.validators.last_modified);
  }
  if (list != nullptr) set(CURLOPT_HTTPHEADER, list.get());
}

}  // namespace

long low_speed_seconds(milliseconds time) {
  constexpr long kMsPerSecond = 1000;
  const long seconds = static_cast<long>((time.count() + kMsPerSecond - 1) / kMsPerSecond);
  return std::max(1L, seconds);
}

Error translate(const Outcome& o, const Options& options) {
  // Our own callbacks' aborts first: the CURLcode they surface as
  // (WRITE_ERROR, ABORTED_BY_CALLBACK, or a decoder error wrapping them) says
  // nothing about which cap fired.
  if (o.result != CURLE_OK && o.abort_cause != AbortCause::kNone) {
    return translate_abort(o, options);
  }
  // may_connect() refused: a new connection (COULDNT_CONNECT once every
  // address is refused) or a pooled one (the pre-request hook's abort).
  if (!o.refused_address.empty() &&
      (o.result == CURLE_COULDNT_CONNECT || o.result == CURLE_ABORTED_BY_CALLBACK)) {
    return make(ErrorCode::kBlockedAddress,
                "refused to connect to " + o.refused_address + " for " + where(o) +
                    ": links from a feed may reach only public addresses, and the feed's own "
                    "origin at the address the feed came from");
  }
  const std::string& why = o.curl_message;
  switch (o.result) {
    case CURLE_OK:
      return translate_status(o);
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
      return make(ErrorCode::kDns, "cannot resolve host for " + where(o) + ": " + why);
    case CURLE_COULDNT_CONNECT:
      return make(ErrorCode::kConnect, "cannot connect for " + where(o) + ": " + why);
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_ENGINE_NOTFOUND:
    case CURLE_SSL_ENGINE_SETFAILED:
    case CURLE_SSL_ENGINE_INITFAILED:
    case CURLE_SSL_SHUTDOWN_FAILED:
    case CURLE_SSL_CRL_BADFILE:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
    case CURLE_SSL_INVALIDCERTSTATUS:
    case CURLE_SSL_CLIENTCERT:
      return make(ErrorCode::kTls, "TLS failure for " + where(o) + ": " + why);
    case CURLE_OPERATION_TIMEDOUT:
      return translate_timeout(o, options);
    case CURLE_TOO_MANY_REDIRECTS:
      return make(ErrorCode::kRedirect, "more than " + std::to_string(options.max_redirects) +
                                            " redirects from " + o.url);
    case CURLE_UNSUPPORTED_PROTOCOL:
      if (o.redirects > 0) {
        return make(ErrorCode::kRedirect,
                    "redirect to non-http(s) URL " + o.final_url + " from " + o.url);
      }
      return make(ErrorCode::kBadUrl, "scheme not allowed for " + o.url + ": " + why);
    case CURLE_URL_MALFORMAT:
      return make(ErrorCode::kBadUrl, "bad URL " + o.url + ": " + why);
    case CURLE_FILESIZE_EXCEEDED:
      return make(ErrorCode::kTooLarge, "Content-Length over " +
                                            std::to_string(options.max_body_bytes) +
                                            " bytes from " + where(o));
    default:
      return make(ErrorCode::kNetwork, "transfer failed for " + where(o) + ": " + why);
  }
}

// ---- Transfer ------------------------------------------------------------

Transfer::Transfer(const Attempt& attempt, const Options& options)
    : easy_(make_curl_easy()),
      url_(attempt.url),
      options_(&options),
      started_(std::chrono::steady_clock::now()),
      public_only_(attempt.public_only),
      own_origin_(attempt.own_origin) {}

Transfer::~Transfer() = default;

bool Transfer::may_connect(const sockaddr* address) {
  if (!public_only_) return true;
  const std::string_view range = reserved_range(address);
  if (range.empty()) return true;
  // Where the transfer is now: the URL of the current redirect hop.
  const std::optional<ParsedUrl> url = parse_url(info_string(easy_.get(), CURLINFO_EFFECTIVE_URL));
  const std::string text = address_text(address);
  // The feed's own origin, at the address the feed came from: another port
  // of that host, or its name rebound to another address, is not the feed.
  if (url && own_origin_.holds(*url) && text == own_origin_.address) return true;
  refused_address_ = text + " (" + std::string(range) + ")";
  return false;
}

std::unique_ptr<Transfer> Transfer::create(const Attempt& attempt, const Options& options,
                                           Error& error) {
  std::unique_ptr<Transfer> transfer(new Transfer(attempt, options));
  if (transfer->easy_ == nullptr) {
    error = make(ErrorCode::kNetwork,
                 "cannot create a transfer for " + attempt.url + ": libcurl out of memory");
    return nullptr;
  }
  if (!transfer->configure(attempt)) {
    const std::string why = transfer->error_buffer_[0] != '\0' ? transfer->error_buffer_.data()
                                                               : "libcurl refused an option";
    error = make(ErrorCode::kNetwork, "cannot set up a transfer for " + attempt.url + ": " + why);
    return nullptr;
  }
  return transfer;
}

bool Transfer::configure(const Attempt& attempt) {
  const Options& o = *options_;
  OptionSetter set(easy_.get());
  set(CURLOPT_ERRORBUFFER, error_buffer_.data());
  set(CURLOPT_URL, attempt.url.c_str());
  set(CURLOPT_PRIVATE, static_cast<void*>(this));
  set(CURLOPT_NOSIGNAL, 1L);
  set_schemes(set, attempt, o);
  if (!attempt.follow_redirects) set(CURLOPT_FOLLOWLOCATION, 0L);
  set_encoding_and_http_version(set, attempt.url, o);
  set_timeouts(set, o);
  set(CURLOPT_USERAGENT, o.user_agent.c_str());
  // "" switches proxies off, environment variables included: a daemon's
  // egress is its config's business, not its unit file's environment.
  set(CURLOPT_PROXY, o.proxy.c_str());
  set_request_headers(set, request_headers_, attempt, o);

  // Caps. MAXFILESIZE refuses an announced Content-Length up front; the
  // progress callback stops a body that grows past it on the wire; the write
  // callback stops a decoded body (a gzip bomb) past max_decoded_bytes.
  constexpr std::size_t kLargestOffset =
      static_cast<std::size_t>(std::numeric_limits<curl_off_t>::max());
  set(CURLOPT_MAXFILESIZE_LARGE,
      static_cast<curl_off_t>(std::min(o.max_body_bytes, kLargestOffset)));
  set(CURLOPT_NOPROGRESS, 0L);
  set(CURLOPT_XFERINFOFUNCTION, &Transfer::on_progress);
  set(CURLOPT_XFERINFODATA, static_cast<void*>(this));
  set(CURLOPT_WRITEFUNCTION, &Transfer::on_write);
  set(CURLOPT_WRITEDATA, static_cast<void*>(this));
  // The Engine's open-socket hook checks each new connection; this checks
  // each request, so a pooled connection opened for another feed's host
  // is not a way around it.
  set(CURLOPT_PREREQFUNCTION, &Transfer::on_prereq);
  set(CURLOPT_PREREQDATA, static_cast<void*>(this));
  set(CURLOPT_HEADERFUNCTION, &Transfer::on_header);
  set(CURLOPT_HEADERDATA, static_cast<void*>(this));
  return set.ok();
}

std::size_t Transfer::on_write(char* data, std::size_t size, std::size_t count, void* self) {
  auto* t = static_cast<Transfer*>(self);
  const std::size_t n = size * count;
  if (t->response_.body.size() + n > t->options_->max_decoded_bytes) {
    t->abort_cause_ = AbortCause::kDecodedCap;
    return 0;  // != n: libcurl stops with CURLE_WRITE_ERROR
  }
  t->response_.body.append(data, n);
  return n;
}

int Transfer::on_prereq(void* self, char* primary_ip, char* /*local_ip*/, int /*primary_port*/,
                        int /*local_port*/) {
  auto* t = static_cast<Transfer*>(self);
  if (!t->public_only_ || primary_ip == nullptr) return CURL_PREREQFUNC_OK;
  sockaddr_storage address{};
  auto* in = reinterpret_cast<sockaddr_in*>(&address);
  auto* in6 = reinterpret_cast<sockaddr_in6*>(&address);
  if (inet_pton(AF_INET, primary_ip, &in->sin_addr) == 1) {
    in->sin_family = AF_INET;
  } else if (inet_pton(AF_INET6, primary_ip, &in6->sin6_addr) == 1) {
    in6->sin6_family = AF_INET6;
  } else {
    return CURL_PREREQFUNC_OK;  // not an IP connection (file://)
  }
  return t->may_connect(reinterpret_cast<const sockaddr*>(&address)) ? CURL_PREREQFUNC_OK
                                                                       : CURL_PREREQFUNC_ABORT;
}

int Transfer::on_progress(void* self, curl_off_t /*dltotal*/, curl_off_t dlnow,
                          curl_off_t /*ultotal*/, curl_off_t /*ulnow*/) {
  // dlnow counts body bytes as they arrive, before content decoding.
  auto* t = static_cast<Transfer*>(self);
  if (dlnow > 0 && static_cast<std::size_t>(dlnow) > t->options_->max_body_bytes) {
    t->abort_cause_ = AbortCause::kBodyCap;
    return 1;  // libcurl stops with CURLE_ABORTED_BY_CALLBACK
  }
  return 0;
}

std::size_t Transfer::on_header(char* data, std::size_t size, std::size_t count, void* self) {
  auto* t = static_cast<Transfer*>(self);
  const std::size_t n = size * count;
  if (!t->take_header_line(std::string_view(data, n))) {
    t->abort_cause_ = AbortCause::kHeaderCap;
    return 0;
  }
  return n;
}

// One header line as libcurl hands it over (CRLF included). Returns false
// when the block is over its bounds.
bool Transfer::take_header_line(std::string_view raw) {
  auto& headers = response_.headers;
  if (starts_with_ci(raw, "HTTP/")) {
    // A new response (redirect hop, 1xx, proxy CONNECT): only the last one's
    // headers describe the body we keep.
    headers.clear();
    header_bytes_ = 0;
  }
  header_bytes_ += raw.size();
  if (header_bytes_ > kMaxResponseHeaderBytes) return false;

  const std::string_view line = trim(raw);
  if (line.empty() || starts_with_ci(line, "HTTP/")) return true;
  if ((raw.front() == ' ' || raw.front() == '\t') && !headers.empty()) {
    // obs-fold: a continuation of the previous header's value.
    headers.back().second.append(" ").append(line);
    return true;
  }
  const auto colon = line.find(':');
  if (colon == std::string_view::npos || colon == 0) return true;  // not a header: ignored
  if (headers.size() >= kMaxResponseHeaders) return false;
  headers.emplace_back(ascii_lowered(trim(line.substr(0, colon))),
                       std::string(trim(line.substr(colon + 1))));
  return true;
}

Response Transfer::finish(CURLcode result) {
  CURL* easy = easy_.get();
  Outcome outcome;
  outcome.result = result;
  outcome.curl_message =
      error_buffer_[0] != '\0' ? error_buffer_.data() : curl_easy_strerror(result);
  outcome.url = url_;
  outcome.final_url = info_string(easy, CURLINFO_EFFECTIVE_URL);
  outcome.status = info_long(easy, CURLINFO_RESPONSE_CODE);
  outcome.redirects = info_long(easy, CURLINFO_REDIRECT_COUNT);
  outcome.is_file = equals_ci(info_string(easy, CURLINFO_SCHEME), "file");
  const milliseconds connect = info_ms(easy, CURLINFO_CONNECT_TIME_T);
  const milliseconds app_connect = info_ms(easy, CURLINFO_APPCONNECT_TIME_T);
  const milliseconds pretransfer = info_ms(easy, CURLINFO_PRETRANSFER_TIME_T);
  const milliseconds first_byte = info_ms(easy, CURLINFO_STARTTRANSFER_TIME_T);
  curl_off_t connect_us = 0;
  curl_easy_getinfo(easy, CURLINFO_CONNECT_TIME_T, &connect_us);
  outcome.connected = connect_us > 0;
  outcome.elapsed = info_ms(easy, CURLINFO_TOTAL_TIME_T);
  outcome.abort_cause = abort_cause_;
  outcome.refused_address = refused_address_;

  Response r = std::move(response_);
  r.error = translate(outcome, *options_);
  r.url = url_;
  r.final_url = outcome.final_url.empty() ? url_ : outcome.final_url;
  // Through a proxy the connection's address is the proxy's, not the server's.
  if (options_->proxy.empty() && !outcome.is_file) r.address = info_string(easy, CURLINFO_PRIMARY_IP);
  r.status = outcome.status;
  if (outcome.is_file && result == CURLE_OK) r.status = 200;  // file:// has no status line
  r.unchanged = r.error.ok() && r.status == 304;
  r.attempts = 1;
  r.redirects = static_cast<int>(outcome.redirects);
  r.timing.connect = std::max(connect, app_connect);
  r.timing.first_byte = std::max(milliseconds{0}, first_byte - pretransfer);
  r.timing.total = outcome.elapsed;
  // A body cut off by a transport error is never handed on; an HTTP error's
  // body is complete and kept (a 503 page, an anti-bot wall).
  if (!r.error.ok() && r.error.code != ErrorCode::kHttpStatus &&
      r.error.code != ErrorCode::kAntiBot) {
    r.body.clear();
  }

  parse_content_type(last_header(r, "content-type"), r.content_type, r.charset);
  r.validators.etag = std::string(last_header(r, "etag"));
  r.validators.last_modified = std::string(last_header(r, "last-modified"));
  r.retry_after = std::string(last_header(r, "retry-after"));
  return r;
}

Response Transfer::abandon(ErrorCode code, std::string_view why) {
  Response r;
  r.url = url_;
  r.final_url = url_;
  r.attempts = 1;
  r.error = make(code, std::string(why) + ": " + url_);
  r.timing.total =
      std::chrono::duration_cast<milliseconds>(std::chrono::steady_clock::now() - started_);
  return r;
}

}  // namespace fetch
