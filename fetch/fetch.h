// fetch: jingwen's network half. A polite, bounded HTTP client (libcurl multi
// driven by one boost::asio::io_context) and the feed parsers (RSS 2.0, Atom,
// HTML list pages).
//
// Threading: a Client belongs to the thread that runs its io_context. get()
// and cancel_all() must be called on that thread (or before it starts), and
// every completion callback runs there. parse_feed() is a pure function, safe
// from any thread.
//
// Every byte that comes back is hostile: bodies are capped (on the wire and
// after decompression), redirects are bounded and kept to http/https, slow
// servers are cut off, and every failure is an Error value with a code and a
// message naming the URL and what failed. Nothing here throws to the caller.
#ifndef JINGWEN_FETCH_FETCH_H_
#define JINGWEN_FETCH_FETCH_H_

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace boost::asio {
class io_context;
}

namespace fetch {

using Millis = std::chrono::milliseconds;

enum class ErrorCode {
  kNone,
  kBadUrl,            // unparsable URL, or a scheme this request may not use
  kDns,               // the host name did not resolve
  kConnect,           // TCP connect refused / unreachable
  kTls,               // handshake or certificate failure
  kTimeout,           // connect or total timeout, or the low-speed limit
  kTooLarge,          // body over max_body_bytes, or decoded over max_decoded_bytes
  kRedirect,          // more than max_redirects, or a redirect to a non-http(s) URL
  kHttpStatus,        // 4xx/5xx (other than 412); Response::status says which
  kAntiBot,           // 412: the anti-crawler wall many gov.cn sites put up
  kRobotsDisallowed,  // robots.txt forbids our agent this path
  kBadFeed,           // a feed or list page yielded nothing parseable, or its
                      // link_pattern / selector is invalid
  kNetwork,           // any other transport failure (reset, bad encoding, ...)
  kBlockedAddress,    // a link from a feed led to a loopback/private/... address
  kCancelled,         // cancel_all() or the Client was destroyed
};
// "dns", "too-large", "robots-disallowed", ... for logs.
std::string_view error_name(ErrorCode code);

struct Error {
  ErrorCode code = ErrorCode::kNone;
  std::string message = {};  // one line: what failed, naming the URL
  bool ok() const { return code == ErrorCode::kNone; }
};

// The validators of a conditional GET: what the server sent last time.
struct Validators {
  std::string etag = {};           // sent back as If-None-Match
  std::string last_modified = {};  // sent back as If-Modified-Since
  bool empty() const { return etag.empty() && last_modified.empty(); }
};

struct Timing {
  Millis queued{0};      // waiting for robots.txt and the per-host slot
  Millis connect{0};     // TCP (and TLS) connect of the last attempt
  Millis first_byte{0};  // request sent -> first response byte, last attempt
  Millis total{0};       // get() -> callback, retries and waits included
};

struct ParsedUrl;

// Where a feed came from: the origin (scheme, host, port) of its final URL
// and the address its connection went to. The feed's links may reach this
// origin even on a private address, since the operator chose the feed; any
// other port of that host, or that name resolved again to another address
// (DNS rebinding), is a link like any other.
struct Origin {
  std::string scheme = {};   // "http" or "https"
  std::string host = {};     // as ParsedUrl::host
  int port = 0;              // explicit or the scheme's default
  std::string address = {};  // the feed's server ("10.0.0.5", "::1"); "" when unknown
  bool empty() const { return host.empty(); }
  // `url` has this scheme, host and port.
  bool holds(const ParsedUrl& url) const;
};

struct Request {
  std::string url = {};
  // From the last successful fetch of this URL; 304 comes back as unchanged.
  Validators validators = {};
  // The operator configured this URL (a feed URL in the config): file:// is
  // allowed. URLs found inside feeds or pages must leave this false.
  bool configured = false;
  // A URL that is not configured (one found in a feed or reached through
  // its redirects) may connect only to public IP addresses: never loopback,
  // private, link-local, ... (fetch/address.cc has the table), so a feed
  // cannot point jingwen at the operator's own network (kBlockedAddress).
  // Except to the feed's own origin at its address (Origin), which the
  // operator chose; empty: none.
  // Through Options::proxy the connection goes to the proxy, so the target
  // is judged before any request: an IP-literal host in a reserved range,
  // or a name that resolves here (getaddrinfo: /etc/hosts, this machine's
  // DNS) to one, is refused; a name that does not resolve here is the
  // proxy's to judge, as is what a name resolves to there. The own origin is
  // exempt by scheme, host and port alone (its address is the proxy's).
  Origin own_origin = {};
  // Check robots.txt before fetching. A feed may switch this off.
  bool honour_robots = true;
  // Extra request headers, "Name: value", after Options::headers.
  std::vector<std::string> headers = {};
};

struct Response {
  Error error = {};
  long status = 0;         // final HTTP status, 0 when none arrived
  std::string url = {};         // as requested
  std::string final_url = {};   // after redirects
  // The server's address for the final response (CURLINFO_PRIMARY_IP); ""
  // through a proxy (that is the proxy's address), for file:// and errors
  // before a connection.
  std::string address = {};
  std::string content_type = {};  // media type only, lower-case ("text/html")
  std::string charset = {};       // the Content-Type charset parameter, as sent
  Validators validators = {};     // ETag / Last-Modified of this response
  std::string retry_after = {};   // the Retry-After header, raw
  // The final response's headers in arrival order, names lower-cased.
  std::vector<std::pair<std::string, std::string>> headers = {};
  std::string body = {};        // decoded (gunzipped ...) body bytes
  bool unchanged = false;  // 304 Not Modified: the stored copy is current
  int attempts = 0;        // transfers made, retries included
  int redirects = 0;
  Timing timing = {};

