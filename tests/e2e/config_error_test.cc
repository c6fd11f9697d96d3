// Exit statuses: 2 for usage and config errors (each config error on stderr
// as FILE:LINE:COLUMN: KEY: MESSAGE), 1 for a runtime failure such as a
// spool that cannot be opened; --help and --version exit 0.
#include <sstream>

#include "tests/e2e/e2e_test.h"

namespace e2e {
namespace {

class ConfigErrorTest : public E2eTest {
 protected:
  void SetUp() override { config.feeds = {rss_spec("netease", "/netease/rss.xml")}; }

  std::unique_ptr<DaemonProcess> run(const std::vector<std::string>& args) {
    return run_to_exit(JINGWEND, args, sandbox.out_path("run"), sandbox.err_path("run"));
  }
  std::unique_ptr<DaemonProcess> run_config(const std::string& text) {
    sandbox.write_file(sandbox.config_path(), text);
    return run({"--config", sandbox.config_path().string(), "--once"});
  }

  // The stderr lines that start with FILE:LINE:COLUMN for `line`.
  static std::vector<std::string> error_lines(const DaemonProcess& p, const std::string& file, int line) {
    std::vector<std::string> out;
    std::istringstream in(p.stderr_text());
    for (std::string l; std::getline(in, l);) {
      if (StartsWithPosition(l, file, line)) out.push_back(l);
    }
    return out;
  }
};

TEST_F(ConfigErrorTest, AValueOfTheWrongTypeExitsTwoNamingFileLineColumnAndKey) {
  std::string text = render_config(config, sandbox.spool_dir(), sandbox.state_dir());
  text.replace(text.find("workers = 2"), 11, "workers = \"two\"");
  const int line = line_of(text, "workers = \"two\"");
  auto p = run_config(text);
  EXPECT_TRUE(ExitedWith(*p, 2)) << StatusOf(*p) << "\n" << p->stderr_text();
  const auto lines = error_lines(*p, sandbox.config_path().string(), line);
  ASSERT_EQ(lines.size(), 1u) << "want " << sandbox.config_path() << ":" << line << ":COLUMN: workers: ...\n"
                              << p->stderr_text();
  EXPECT_NE(lines[0].find(": workers: "), std::string::npos) << lines[0];
  EXPECT_FALSE(fs::exists(sandbox.spool_dir() / "new")) << "a bad config touches nothing";
}

TEST_F(ConfigErrorTest, EveryErrorIsReported) {
  std::string text = render_config(config, sandbox.spool_dir(), sandbox.state_dir());
  text.replace(text.find("interval = \"1s\""), 15, "interval = \"soon\"");
  text = "wrkers = 2\n" + text;
  auto p = run_config(text);
  EXPECT_TRUE(ExitedWith(*p, 2)) << StatusOf(*p) << "\n" << p->stderr_text();
  const std::string file = sandbox.config_path().string();
  EXPECT_EQ(error_lines(*p, file, 1).size(), 1u) << p->stderr_text();
  const auto interval = error_lines(*p, file, line_of(text, "interval = \"soon\""));
  ASSERT_EQ(interval.size(), 1u) << p->stderr_text();
  EXPECT_NE(interval[0].find("interval"), std::string::npos) << interval[0];
}

TEST_F(ConfigErrorTest, BrokenTomlExitsTwoWithItsPosition) {
  const std::string text = render_config(config, sandbox.spool_dir(), sandbox.state_dir()) + "[[feed]\nname = \"x\"\n";
  auto p = run_config(text);
  EXPECT_TRUE(ExitedWith(*p, 2)) << StatusOf(*p) << "\n" << p->stderr_text();
  EXPECT_EQ(error_lines(*p, sandbox.config_path().string(), line_of(text, "[[feed]\nname = \"x\"")).size(), 1u)
      << p->stderr_text();
}

TEST_F(ConfigErrorTest, AMissingConfigFileExitsTwoNamingIt) {
  const std::string missing = (sandbox.root() / "absent.toml").string();
  auto p = run({"--config", missing, "--once"});
  EXPECT_TRUE(ExitedWith(*p, 2)) << StatusOf(*p) << "\n" << p->stderr_text();
  EXPECT_NE(p->stderr_text().find(missing), std::string::npos) << p->stderr_text();
}

TEST_F(ConfigErrorTest, UsageErrorsExitTwoAndHelpAndVersionExitZero) {
  auto none = run({});
  EXPECT_TRUE(ExitedWith(*none, 2)) << "no --config: " << StatusOf(*none);
  auto bogus = run({"--bogus"});
  EXPECT_TRUE(ExitedWith(*bogus, 2)) << "--bogus: " << StatusOf(*bogus);
  EXPECT_FALSE(bogus->stderr_text().empty());
  auto help = run({"--help"});
  EXPECT_TRUE(ExitedWith(*help, 0)) << "--help: " << StatusOf(*help);
  EXPECT_NE((help->stdout_text() + help->stderr_text()).find("--config"), std::string::npos)
      << help->stdout_text() << help->stderr_text();
  auto version = run({"--version"});
  EXPECT_TRUE(ExitedWith(*version, 0)) << "--version: " << StatusOf(*version);
  EXPECT_FALSE((version->stdout_text() + version->stderr_text()).empty());
}

TEST_F(ConfigErrorTest, ASpoolThatCannotBeOpenedIsARuntimeFailure) {
  // spool_dir under a regular file: mkdir fails with ENOTDIR.
  sandbox.write_file(sandbox.root() / "plain-file", "not a directory\n");
  std::string text = render_config(config, sandbox.root() / "plain-file" / "spool", sandbox.state_dir());
  auto p = run_config(text);
  EXPECT_TRUE(ExitedWith(*p, 1)) << StatusOf(*p) << "\n" << p->stderr_text();
  const auto errors = p->events("error");
  ASSERT_FALSE(errors.empty()) << p->stderr_text();
  EXPECT_EQ(errors[0].get("level"), "error");
  EXPECT_NE(errors[0].get("message").find("plain-file"), std::string::npos) << errors[0].raw;
}

}  // namespace
}  // namespace e2e
