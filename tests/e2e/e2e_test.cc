#include "tests/e2e/e2e_test.h"

#include <regex>

namespace e2e {
namespace {

// The fields the spec lists for a JSON record, and whether each is a string.
struct RecordField {
  const char* name;
  Json::Type type;
};
constexpr RecordField kRecordFields[] = {
    {"url", Json::Type::kString},       {"final_url", Json::Type::kString},      {"feed", Json::Type::kString},
    {"title", Json::Type::kString},     {"published", Json::Type::kString},      {"source", Json::Type::kString},
    {"author", Json::Type::kString},    {"fields", Json::Type::kObject},         {"lang", Json::Type::kString},
    {"converted_from", Json::Type::kString}, {"spam_removed", Json::Type::kNumber}, {"fetched_at", Json::Type::kString},
    {"content_sha256", Json::Type::kString}, {"text", Json::Type::kString},
};

}  // namespace

FeedSpec E2eTest::rss_spec(const std::string& name, const std::string& path) const {
  return FeedSpec{.name = name, .url = url(path), .kind = "rss"};
}

FeedSpec E2eTest::html_list_spec(const std::string& name, const std::string& path) const {
  return FeedSpec{.name = name, .url = url(path), .kind = "html", .link_pattern = std::string(kGovListLinkPattern)};
}

FeedEntry E2eTest::entry(const std::string& path, const Story& story, const std::string& pub_date) const {
  return FeedEntry{.title = story.title, .link = url(path), .pub_date = pub_date};
}

void E2eTest::put_netease(const std::string& path, const Story& story, const std::vector<std::string>& related,
                          std::chrono::milliseconds delay) {
  serve_page(server, path, netease_page(story, related), delay);
}

void E2eTest::put_gov(const std::string& path, const Story& story, const OpenInfo& info,
                      std::chrono::milliseconds delay) {
  serve_page(server, path, gov_page(story, info), delay);
}

std::unique_ptr<DaemonProcess> E2eTest::run_once(const std::string& tag) {
  auto process = start_once(tag);
  if (process->started() && !process->wait_exit()) {
    ADD_FAILURE() << "jingwend --once (" << tag << ") still running after " << kExitDeadline.count()
                  << " ms; killed.\n" << DaemonLog(*process);
  }
  return process;
}

std::unique_ptr<DaemonProcess> E2eTest::start_daemon(const std::string& tag, const std::vector<std::string>& env) {
  sandbox.write_config(config);
  auto process = std::make_unique<DaemonProcess>(
      JINGWEND, std::vector<std::string>{"--config", sandbox.config_path().string()}, sandbox.out_path(tag),
      sandbox.err_path(tag), env);
  EXPECT_TRUE(process->started()) << process->error();
  return process;
}

std::unique_ptr<DaemonProcess> E2eTest::start_once(const std::string& tag) {
  sandbox.write_config(config);
  auto process = std::make_unique<DaemonProcess>(
      JINGWEND, std::vector<std::string>{"--config", sandbox.config_path().string(), "--once"}, sandbox.out_path(tag),
      sandbox.err_path(tag));
  EXPECT_TRUE(process->started()) << process->error();
  return process;
}

std::size_t E2eTest::requests(const std::vector<std::string>& paths) const {
  std::size_t n = 0;
  for (const std::string& p : paths) n += server.requests(p);
  return n;
}

const SpoolRecord* find_record(const std::vector<SpoolRecord>& records, const std::string& url) {
  for (const SpoolRecord& r : records) {
    if (r.str("url") == url) return &r;
  }
  return nullptr;
}

void ExpectStoryRecord(const SpoolRecord& record, const std::string& url, const std::string& feed, const Story& story,
                       const std::vector<std::string>& chrome) {
  SCOPED_TRACE("record " + record.name);
  ASSERT_TRUE(record.json) << record.json_error << "\n" << record.bytes;
  for (const RecordField& f : kRecordFields) {
    const Json* v = record.json->find(f.name);
    ASSERT_NE(v, nullptr) << "missing field " << f.name;
    EXPECT_EQ(v->type, f.type) << "field " << f.name;
  }
  EXPECT_EQ(record.str("url"), url);
  EXPECT_EQ(record.str("final_url"), url);
  EXPECT_EQ(record.str("feed"), feed);
  EXPECT_EQ(record.str("title"), story.title);
  EXPECT_EQ(record.str("lang"), "zh");
  const std::string text = record.str("text");
  EXPECT_EQ(text, story.text());
  for (const std::string& c : chrome) EXPECT_EQ(text.find(c), std::string::npos) << "chrome in the text: " << c;
  EXPECT_EQ(record.str("content_sha256"), sha256_hex(text));
  EXPECT_EQ(record.name, expected_record_name(url, text, ".json"));
  EXPECT_TRUE(std::regex_match(record.str("fetched_at"), std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z)")))
      << record.str("fetched_at");
  EXPECT_TRUE(record.bytes.ends_with("}\n")) << "a JSON object and a trailing newline";
}

bool StartsWithPosition(std::string_view text, std::string_view file, int line) {
  const std::string prefix = std::string(file) + ":" + std::to_string(line) + ":";
  if (!text.starts_with(prefix)) return false;
  text.remove_prefix(prefix.size());
  std::size_t digits = 0;
  while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9') ++digits;
  return digits > 0 && text.substr(digits).starts_with(": ");
}

std::string DaemonLog(const DaemonProcess& process) {
  return "--- jingwend stderr ---\n" + process.stderr_text() + "--- end ---";
}

std::string StatusOf(const DaemonProcess& process) {
  const auto s = process.exit_status();
  return s ? s->describe() : "did not exit";
}

bool ExitedWith(const DaemonProcess& process, int code) {
  const auto s = process.exit_status();
  return s && s->exited && s->code == code;
}

}  // namespace e2e
