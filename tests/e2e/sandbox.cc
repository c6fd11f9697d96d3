#include "tests/e2e/sandbox.h"

#include <unistd.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <iostream>

namespace e2e {

std::string toml_string(std::string_view s) {
  std::string out = "\"";
  for (const char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

std::string render_config(const ConfigSpec& spec, const fs::path& spool_dir, const fs::path& state_dir) {
  std::string t;
  t += "# jingwend config written by the e2e tests\n";
  t += "spool_dir = " + toml_string(spool_dir.string()) + "\n";
  t += "state_dir = " + toml_string(state_dir.string()) + "\n";
  t += "workers = 2\n";
  t += "format = " + toml_string(spec.format) + "\n";
  t += "log_format = \"logfmt\"\n";
  t += "per_host_delay = " + toml_string(spec.per_host_delay) + "\n";
  t += "per_host_concurrency = " + std::to_string(spec.per_host_concurrency) + "\n";
  t += "timeout = " + toml_string(spec.timeout) + "\n";
  t += "connect_timeout = \"5s\"\n";
  t += "shutdown_timeout = " + toml_string(spec.shutdown_timeout) + "\n";
  t += "max_pending = " + std::to_string(spec.max_pending) + "\n";
  // The temp filesystem may be fuller than a real spool's: only the
  // back-pressure test wants a pause.
  t += "min_free = \"1MiB\"\n";
  t += "max_backoff = \"1h\"\n";
  t += "summary_interval = \"1h\"\n";
  for (const std::string& line : spec.extra) t += line + "\n";
  for (const FeedSpec& f : spec.feeds) {
    t += "\n[[feed]]\n";
    t += "name = " + toml_string(f.name) + "\n";
    t += "url = " + toml_string(f.url) + "\n";
    if (!f.kind.empty()) t += "kind = " + toml_string(f.kind) + "\n";
    t += "interval = " + toml_string(f.interval) + "\n";
    if (!f.link_pattern.empty()) t += "link_pattern = " + toml_string(f.link_pattern) + "\n";
    t += std::string("robots = ") + (f.robots ? "true" : "false") + "\n";
    for (const std::string& line : f.extra) t += line + "\n";
  }
  return t;
}

Sandbox::Sandbox() {
  const testing::TestInfo* info = testing::UnitTest::GetInstance()->current_test_info();
  std::string name = info == nullptr ? "none" : std::string(info->test_suite_name()) + "." + info->name();
  std::replace(name.begin(), name.end(), '/', '_');
  root_ = fs::path(testing::TempDir()) / ("jingwen_e2e_" + name + "_" + std::to_string(getpid()));
  fs::remove_all(root_);
  fs::create_directories(root_);
}

Sandbox::~Sandbox() {
  if (testing::Test::HasFailure()) {
    std::cerr << "e2e: kept " << root_.string() << " (logs, spool, state) for a look\n";
    return;
  }
  std::error_code ignored;
  fs::remove_all(root_, ignored);
}

std::string Sandbox::err_path(std::string_view tag) const { return (root_ / (std::string(tag) + ".err")).string(); }
std::string Sandbox::out_path(std::string_view tag) const { return (root_ / (std::string(tag) + ".out")).string(); }

std::string Sandbox::write_config(const ConfigSpec& spec) const {
  std::string text = render_config(spec, spool_dir(), state_dir());
  write_file(config_path(), text);
  return text;
}

void Sandbox::write_file(const fs::path& path, std::string_view text) const {
  fs::create_directories(path.parent_path());
  // Write a sibling and rename: a daemon reading the file (SIGHUP) never
  // sees half of it.
  const fs::path tmp = path.string() + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << text;
  }
  fs::rename(tmp, path);
}

int Sandbox::consume_new() const {
  int moved = 0;
  fs::create_directories(spool_dir() / "cur");
  for (const std::string& name : new_files()) {
    fs::rename(spool_dir() / "new" / name, spool_dir() / "cur" / name);
    ++moved;
  }
  return moved;
}

std::vector<std::string> Sandbox::files_in(const fs::path& dir) {
  std::vector<std::string> names;
  std::error_code ec;
  for (const fs::directory_entry& e : fs::directory_iterator(dir, ec)) {
    if (e.is_regular_file()) names.push_back(e.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

int line_of(std::string_view text, std::string_view needle) {
  const std::size_t at = text.find(needle);
  if (at == std::string_view::npos) return 0;
  return 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(at), '\n'));
}

}  // namespace e2e