  bool ok() const { return error.ok(); }
};

// Client settings. Every limit has a default an operator can live with.
struct Options {
  // Sent as User-Agent; the robots.txt group is chosen by `robots_agent`.
  std::string user_agent = "jingwen/0.1 (+https://github.com/jingwen/jingwen)";
  std::string robots_agent = "jingwen";
  std::string proxy = {};                 // e.g. "http://proxy:3128"; empty: none (env ignored)
  std::vector<std::string> headers = {};  // "Name: value", on every request
  bool http2 = true;                 // offer HTTP/2 (ALPN on TLS); HTTP/1.1 otherwise

  Millis connect_timeout{10'000};
  Millis total_timeout{60'000};  // one attempt, redirects included
  // A transfer slower than low_speed_bytes per second for low_speed_time is
  // cut off (kTimeout): a server dripping a byte a second holds no slot.
  long low_speed_bytes = 512;
  Millis low_speed_time{15'000};
  std::size_t max_body_bytes = 16u << 20;     // on the wire (compressed)
  std::size_t max_decoded_bytes = 48u << 20;  // after gzip/deflate/br: refuses bombs
  int max_redirects = 5;

  // Politeness, per site: site_key() of the URL's host (its registrable
  // domain; port and userinfo ignored).
  int per_host_concurrency = 2;
  Millis per_host_delay{1000};  // between the starts of two requests to one site
  // All hosts together; CURLMOPT_MAX_TOTAL_CONNECTIONS too.
  int max_in_flight = 256;

  // Retries on network errors, timeouts, 5xx and 429: attempt n (from 1)
  // waits min(backoff_max, backoff_base * 2^(n-1)) with full jitter, or the
  // server's Retry-After (capped at retry_after_max) on 429/503.
  int max_attempts = 4;
  Millis backoff_base{1000};
  Millis backoff_max{60'000};
  Millis retry_after_max{600'000};

  std::chrono::seconds robots_ttl{24 * 3600};
  std::size_t max_robots_bytes = 500u << 10;  // RFC 9309 asks for at least 500 KiB
};

// The HTTP client. See the file comment for threading.
class Client {
 public:
  Client(boost::asio::io_context& io, Options options);
  ~Client();  // in-flight and queued requests complete with kCancelled
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  // Fetches request.url: robots.txt, the per-host queue, retries, conditional
  // GET. `done` runs exactly once, on the io_context's thread.
  void get(Request request, std::function<void(Response)> done);
  // Completes every queued and in-flight request with kCancelled.
  void cancel_all();

  std::size_t in_flight() const;  // transfers running now
  std::size_t queued() const;     // requests waiting for robots, a slot or a retry

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The origin `response` came from: its final URL's scheme, host and port,
// and its address. Empty for a failed or file:// response. For
// Request::own_origin of the feed's links.
Origin origin_of(const Response& response);

// How long the server asks us to wait before asking for this resource again:
// its Retry-After (on 429 and 503; delta-seconds or an HTTP-date) or the
// max-age of its Cache-Control (on success; s-maxage too; none for no-cache
// or no-store). nullopt when it says nothing. For the daemon's feed schedule.
std::optional<Millis> server_poll_hint(const Response& response,
                                       std::chrono::system_clock::time_point now);

// ---- Feeds ---------------------------------------------------------------

struct FeedItem {
  std::string url = {};        // absolute http(s), resolved against the feed URL
  std::string guid = {};       // RSS guid / Atom id; empty for list pages
  std::string title = {};      // the item title, or the link text on a list page
  // ISO 8601: with a zone (+08:00 when the feed gives a time but no zone),
  // a bare date when the feed gives only a date, "" when it gives none.
  std::string published = {};
};

struct FeedOptions {
  // List pages: keep links whose resolved URL matches this regex (ICU syntax,
  // searched, not anchored). Empty: every link that looks like an article.
  std::string link_pattern = {};
  // List pages: only links inside elements matching this CSS subset (tag,
  // .class, #id, descendant, comma). Empty: the whole page.
  std::string selector = {};
  std::size_t max_items = 2000;  // items beyond this are dropped (noted in warnings)
  // A local feed (file:///dir/feed.xml, configured by the operator) may list
  // local pages: file:// item URLs are kept when their path lies under this
  // directory ("/dir/"). Empty: file:// items are dropped like any non-web URL.
  std::string file_root = {};
};

enum class FeedKind { kUnknown, kRss, kAtom, kHtmlList };
std::string_view feed_kind_name(FeedKind kind);  // "rss", "atom", "html", "unknown"

struct Feed {
  FeedKind kind = FeedKind::kUnknown;
  std::vector<FeedItem> items = {};  // document order, de-duplicated by URL
  std::string charset = {};          // the encoding the bytes were decoded from
  Error error = {};                  // set when nothing could be parsed
  std::vector<std::string> warnings = {};  // recovered XML errors, dropped links, ...
};

// The folder a local feed may list pages from: "file:///srv/feeds/rss.xml"
// -> "/srv/feeds/" (still percent-encoded, as parse_feed expects); "" for
// any URL that is not file://. For FeedOptions::file_root.
std::string local_feed_root(std::string_view feed_url);

// Checks a feed's link_pattern and selector without a page: kBadFeed with a
// message naming the field and the fault, or ok. For config validation.
Error check_feed_options(const FeedOptions& options);

// Parses a feed or list page. `feed_url` resolves relative links; only
// http(s) item URLs are kept (file:// ones only under options.file_root).
// The kind is sniffed from the bytes: <rss>/<rdf:RDF> -> RSS, <feed> -> Atom,
// anything else HTML.
Feed parse_feed(std::string_view bytes, std::string_view feed_url,
                std::string_view http_charset, const FeedOptions& options = {});

// ---- URLs --------------------------------------------------------------

struct ParsedUrl {
  std::string url = {};     // normalised absolute URL, fragment removed
  std::string scheme = {};  // lower-case: "http", "https", "file", ...
  std::string host = {};    // lower-case, no port, IPv6 without brackets; "" for file:
  int port = 0;             // explicit or the scheme's default (80, 443)
  std::string path_and_query = {};  // "/a/b?x=1"; "/" at least
};

// Parses an absolute URL with libcurl's URL API (the parser that will fetch
// it decides what it means); nullopt when it is not one (or is longer than
// 8 KiB).
std::optional<ParsedUrl> parse_url(std::string_view url);

// The identity of an article URL, for dedup: scheme and host lower-case,
// default port dropped, userinfo ("user:pass@") and fragment dropped,
// tracking parameters (utm_*, spm, gclid, ...: the table in url_key.cc)
// removed, an empty query dropped. Two URLs with the same key name the same
// page. "" when `url` is not an absolute URL.
std::string url_key(std::string_view url);

// The politeness bucket of a host (ParsedUrl::host): its registrable domain
// by the Public Suffix List ("news.163.com" and "dy.163.com" -> "163.com",
// "www.beijing.gov.cn" -> "beijing.gov.cn"); an IP address, or a name that
// is itself a public suffix ("localhost"), as it is; "" for "". Client's
// per-host queues and the daemon's article queue both key on it, so one
// server with wildcard DNS is one bucket however many names a feed invents
// (site_key.cc says why not the address).
std::string site_key(std::string_view host);

}  // namespace fetch

#endif  // JINGWEN_FETCH_FETCH_H_
