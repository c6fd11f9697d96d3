// growth_bench: does clean::extract stay linear in the page's size?
//
//   growth_bench [--smoke]
//
// Generates pages in memory (no I/O in the timed loop) and times
// clean::extract end to end on each, best of several runs:
//   bytes   an article page of about 10 KB, 100 KB, 1 MB and 10 MB: the same
//           chrome around a body of more and more paragraphs
//   nodes   a page of about 1,000, 10,000 and 100,000 DOM nodes (elements +
//           text nodes), built of small list items with links, the shape of
//           a portal's headline lists
// and prints time per KB and per node for each, and the last step's cost per
// unit over the first's ("growth"): about 1.0 is linear; 10x more input at a
// growth of 3 means something in the pipeline is super-linear. --smoke runs
// the two smallest sizes of each series only. Prints numbers; asserts nothing.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "clean/clean.h"

namespace {

using Clock = std::chrono::steady_clock;

constexpr std::size_t kKB = 1000;
constexpr std::size_t kSizeSeries[] = {10 * kKB, 100 * kKB, 1000 * kKB, 10000 * kKB};
constexpr std::size_t kNodeSeries[] = {1'000, 10'000, 100'000};
constexpr std::size_t kSmokeSteps = 2;
// Each size is timed at least kMinRuns times and until kMinTotal has passed
// (small pages take microseconds), keeping the fastest run.
constexpr int kMinRuns = 3;
constexpr auto kMinTotal = std::chrono::milliseconds(300);

// Article sentences; {n} takes a running number so paragraphs differ.
constexpr std::string_view kSentences[] = {
    "记者从市发展和改革委员会获悉，今年以来全市共推进重点项目{n}个，累计完成投资较去年同期明显增长。",
    "在城东新区的一处施工现场，工人们正加紧铺设地下管线，预计第{n}周完成主体工程建设任务。",
    "据介绍，社区养老服务已覆盖{n}个街道，惠及老年居民数万户，群众满意度持续提升。",
    "相关负责人表示，下一步将继续加大投入力度，让更多群众享受到实实在在的便利和实惠。",
    "为了摸清实际需求，工作人员挨家挨户走访了{n}个村组，收集意见建议并逐条建立台账。",
};

std::string sentence(std::size_t i) {
  std::string s(kSentences[i % std::size(kSentences)]);
  const std::size_t at = s.find("{n}");
  if (at != std::string::npos) s.replace(at, 3, std::to_string(i % 97 + 3));
  return s;
}

std::string paragraph(std::size_t i) {
  std::string p = "<p>";
  for (std::size_t k = 0; k < 4; ++k) p += sentence(i * 4 + k);
  return p + "</p>\n";
}

constexpr const char* kHead =
    "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>市区推进民生项目建设_新闻中心</title></head>\n"
    "<body><div class=\"nav\"><a href=\"/\">首页</a> &gt; <a href=\"/news/\">新闻中心</a> &gt; 正文</div>\n"
    "<div class=\"article\"><h1>市区推进民生项目建设</h1>\n"
    "<div class=\"info\">2024-03-01 08:00:00 来源：青溪晚报</div>\n<div class=\"content\">\n";
constexpr const char* kTail =
    "</div></div>\n<div class=\"footer\"><a href=\"/about/\">关于我们</a> | <a href=\"/map/\">网站地图</a></div>\n"
    "</body></html>\n";

// An article page of about `bytes`.
std::string sized_page(std::size_t bytes) {
  std::string page = kHead;
  for (std::size_t i = 0; page.size() + std::char_traits<char>::length(kTail) < bytes; ++i) page += paragraph(i);
  return page + kTail;
}

// A page of about `nodes` DOM nodes: a short article, then list items of
// <li><a>headline</a><span>date</span></li>, 5 nodes each (li, a, its text,
// span, its text).
constexpr std::size_t kNodesPerItem = 5;
std::string node_page(std::size_t nodes, std::size_t* made) {
  std::string page = kHead;
  *made = 0;
  for (std::size_t i = 0; i < 3; ++i) {
    page += paragraph(i);
    *made += 2;  // p and its text
  }
  page += "</div></div>\n<ul class=\"list\">\n";
  for (std::size_t i = 0; *made + kNodesPerItem <= nodes; ++i) {
    page += "<li><a href=\"/news/" + std::to_string(i) + ".html\">" + sentence(i).substr(0, 45) +
            "</a><span>2024-03-01</span></li>\n";
    *made += kNodesPerItem;
  }
  return page + "</ul>\n" + kTail;
}

// Seconds of the fastest run of extract over `page`.
double time_extract(const std::string& page, std::size_t* paragraphs) {
  double best = 0;
  const Clock::time_point begin = Clock::now();
  for (int run = 0; run < kMinRuns || Clock::now() - begin < kMinTotal; ++run) {
    const Clock::time_point start = Clock::now();
    const clean::Article article = clean::extract({.bytes = page, .url = "", .http_charset = ""});
    const double s = std::chrono::duration<double>(Clock::now() - start).count();
    *paragraphs = article.paragraphs.size();
    if (run == 0 || s < best) best = s;
  }
  return best;
}

struct Point {
  double per_unit = 0;  // seconds per unit (KB or node)
};

void print_growth(const std::vector<Point>& points, const char* unit) {
  if (points.size() < 2 || points.front().per_unit <= 0) return;
  std::printf("  growth (last / first %s): %.2f\n", unit, points.back().per_unit / points.front().per_unit);
}

}  // namespace

int main(int argc, char** argv) {
  const bool smoke = argc == 2 && std::string_view(argv[1]) == "--smoke";
  if (argc > 2 || (argc == 2 && !smoke)) {
    std::fputs("usage: growth_bench [--smoke]\n", stderr);
    return 2;
  }
  const std::size_t steps = smoke ? kSmokeSteps : std::size(kSizeSeries);
  std::printf("bytes series (article page, body grows):\n");
  std::vector<Point> points;
  for (std::size_t i = 0; i < std::min(steps, std::size(kSizeSeries)); ++i) {
    const std::string page = sized_page(kSizeSeries[i]);
    std::size_t paragraphs = 0;
    const double s = time_extract(page, &paragraphs);
    const double kb = static_cast<double>(page.size()) / kKB;
    points.push_back({s / kb});
    std::printf("  %9.1f KB  %9.3f ms  %8.2f us/KB  %6.1f MB/s  (%zu paragraphs out)\n", kb, s * 1e3,
                s / kb * 1e6, kb / kKB / s, paragraphs);
  }
  print_growth(points, "us/KB");

  std::printf("nodes series (headline list items):\n");
  points.clear();
  const std::size_t node_steps = smoke ? kSmokeSteps : std::size(kNodeSeries);
  for (std::size_t i = 0; i < std::min(node_steps, std::size(kNodeSeries)); ++i) {
    std::size_t nodes = 0;
    const std::string page = node_page(kNodeSeries[i], &nodes);
    std::size_t paragraphs = 0;
    const double s = time_extract(page, &paragraphs);
    points.push_back({s / static_cast<double>(nodes)});
    std::printf("  %9zu nodes  %8.1f KB  %9.3f ms  %8.1f ns/node  (%zu paragraphs out)\n", nodes,
                static_cast<double>(page.size()) / kKB, s * 1e3, s / static_cast<double>(nodes) * 1e9, paragraphs);
  }
  print_growth(points, "ns/node");
  return 0;
}
