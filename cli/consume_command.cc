#include "cli/consume_command.h"

#include <unistd.h>

#include <charconv>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "config/config.h"
#include "sink/sink.h"

namespace cli {
namespace {

namespace fs = std::filesystem;
using Millis = std::chrono::milliseconds;

constexpr const char* kUsage =
    "usage: jingwen consume (--config CONFIG | --redis URL [--stream NAME]) [--group G] [--consumer C]\n"
    "                       [--to DIR] [--count N] [--idle MS]\n"
    "Reads the Redis stream jingwend's [sink] kind = \"redis\" writes, as consumer C of group G\n"
    "(created when missing): first the records C read before and did not acknowledge, then new\n"
    "ones. Each record is written to DIR/KEY.FORMAT (through DIR/.KEY.tmp and a rename) or, without\n"
    "--to, counted; then it is acknowledged (XACK). One line per record on stdout: ID KEY BYTES.\n"
    "  --config CONFIG  the url and stream of CONFIG's [sink] table\n"
    "  --redis URL      redis://HOST[:PORT][/DB]; --stream NAME (default jingwen:articles)\n"
    "  --group G        default \"jingwen\"; --consumer C default \"consume\"\n"
    "  --count N        stop after N records; --idle MS  stop when MS pass with nothing new\n"
    "                   (without either it runs until interrupted)\n"
    "exit status: 0 stopped as asked, 1 Redis or file error, 2 usage error\n";

constexpr int kExitOk = 0;
constexpr int kExitFailed = 1;
constexpr int kExitUsage = 2;
constexpr int kBatch = 100;
constexpr Millis kForeverSlice{5'000};  // one blocking read when no --idle is given

struct ConsumeArgs {
  config::SinkConfig sink = {};
  std::string group = "jingwen";
  std::string consumer = "consume";
  std::string to = {};
  long long count = 0;  // 0: no limit
  Millis idle{0};       // 0: wait for ever
};

std::optional<long long> positive(const std::string& text) {
  long long value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value <= 0) return std::nullopt;
  return value;
}

// Fills `a` from the arguments; "" or the usage error.
std::string parse_args(const std::vector<std::string>& args, ConsumeArgs& a) {
  bool have_source = false;
  for (std::size_t i = 0; i < args.size(); i += 2) {
    const std::string& flag = args[i];
    if (i + 1 >= args.size()) return flag + " needs a value";
    const std::string& value = args[i + 1];
    if (flag == "--config") {
      const config::LoadResult loaded = config::load_config(value);
      if (!loaded.ok()) return loaded.errors.front().to_string();
      if (loaded.config->sink.kind != config::SinkKind::kRedis) return value + ": its [sink] is not kind = \"redis\"";
      a.sink = loaded.config->sink;
      have_source = true;
    } else if (flag == "--redis") {
      if (std::string error = config::parse_redis_url(value, a.sink); !error.empty()) return "--redis: " + error;
      have_source = true;
    } else if (flag == "--stream") {
      a.sink.stream = value;
    } else if (flag == "--group") {
      a.group = value;
    } else if (flag == "--consumer") {
      a.consumer = value;
    } else if (flag == "--to") {
      a.to = value;
    } else if (flag == "--count" || flag == "--idle") {
      const std::optional<long long> n = positive(value);
      if (!n) return flag + " needs a positive number";
      if (flag == "--count") a.count = *n;
      else a.idle = Millis{*n};
    } else {
      return "unknown option " + flag;
    }
  }
  if (!have_source) return "--config or --redis is required";
  if (a.sink.stream.empty() || a.group.empty() || a.consumer.empty()) return "stream, group and consumer may not be empty";
  return "";
}

// DIR/KEY.FORMAT, written whole or not at all. "" or the error.
std::string write_record(const std::string& dir, const sink::StreamEntry& entry) {
  const std::string key = entry.field("key"), format = entry.field("format");
  if (key.empty() || key.find('/') != std::string::npos || key.front() == '.' ||
      format.find('/') != std::string::npos) {
    return "entry " + entry.id + ": unusable key \"" + key + "\"";
  }
  const fs::path tmp = fs::path(dir) / ("." + key + ".tmp");
  const fs::path final_path = fs::path(dir) / (format.empty() ? key : key + "." + format);
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << entry.field("record");
    out.flush();
    if (!out) return "cannot write " + tmp.string();
  }
  std::error_code ec;
  fs::rename(tmp, final_path, ec);
  return ec ? "cannot rename to " + final_path.string() + ": " + ec.message() : "";
}

class Consumer {
 public:
  Consumer(ConsumeArgs args, sink::RedisClient client) : a_(std::move(args)), client_(std::move(client)) {}

  int run() {
    if (std::string error = client_.create_group(a_.sink.stream, a_.group); !error.empty()) return fail(error);
    // "0": what this consumer read before and never acknowledged; then ">".
    for (const std::string id : {"0", ">"}) {
      while (!done()) {
        std::string error;
        const Millis block = id == "0" ? Millis{1} : (a_.idle.count() > 0 ? a_.idle : kForeverSlice);
        auto entries = client_.read_group(a_.sink.stream, a_.group, a_.consumer, id, batch(), block, &error);
        if (!entries) return fail(error);
        if (entries->empty()) {
          if (id == "0" || a_.idle.count() > 0) break;  // pending done, or idle long enough
          continue;
        }
        for (const sink::StreamEntry& entry : *entries) {
          if (std::string problem = take(entry); !problem.empty()) return fail(problem);
        }
      }
    }
    return kExitOk;
  }

 private:
  bool done() const { return a_.count > 0 && taken_ >= a_.count; }
  int batch() const { return a_.count > 0 ? static_cast<int>(std::min<long long>(kBatch, a_.count - taken_)) : kBatch; }

  std::string take(const sink::StreamEntry& entry) {
    if (!a_.to.empty()) {
      if (std::string error = write_record(a_.to, entry); !error.empty()) return error;
    }
    std::cout << entry.id << ' ' << entry.field("key") << ' ' << entry.field("record").size() << '\n' << std::flush;
    ++taken_;
    return client_.ack(a_.sink.stream, a_.group, entry.id);
  }

  static int fail(const std::string& error) {
    std::cerr << "jingwen consume: " << error << '\n';
    return kExitFailed;
  }

  ConsumeArgs a_;
  sink::RedisClient client_;
  long long taken_ = 0;
};

}  // namespace

int run_consume(const std::vector<std::string>& args) {
  if (args.size() == 1 && (args[0] == "-h" || args[0] == "--help")) {
    std::cout << kUsage;
    return kExitOk;
  }
  ConsumeArgs a;
  if (std::string error = parse_args(args, a); !error.empty()) {
    std::cerr << "jingwen consume: " << error << '\n' << kUsage;
    return kExitUsage;
  }
  if (!a.to.empty()) {
    std::error_code ec;
    fs::create_directories(a.to, ec);
    if (ec) {
      std::cerr << "jingwen consume: cannot create " << a.to << ": " << ec.message() << '\n';
      return kExitFailed;
    }
  }
  std::string error;
  std::optional<sink::RedisClient> client =
      sink::RedisClient::connect({.host = a.sink.host, .port = a.sink.port, .db = a.sink.db, .timeout = a.sink.timeout},
                                 &error);
  if (!client) {
    std::cerr << "jingwen consume: " << error << '\n';
    return kExitFailed;
  }
  return Consumer(std::move(a), std::move(*client)).run();
}

}  // namespace cli
