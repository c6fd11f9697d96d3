// Tests for daemon/delivery.h on a real spool directory, with a sink that
// records what it is given and fails when told to (the Redis sink itself is
// tested against a real redis-server in tests/sink and tests/e2e).
#include "daemon/delivery.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <thread>
#include <vector>

#include "daemon/metrics.h"
#include "daemon/service.h"

namespace jingwend {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

// A sink that keeps the keys it accepted; while `down` it refuses.
class MemorySink : public sink::Sink {
 public:
  std::string deliver(const sink::Record& r) override {
    std::lock_guard lock(mutex);
    ++attempts;
    if (down) return "memory sink: down";
    keys.emplace_back(r.key);
    formats.emplace_back(r.format);
    bytes.emplace_back(r.bytes);
    return "";
  }
  std::string describe() const override { return "memory"; }

  std::mutex mutex;
  bool down = false;
  int attempts = 0;
  std::vector<std::string> keys, formats, bytes;
};

class DeliveryTest : public testing::Test {
 protected:
  void SetUp() override {
    char pattern[] = "/tmp/jingwen-delivery-test-XXXXXX";
    ASSERT_NE(::mkdtemp(pattern), nullptr);
    root_ = pattern;
    fs::create_directories(root_ / "new");
  }
  void TearDown() override {
    fs::remove_all(root_);
    std::fclose(log_file_);
  }

  // A record in new/, its mtime `age` in the past.
  void put(const std::string& name, const std::string& text, std::chrono::seconds age) {
    const fs::path p = root_ / "new" / name;
    std::ofstream(p, std::ios::binary) << text;
    fs::last_write_time(p, fs::file_time_type::clock::now() - age);
  }

  static bool wait_for(const std::function<bool()>& ready) {
    for (int i = 0; i < 500; ++i) {
      if (ready()) return true;
      std::this_thread::sleep_for(10ms);
    }
    return false;
  }

  std::size_t count(const char* dir) const {
    return static_cast<std::size_t>(std::distance(fs::directory_iterator(root_ / dir), fs::directory_iterator{}));
  }

