// One test's world on disk: a fresh temp dir with spool/, state/, the
// config file and the daemon's output files; and the config writer.
//
// The dir is removed when the test passed and kept (its path printed) when
// it failed, for a look at the logs and the spool.
#ifndef JINGWEN_TESTS_E2E_SANDBOX_H_
#define JINGWEN_TESTS_E2E_SANDBOX_H_

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace e2e {

namespace fs = std::filesystem;

// One [[feed]] table.
struct FeedSpec {
  std::string name = {};
  std::string url = {};
  std::string kind = "rss";  // "" leaves the key out (the daemon guesses)
  std::string interval = "1s";
  std::string link_pattern = {};
  bool robots = false;  // the loopback server has no robots.txt to honour
  std::vector<std::string> extra = {};  // raw TOML lines for the table
};

// The settings the tests vary; the rest are fixed for fast, quiet runs.
struct ConfigSpec {
  std::string format = "json";
  std::string shutdown_timeout = "2s";
  std::uint64_t max_pending = 10'000;
  std::string per_host_delay = "0s";
  int per_host_concurrency = 2;
  std::string timeout = "20s";  // one fetch attempt
  std::vector<std::string> extra = {};  // raw TOML lines at the top level
  std::vector<FeedSpec> feeds = {};
};

// `s` as a TOML basic string, quotes included.
std::string toml_string(std::string_view s);
// The config file's text: absolute spool and state paths, logfmt logs,
// short timeouts, no summaries during a test.
std::string render_config(const ConfigSpec& spec, const fs::path& spool_dir, const fs::path& state_dir);

class Sandbox {
 public:
  // Named after the running test.
  Sandbox();
  ~Sandbox();
  Sandbox(const Sandbox&) = delete;
  Sandbox& operator=(const Sandbox&) = delete;

  const fs::path& root() const { return root_; }
  fs::path spool_dir() const { return root_ / "spool"; }
  fs::path state_dir() const { return root_ / "state"; }
  fs::path config_path() const { return root_ / "jingwend.toml"; }
  // Where run `tag`'s stderr / stdout go.
  std::string err_path(std::string_view tag) const;
  std::string out_path(std::string_view tag) const;

  // Writes the config file from `spec`; returns its text.
  std::string write_config(const ConfigSpec& spec) const;
  void write_file(const fs::path& path, std::string_view text) const;

  // File names in spool/new (or spool/cur), sorted.
  std::vector<std::string> new_files() const { return files_in(spool_dir() / "new"); }
  std::vector<std::string> cur_files() const { return files_in(spool_dir() / "cur"); }
  // Moves every file in new/ to cur/, as a consumer does; returns how many.
  int consume_new() const;

  static std::vector<std::string> files_in(const fs::path& dir);

 private:
  fs::path root_;
};

// The 1-based number of the line of `text` holding `needle` (0 when none).
int line_of(std::string_view text, std::string_view needle);

}  // namespace e2e

#endif  // JINGWEN_TESTS_E2E_SANDBOX_H_
