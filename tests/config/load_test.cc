// load_config() on real files: what cannot be read, what is too large, and
// that errors name the path as given.
#include <sys/stat.h>
#include <sys/types.h>

#include <gtest/gtest.h>

#include <string>

#include "config/config.h"
#include "tests/config/helpers.h"

namespace {

using configtest::kRequired;
using configtest::OnlyError;

using LoadConfig = configtest::TempDirTest;

constexpr std::size_t kLimitBytes = 4u << 20;

TEST_F(LoadConfig, MissingFileHasNoPosition) {
  const std::string path = (dir_ / "absent.toml").string();
  const config::ConfigError e = OnlyError(config::load_config(path));
  EXPECT_EQ(e.file, path);
  EXPECT_EQ(e.line, 0);
  EXPECT_EQ(e.column, 0);
  EXPECT_EQ(e.key, "");
  EXPECT_EQ(e.to_string(), path + ": cannot read: No such file or directory");
}

TEST_F(LoadConfig, DirectoryIsRefused) {
  const config::ConfigError e = OnlyError(config::load_config(dir_.string()));
  EXPECT_EQ(e.to_string(), dir_.string() + ": is a directory, not a file");
}

TEST_F(LoadConfig, FifoIsRefusedWithoutWaitingForAWriter) {
  const std::string path = (dir_ / "fifo.toml").string();
  ASSERT_EQ(mkfifo(path.c_str(), 0600), 0);
  const config::ConfigError e = OnlyError(config::load_config(path));
  EXPECT_EQ(e.to_string(), path + ": is not a regular file");
}

TEST_F(LoadConfig, FileOverFourMebibytesIsRefused) {
  std::string text = kRequired;
  text += "# " + std::string(kLimitBytes - text.size() - 3, 'x') + "\n";
  ASSERT_EQ(text.size(), kLimitBytes);
  const config::LoadResult at_limit = config::load_config(Write("at_limit.toml", text));
  EXPECT_TRUE(at_limit.ok()) << configtest::Dump(at_limit);

  const std::string path = Write("over.toml", text + "\n");
  const config::ConfigError e = OnlyError(config::load_config(path));
  EXPECT_EQ(e.line, 0);
  EXPECT_EQ(e.to_string(), path + ": file is larger than 4MiB; refusing to read it");
  // The same limit holds for text in memory.
  const config::ConfigError in_memory = OnlyError(config::parse_config(text + "\n", "mem.toml"));
  EXPECT_EQ(in_memory.to_string(), "mem.toml: file is larger than 4MiB; refusing to read it");
}

TEST_F(LoadConfig, ErrorsNameThePathAsGiven) {
  Write("conf/jingwen.toml", kRequired + "workers = 0\n");
  const std::string given = dir_.string() + "/conf/../conf/jingwen.toml";
  const config::ConfigError e = OnlyError(config::load_config(given));
  EXPECT_EQ(e.to_string(), given + ":3:11: workers: 0 is out of range: must be 1 to 64");
}

TEST_F(LoadConfig, ResolvedPathIsNormalised) {
  Write("conf/jingwen.toml", kRequired);
  Write("conf/x/other.toml", "");
  const config::LoadResult result =
      config::load_config(dir_.string() + "/conf/./x/../jingwen.toml");
  ASSERT_TRUE(result.ok()) << configtest::Dump(result);
  EXPECT_EQ(result.config->path, (dir_ / "conf/jingwen.toml").string());
  EXPECT_EQ(result.config->spool_dir, (dir_ / "conf/spool").string());
  EXPECT_EQ(result.config->state_dir, (dir_ / "conf/state").string());
}

TEST_F(LoadConfig, ByteOrderMarkIsAccepted) {
  const config::LoadResult result =
      config::load_config(Write("bom.toml", "\xEF\xBB\xBF" + kRequired));
  EXPECT_TRUE(result.ok()) << configtest::Dump(result);
}

}  // namespace
