// Client: the order every request goes through.
//
//   1. check the URL: http(s), or file:// when the operator configured it;
//      through a proxy, a link's target address too (target_screen.h)
//   2. robots.txt of the URL's origin: cached, fetched once (through the same
//      host queue, so it is polite too) while later requests wait for it
//   3. the per-host queue (host_queue.h): concurrency, delay, holds, per
//      site_key() of the host, so wildcard names of one domain share a line
//   4. one transfer on the Engine
//   5. retry with backoff or Retry-After (retry.h), back to 3 at the front of
//      the host's line; through a proxy, a redirect of a link is followed
//      here, its target checked as in 1, back to 3; or complete
//
// Every completion goes through finish(), which removes the job before it
// calls back, so a callback may call get() or cancel_all() again.
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>

#include <algorithm>
#include <iterator>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "fetch/engine.h"
#include "fetch/fetch.h"
#include "fetch/host_queue.h"
#include "fetch/retry.h"
#include "fetch/robots.h"
#include "fetch/target_screen.h"
#include "fetch/url.h"

namespace fetch {
namespace {

using Clock = std::chrono::steady_clock;
using JobId = HostQueue::JobId;

// RFC 9309 2.3.1.4 says an unreachable robots.txt means "disallow all"; a
// server error is often brief, so that verdict is kept for minutes, not for
// the full robots_ttl.
constexpr std::chrono::minutes kUnreachableRobotsTtl{10};
// Past this many cached robots.txt verdicts, expired ones are dropped.
constexpr std::size_t kMaxRobotsEntries = 50'000;
// Past this many known hosts, idle ones are forgotten.
constexpr std::size_t kMaxKnownHosts = 10'000;

Millis since(Clock::time_point start) {
  return std::chrono::duration_cast<Millis>(Clock::now() - start);
}

// Why a robots.txt fetch counts as unreachable (RFC 9309 2.3.1.3-4: 5xx or
// no answer; we add 429 and a 2xx whose body broke off), or ok. A transport
// error keeps its own code, so a refused page reports "connect" or "dns",
// not a robots verdict that hides the cause.
Error robots_unreachable(const std::string& key, const Response& response) {
  const ErrorCode code = response.error.code;
  if (response.status == 0 && code != ErrorCode::kNone) {
    return {code, "robots.txt unreachable (" + response.error.message + ")"};
  }
  const bool broken_body = response.status < 300 && !response.ok() &&
                           code != ErrorCode::kTooLarge;
  if (response.status >= 500 || response.status == 429 || broken_body) {
    return {ErrorCode::kRobotsDisallowed,
            key + " answered " + std::to_string(response.status) +
                (broken_body ? " but broke off" : "") +
                ": RFC 9309 disallows the whole site until it answers"};
  }
  return {};
}

Response failure(ErrorCode code, std::string message) {
  Response r;
  r.error = {code, std::move(message)};
  return r;
}

}  // namespace

std::string_view error_name(ErrorCode code) {
  switch (code) {
    case ErrorCode::kNone: return "ok";
    case ErrorCode::kBadUrl: return "bad-url";
    case ErrorCode::kDns: return "dns";
    case ErrorCode::kConnect: return "connect";
    case ErrorCode::kTls: return "tls";
    case ErrorCode::kTimeout: return "timeout";
    case ErrorCode::kTooLarge: return "too-large";
    case ErrorCode::kRedirect: return "redirect";
    case ErrorCode::kHttpStatus: return "http-status";
    case ErrorCode::kAntiBot: return "anti-bot";
    case ErrorCode::kRobotsDisallowed: return "robots-disallowed";
    case ErrorCode::kBadFeed: return "bad-feed";
    case ErrorCode::kNetwork: return "network";
    case ErrorCode::kBlockedAddress: return "blocked-address";
    case ErrorCode::kCancelled: return "cancelled";
  }
  return "unknown";
}

struct Client::Impl {
  struct Job {
    Request request;
    ParsedUrl url;
    std::string site;  // site_key(url.host): its line in the host queue
    std::function<void(Response)> done;
    bool polite = true;  // goes through the host queue (false for file://)
    int attempts = 0;
    int redirects = 0;  // hops Client followed itself (through a proxy)
    Clock::time_point created = Clock::now();
    Clock::time_point waiting_since = created;
    Millis queued{0};
    std::unique_ptr<boost::asio::steady_timer> retry_timer;
  };

  struct RobotsEntry {
    Robots rules = Robots::allow_all();
    // Set when robots.txt could not be read (transport error, 5xx, 429):
    // RFC 9309 makes that "disallow all", and a refused page says why.
    Error unreachable;
    Clock::time_point expires{};
    bool fetching = false;
    std::vector<JobId> waiting;  // jobs held until the fetch completes
  };

