#include "cli/clean_command.h"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <mutex>
#include <optional>
#include <thread>

#include "clean/clean.h"
#include "cli/article_format.h"

namespace cli {
namespace {

namespace fs = std::filesystem;

constexpr const char* kUsage =
    "usage: jingwen clean [--text] [--out DIR] [--format txt|json] [--charset LABEL]\n"
    "                     [--url URL] [--selector CSS] [--jobs N] PATH...\n"
    "Cleans each page (a file, or every *.html/*.htm under a folder). Without --out the\n"
    "articles go to stdout; with --out DIR each page's body goes to DIR/<stem>.txt\n"
    "(and, with --format json, the whole article to DIR/<stem>.json).\n"
    "--text: the files are text dumps (one paragraph per line; folders: every *.txt),\n"
    "cleaned by the same filters, spam and pinyin removal, conversion and metadata.\n";

struct CleanArgs {
  std::optional<fs::path> out_dir;
  bool json = false;
  bool text = false;  // inputs are text dumps, not HTML
  std::string charset;
  std::string url;
  std::string selector;
  unsigned jobs = std::max(1u, std::thread::hardware_concurrency());
  std::vector<std::string> paths;
};

// Parses the flags; on a usage error prints it and returns nullopt.
std::optional<CleanArgs> parse_args(const std::vector<std::string>& args) {
  CleanArgs a;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    auto value = [&]() -> std::optional<std::string> {
      if (i + 1 < args.size()) return args[++i];
      std::cerr << "jingwen clean: " << arg << " needs a value\n" << kUsage;
      return std::nullopt;
    };
    std::optional<std::string> v;
    if (arg == "--out" || arg == "--format" || arg == "--charset" || arg == "--url" ||
        arg == "--selector" || arg == "--jobs") {
      if (!(v = value())) return std::nullopt;
    }
    if (arg == "--out") a.out_dir = *v;
    else if (arg == "--charset") a.charset = *v;
    else if (arg == "--url") a.url = *v;
    else if (arg == "--selector") a.selector = *v;
    else if (arg == "--format" && (*v == "json" || *v == "txt")) a.json = *v == "json";
    else if (arg == "--jobs" && std::all_of(v->begin(), v->end(), ::isdigit) && !v->empty() &&
             v->size() < 4 && std::stoi(*v) > 0) a.jobs = std::stoi(*v);
    else if (arg == "--text") a.text = true;
    else if (arg == "-h" || arg == "--help") { std::cout << kUsage; std::exit(0); }
    else if (!arg.empty() && arg[0] == '-') {
      std::cerr << "jingwen clean: bad option or value: " << arg << (v ? " " + *v : "") << "\n" << kUsage;
      return std::nullopt;
    } else a.paths.push_back(arg);
  }
  if (a.paths.empty()) {
    std::cerr << "jingwen clean: no PATH given\n" << kUsage;
    return std::nullopt;
  }
  return a;
}

bool is_page(const fs::path& p, bool text) {
  const std::string ext = p.extension().string();
  return text ? ext == ".txt" : ext == ".html" || ext == ".htm";
}

// The pages named by `paths`, folders expanded in sorted order. Paths that
// do not exist are reported and counted in `errors`.
std::vector<fs::path> collect_pages(const std::vector<std::string>& paths, bool text, int& errors) {
  std::vector<fs::path> pages;
  for (const std::string& p : paths) {
    std::error_code ec;
    if (fs::is_directory(p, ec)) {
      std::vector<fs::path> found;
      for (auto it = fs::recursive_directory_iterator(p, fs::directory_options::skip_permission_denied, ec);
           !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (it->is_regular_file(ec) && is_page(it->path(), text)) found.push_back(it->path());
      }
      std::sort(found.begin(), found.end());
      pages.insert(pages.end(), found.begin(), found.end());
    } else if (fs::exists(p, ec)) {
      pages.emplace_back(p);
    } else {
      std::cerr << "jingwen clean: " << p << ": no such file or folder\n";
      ++errors;
    }
  }
  return pages;
}

std::optional<std::string> read_file(const fs::path& path, std::size_t limit, std::string& error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = "cannot open";
    return std::nullopt;
  }
  // One read of the size the file has now, then chunks while it grows, up
  // to the limit: sizing the buffer to the limit up front zero-filled 32 MiB
  // per page, most of `jingwen clean`'s time on a corpus.
  constexpr std::size_t kChunk = 256u << 10;
  std::error_code ec;
  const std::uintmax_t size = fs::file_size(path, ec);
  std::size_t want = ec ? kChunk : static_cast<std::size_t>(std::min<std::uintmax_t>(size + 1, limit));
  std::string bytes;
  while (bytes.size() < limit && in) {
    const std::size_t old = bytes.size();
    want = std::min(want, limit - old);
    bytes.resize(old + want);
    in.read(bytes.data() + old, static_cast<std::streamsize>(want));
    bytes.resize(old + static_cast<std::size_t>(in.gcount()));
    want = kChunk;
  }
  if (in.bad()) {
    error = "read error";
    return std::nullopt;
  }
  return bytes;
}

bool write_file(const fs::path& path, const std::string& data) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << data;
  return static_cast<bool>(out.flush());
}

