// soak_bench: do jingwend's open fds, memory and queues stay flat over a
// long run against churning feeds?
//
//   soak_bench [--minutes 30] [--feeds 50] [--sample-seconds 30] [--dir DIR] [--jingwend PATH]
//
// 1. serve    F RSS feeds (default 50) from the tests' loopback server, on
//             its own thread in this process. Every full answer of a feed
//             moves it on by 1-3 new items and lists its newest 10; each
//             item links to a Chinese news page on the same server, its text
//             made from sentence pools and numbers picked by the article's
//             id, so no two are near-duplicates. Churn of failures: some
//             feeds answer 500 every 6th request, some are slow (1.5 s),
//             every third sends an ETag and answers 304 to every other
//             conditional request; 1 article in 31 is a 404, every 41st
//             article request a 500, every 13th is delayed 0.8 s.
// 2. run      jingwend in daemon mode (a child: fork + exec) on a config of
//             those feeds (interval 5s, no politeness delay, robots off,
//             max_pending 1,000,000) in DIR (default a temp dir), its log in
//             DIR/jingwend.log, with NOTIFY_SOCKET naming a datagram socket
//             the bench binds: the daemon's STATUS= lines carry its live
//             counters (queued = article queue + in flight, pending = files
//             in new/).
// 3. consume  the spool's new/ every second, as a real consumer would: the
//             records are counted and deleted, so the spool stays small.
// 4. sample   every S seconds (default 30): open fds (/proc/PID/fd, sockets
//             among them), VmRSS, VmHWM and threads (/proc/PID/status), the
//             newest STATUS= counters, records consumed, warning and error
//             lines in the log; one line per sample.
// 5. report   before (the first sample after warm-up: 10% of the run, at
//             most 2 minutes) against after (the last sample); then SIGTERM,
//             the wait for exit and the daemon's exit status.
// Exit status 1 when the daemon died during the run, its fds grew by more
// than 10 or its VmRSS by more than 25% after warm-up, no record arrived
// after warm-up, or it did not exit 0 on SIGTERM; 0 otherwise. The queues
// are reported, not judged (their level follows the injected slowness).
// It asserts nothing about time.
#include <fcntl.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <charconv>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "bench/bench_process.h"
#include "tests/support/http_server.h"

#ifndef JINGWEND
#error "JINGWEND (the path of the jingwend binary) must be defined by the build"
#endif

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using testsupport::Millis;
using testsupport::ServerRequest;
using testsupport::ServerResponse;

constexpr double kKiBPerMiB = 1024.0;
constexpr int kItemsListed = 10;        // a feed lists its newest this many items
constexpr int kMaxFdGrowth = 10;        // after warm-up
constexpr double kMaxRssGrowth = 0.25;  // after warm-up, a fraction
constexpr auto kMaxWarmUp = std::chrono::minutes(2);
constexpr auto kConsumePeriod = std::chrono::seconds(1);
// Safety bound, not a measurement: a daemon that does not stop is killed.
constexpr auto kStopDeadline = std::chrono::seconds(60);
constexpr auto kPoll = std::chrono::milliseconds(20);
constexpr int kArticleIdsPerFeed = 1'000'000;
constexpr std::time_t kFirstItemTime = 1709251200;  // 2024-03-01 00:00 UTC

struct Args {
  int minutes = 30;
  int feeds = 50;
  int sample_seconds = 30;
  std::string dir;  // "": a temp dir, removed after a passing run
  std::string jingwend = JINGWEND;
};

bool parse_args(int argc, char** argv, Args& args) {
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string_view flag = argv[i];
    const char* value = argv[i + 1];
    if (flag == "--dir") {
      args.dir = value;
    } else if (flag == "--jingwend") {
      args.jingwend = value;
    } else {
      int* target = flag == "--minutes"          ? &args.minutes
                    : flag == "--feeds"          ? &args.feeds
                    : flag == "--sample-seconds" ? &args.sample_seconds
                                                 : nullptr;
      if (target == nullptr || !bench::parse_count(value, *target)) return false;
    }
  }
  return argc % 2 == 1;
}

double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

// ---- Pages ---------------------------------------------------------------------