  Impl(boost::asio::io_context& io, Options opts)
      : io(io),
        options(std::move(opts)),
        engine(io, options),
        hosts(options.per_host_concurrency, options.per_host_delay, options.max_in_flight),
        wake_timer(io),
        screen(io),
        rng(std::random_device{}()) {}

  void get(Request request, std::function<void(Response)> done);
  void cancel_all();

  JobId add_job(Request request, ParsedUrl url, std::function<void(Response)> done);
  bool screened(const Job& job) const;
  void admit(JobId id);
  void after_screen(JobId id, std::function<void(JobId)> next);
  bool follow(JobId id, const Response& response);
  void check_robots(JobId id);
  void on_robots(const std::string& key, Response response);
  void apply_robots(JobId id, const std::string& key, const Robots& rules,
                    const Error& unreachable);
  void enqueue(JobId id, bool front = false);
  void pump();
  void arm_wake_timer();
  void dispatch(JobId id);
  void on_attempt(JobId id, Response response);
  void schedule_retry(JobId id, Millis wait);
  void finish(JobId id, Response response);
  void finish_later(JobId id, Response response);
  void forget_stale();

  // Wraps a handler so that it does nothing once the Impl is gone: timers
  // and posts may complete after ~Client.
  template <typename F>
  auto guarded(F f) {
    return [weak = std::weak_ptr<int>(alive), f = std::move(f)](auto&&... args) mutable {
      if (weak.expired()) return;
      f(std::forward<decltype(args)>(args)...);
    };
  }