struct PageResult {
  std::string printed;  // for stdout mode
  bool empty = false;
  bool error = false;
};

// Page indexes, largest file first: the threads then finish together instead
// of one cleaning the biggest page while the others idle (results keep the
// command line's order).
std::vector<std::size_t> largest_first(const std::vector<fs::path>& pages) {
  std::vector<std::pair<std::uintmax_t, std::size_t>> sized;
  sized.reserve(pages.size());
  for (std::size_t i = 0; i < pages.size(); ++i) {
    std::error_code ec;
    const std::uintmax_t size = fs::file_size(pages[i], ec);
    sized.emplace_back(ec ? 0 : size, i);
  }
  std::stable_sort(sized.begin(), sized.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  std::vector<std::size_t> order;
  order.reserve(sized.size());
  for (const auto& s : sized) order.push_back(s.second);
  return order;
}

class Batch {
 public:
  Batch(const CleanArgs& args, std::vector<fs::path> pages)
      : args_(args), pages_(std::move(pages)), order_(largest_first(pages_)), results_(pages_.size()) {
    options_.content_selector = args.selector;
  }

  // Cleans every page on `jobs` threads; returns when all are done.
  void run();
  const std::vector<PageResult>& results() const { return results_; }
  std::size_t done() const { return done_; }

 private:
  void worker();
  PageResult clean_one(const fs::path& path) const;

  const CleanArgs& args_;
  const std::vector<fs::path> pages_;
  const std::vector<std::size_t> order_;  // indexes into pages_, in the order they are taken
  std::vector<PageResult> results_;
  clean::Options options_;
  std::atomic<std::size_t> next_{0};
  std::atomic<std::size_t> done_{0};
};

PageResult Batch::clean_one(const fs::path& path) const {
  PageResult r;
  std::string error;
  // One byte over the cap lets extract() see, and report, the cut.
  const auto bytes = read_file(path, options_.max_input_bytes + 1, error);
  if (!bytes) {
    std::cerr << "jingwen clean: " << path.string() << ": " << error << "\n";
    r.error = true;
    return r;
  }
  const clean::Article a = clean::extract(
      {.bytes = *bytes, .url = args_.url, .http_charset = args_.charset, .plain_text = args_.text}, options_);
  r.empty = a.empty();
  if (!args_.out_dir) {
    r.printed = args_.json ? format_json(a) : "==> " + path.string() + " <==\n" + format_text(a);
    return r;
  }
  const fs::path stem = *args_.out_dir / path.stem();
  bool ok = write_file(fs::path(stem).concat(".txt"), a.paragraphs.empty() ? "" : a.text() + "\n");
  if (args_.json) ok = write_file(fs::path(stem).concat(".json"), format_json(a)) && ok;
  if (!ok) {
    std::cerr << "jingwen clean: cannot write " << stem.string() << ".*\n";
    r.error = true;
  }
  return r;
}

void Batch::worker() {
  for (std::size_t i; (i = next_++) < order_.size(); ++done_) results_[order_[i]] = clean_one(pages_[order_[i]]);
}

void Batch::run() {
  std::vector<std::thread> threads;
  const std::size_t n = std::min<std::size_t>(args_.jobs, std::max<std::size_t>(1, pages_.size()));
  for (std::size_t t = 0; t < n; ++t) threads.emplace_back([this] { worker(); });
  for (auto& t : threads) t.join();
}

void show_progress(const Batch& batch, std::size_t total, std::atomic<bool>& finished) {
  while (!finished) {
    std::fprintf(stderr, "\rjingwen clean: %zu/%zu pages", batch.done(), total);
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  std::fprintf(stderr, "\r\033[K");
}

}  // namespace

int run_clean(const std::vector<std::string>& argv) {
  const std::optional<CleanArgs> args = parse_args(argv);
  if (!args) return 2;
  int errors = 0;
  std::vector<fs::path> pages = collect_pages(args->paths, args->text, errors);
  if (args->out_dir) {
    std::error_code ec;
    fs::create_directories(*args->out_dir, ec);
    if (ec) {
      std::cerr << "jingwen clean: cannot create " << args->out_dir->string() << ": " << ec.message() << "\n";
      return 1;
    }
  }
  const auto start = std::chrono::steady_clock::now();
  Batch batch(*args, std::move(pages));
  const std::size_t total = batch.results().size();
  std::atomic<bool> finished{false};
  std::thread progress;
  if (total > 1 && isatty(STDERR_FILENO)) progress = std::thread([&] { show_progress(batch, total, finished); });
  batch.run();
  finished = true;
  if (progress.joinable()) progress.join();
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  int empty = 0;
  for (const PageResult& r : batch.results()) {
    std::cout << r.printed;
    empty += r.empty && !r.error;
    errors += r.error;
  }
  std::cout.flush();
  if (total > 1 || errors > 0) {
    std::fprintf(stderr, "jingwen clean: %zu pages, %d empty, %d errors, %.2f s, %.1f pages/s\n", total, empty,
                 errors, seconds, seconds > 0 ? total / seconds : 0.0);
  }
  return errors > 0 ? 1 : 0;
}

}  // namespace cli
