#include "tests/crash/crash_driver.h"

#include <signal.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <optional>
#include <random>
#include <set>
#include <sstream>
#include <thread>

#include "daemon/sqlite.h"
#include "fetch/fetch.h"
#include "tests/e2e/daemon_process.h"
#include "tests/e2e/pages.h"
#include "tests/e2e/sandbox.h"
#include "tests/e2e/site.h"
#include "tests/e2e/spool_reader.h"
#include "tests/support/http_server.h"

namespace crash {
namespace {

namespace fs = std::filesystem;
using Millis = std::chrono::milliseconds;

// After a kill, long enough for every feed to be due again at the restart
// (interval 1 s plus at most 10 % jitter): otherwise a restart could sit
// idle until its SIGKILL and the cycle would test nothing.
constexpr Millis kFeedsDueAgain{1200};
constexpr Millis kCleanRunDeadline{180'000};
constexpr const char* kPubDate = "Tue, 05 Mar 2024 09:30:00 +0800";

struct Article {
  std::string path = {};
  std::string url = {};
  std::string marker = {};  // a sentence only this article's text holds
  e2e::Story story = {};
};

// Article i: one of the five stories, made its own by a numbered paragraph
// (near-duplicate detection is off in the config, exact content hashes
// differ).
Article make_article(const testsupport::HttpServer& server, int i) {
  Article a;
  a.path = "/art/" + std::to_string(i) + ".html";
  a.url = server.url(a.path);
  a.story = e2e::numbered_story(i);
  a.marker = a.story.paragraphs.back();
  return a;
}

class CrashRun {
 public:
  explicit CrashRun(const CrashOptions& options);
  CrashReport run();

 private:
  void publish(int count);
  void write_config() const;
  void one_cycle();
  void inspect_after_kill();
  void final_checks();
  // The url_key -> kind of the state's seen table (empty when unreadable).
  std::map<std::string, std::string> seen_kinds(std::string* error) const;
  fs::path spool() const { return opt_.root / "spool"; }
  fs::path state_file() const { return opt_.root / "state" / "state.sqlite3"; }
  fs::path config() const { return opt_.root / "jingwend.toml"; }

  const CrashOptions opt_;
  testsupport::HttpServer server_;
  std::mt19937_64 rng_;
  std::vector<Article> articles_;
  int published_ = 0;
  CrashReport report_;
};

CrashRun::CrashRun(const CrashOptions& options) : opt_(options), rng_(options.seed) {
  for (int i = 0; i < opt_.articles; ++i) articles_.push_back(make_article(server_, i));
  fs::create_directories(opt_.root);
  write_config();
}

// Makes articles [published_, published_ + count) live: their pages, and the
// feeds that list every live article (article i in feed i % feeds).
void CrashRun::publish(int count) {
  const int end = std::min(opt_.articles, published_ + count);
  for (int i = published_; i < end; ++i) {
    e2e::serve_page(server_, articles_[i].path, e2e::netease_page(articles_[i].story), opt_.page_delay);
  }
  published_ = end;
  for (int f = 0; f < opt_.feeds; ++f) {
    std::vector<e2e::FeedEntry> entries;
    for (int i = f; i < published_; i += opt_.feeds) entries.push_back({articles_[i].story.title, articles_[i].url, kPubDate});
    e2e::serve_feed(server_, "/feed/" + std::to_string(f) + ".xml",
                    e2e::rss_feed("崩溃测试" + std::to_string(f), server_.url("/"), entries));
  }
}

void CrashRun::write_config() const {
  e2e::ConfigSpec spec;
  spec.per_host_concurrency = 4;
  spec.extra.push_back("near_duplicate_distance = -1");
  for (int f = 0; f < opt_.feeds; ++f) {
    e2e::FeedSpec feed;
    feed.name = "crash" + std::to_string(f);
    feed.url = server_.url("/feed/" + std::to_string(f) + ".xml");
    spec.feeds.push_back(feed);
  }
  std::ofstream(config(), std::ios::binary | std::ios::trunc)
      << e2e::render_config(spec, spool(), opt_.root / "state");
}

void CrashRun::one_cycle() {
  publish((opt_.articles + opt_.cycles) / (opt_.cycles + 1));
  const int n = report_.cycles++;
  const std::string log = (opt_.root / ("cycle-" + std::to_string(n))).string();
  e2e::DaemonProcess daemon(opt_.jingwend, {"--config", config().string()}, log + ".out", log + ".err");
  if (!daemon.started()) {
    report_.problems.push_back("cycle " + std::to_string(n) + ": cannot start jingwend: " + daemon.error());
    return;
  }
  std::uniform_int_distribution<long> delay(opt_.min_kill_delay.count(), opt_.max_kill_delay.count());
  std::this_thread::sleep_for(Millis(delay(rng_)));
  if (daemon.running() && daemon.send(SIGKILL)) ++report_.kills_while_running;
  daemon.wait_exit();
  inspect_after_kill();
  std::this_thread::sleep_for(kFeedsDueAgain);
}

// What the kill left behind, before the next start cleans up.
void CrashRun::inspect_after_kill() {
  if (!e2e::Sandbox::files_in(spool() / "tmp").empty()) ++report_.kills_leaving_tmp_files;
  std::string error;
  const std::map<std::string, std::string> seen = seen_kinds(&error);
  int uncommitted = 0;
  for (const e2e::SpoolRecord& r : e2e::read_records(spool() / "new")) {
    const e2e::Json* url = r.json ? r.json->find("url") : nullptr;
    if (url != nullptr && !seen.contains(fetch::url_key(url->string))) ++uncommitted;
  }
  report_.uncommitted_records_seen += uncommitted;
  if (uncommitted > 0) ++report_.kills_between_rename_and_commit;
}

std::map<std::string, std::string> CrashRun::seen_kinds(std::string* error) const {
  std::map<std::string, std::string> kinds;
  if (!fs::exists(state_file())) return kinds;
  auto db = jingwend::sqlite::Database::open(state_file().string(), error);
  if (!db) return kinds;
  auto stmt = db->prepare("SELECT url_key, kind FROM seen", error);
  if (!stmt) return kinds;
  while (stmt->step() == jingwend::sqlite::Step::kRow) kinds[stmt->column_text(0)] = stmt->column_text(1);
  return kinds;
}

// The spool after the clean run: one parsable record per published URL,
// nothing else; tmp/ empty; every URL committed; the database sound.
void CrashRun::final_checks() {
  std::map<std::string, std::set<std::string>> names_by_url;
  std::map<std::string, const Article*> by_url;
  for (int i = 0; i < published_; ++i) by_url[articles_[i].url] = &articles_[i];
  for (const e2e::SpoolRecord& r : e2e::read_records(spool() / "new")) {
    const e2e::Json* url = r.json ? r.json->find("url") : nullptr;
    const e2e::Json* text = r.json ? r.json->find("text") : nullptr;
    if (url == nullptr || text == nullptr || !url->is_string() || !text->is_string()) {
      ++report_.unparsable;
      report_.problems.push_back("record " + r.name + " is not an article's JSON");
      continue;
    }
    const auto article = by_url.find(url->string);
    if (article == by_url.end()) {
      ++report_.strangers;
      report_.problems.push_back("record " + r.name + " has an unknown url " + url->string);
      continue;
    }
    if (text->string.find(article->second->marker) == std::string::npos) {
      ++report_.unparsable;
      report_.problems.push_back("record " + r.name + " lacks its article's text");
    }
    names_by_url[url->string].insert(r.name);
  }
  report_.expected = published_;
  report_.found = static_cast<int>(names_by_url.size());
  for (const auto& [url, names] : names_by_url) {
    if (names.size() > 1) {
      ++report_.duplicated;
      report_.problems.push_back(url + " has " + std::to_string(names.size()) + " records");
    }
  }
  for (const auto& [url, article] : by_url) {
    if (!names_by_url.contains(url)) {
      ++report_.missing;
      report_.problems.push_back(url + " has no record");
    }
  }
  report_.tmp_left = static_cast<int>(e2e::Sandbox::files_in(spool() / "tmp").size());
  if (report_.tmp_left > 0) report_.problems.push_back(std::to_string(report_.tmp_left) + " files left in tmp/");

  std::string error;
  const std::map<std::string, std::string> seen = seen_kinds(&error);
  for (const auto& [url, article] : by_url) {
    const auto kind = seen.find(fetch::url_key(url));
    if (kind == seen.end() || kind->second != "spooled") ++report_.not_committed;
  }
  if (report_.not_committed > 0) {
    report_.problems.push_back(std::to_string(report_.not_committed) + " URLs not committed as spooled " + error);
  }
  auto db = jingwend::sqlite::Database::open(state_file().string(), &error);
  auto check = db ? db->prepare("PRAGMA integrity_check", &error) : std::nullopt;
  report_.integrity = check && check->step() == jingwend::sqlite::Step::kRow ? check->column_text(0) : error;
  if (report_.integrity != "ok") report_.problems.push_back("integrity_check: " + report_.integrity);
}

CrashReport CrashRun::run() {
  for (int c = 0; c < opt_.cycles; ++c) one_cycle();
  report_.spooled_before_clean_run = static_cast<int>(e2e::Sandbox::files_in(spool() / "new").size());
  publish(opt_.articles);
  const std::string log = (opt_.root / "clean-run").string();
  auto clean = e2e::run_to_exit(opt_.jingwend, {"--config", config().string(), "--once"}, log + ".out",
                                log + ".err", kCleanRunDeadline);
  const auto status = clean->exit_status();
  report_.final_exit = status ? status->describe() : "did not exit";
  if (!status || !status->exited || status->code != 0) {
    report_.problems.push_back("the clean run ended with " + report_.final_exit + "; its log: " + log + ".err");
  }
  final_checks();
  return report_;
}

}  // namespace

std::string CrashReport::describe() const {
  std::ostringstream out;
  out << "cycles " << cycles << ", SIGKILL while running " << kills_while_running << ", kills between rename and commit "
      << kills_between_rename_and_commit << " (" << uncommitted_records_seen << " records), kills leaving tmp/ files "
      << kills_leaving_tmp_files << ", records written by the killed runs " << spooled_before_clean_run << "\n"
      << "records: expected " << expected << ", found " << found << ", missing " << missing << ", duplicated "
      << duplicated << ", unparsable " << unparsable << ", unknown " << strangers << "; tmp/ after the clean run "
      << tmp_left << "; not committed " << not_committed << "; integrity_check " << integrity << "; clean run "
      << final_exit;
  return out.str();
}

CrashReport run_crash_cycles(const CrashOptions& options) { return CrashRun(options).run(); }

}  // namespace crash
