// extract_bench: throughput of clean::extract against Gumbo's parse alone.
//
//   extract_bench [--repeat N] [--threads 1] DIR...
//
// Loads every *.html/*.htm under the DIRs into memory, then times two
// single-threaded passes over all pages and reports the best of N runs each:
//   floor    Gumbo's parse alone of the page already decoded to UTF-8 (decoding
//            happens outside the timed loop), with the parse stage's own
//            options (clean::GumboTree): no pipeline can beat this
//   extract  clean::extract from the raw bytes, end to end
// MB figures count raw page bytes (1 MB = 10^6 bytes) for both passes, so the
// two lines compare directly. Peak RSS is read after the extract passes (before
// the floor's decoded copies exist) and again after the floor; both include the
// corpus held in memory, which is printed so it can be subtracted.
// The extract passes run first, so they also pay one-off costs (ICU data).
// Prints numbers only; it asserts nothing about time.
#include <sys/resource.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

#include "clean/clean.h"
#include "clean/decode.h"
#include "clean/gumbo_tree.h"

namespace {

namespace fs = std::filesystem;

constexpr const char* kUsage = "usage: extract_bench [--repeat N] [--threads 1] DIR...\n";
constexpr double kBytesPerMB = 1e6;
constexpr double kBytesPerMiB = 1024.0 * 1024.0;
constexpr double kKiBPerMiB = 1024.0;  // ru_maxrss is in KiB on Linux

struct Args {
  int repeat = 1;
  std::vector<std::string> dirs;
};

// Prints "extract_bench: MSG" to stderr; returns false.
bool fail(const std::string& msg) {
  std::fprintf(stderr, "extract_bench: %s\n", msg.c_str());
  return false;
}

struct Corpus {
  std::vector<std::string> pages;  // raw bytes, as on disk
  std::size_t bytes = 0;
};

// Parses a positive int, or returns 0.
int positive_int(std::string_view s) {
  int v = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  return ec == std::errc() && end == s.data() + s.size() && v > 0 ? v : 0;
}

bool parse_args(int argc, char** argv, Args& a) {
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--repeat" || arg == "--threads") {
      const int v = i + 1 < argc ? positive_int(argv[++i]) : 0;
      if (v == 0) return false;
      if (arg == "--repeat") a.repeat = v;
      else if (v != 1) return fail("only --threads 1 is supported");
    } else if (arg.starts_with("-")) {
      return false;
    } else {
      a.dirs.emplace_back(arg);
    }
  }
  return !a.dirs.empty();
}

bool is_page(const fs::path& p) { return p.extension() == ".html" || p.extension() == ".htm"; }

bool read_all(const fs::path& path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  out.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return !in.bad();
}

// Every page under `dirs` (a plain file counts as one page), in sorted order.
bool load(const std::vector<std::string>& dirs, Corpus& corpus) {
  std::vector<fs::path> paths;
  for (const std::string& dir : dirs) {
    std::error_code ec;
    if (fs::is_regular_file(dir, ec)) {
      paths.emplace_back(dir);
      continue;
    }
    auto it = fs::recursive_directory_iterator(dir, ec);
    for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (it->is_regular_file() && is_page(it->path())) paths.push_back(it->path());
    }
    if (ec) return fail(dir + ": " + ec.message());
  }
  std::sort(paths.begin(), paths.end());
  for (const fs::path& path : paths) {
    std::string bytes;
    if (!read_all(path, bytes)) return fail("cannot read " + path.string());
    corpus.bytes += bytes.size();
    corpus.pages.push_back(std::move(bytes));
  }
  return true;
}

// Seconds of the fastest of `repeat` runs of `pass`.
double best_of(int repeat, const std::function<void()>& pass) {
  double best = 0;
  for (int r = 0; r < repeat; ++r) {
    const auto start = std::chrono::steady_clock::now();
    pass();
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (r == 0 || s < best) best = s;
  }
  return best;
}

double peak_rss_mib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss / kKiBPerMiB;
}

void print_pass(const char* name, const Corpus& corpus, double seconds) {
  const double mb = corpus.bytes / kBytesPerMB;
  const double n = static_cast<double>(corpus.pages.size());
  std::printf("%-8s %5zu pages  %6.1f MB  %6.2f s  %7.1f pages/s  %6.1f MB/s", name, corpus.pages.size(), mb,
              seconds, seconds > 0 ? n / seconds : 0.0, seconds > 0 ? mb / seconds : 0.0);
}

}  // namespace

int main(int argc, char** argv) {
  Args args;
  if (!parse_args(argc, argv, args)) {
    std::fputs(kUsage, stderr);
    return 2;
  }
  Corpus corpus;
  if (!load(args.dirs, corpus)) return 1;
  if (corpus.pages.empty()) {
    fail("no *.html/*.htm pages found");
    return 1;
  }

  std::size_t empty = 0;  // also keeps the results observable
  const double extract_s = best_of(args.repeat, [&] {
    empty = 0;
    for (const std::string& page : corpus.pages) {
      empty += clean::extract({.bytes = page, .url = "", .http_charset = ""}).empty();
    }
  });
  const double extract_rss = peak_rss_mib();

  std::vector<std::string> decoded;
  std::size_t decoded_bytes = 0;
  for (const std::string& page : corpus.pages) {
    decoded.push_back(clean::decode(page, "").text);
    decoded_bytes += decoded.back().size();
  }
  const double floor_s = best_of(args.repeat, [&] {
    for (const std::string& text : decoded) clean::GumboTree tree(text);
  });
  const double floor_rss = peak_rss_mib();

  print_pass("floor", corpus, floor_s);
  std::printf("\n");
  print_pass("extract", corpus, extract_s);
  std::printf("  ratio %.2f  (%zu empty)\n", floor_s > 0 ? extract_s / floor_s : 0.0, empty);
  std::printf("peak RSS %.1f MiB after extract, %.1f MiB after floor (corpus in memory %.1f MiB raw,"
              " + %.1f MiB decoded for the floor)\n",
              extract_rss, floor_rss, corpus.bytes / kBytesPerMiB, decoded_bytes / kBytesPerMiB);
  return 0;
}