// splitmix64: the article's id and a salt -> well-spread bits.
std::uint64_t mix(std::uint64_t id, std::uint64_t salt) {
  std::uint64_t x = id * 0x9e3779b97f4a7c15ULL + salt * 0xd1b54a32d192ed03ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

template <std::size_t N>
std::string_view pick(const std::string_view (&pool)[N], std::uint64_t id, std::uint64_t salt) {
  return pool[mix(id, salt) % N];
}

constexpr std::string_view kPlaces[] = {"青溪市", "东港市", "云岭县", "白沙镇", "临川区", "石门县",
                                        "望海新区", "南湖街道", "北塘镇", "柳江县", "金山区", "梅岭乡",
                                        "清河镇", "龙泉市", "西岗区", "翠屏县"};
constexpr std::string_view kTopics[] = {"老旧小区改造", "农村公路养护", "社区食堂建设", "中小学课后服务",
                                        "河道生态修复", "公共充电桩布局", "乡村卫生室提升", "夜间公交线路优化",
                                        "垃圾分类收运", "智慧停车系统", "高标准农田建设", "养老服务中心建设"};
constexpr std::string_view kOfficials[] = {"该局副局长张建国", "项目办主任李卫东", "工作专班负责人陈晓梅",
                                           "街道党工委书记刘振华", "该局规划科科长周文斌", "指挥部副总指挥孙立新"};
constexpr std::string_view kResidents[] = {"王女士", "赵先生", "老李", "郑阿姨", "小吴", "何大爷", "冯女士",
                                           "马师傅"};
constexpr std::string_view kTitleTails[] = {"取得阶段性进展", "项目加快推进", "惠及{C}个村居", "新增投资{A}万元",
                                            "群众满意度明显提升", "今年再添{E}个点位"};

// One pool per paragraph of an article. {P} place, {T} topic, {N} an
// official, {R} a resident, {A}..{H} numbers, {M} and {L} months, {D} a day.
constexpr std::string_view kLeads[] = {
    "{M}月{D}日，{P}召开{T}工作推进会，会上通报了今年以来的进展情况：截至上月底，相关项目已累计完成投资{A}万元，占年度计划的{B}%。",
    "记者{M}月{D}日从{P}有关部门获悉，今年当地计划实施{T}项目{C}个，目前已有{E}个点位进场施工，总投资约{A}万元。",
    "本月{D}日上午，{P}{T}首批{C}个试点项目集中开工，{N}在现场介绍说，这批项目总投资{A}万元，计划在年内全部完工并投入使用。",
    "连日来，{P}围绕{T}开展专项行动，组织{C}个工作组深入基层走访，共收集群众意见建议{A}条，目前已办结{B}%。",
    "据{P}统计部门最新发布的数据，今年前{M}个月当地在{T}方面的投入达到{A}万元，同比增长{B}%，受益群众超过{C}万人。"};
constexpr std::string_view kDetails[] = {
    "在位于城区东侧的施工现场，工人们正在抓紧铺设管线和安装设备，{N}告诉记者，目前工程已完成总量的{B}%，预计{L}月底可以完工。",
    "{N}介绍，今年的工作重点放在补短板上，对排查出的{E}处薄弱环节逐一建立台账，明确责任单位和完成时限，实行销号管理。",
    "据了解，该项目由市级财政补助{A}万元，其余资金由区县配套和社会资本共同承担，建成后将惠及周边{C}个村居、约{G}户居民。",
    "为保证质量，{P}引入第三方机构全程监理，先后开展专项检查{C}次，发现并整改问题{E}个，群众满意度保持在{B}%以上。",
    "与往年不同的是，今年的项目在设计阶段就广泛征求了居民意见，共召开座谈会{C}场，根据群众反馈调整方案{E}处。"};
constexpr std::string_view kVoices[] = {
    "家住附近的居民{R}说，过去这一带设施老旧、出行不便，现在变化一天一个样，大家都盼着早日建成，每天路过都要停下来看一看。",
    "在{P}生活了{C}年的{R}感慨地说，以前遇到问题要跑好几个部门，如今有了专门的服务窗口，很多事情当天就能办好。",
    "退休职工{R}今年{F}岁，经常参加社区组织的议事会，提出的几条建议都被采纳了，感觉自己的意见真正受到了重视。",
    "上班族{R}表示，这些变化看起来都是小事，却实实在在方便了日常生活，希望类似的项目能在更多地方推广开来。",
    "个体经营户{R}算了一笔账：项目完工后，门店周边的客流量比过去多了将近{B}%，每个月的营业额增加了{H}元左右。"};
constexpr std::string_view kOfficialWords[] = {
    "{P}相关负责人表示，下一步将坚持问题导向，把{A}万元资金用在群众最急需的地方，确保每一个项目都经得起检验。",
    "针对部分群众反映的施工噪声和交通拥堵问题，有关部门已经调整了作业时间，并在主要路口增派了{C}名交通协管员。",
    "{N}坦言，项目推进过程中也遇到了用地协调难、资金到位慢等困难，工作组先后{C}次现场办公，逐项研究解决。",
    "为了让项目建得好、管得住，{P}同步出台了长效管护办法，明确由{C}支专业队伍负责日常维护，经费纳入年度预算。",
    "业内专家认为，{T}既是民生工程也是发展工程，关键在于建立稳定的投入机制，避免出现重建设、轻运营的情况。"};
constexpr std::string_view kPlans[] = {
    "按照计划，到今年年底，{P}将完成{T}项目{E}个，新增服务面积约{A}平方米，基本实现城乡全覆盖的目标。",
    "根据规划，未来三年当地还将投入资金{A}万元，分批推进{C}个片区的改造提升，力争使项目覆盖率达到{B}%。",
    "数据显示，去年同类项目的群众投诉量下降了{B}%，办结率达到九成以上，今年的目标是在此基础上再提高一步。",
    "截至目前，已有{C}个乡镇完成了前期摸底工作，其余{E}个乡镇将在{L}月底前完成，确保各项任务按时序推进。",
    "下一阶段，{P}还计划引入信息化管理平台，对全部{E}个点位实行动态监测，一旦发现问题能够在{C}小时内响应处置。"};
constexpr std::string_view kClosings[] = {
    "据悉，{P}将于{L}月组织开展专项督查，督查结果将向社会公开，接受群众监督，欢迎市民通过热线电话反映问题。",
    "相关部门提醒，施工期间请市民注意绕行，遵守现场安全提示，如有意见建议可拨打服务热线{H}{G}进行咨询。",
    "记者了解到，这是{P}今年推出的第{C}项民生实事，其余各项工作也在按计划推进之中，本报将持续关注。",
    "对于下一步工作，{N}表示将继续加强与周边地区的交流合作，学习借鉴先进经验，推动{T}工作再上新台阶。",
    "有关部门表示，欢迎社会各界继续为{T}建言献策，意见建议可通过政务服务平台留言提交，工作人员将在{C}个工作日内答复。"};

// `tmpl` with its {X} placeholders filled in for article `id`.
std::string fill(std::string_view tmpl, std::uint64_t id) {
  const auto number = [id](char key, unsigned lo, unsigned span) {
    return std::to_string(lo + mix(id, static_cast<unsigned char>(key)) % span);
  };
  std::string out;
  for (std::size_t i = 0; i < tmpl.size(); ++i) {
    if (tmpl[i] != '{' || i + 2 >= tmpl.size() || tmpl[i + 2] != '}') {
      out += tmpl[i];
      continue;
    }
    switch (const char key = tmpl[i + 1]) {
      case 'P': out += pick(kPlaces, id, 1); break;
      case 'T': out += pick(kTopics, id, 2); break;
      case 'N': out += pick(kOfficials, id, 3); break;
      case 'R': out += pick(kResidents, id, 4); break;
      case 'A': out += number(key, 1000, 9000); break;
      case 'B': out += number(key, 30, 69); break;
      case 'C': case 'E': out += number(key, 3, 97); break;
      case 'F': out += number(key, 60, 30); break;
      case 'G': out += number(key, 1000, 9000); break;
      case 'H': out += number(key, 1000, 9000); break;
      case 'M': out += number(key, 1, 12); break;
      case 'L': out += number(key, 1, 12); break;
      case 'D': out += number(key, 1, 28); break;
      default: out += tmpl.substr(i, 3);
    }
    i += 2;
  }
  return out;
}

std::uint64_t article_id(int feed, int item) {
  return static_cast<std::uint64_t>(feed) * kArticleIdsPerFeed + static_cast<std::uint64_t>(item);
}

std::string article_title(std::uint64_t id) {
  return fill("{P}{T}", id) + fill(pick(kTitleTails, id, 5), id);
}

std::vector<std::string> article_paragraphs(std::uint64_t id) {
  return {fill(pick(kLeads, id, 10), id),         fill(pick(kDetails, id, 11), id),
          fill(pick(kVoices, id, 12), id),        fill(pick(kOfficialWords, id, 13), id),
          fill(pick(kPlans, id, 14), id),         fill(pick(kClosings, id, 15), id)};
}

// `t` in UTC, strftime's `format`.
std::string utc_time(std::time_t t, const char* format) {
  std::tm tm{};
  gmtime_r(&t, &tm);
  char out[40];
  std::strftime(out, sizeof out, format, &tm);
  return out;
}

std::string rfc822(std::time_t t) { return utc_time(t, "%a, %d %b %Y %H:%M:%S +0000"); }
std::string page_time(std::time_t t) { return utc_time(t, "%Y-%m-%d %H:%M:%S"); }

std::time_t item_time(int item) { return kFirstItemTime + static_cast<std::time_t>(item) * 60; }

// A news page with its chrome; the body sits in .post_body (even feeds) or
// #content (odd feeds).
std::string article_html(int feed, int item) {
  const std::uint64_t id = article_id(feed, item);
  const std::string title = article_title(id);
  std::string body;
  for (const std::string& p : article_paragraphs(id)) body += "    <p>" + p + "</p>\n";
  const bool netease = feed % 2 == 0;
  return "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + title +
         "_青溪新闻网</title>\n<meta property=\"article:published_time\" content=\"" + page_time(item_time(item)) +
         "\">\n</head>\n<body>\n"
         "<div class=\"nav\"><a href=\"/\">首页</a> <a href=\"/news\">要闻</a> <a href=\"/local\">本地</a>"
         " <a href=\"/people\">民生</a> <a href=\"/video\">视频</a></div>\n"
         "<div class=\"crumb\"><a href=\"/\">首页</a> &gt; <a href=\"/people\">民生</a> &gt; 正文</div>\n"
         "<div class=\"main\">\n  <h1>" + title + "</h1>\n  <div class=\"info\">" + page_time(item_time(item)) +
         " 来源: 青溪晚报</div>\n  " + (netease ? "<div class=\"post_body\">\n" : "<div id=\"content\">\n") + body +
         "  </div>\n  <div class=\"editor\">责任编辑：林晓</div>\n</div>\n"
         "<div class=\"side\"><h3>热点推荐</h3><ul><li><a href=\"/hot/1.html\">全市迎来降温天气</a></li>"
         "<li><a href=\"/hot/2.html\">新能源汽车下乡活动启动</a></li></ul></div>\n"
         "<div class=\"footer\"><a href=\"/about\">关于我们</a> | <a href=\"/contact\">联系我们</a><br>"
         "青溪新闻网版权所有</div>\n</body>\n</html>\n";
}

std::string not_found_html() {
  return "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>页面不存在</title></head>"
         "<body><h1>404</h1><p>您访问的页面不存在或已被删除。</p></body></html>\n";
}

// ---- The site: churning feeds and their articles --------------------------------

// The loopback site. Handlers run on the server thread only; the counters
// are read by the main thread. Outlives the server (declared before it).
class Site {
 public:
  explicit Site(int feeds) : feeds_(static_cast<std::size_t>(feeds)) {}
  // "http://127.0.0.1:PORT", before the server routes a request here.
  void set_origin(std::string origin) { origin_ = std::move(origin); }

  ServerResponse handle(const ServerRequest& r) {
    int feed = -1;
    int item = -1;
    if (parse_path(r.path, "/feed/", ".xml", feed, nullptr) && feed < static_cast<int>(feeds_.size())) {
      return serve_feed(r, feed);
    }
    if (parse_path(r.path, "/art/", ".html", feed, &item)) return serve_article(feed, item);
    return ServerResponse::text(404, not_found_html(), "text/html; charset=utf-8");
  }

  std::string url(const std::string& path) const { return origin_ + path; }
  std::string feed_url(int feed) const { return url("/feed/" + std::to_string(feed) + ".xml"); }

  std::atomic<long> feed_ok{0}, feed_not_modified{0}, feed_failed{0};
  std::atomic<long> article_ok{0}, article_gone{0}, article_failed{0}, delayed{0};

 private:
  struct FeedState {
    int newest = kItemsListed;  // items 1..newest exist
    long requests = 0;
  };

  static bool flaky(int feed) { return feed % 5 == 1; }   // 500 every 6th request
  static bool slow(int feed) { return feed % 7 == 2; }    // every answer 1.5 s late
  static bool tagged(int feed) { return feed % 3 == 0; }  // ETag, 304 every other time
  static std::string etag(int feed, int newest) {
    return "\"f" + std::to_string(feed) + "-" + std::to_string(newest) + "\"";
  }

  // "/feed/12.xml" -> 12; "/art/12/345.html" -> 12, 345 (when `item`).
  static bool parse_path(std::string_view path, std::string_view prefix, std::string_view suffix, int& feed,
                         int* item) {
    if (!path.starts_with(prefix) || !path.ends_with(suffix)) return false;
    path = path.substr(prefix.size(), path.size() - prefix.size() - suffix.size());
    const char* end = path.data() + path.size();
    auto [p, ec] = std::from_chars(path.data(), end, feed);
    if (ec != std::errc() || feed < 0) return false;
    if (item == nullptr) return p == end;
    if (p == end || *p != '/') return false;
    auto [q, ec2] = std::from_chars(p + 1, end, *item);
    return ec2 == std::errc() && q == end && *item > 0;
  }

  ServerResponse serve_feed(const ServerRequest& r, int feed) {
    FeedState& s = feeds_[static_cast<std::size_t>(feed)];
    ++s.requests;
    ServerResponse response = feed_response(r, feed, s);
    if (slow(feed)) {
      response.delay = Millis(1500);
      ++delayed;
    }
    return response;
  }

  ServerResponse feed_response(const ServerRequest& r, int feed, FeedState& s) {
    if (flaky(feed) && s.requests % 6 == 0) {
      ++feed_failed;
      return ServerResponse::text(500, "internal error");
    }
    if (tagged(feed) && s.requests % 2 == 0 && r.header("If-None-Match") == etag(feed, s.newest)) {
      ++feed_not_modified;
      ServerResponse not_modified;
      not_modified.status = 304;
      not_modified.headers = {{"ETag", etag(feed, s.newest)}};
      return not_modified;
    }
    s.newest += 1 + static_cast<int>(s.requests % 3);
    ++feed_ok;
    ServerResponse ok = ServerResponse::text(200, rss(feed, s.newest), "application/rss+xml; charset=utf-8");
    if (tagged(feed)) ok.headers.emplace_back("ETag", etag(feed, s.newest));
    return ok;
  }

  std::string rss(int feed, int newest) const {
    std::string xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel><title>soak " +
                      std::to_string(feed) + "</title><link>" + url("/") +
                      "</link><description>soak_bench</description>\n";
    for (int item = newest; item > newest - kItemsListed; --item) {
      const std::string link = url("/art/" + std::to_string(feed) + "/" + std::to_string(item) + ".html");
      xml += "<item><title>" + article_title(article_id(feed, item)) + "</title><link>" + link + "</link><pubDate>" +
             rfc822(item_time(item)) + "</pubDate></item>\n";
    }
    return xml + "</channel></rss>\n";
  }

  ServerResponse serve_article(int feed, int item) {
    const long n = ++article_requests_;
    if (article_id(feed, item) % 31 == 0) {
      ++article_gone;
      return ServerResponse::text(404, not_found_html(), "text/html; charset=utf-8");
    }
    if (n % 41 == 0) {
      ++article_failed;
      return ServerResponse::text(500, "internal error");
    }
    ++article_ok;
    ServerResponse ok = ServerResponse::text(200, article_html(feed, item), "text/html; charset=utf-8");
    if (n % 13 == 0) {
      ok.delay = Millis(800);
      ++delayed;
    }
    return ok;
  }

  std::vector<FeedState> feeds_;
  long article_requests_ = 0;
  std::string origin_;
};

// ---- jingwend ----------------------------------------------------------------------

void write_config(const fs::path& path, const Site& site, int feeds) {
  std::ofstream out(path);
  out << "# soak_bench: one loopback host, no politeness delay, robots off, no back-pressure.\n"
      << "spool_dir = \"spool\"\nstate_dir = \"state\"\nworkers = 2\nlog_format = \"logfmt\"\n"
      << "per_host_delay = \"0s\"\nper_host_concurrency = 16\nmax_in_flight = 64\n"
      << "timeout = \"20s\"\nmax_pending = 1000000\nmin_free = 0\nmax_backoff = \"1m\"\n"
      << "summary_interval = \"60s\"\n";
  for (int f = 0; f < feeds; ++f) {
    out << "\n[[feed]]\nname = \"soak-" << f << "\"\nurl = \"" << site.feed_url(f)
        << "\"\nkind = \"rss\"\ninterval = \"5s\"\nrobots = false\n";
  }
}

// The bound AF_UNIX datagram socket NOTIFY_SOCKET names, as systemd's for
// Type=notify; keeps the newest STATUS= text.
class NotifySocket {
 public:
  explicit NotifySocket(fs::path path) : path_(std::move(path)) {
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    if (path_.native().size() >= sizeof addr.sun_path) return;
    std::memcpy(addr.sun_path, path_.c_str(), path_.native().size() + 1);
    fd_ = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if (fd_ >= 0 && bind(fd_, reinterpret_cast<const sockaddr*>(&addr), sizeof addr) != 0) {
      close(fd_);
      fd_ = -1;
    }
  }
  ~NotifySocket() {
    if (fd_ < 0) return;
    close(fd_);
    unlink(path_.c_str());
  }
  NotifySocket(const NotifySocket&) = delete;
  NotifySocket& operator=(const NotifySocket&) = delete;

  bool ok() const { return fd_ >= 0; }
  const fs::path& path() const { return path_; }
  const std::string& status() const { return status_; }
  int datagrams() const { return datagrams_; }

  void drain() {
    char buffer[4096];
    for (ssize_t n; (n = recv(fd_, buffer, sizeof buffer, 0)) > 0;) {
      ++datagrams_;
      std::string_view message(buffer, static_cast<std::size_t>(n));
      for (std::size_t at = 0; at < message.size();) {
        const std::size_t end = std::min(message.find('\n', at), message.size());
        const std::string_view line = message.substr(at, end - at);
        if (line.starts_with("STATUS=")) status_ = line.substr(7);
        at = end + 1;
      }
    }
  }

 private:
  fs::path path_;
  int fd_ = -1;
  std::string status_;
  int datagrams_ = 0;
};

// The value of `key` in a STATUS= text ("feeds=50 spooled=12 ... queued=3"); -1 when absent.
long status_value(std::string_view status, std::string_view key) {
  for (std::size_t at = 0; at < status.size();) {
    const std::size_t end = std::min(status.find(' ', at), status.size());
    const std::string_view word = status.substr(at, end - at);
    if (word.size() > key.size() && word.starts_with(key) && word[key.size()] == '=') {
      long value = -1;
      std::from_chars(word.data() + key.size() + 1, word.data() + word.size(), value);
      return value;
    }
    at = end + 1;
  }
  return -1;
}

// The daemon's log, read as it grows: warning and error lines by event.
struct LogTail {
  std::ifstream in;
  std::string partial;
  int warnings = 0;
  int errors = 0;
  std::map<std::string, int> problem_events;
  std::vector<std::string> errors_shown;

  void read(const fs::path& path) {
    if (!in.is_open()) in.open(path);
    bench::for_each_new_line(in, partial, [this](const std::string& l) { line(l); });
  }
  void line(const std::string& l) {
    const bool warning = l.find(" level=warning ") != std::string::npos;
    const bool error = l.find(" level=error ") != std::string::npos;
    if (!warning && !error) return;
    warnings += warning;
    errors += error;
    const std::size_t at = l.find(" event=");
    if (at != std::string::npos) ++problem_events[l.substr(at + 7, l.find(' ', at + 7) - at - 7)];
    if (error && errors_shown.size() < 3) errors_shown.push_back(l);
  }
};

// Deletes the records in `new_dir`; how many there were.
long consume(const fs::path& new_dir) {
  long records = 0;
  std::error_code ec;
  for (const fs::directory_entry& entry : fs::directory_iterator(new_dir, ec)) {
    if (entry.is_regular_file(ec) && fs::remove(entry.path(), ec)) ++records;
  }
  return records;
}

// ---- Samples -----------------------------------------------------------------------

struct Sample {
  double elapsed_s = 0;
  int fds = 0;
  int sockets = 0;
  long rss_kib = 0;
  long hwm_kib = 0;
  long threads = 0;
  long queued = -1;  // STATUS= counters; -1 before the first STATUS=
  long pending = -1;
  long spooled = -1;
  long records = 0;  // consumed by the bench so far
  int warnings = 0;
};

void count_fds(pid_t pid, Sample& s) {
  std::error_code ec;
  for (const fs::directory_entry& entry : fs::directory_iterator("/proc/" + std::to_string(pid) + "/fd", ec)) {
    ++s.fds;
    s.sockets += fs::read_symlink(entry.path(), ec).string().starts_with("socket:");
  }
}

Sample take_sample(pid_t pid, double elapsed_s, const std::string& status, long records, int warnings) {
  Sample s{.elapsed_s = elapsed_s, .records = records, .warnings = warnings};
  count_fds(pid, s);
  s.rss_kib = bench::proc_status_kib(pid, "VmRSS");
  s.hwm_kib = bench::proc_status_kib(pid, "VmHWM");
  s.threads = bench::proc_status_kib(pid, "Threads");  // "Threads:  7": the same shape
  s.queued = status_value(status, "queued");
  s.pending = status_value(status, "pending");
  s.spooled = status_value(status, "spooled");
  return s;
}

double mib(long kib) { return static_cast<double>(kib) / kKiBPerMiB; }

void print_header() {
  std::printf("%9s %5s %5s %8s %8s %4s %7s %8s %8s %8s %6s\n", "elapsed", "fds", "socks", "rss_MiB", "hwm_MiB",
              "thr", "queued", "pending", "spooled", "records", "warns");
}

void print_sample(const Sample& s) {
  std::printf("%7.0f s %5d %5d %8.1f %8.1f %4ld %7ld %8ld %8ld %8ld %6d\n", s.elapsed_s, s.fds, s.sockets,
              mib(s.rss_kib), mib(s.hwm_kib), s.threads, s.queued, s.pending, s.spooled, s.records, s.warnings);
  std::fflush(stdout);
}

// The first sample at or after the warm-up (the first sample when none is).
const Sample& baseline(const std::vector<Sample>& samples, double warm_up_s) {
  for (const Sample& s : samples) {
    if (s.elapsed_s >= warm_up_s) return s;
  }
  return samples.front();
}

// Step 5's figures; false when fds, RSS or the record flow fail the soak.
bool summarize(const Sample& before, const Sample& after) {
  const int fd_growth = after.fds - before.fds;
  const double rss_growth = static_cast<double>(after.rss_kib - before.rss_kib) / static_cast<double>(before.rss_kib);
  const long new_records = after.records - before.records;
  const double span_s = after.elapsed_s - before.elapsed_s;
  const bool fds_ok = fd_growth <= kMaxFdGrowth;
  const bool rss_ok = rss_growth <= kMaxRssGrowth;
  const bool flow_ok = new_records > 0;
  std::printf("\nbefore (t=%.0f s, after warm-up) -> after (t=%.0f s):\n", before.elapsed_s, after.elapsed_s);
  std::printf("  open fds     %6d -> %-6d (%+d; limit +%d)  %s\n", before.fds, after.fds, fd_growth, kMaxFdGrowth,
              fds_ok ? "ok" : "GREW");
  std::printf("  sockets      %6d -> %-6d\n", before.sockets, after.sockets);
  std::printf("  VmRSS MiB    %6.1f -> %-6.1f (%+.1f%%; limit +%.0f%%)  %s\n", mib(before.rss_kib),
              mib(after.rss_kib), rss_growth * 100, kMaxRssGrowth * 100, rss_ok ? "ok" : "GREW");
  std::printf("  VmHWM MiB    %6.1f -> %-6.1f\n", mib(before.hwm_kib), mib(after.hwm_kib));
  std::printf("  threads      %6ld -> %-6ld\n", before.threads, after.threads);
  std::printf("  queued       %6ld -> %-6ld (article queue + in flight)\n", before.queued, after.queued);
  std::printf("  pending      %6ld -> %-6ld (files in new/ as the daemon last counted)\n", before.pending,
              after.pending);
  std::printf("  records      %6ld -> %-6ld (%ld in %.0f s, %.1f/s)  %s\n", before.records, after.records,
              new_records, span_s, span_s > 0 ? static_cast<double>(new_records) / span_s : 0.0,
              flow_ok ? "ok" : "NONE");
  return fds_ok && rss_ok && flow_ok;
}

// "exit N" or "signal N" for a waitpid() status.
std::string describe_status(int status) {
  return WIFEXITED(status) ? "exit " + std::to_string(WEXITSTATUS(status))
                           : "signal " + std::to_string(WTERMSIG(status));
}

// SIGTERM, then the wait (SIGKILL past kStopDeadline). "exit N" or "signal N".
std::string stop_daemon(pid_t pid, double& stop_s) {
  const Clock::time_point stop = Clock::now();
  kill(pid, SIGTERM);
  int status = 0;
  while (waitpid(pid, &status, WNOHANG) == 0) {
    if (Clock::now() - stop >= kStopDeadline) {
      kill(pid, SIGKILL);
      waitpid(pid, &status, 0);
      break;
    }
    std::this_thread::sleep_for(kPoll);
  }
  stop_s = seconds_since(stop);
  return describe_status(status);
}

void print_traffic(const Site& site, const LogTail& log) {
  std::printf("served: feeds %ld x 200, %ld x 304, %ld x 500; articles %ld x 200, %ld x 404, %ld x 500; %ld delayed\n",
              site.feed_ok.load(), site.feed_not_modified.load(), site.feed_failed.load(), site.article_ok.load(),
              site.article_gone.load(), site.article_failed.load(), site.delayed.load());
  std::printf("log: %d warnings, %d errors", log.warnings, log.errors);
  for (const auto& [event, count] : log.problem_events) std::printf("; %s %d", event.c_str(), count);
  std::printf("\n");
  for (const std::string& l : log.errors_shown) std::printf("    %s\n", l.c_str());
}

// Steps 2-5 on a prepared dir; true when the soak passed.
bool soak(const Args& args, const fs::path& dir, const Site& site) {
  NotifySocket notify(dir / "notify.sock");
  if (!notify.ok()) {
    std::printf("FAIL cannot bind %s\n", notify.path().c_str());
    return false;
  }
  const pid_t pid = bench::spawn_jingwend(args.jingwend.c_str(), dir / "jingwen.toml", dir / "jingwend.out",
                                         dir / "jingwend.log", /*once=*/false, notify.path().string());
  if (pid < 0) {
    std::printf("FAIL cannot start %s\n", args.jingwend.c_str());
    return false;
  }
  const Clock::time_point start = Clock::now();
  const auto run = std::chrono::minutes(args.minutes);
  const double warm_up_s = std::chrono::duration<double>(std::min<Clock::duration>(run / 10, kMaxWarmUp)).count();
  const auto sample_period = std::chrono::seconds(args.sample_seconds);
  LogTail log;
  std::vector<Sample> samples;
  long records = 0;
  std::optional<int> died;
  Clock::time_point next_sample = start + sample_period;
  print_header();
  while (Clock::now() < start + run) {
    std::this_thread::sleep_for(std::min<Clock::duration>(kConsumePeriod, next_sample - Clock::now()));
    records += consume(dir / "spool" / "new");
    notify.drain();
    log.read(dir / "jingwend.log");
    if (int status = 0; waitpid(pid, &status, WNOHANG) == pid) {
      died = status;
      break;
    }
    if (Clock::now() >= next_sample) {
      samples.push_back(take_sample(pid, seconds_since(start), notify.status(), records, log.warnings));
      print_sample(samples.back());
      next_sample += sample_period;
    }
  }
  bool ok = !samples.empty() && summarize(baseline(samples, warm_up_s), samples.back());
  if (samples.empty()) std::printf("FAIL no sample taken (a run shorter than --sample-seconds?)\n");
  double stop_s = 0;
  const std::string exit = died ? describe_status(*died) : stop_daemon(pid, stop_s);
  records += consume(dir / "spool" / "new");
  log.read(dir / "jingwend.log");
  notify.drain();
  std::printf("\nrecords consumed: %ld; last STATUS=%s (%d datagrams)\n", records, notify.status().c_str(),
              notify.datagrams());
  print_traffic(site, log);
  if (died) {
    std::printf("FAIL the daemon died during the run: %s (see %s/jingwend.log)\n", exit.c_str(), dir.c_str());
    return false;
  }
  std::printf("SIGTERM -> %s after %.2f s\n", exit.c_str(), stop_s);
  return ok && exit == "exit 0";
}

}  // namespace

