// The fixture of every daemon test: a loopback server, a sandbox, a config
// to write, and the checks a spooled record must pass.
#ifndef JINGWEN_TESTS_E2E_E2E_TEST_H_
#define JINGWEN_TESTS_E2E_E2E_TEST_H_

#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "tests/e2e/daemon_process.h"
#include "tests/e2e/pages.h"
#include "tests/e2e/sandbox.h"
#include "tests/e2e/site.h"
#include "tests/e2e/spool_reader.h"
#include "tests/support/http_server.h"

namespace e2e {

// RSS pubDates: an item's first stamp and a later one (a bumped item).
inline constexpr const char* kFirstPubDate = "Tue, 05 Mar 2024 09:30:00 +0800";
inline constexpr const char* kLaterPubDate = "Tue, 05 Mar 2024 15:45:00 +0800";

class E2eTest : public testing::Test {
 protected:
  std::string url(const std::string& path) const { return server.url(path); }
  FeedSpec rss_spec(const std::string& name, const std::string& path) const;
  FeedSpec html_list_spec(const std::string& name, const std::string& path) const;
  FeedEntry entry(const std::string& path, const Story& story, const std::string& pub_date = kFirstPubDate) const;

  void put_netease(const std::string& path, const Story& story, const std::vector<std::string>& related = default_related(),
                   std::chrono::milliseconds delay = std::chrono::milliseconds{0});
  void put_gov(const std::string& path, const Story& story, const OpenInfo& info,
               std::chrono::milliseconds delay = std::chrono::milliseconds{0});

  // Writes `config`, runs `jingwend --config FILE --once` to its end (killed
  // after kExitDeadline) and returns it for its log and status.
  std::unique_ptr<DaemonProcess> run_once(const std::string& tag);
  // Writes `config` and starts the daemon without --once; `env` adds
  // "NAME=value" entries to its environment.
  std::unique_ptr<DaemonProcess> start_daemon(const std::string& tag, const std::vector<std::string>& env = {});
  // Writes `config` and starts `jingwend --once` without waiting for it.
  std::unique_ptr<DaemonProcess> start_once(const std::string& tag);

  std::vector<SpoolRecord> new_records() const { return read_records(sandbox.spool_dir() / "new"); }
  // How many requests reached `paths` together.
  std::size_t requests(const std::vector<std::string>& paths) const;

  testsupport::HttpServer server;
  Sandbox sandbox;
  ConfigSpec config;
};

// The record in `records` whose url is `url`, or nullptr.
const SpoolRecord* find_record(const std::vector<SpoolRecord>& records, const std::string& url);

// A JSON record of `story` fetched from `url` by feed `feed`: valid JSON
// with every field of the spec, url/final_url/feed/title/text right, the
// text free of `chrome`, content_sha256 the hash of the text, and the file
// named after the URL key and that hash.
void ExpectStoryRecord(const SpoolRecord& record, const std::string& url, const std::string& feed, const Story& story,
                       const std::vector<std::string>& chrome);

// True when `text` starts with "FILE:LINE:COLUMN: " for this file and line
// (any column).
bool StartsWithPosition(std::string_view text, std::string_view file, int line);

// The daemon's stderr, for failure messages.
std::string DaemonLog(const DaemonProcess& process);

// The exit status of a finished run, "did not exit" otherwise.
std::string StatusOf(const DaemonProcess& process);
// True when the process exited with `code`.
bool ExitedWith(const DaemonProcess& process, int code);

}  // namespace e2e

#endif  // JINGWEN_TESTS_E2E_E2E_TEST_H_