  fs::path root_;
  std::FILE* log_file_ = std::tmpfile();
  Logger log_{Sink::kLogfmt, log_file_};
};

TEST_F(DeliveryTest, OldestFirstAndMovedToCurOnlyAfterTheSinkTookIt) {
  put("bbb-2.json", "{\"n\":2}", 20s);
  put("aaa-1.json", "{\"n\":1}", 30s);
  put("ccc-3.txt", "Title: 3\n\nthree", 10s);
  put(".hidden", "not a record", 40s);
  auto owned = std::make_unique<MemorySink>();
  MemorySink& sink = *owned;
  Delivery delivery(root_.string(), std::move(owned), log_, {.idle_rescan = 50ms});
  ASSERT_TRUE(wait_for([&] { return delivery.stats().delivered == 3; }));
  delivery.stop(0ms);
  std::lock_guard lock(sink.mutex);
  EXPECT_EQ(sink.keys, (std::vector<std::string>{"aaa-1", "bbb-2", "ccc-3"}));
  EXPECT_EQ(sink.formats, (std::vector<std::string>{"json", "json", "txt"}));
  EXPECT_EQ(sink.bytes[2], "Title: 3\n\nthree");
  EXPECT_TRUE(fs::exists(root_ / "cur" / "aaa-1.json"));
  EXPECT_TRUE(fs::exists(root_ / "new" / ".hidden"));  // not a record: left alone
  EXPECT_EQ(count("new"), 1u);
}

TEST_F(DeliveryTest, WhileTheSinkIsDownRecordsStayInNewAndAreRetried) {
  put("aaa-1.json", "{}", 10s);
  auto owned = std::make_unique<MemorySink>();
  MemorySink& sink = *owned;
  sink.down = true;
  Delivery delivery(root_.string(), std::move(owned), log_,
                    {.idle_rescan = 50ms, .backoff_min = 20ms, .backoff_max = 40ms});
  ASSERT_TRUE(wait_for([&] {
    std::lock_guard lock(sink.mutex);
    return sink.attempts >= 3;
  }));
  EXPECT_TRUE(delivery.stats().failing);
  EXPECT_GE(delivery.stats().failures, 3u);
  EXPECT_TRUE(fs::exists(root_ / "new" / "aaa-1.json"));
  EXPECT_FALSE(fs::exists(root_ / "cur" / "aaa-1.json"));
  {
    std::lock_guard lock(sink.mutex);
    sink.down = false;
  }
  ASSERT_TRUE(wait_for([&] { return delivery.stats().delivered == 1; }));
  EXPECT_FALSE(delivery.stats().failing);
  EXPECT_TRUE(fs::exists(root_ / "cur" / "aaa-1.json"));
}

TEST_F(DeliveryTest, StopDrainsWhatIsInNewFirst) {
  auto owned = std::make_unique<MemorySink>();
  MemorySink& sink = *owned;
  // A long idle rescan: only the poke or the drain can find these.
  Delivery delivery(root_.string(), std::move(owned), log_, {.idle_rescan = 60s});
  std::this_thread::sleep_for(50ms);  // the first pass found new/ empty
  for (int i = 0; i < 20; ++i) {
    std::string name = "r";  // not "r" + ...: a false -Wrestrict in GCC 12
    put(name.append(std::to_string(100 + i)).append(".json"), "{}", std::chrono::seconds(100 - i));
  }
  delivery.stop(5s);
  EXPECT_EQ(delivery.stats().delivered, 20u);
  EXPECT_EQ(count("new"), 0u);
  std::lock_guard lock(sink.mutex);
  EXPECT_EQ(sink.keys.front(), "r100");
}

TEST_F(DeliveryTest, AFileThatIsNoRecordIsSkippedNotABlockage) {
  put("aaa-1.json", std::string(500, 'x'), 30s);  // larger than any record may be here
  put("bbb-2.json", "{}", 20s);
  auto owned = std::make_unique<MemorySink>();
  MemorySink& sink = *owned;
  Delivery delivery(root_.string(), std::move(owned), log_, {.idle_rescan = 20ms, .max_record_bytes = 100});
  ASSERT_TRUE(wait_for([&] { return delivery.stats().delivered == 1; }));
  std::this_thread::sleep_for(100ms);  // several more passes
  delivery.stop(0ms);
  EXPECT_FALSE(delivery.stats().failing);
  EXPECT_TRUE(fs::exists(root_ / "new" / "aaa-1.json"));  // left where it was
  std::lock_guard lock(sink.mutex);
  EXPECT_EQ(sink.keys, std::vector<std::string>{"bbb-2"});
  // Logged once, not once per pass.
  std::fflush(log_file_);
  std::rewind(log_file_);
  std::string log;
  for (int c; (c = std::fgetc(log_file_)) != EOF;) log += static_cast<char>(c);
  std::size_t errors = 0;
  for (std::size_t at = log.find("is larger than any record"); at != std::string::npos;
       at = log.find("is larger than any record", at + 1)) {
    ++errors;
  }
  EXPECT_EQ(errors, 1u) << log;
}

TEST(Histogram, BucketsAreCumulativeWithInf) {
  Histogram h({0.1, 1});
  h.observe(std::chrono::milliseconds(50));
  h.observe(std::chrono::milliseconds(500));
  h.observe(std::chrono::seconds(3));
  std::string out;
  h.render("x_seconds", "kind=\"a\"", out);
  EXPECT_EQ(out,
            "x_seconds_bucket{kind=\"a\",le=\"0.1\"} 1\n"
            "x_seconds_bucket{kind=\"a\",le=\"1\"} 2\n"
            "x_seconds_bucket{kind=\"a\",le=\"+Inf\"} 3\n"
            "x_seconds_sum{kind=\"a\"} 3.55\n"
            "x_seconds_count{kind=\"a\"} 3\n");
}

TEST(Metrics, StatusClasses) {
  EXPECT_EQ(Metrics::status_class(200), "2xx");
  EXPECT_EQ(Metrics::status_class(304), "3xx");
  EXPECT_EQ(Metrics::status_class(412), "4xx");
  EXPECT_EQ(Metrics::status_class(503), "5xx");
  EXPECT_EQ(Metrics::status_class(0), "error");
}

}  // namespace
}  // namespace jingwend