int main(int argc, char** argv) {
  Args args;
  if (!parse_args(argc, argv, args)) {
    std::fputs(
        "usage: soak_bench [--minutes 30] [--feeds 50] [--sample-seconds 30] [--dir DIR] [--jingwend PATH]\n",
        stderr);
    return 2;
  }
  const bool temp_dir = args.dir.empty();
  if (temp_dir) {
    std::string tmp = (fs::temp_directory_path() / "soak_bench.XXXXXX").string();
    if (mkdtemp(tmp.data()) == nullptr) {
      std::perror(("soak_bench: mkdtemp " + tmp).c_str());
      return 1;
    }
    args.dir = tmp;
  }
  const fs::path dir = fs::absolute(args.dir);
  std::error_code ec;
  fs::create_directories(dir, ec);
  Site site(args.feeds);
  testsupport::HttpServer server;
  site.set_origin(server.url(""));
  server.set_fallback([&site](const ServerRequest& r) { return site.handle(r); });
  write_config(dir / "jingwen.toml", site, args.feeds);
  std::printf("soak_bench: %s, %d feeds at %s, %d min, a sample every %d s, dir %s\n", args.jingwend.c_str(),
              args.feeds, server.url("/").c_str(), args.minutes, args.sample_seconds, dir.c_str());
  const bool ok = soak(args, dir, site);
  std::printf("soak_bench: %s\n", ok ? "PASS" : "FAIL");
  if (temp_dir && ok) {
    fs::remove_all(dir, ec);
  } else {
    std::printf("kept %s\n", dir.c_str());
  }
  return ok ? 0 : 1;
}
