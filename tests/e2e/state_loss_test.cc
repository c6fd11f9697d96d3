// A state file that is missing or emptied next to a spool that already holds
// records is a lost state, not a first start: jingwend refuses it (exit 1,
// naming the state file, the spool and --new-state) instead of fetching and
// spooling every article again. `--new-state` starts over on purpose.
#include <filesystem>

#include "tests/e2e/e2e_test.h"

namespace e2e {
namespace {

class StateLossTest : public E2eTest {
 protected:
  const std::vector<std::string> paths_ = {"/netease/a/1.html", "/netease/a/2.html"};

  void SetUp() override {
    put_netease(paths_[0], park_story());
    put_netease(paths_[1], library_story());
    serve_feed(server, "/netease/rss.xml",
               rss_feed("网易号", url("/"), {entry(paths_[0], park_story()), entry(paths_[1], library_story())}));
    config.feeds = {rss_spec("netease", "/netease/rss.xml")};
  }

  fs::path state_file() const { return sandbox.state_dir() / "state.sqlite3"; }

  // A --once run with `extra` arguments.
  std::unique_ptr<DaemonProcess> run(const std::string& tag, const std::vector<std::string>& extra = {}) {
    sandbox.write_config(config);
    std::vector<std::string> args = {"--config", sandbox.config_path().string(), "--once"};
    args.insert(args.end(), extra.begin(), extra.end());
    return run_to_exit(JINGWEND, args, sandbox.out_path(tag), sandbox.err_path(tag));
  }

  // The run exited 1 with one startup error that names the state file, the
  // spool and the way to start over, and fetched nothing.
  void expect_refused(const DaemonProcess& p) {
    EXPECT_TRUE(ExitedWith(p, 1)) << StatusOf(p) << "\n" << DaemonLog(p);
    const auto errors = p.events("error");
    ASSERT_EQ(errors.size(), 1u) << DaemonLog(p);
    EXPECT_EQ(errors[0].get("reason"), "startup") << errors[0].raw;
    const std::string message = errors[0].get("message");
    EXPECT_NE(message.find(state_file().string()), std::string::npos) << message;
    EXPECT_NE(message.find(sandbox.spool_dir().string()), std::string::npos) << message;
    EXPECT_NE(message.find("--new-state"), std::string::npos) << message;
    EXPECT_TRUE(p.events("feed-fetched").empty()) << DaemonLog(p);
    EXPECT_EQ(requests(paths_), paths_.size()) << "an article fetched again";
  }
};

TEST_F(StateLossTest, AnEmptiedOrMissingStateNextToAWrittenSpoolIsRefusedUntilNewState) {
  auto first = run("first");
  ASSERT_TRUE(ExitedWith(*first, 0)) << StatusOf(*first) << "\n" << DaemonLog(*first);
  ASSERT_EQ(new_records().size(), paths_.size()) << DaemonLog(*first);

  // Truncated to 0 bytes: refused, and left as it was.
  fs::resize_file(state_file(), 0);
  auto emptied = run("emptied");
  expect_refused(*emptied);
  EXPECT_EQ(fs::file_size(state_file()), 0u) << "the refusal wrote to the state";

  // Missing, while a consumer has taken every record into cur/: refused too.
  fs::remove(state_file());
  for (const auto& entry : fs::directory_iterator(sandbox.spool_dir() / "new")) {
    fs::rename(entry.path(), sandbox.spool_dir() / "cur" / entry.path().filename());
  }
  auto missing = run("missing");
  expect_refused(*missing);
  EXPECT_FALSE(fs::exists(state_file())) << "the refusal created a state";

  // --new-state: starts over on purpose, saying so; the pages are read again
  // (the consumed records are not written twice: cur/ holds them).
  auto fresh = run("fresh", {"--new-state"});
  ASSERT_TRUE(ExitedWith(*fresh, 0)) << StatusOf(*fresh) << "\n" << DaemonLog(*fresh);
  ASSERT_EQ(fresh->events("new-state").size(), 1u) << DaemonLog(*fresh);
  EXPECT_EQ(requests(paths_), 2 * paths_.size());
  EXPECT_TRUE(new_records().empty()) << DaemonLog(*fresh);

  // From now on the state is there: a plain run starts.
  auto after = run("after");
  EXPECT_TRUE(ExitedWith(*after, 0)) << StatusOf(*after) << "\n" << DaemonLog(*after);
  EXPECT_EQ(requests(paths_), 2 * paths_.size());
}

TEST_F(StateLossTest, AFreshSpoolAndStateStartWithoutTheFlag) {
  auto first = run("first");
  ASSERT_TRUE(ExitedWith(*first, 0)) << StatusOf(*first) << "\n" << DaemonLog(*first);
  EXPECT_TRUE(first->events("new-state").empty()) << DaemonLog(*first);
  EXPECT_EQ(new_records().size(), paths_.size()) << DaemonLog(*first);
}

}  // namespace
}  // namespace e2e
