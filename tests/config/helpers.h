// Shared by the config tests: a temp dir per test, and short views of errors.
#ifndef JINGWEN_TESTS_CONFIG_HELPERS_H_
#define JINGWEN_TESTS_CONFIG_HELPERS_H_

#include <unistd.h>

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "config/config.h"

namespace configtest {

namespace fs = std::filesystem;

// Where parse_config() tests pretend the config lives: paths resolve against
// /etc/jingwen without the file existing.
inline const std::string kEtcConfig = "/etc/jingwen/jingwen.toml";

// The two required keys, for tests about something else (2 lines).
inline const std::string kRequired = "spool_dir = \"spool\"\nstate_dir = \"state\"\n";

// "LINE:COLUMN KEY": what the tests pin for each error.
inline std::string Where(const config::ConfigError& error) {
  return std::to_string(error.line) + ":" + std::to_string(error.column) + " " + error.key;
}

inline std::vector<std::string> Wheres(const config::LoadResult& result) {
  std::vector<std::string> out;
  for (const config::ConfigError& error : result.errors) out.push_back(Where(error));
  return out;
}

inline std::string Dump(const config::LoadResult& result) {
  std::string out;
  for (const config::ConfigError& error : result.errors) out += error.to_string() + "\n";
  return out;
}

// The one error of `result`; a test failure when there is not exactly one.
inline config::ConfigError OnlyError(const config::LoadResult& result) {
  EXPECT_FALSE(result.ok());
  EXPECT_EQ(result.errors.size(), 1u) << Dump(result);
  return result.errors.empty() ? config::ConfigError{} : result.errors.front();
}

inline config::LoadResult Parse(const std::string& text) {
  return config::parse_config(text, kEtcConfig);
}

// A fresh directory per test under the GoogleTest temp dir, removed after.
class TempDirTest : public testing::Test {
 protected:
  void SetUp() override {
    static int counter = 0;
    const testing::TestInfo* info = testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::path(testing::TempDir()) / ("config_" + std::to_string(getpid()) + "_" +
                                           std::to_string(counter++) + "_" + info->name());
    fs::create_directories(dir_);
    dir_ = fs::canonical(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  // Writes `text` to dir_/name (creating folders) and returns the path.
  std::string Write(const std::string& name, const std::string& text) {
    const fs::path path = dir_ / name;
    fs::create_directories(path.parent_path());
    std::ofstream out(path, std::ios::binary);
    out << text;
    return path.string();
  }

  fs::path dir_;
};

}  // namespace configtest

#endif  // JINGWEN_TESTS_CONFIG_HELPERS_H_
