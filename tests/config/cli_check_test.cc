// `jingwen check` end to end: the real binary (JINGWEN_CLI) on configs
// written to a temp dir; exact output lines and exit status.
#include <unistd.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include "config/config.h"
#include "tests/config/helpers.h"
#include "tests/support/run_process.h"

namespace {

namespace fs = std::filesystem;
using configtest::kRequired;
using CliRun = testsupport::ProcessRun;

class CliCheck : public configtest::TempDirTest {
 protected:
  // Runs `jingwen check ARGS...`.
  CliRun Check(const std::vector<std::string>& args) {
    std::vector<std::string> argv = {JINGWEN_CLI, "check"};
    argv.insert(argv.end(), args.begin(), args.end());
    CliRun run = testsupport::run_process(argv, dir_ / "cli");
    if (!run.failure.empty()) ADD_FAILURE() << "jingwen check: " << run.failure;
    return run;
  }
};

TEST_F(CliCheck, ValidConfigPrintsOkAndTheResolvedSettings) {
  Write("feeds/local.xml", "<rss version=\"2.0\"><channel></channel></rss>");
  const std::string path =
      Write("jingwen.toml", kRequired +
                                "workers = 4\n"
                                "[[feed]]\n"
                                "name = \"local\"\n"
                                "url = \"file:feeds/local.xml\"\n"
                                "[[feed]]\n"
                                "name = \"gov\"\n"
                                "url = \"https://www.example.gov.cn/list/\"\n");
  const CliRun r = Check({path});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.err, "");
  const config::LoadResult loaded = config::load_config(path);
  ASSERT_TRUE(loaded.ok());
  EXPECT_EQ(r.out, path + ": ok (2 feeds)\n" + config::describe(*loaded.config));
  // The settings as resolved: paths and the file: URL made absolute.
  EXPECT_NE(r.out.find("\nspool_dir = \"" + (dir_ / "spool").string() + "\"\n"), std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("\nworkers = 4\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\nurl = \"file://" + (dir_ / "feeds/local.xml").string() + "\"\n"),
            std::string::npos)
      << r.out;
}

TEST_F(CliCheck, CountsOneFeedAndNoFeeds) {
  const std::string one =
      Write("one.toml", kRequired + "[[feed]]\nname = \"a\"\nurl = \"https://a.cn/\"\n");
  EXPECT_EQ(Check({one}).out.substr(0, one.size() + 14), one + ": ok (1 feed)\n");
  const std::string none = Write("none.toml", kRequired);
  const CliRun r = Check({none});
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(r.out.substr(0, none.size() + 15), none + ": ok (0 feeds)\n");
}

TEST_F(CliCheck, EachErrorOnItsOwnLineWithFileLineColumn) {
  const std::string path = Write("bad.toml",
                                 "spool_dir = \"spool\"\n"
                                 "workers = 100\n"
                                 "per_host_dealy = \"1s\"\n"
                                 "\n"
                                 "[[feed]]\n"
                                 "name = \"gov\"\n"
                                 "url = \"ftp://ftp.example.cn/\"\n"
                                 "  interval = \"0s\"\n"
                                 "[[feed]]\n"
                                 "name = \"gov\"\n"
                                 "url = \"file:missing.xml\"\n");
  const CliRun r = Check({path});
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(
      r.err,
      path + ":1:1: state_dir: missing (where state.sqlite3 lives)\n" + path +
          ":2:11: workers: 100 is out of range: must be 1 to 64\n" + path +
          ":3:1: per_host_dealy: unknown key \"per_host_dealy\" (did you mean "
          "\"per_host_delay\"?)\n" +
          path +
          ":7:7: feed[1].url: \"ftp://ftp.example.cn/\": scheme \"ftp\" is not supported: "
          "feeds are http://, https:// or file: URLs\n" +
          path + ":8:14: feed[1].interval: \"0s\" is too short: the minimum is 1s\n" + path +
          ":10:8: feed[2].name: duplicate feed name \"gov\" (first used by feed[1] at line 6)\n" +
          path + ":11:7: feed[2].url: \"file:missing.xml\": cannot read " +
          (dir_ / "missing.xml").string() + ": No such file or directory\n");
}

TEST_F(CliCheck, SyntaxErrorIsOneLine) {
  const std::string path = Write("syntax.toml", kRequired + "[[feed]\nname = \"a\"\n");
  const CliRun r = Check({path});
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err.rfind(path + ":3:8: ", 0), 0u) << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
}

TEST_F(CliCheck, UnreadableFileHasNoPosition) {
  const std::string path = (dir_ / "absent.toml").string();
  const CliRun r = Check({path});
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.err, path + ": cannot read: No such file or directory\n");
}

TEST_F(CliCheck, UsageErrors) {
  const CliRun none = Check({});
  EXPECT_EQ(none.status, 2);
  EXPECT_NE(none.err.find("usage: jingwen check CONFIG"), std::string::npos) << none.err;
  const CliRun two = Check({"a.toml", "b.toml"});
  EXPECT_EQ(two.status, 2);
  EXPECT_NE(two.err.find("expected one CONFIG file"), std::string::npos) << two.err;
  const CliRun option = Check({"--verbose"});
  EXPECT_EQ(option.status, 2);
  const CliRun help = Check({"--help"});
  EXPECT_EQ(help.status, 0);
  EXPECT_EQ(help.err, "");
  EXPECT_EQ(help.out.rfind("usage: jingwen check CONFIG\n", 0), 0u) << help.out;
}

TEST_F(CliCheck, TheExampleConfigChecks) {
  const std::string example = std::string(JINGWEN_SOURCE_DIR) + "/config/jingwen.example.toml";
  const CliRun r = Check({example});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out.rfind(example + ": ok (3 feeds)\n", 0), 0u) << r.out;
}

}  // namespace