  boost::asio::io_context& io;
  Options options;
  Engine engine;
  HostQueue hosts;
  boost::asio::steady_timer wake_timer;
  std::optional<Clock::time_point> wake_at;
  TargetScreen screen;
  std::mt19937_64 rng;
  std::unordered_map<JobId, Job> jobs;
  std::unordered_map<std::string, RobotsEntry> robots;  // by robots.txt URL
  JobId next_id = 1;
  std::shared_ptr<int> alive = std::make_shared<int>(0);
};

void Client::Impl::get(Request request, std::function<void(Response)> done) {
  std::optional<ParsedUrl> url = parse_url(request.url);
  const bool file = url && url->scheme == "file";
  std::string refusal;
  if (!url) {
    refusal = "not an absolute URL: " + request.url;
  } else if (file && !request.configured) {
    refusal = "file:// is only allowed for configured URLs: " + request.url;
  } else if (!file && url->scheme != "http" && url->scheme != "https") {
    refusal = "unsupported scheme '" + url->scheme + "': " + request.url;
  }
  if (!refusal.empty()) {
    const JobId id = add_job(std::move(request), {}, std::move(done));
    finish_later(id, failure(ErrorCode::kBadUrl, std::move(refusal)));
    return;
  }
  const JobId id = add_job(std::move(request), std::move(*url), std::move(done));
  if (file) {
    jobs.at(id).polite = false;
    dispatch(id);
  } else {
    after_screen(id, [this](JobId admitted) { admit(admitted); });
  }
}

// Through a proxy the engine's socket hook sees only the proxy: links are
// judged by TargetScreen instead.
bool Client::Impl::screened(const Job& job) const {
  return !job.request.configured && !options.proxy.empty();
}

// Runs `next(id)` once the job's target passed TargetScreen (at once when it
// is not screened); a refused job completes with the refusal.
void Client::Impl::after_screen(JobId id, std::function<void(JobId)> next) {
  const Job& job = jobs.at(id);
  if (!screened(job)) return next(id);
  screen.check(job.url, job.request.own_origin,
               guarded([this, id, next = std::move(next)](Error verdict) {
                 if (!jobs.contains(id)) return;  // cancelled meanwhile
                 if (!verdict.ok()) return finish(id, failure(verdict.code, std::move(verdict.message)));
                 next(id);
               }));
}

void Client::Impl::admit(JobId id) {
  if (jobs.at(id).request.honour_robots) {
    check_robots(id);
  } else {
    enqueue(id);
  }
}

JobId Client::Impl::add_job(Request request, ParsedUrl url,
                            std::function<void(Response)> done) {
  const JobId id = next_id++;
  Job& job = jobs[id];
  job.request = std::move(request);
  job.url = std::move(url);
  job.site = site_key(job.url.host);
  job.done = std::move(done);
  return id;
}

void Client::Impl::check_robots(JobId id) {
  const std::string key = robots_url(jobs.at(id).url);
  RobotsEntry& entry = robots[key];
  if (!entry.fetching && Clock::now() < entry.expires) {
    apply_robots(id, key, entry.rules, entry.unreachable);
    return;
  }
  entry.waiting.push_back(id);
  if (entry.fetching) return;
  entry.fetching = true;
  Request request;
  request.url = key;
  request.honour_robots = false;
  // It goes where the page would: the same addresses are allowed.
  request.configured = jobs.at(id).request.configured;
  request.own_origin = jobs.at(id).request.own_origin;
  std::optional<ParsedUrl> url = parse_url(key);
  const JobId fetch_id = add_job(std::move(request), std::move(*url),
                                 [this, key](Response r) { on_robots(key, std::move(r)); });
  enqueue(fetch_id);
}

void Client::Impl::on_robots(const std::string& key, Response response) {
  RobotsEntry& entry = robots[key];
  entry.fetching = false;
  std::vector<JobId> waiting = std::move(entry.waiting);
  entry.waiting.clear();
  if (response.error.code == ErrorCode::kCancelled) {
    entry.expires = {};  // nothing learned; ask again next time
    for (JobId id : waiting) {
      finish(id, failure(ErrorCode::kCancelled, "cancelled while fetching " + key));
    }
    return;
  }
  entry.rules = Robots::from_response(response, options.robots_agent, options.max_robots_bytes);
  entry.unreachable = robots_unreachable(key, response);
  entry.expires = Clock::now() + (entry.unreachable.ok() ? Millis(options.robots_ttl)
                                                         : Millis(kUnreachableRobotsTtl));
  // A blocked address says nothing of the site: the next request, from a
  // feed that may reach it, asks again.
  if (response.error.code == ErrorCode::kBlockedAddress) entry.expires = {};
  // Copies: a callback run below may call get(), which may grow `robots`.
  const Robots rules = entry.rules;
  const Error unreachable = entry.unreachable;
  for (JobId id : waiting) apply_robots(id, key, rules, unreachable);
}

void Client::Impl::apply_robots(JobId id, const std::string& key, const Robots& rules,
                                const Error& unreachable) {
  const auto it = jobs.find(id);
  if (it == jobs.end()) return;  // cancelled meanwhile
  const ParsedUrl& url = it->second.url;
  if (rules.allowed(url.path_and_query)) {
    enqueue(id);
  } else if (!unreachable.ok()) {
    finish_later(id, failure(unreachable.code, unreachable.message + "; not fetching " +
                                                   it->second.request.url));
  } else {
    finish_later(id, failure(ErrorCode::kRobotsDisallowed,
                             key + " disallows " + url.path_and_query + " for " +
                                 options.robots_agent));
  }
}

void Client::Impl::enqueue(JobId id, bool front) {
  Job& job = jobs.at(id);
  job.waiting_since = Clock::now();
  hosts.push(job.site, id, front);
  pump();
}

void Client::Impl::pump() {
  for (const HostQueue::Start& start : hosts.take_ready(Clock::now())) dispatch(start.job);
  arm_wake_timer();
}

void Client::Impl::arm_wake_timer() {
  std::optional<Clock::time_point> next = hosts.next_wakeup();
  if (!next) {
    if (wake_at) wake_timer.cancel();
    wake_at.reset();
    return;
  }
  // Never wake in the past: take_ready() just ran, so the host is not ready.
  *next = std::max(*next, Clock::now() + Millis(1));
  if (wake_at && *wake_at <= *next) return;  // an earlier wake-up will re-arm
  wake_at = next;
  wake_timer.expires_at(*next);
  wake_timer.async_wait(guarded([this](const boost::system::error_code& ec) {
    if (ec) return;  // re-armed or cancelled
    wake_at.reset();
    pump();
  }));
}

void Client::Impl::dispatch(JobId id) {
  Job& job = jobs.at(id);
  job.queued += since(job.waiting_since);
  ++job.attempts;
  Attempt attempt;
  attempt.url = job.url.url;  // normalised: IDN hosts as punycode, which curl needs
  attempt.validators = job.request.validators;
  attempt.allow_file = !job.polite;
  attempt.public_only = !job.request.configured && options.proxy.empty();
  attempt.own_origin = job.request.own_origin;
  attempt.follow_redirects = !screened(job);
  attempt.headers = job.request.headers;
  engine.start(std::move(attempt), guarded([this, id](Response r) { on_attempt(id, std::move(r)); }));
}

void Client::Impl::on_attempt(JobId id, Response response) {
  const auto it = jobs.find(id);
  if (it == jobs.end()) return;
  Job& job = it->second;
  if (job.polite) hosts.finished(job.site);
  if (screened(job) && follow(id, response)) return pump();
  const bool retry = response.error.code != ErrorCode::kCancelled && retryable(response) &&
                     job.attempts - job.redirects < options.max_attempts;
  if (!retry) {
    finish(id, std::move(response));
    forget_stale();
    pump();
    return;
  }
  std::uniform_real_distribution<double> uniform(0.0, 1.0);
  const Millis wait = retry_delay(response, job.attempts, options,
                                  std::chrono::system_clock::now(), uniform(rng));
  // The server asked the whole site to slow down, not just this URL.
  if (!response.retry_after.empty() && job.polite) {
    hosts.hold(job.site, Clock::now() + wait);
  }
  schedule_retry(id, wait);
  pump();
}

// A redirect through a proxy, which libcurl left to us: the next hop is
// checked like the first, then queued at the front of its host's line.
// False when `response` is not a redirect to follow.
bool Client::Impl::follow(JobId id, const Response& response) {
  constexpr int kRedirectStatuses[] = {301, 302, 303, 307, 308};
  if (!response.ok() || std::find(std::begin(kRedirectStatuses), std::end(kRedirectStatuses),
                                  response.status) == std::end(kRedirectStatuses)) {
    return false;
  }
  const auto location = std::find_if(response.headers.rbegin(), response.headers.rend(),
                                     [](const auto& h) { return h.first == "location"; });
  if (location == response.headers.rend()) return false;
  Job& job = jobs.at(id);
  if (job.redirects >= options.max_redirects) {
    finish(id, failure(ErrorCode::kRedirect, "more than " + std::to_string(options.max_redirects) +
                                                 " redirects from " + job.request.url));
    return true;
  }
  const std::optional<std::string> next = resolve_url(job.url.url, location->second);
  std::optional<ParsedUrl> url = next ? parse_url(*next) : std::nullopt;
  if (!url || (url->scheme != "http" && url->scheme != "https")) {
    finish(id, failure(ErrorCode::kRedirect, "redirect to non-http(s) URL " + location->second +
                                                 " from " + job.request.url));
    return true;
  }
  job.url = std::move(*url);
  job.site = site_key(job.url.host);
  ++job.redirects;
  after_screen(id, [this](JobId hop) { enqueue(hop, /*front=*/true); });
  return true;
}

void Client::Impl::schedule_retry(JobId id, Millis wait) {
  Job& job = jobs.at(id);
  job.waiting_since = Clock::now();
  job.retry_timer = std::make_unique<boost::asio::steady_timer>(io, wait);
  job.retry_timer->async_wait(guarded([this, id](const boost::system::error_code& ec) {
    if (ec) return;
    const auto it = jobs.find(id);
    if (it == jobs.end()) return;
    if (it->second.polite) {
      enqueue(id, /*front=*/true);
    } else {
      dispatch(id);
    }
  }));
}

void Client::Impl::finish(JobId id, Response response) {
  auto node = jobs.extract(id);
  if (node.empty()) return;  // already finished (cancelled first)
  Job& job = node.mapped();
  if (job.retry_timer) job.retry_timer->cancel();
  response.url = job.request.url;
  if (response.final_url.empty()) response.final_url = job.request.url;
  response.attempts = job.attempts;
  response.redirects += job.redirects;
  response.timing.queued = job.queued;
  response.timing.total = since(job.created);
  auto done = std::move(job.done);
  if (done) done(std::move(response));
}

void Client::Impl::finish_later(JobId id, Response response) {
  boost::asio::post(io, guarded([this, id, response = std::move(response)]() mutable {
    finish(id, std::move(response));
  }));
}

void Client::Impl::cancel_all() {
  std::vector<JobId> ids;
  ids.reserve(jobs.size());
  for (const auto& entry : jobs) ids.push_back(entry.first);
  // Out of the host queue first: a cancelled transfer's completion pumps the
  // queue, which must not start the next one.
  for (JobId id : ids) hosts.erase(id);
  screen.cancel();
  engine.cancel_all();  // running transfers complete through on_attempt
  for (JobId id : ids) finish(id, failure(ErrorCode::kCancelled, "cancelled"));
  for (auto& entry : robots) {
    if (entry.second.fetching) entry.second.expires = {};
    entry.second.fetching = false;
    entry.second.waiting.clear();
  }
  wake_timer.cancel();
  wake_at.reset();
}

void Client::Impl::forget_stale() {
  const auto now = Clock::now();
  if (robots.size() > kMaxRobotsEntries) {
    std::erase_if(robots, [now](const auto& entry) {
      return !entry.second.fetching && entry.second.expires <= now;
    });
  }
  if (hosts.host_count() > kMaxKnownHosts) hosts.forget_idle(now);
}

Client::Client(boost::asio::io_context& io, Options options)
    : impl_(std::make_unique<Impl>(io, std::move(options))) {}

Client::~Client() { impl_->cancel_all(); }

void Client::get(Request request, std::function<void(Response)> done) {
  impl_->get(std::move(request), std::move(done));
}

void Client::cancel_all() { impl_->cancel_all(); }

std::size_t Client::in_flight() const { return impl_->engine.in_flight(); }

std::size_t Client::queued() const {
  const std::size_t running = impl_->engine.in_flight();
  return impl_->jobs.size() > running ? impl_->jobs.size() - running : 0;
}

}  // namespace fetch
