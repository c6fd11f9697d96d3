// A page that answers 404 (listed in its feed before it went live) is
// fetched again after each of daemon/gone_retry.h's delays, and spooled once
// it is there; after the last delay it is given up. The delays are hours, so
// the test moves the remembered 404 back in time in the state between runs.
#include <chrono>
#include <optional>

#include "daemon/gone_retry.h"
#include "daemon/state.h"
#include "fetch/fetch.h"
#include "tests/e2e/e2e_test.h"

namespace e2e {
namespace {

const std::string kPage = "/netease/a/1.html";

class GoneRetryTest : public E2eTest {
 protected:
  void SetUp() override {
    serve_not_found();
    serve_feed(server, "/netease/rss.xml", rss_feed("网易号", url("/"), {entry(kPage, park_story())}));
    config.feeds = {rss_spec("netease", "/netease/rss.xml")};
  }

  void serve_not_found() {
    server.on(kPage, [](const testsupport::ServerRequest&) {
      return testsupport::ServerResponse::text(404, "<html><body>404 Not Found</body></html>", "text/html");
    });
  }

  // The state's entry for kPage.
  std::optional<jingwend::SeenEntry> remembered() {
    std::string error;
    const std::unique_ptr<jingwend::State> state = jingwend::State::open(sandbox.state_dir().string(), &error);
    EXPECT_TRUE(state) << error;
    if (!state) return std::nullopt;
    return state->seen(fetch::url_key(url(kPage)));
  }

  // Moves the remembered 404 of kPage `by` into the past, as if that much
  // time had gone by since.
  void age_by(std::chrono::seconds by) {
    std::string error;
    const std::unique_ptr<jingwend::State> state = jingwend::State::open(sandbox.state_dir().string(), &error);
    ASSERT_TRUE(state) << error;
    std::optional<jingwend::SeenEntry> entry = state->seen(fetch::url_key(url(kPage)));
    ASSERT_TRUE(entry);
    entry->updated -= by.count();
    ASSERT_EQ(state->commit(*entry), "");
  }

  // A --once run that must exit 0.
  std::unique_ptr<DaemonProcess> run_ok(const std::string& tag) {
    auto p = run_once(tag);
    EXPECT_TRUE(ExitedWith(*p, 0)) << StatusOf(*p) << "\n" << DaemonLog(*p);
    return p;
  }
};

TEST_F(GoneRetryTest, APageThatGoesLiveAfterA404IsSpooledAtItsRetry) {
  auto first = run_ok("first");
  EXPECT_EQ(server.requests(kPage), 1u);
  const auto gone = first->events("gone");
  ASSERT_EQ(gone.size(), 1u) << DaemonLog(*first);
  EXPECT_EQ(gone[0].get("attempts"), "1") << gone[0].raw;
  EXPECT_EQ(gone[0].get("given_up"), "false") << gone[0].raw;
  const auto entry = remembered();
  ASSERT_TRUE(entry);
  EXPECT_EQ(entry->kind, jingwend::SeenKind::kGone);
  EXPECT_EQ(entry->attempts, 1);

  // Before the first delay has passed: not fetched, and the feed is read in
  // full (a 304 would hide the retry once it is due).
  auto early = run_ok("early");
  EXPECT_EQ(server.requests(kPage), 1u) << DaemonLog(*early);
  const auto fetched = early->events("feed-fetched");
  ASSERT_EQ(fetched.size(), 1u) << DaemonLog(*early);
  EXPECT_EQ(fetched[0].get("http_status"), "200") << fetched[0].raw;

  // The page went live; the first delay has passed: fetched and spooled.
  put_netease(kPage, park_story());
  age_by(jingwend::kGoneRetryDelays[0]);
  auto live = run_ok("live");
  EXPECT_EQ(server.requests(kPage), 2u) << DaemonLog(*live);
  const std::vector<SpoolRecord> records = new_records();
  const SpoolRecord* record = find_record(records, url(kPage));
  ASSERT_NE(record, nullptr) << DaemonLog(*live);
  ExpectStoryRecord(*record, url(kPage), "netease", park_story(), netease_chrome());
  EXPECT_EQ(remembered()->kind, jingwend::SeenKind::kSpooled);
}

TEST_F(GoneRetryTest, APageThatStays404IsFetchedABoundedNumberOfTimes) {
  const std::size_t fetches = jingwend::kGoneRetryDelays.size() + 1;
  for (std::size_t i = 0; i < fetches; ++i) {
    auto run = run_ok("run" + std::to_string(i));
    ASSERT_EQ(server.requests(kPage), i + 1) << DaemonLog(*run);
    const auto gone = run->events("gone");
    ASSERT_EQ(gone.size(), 1u) << DaemonLog(*run);
    EXPECT_EQ(gone[0].get("attempts"), std::to_string(i + 1)) << gone[0].raw;
    EXPECT_EQ(gone[0].get("given_up"), i + 1 == fetches ? "true" : "false") << gone[0].raw;
    if (i + 1 < fetches) age_by(jingwend::kGoneRetryDelays[i]);
  }
  // Given up: a week on, the unchanged item is not fetched again.
  age_by(std::chrono::hours{24 * 7});
  auto after = run_ok("after");
  EXPECT_EQ(server.requests(kPage), fetches) << DaemonLog(*after);
  EXPECT_TRUE(after->events("gone").empty()) << DaemonLog(*after);
}

}  // namespace
}  // namespace e2e
