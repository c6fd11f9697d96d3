// daemon_bench: the real jingwend binary, end to end, against a loopback
// server.
//
//   daemon_bench [--feeds N] [--articles N] [--many-feeds N] [--keep] [--dir DIR]
//   daemon_bench --corpus DIR [--corpus-articles N] [--feeds N] [--keep] [--dir DIR]
//
// The server (tests/support/http_server.h) runs in a forked child, and
// jingwend runs as another child (fork + exec of the built binary) with a
// config written into a temp dir (under DIR, default /tmp; --keep leaves it
// there, as does a failed run), so jingwend's wall time, CPU time and peak
// RSS (wait4's rusage) are its own. Scenarios, one line each:
//   throughput  F feeds x A articles (default 20 x 50), NetEase-like and
//               gov.cn-like pages of 20-40 KB, one host, no per-host delay,
//               robots off, --once: articles/s, MB/s of HTML, peak RSS
//   re-poll     the same config again with --once: nothing is new, the feeds
//               answer 304 to the conditional GET
//   many-feeds  N feeds (default 1,000) of 2 articles each, --once
//   idle        the same N feeds in daemon mode (interval 1h) from a fresh
//               state: once every feed is polled and the spool is still,
//               VmHWM/VmRSS from /proc, CPU while idle, then SIGTERM
//   corpus      (--corpus DIR: this scenario alone) N article pages (default
//               2,000) made from the real pages under DIR, cycled, over F feeds
//               (default 20), --once: articles/s and pages processed/s, peak
//               RSS. Each page is decoded to UTF-8 once (served with
//               charset=utf-8, so the daemon's decode takes the HTTP label) and
//               every copy gets its own number "[K]" before each sentence end
//               (。 or ". "), so copies differ in the body text the cleaner
//               keeps and no copy is an exact duplicate of another;
//               near-duplicate detection is off in this config (SimHash barely
//               moves for a few digits). A page without any sentence end is
//               served unchanged and its copies are dropped as same-content
//               duplicates: the line counts spooled, skipped (not an article)
//               and duplicate pages, and "processed" is their sum.
// Under each line: the phases read back from jingwend's log (times from its
// `start` event) and every warning or error it logged. The header and the
// last line time the spool's write/fsync/rename/fsync sequence on the temp
// dir's disk: the daemon pays it per article. The spool must hold
// exactly the articles served, or the bench says FAIL and exits 1. Prints
// numbers only; it asserts nothing about time.
#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <sstream>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <utility>
#include <vector>

#include "clean/decode.h"
#include "bench/bench_process.h"
#include "tests/support/http_server.h"

#ifndef JINGWEND
#error "JINGWEND (the path of the jingwend binary) must be defined by the build"
#endif

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using Millis = std::chrono::milliseconds;

constexpr double kBytesPerMB = 1e6;
constexpr double kKiBPerMiB = 1024.0;
// Every page's body text is at least this long (code points), so SimHash
// sees real articles (the daemon skips near-duplicate checks below 200).
constexpr std::size_t kMinBodyChars = 600;
constexpr std::size_t kMaxBodyChars = 1400;
// Page sizes are spread over this range by the script/style padding every
// real portal page carries.
constexpr std::size_t kMinPageBytes = 20'000;
constexpr std::size_t kMaxPageBytes = 40'000;
constexpr int kManyFeedArticles = 2;
// Safety bounds, not measurements: a hung daemon fails the bench instead of
// stalling it.
constexpr auto kRunDeadline = std::chrono::seconds(600);
constexpr auto kStopDeadline = std::chrono::seconds(60);
// How often waits look at the child, the log and the spool.
constexpr Millis kWaitPoll{5};
constexpr Millis kIdlePoll{200};
// The idle daemon's spool must stay unchanged this long to count as idle;
// its CPU use over that window is reported.
constexpr Millis kIdleWindow{2000};
// The disk probe: records written the spool's way, and their size.
constexpr int kProbeRecords = 50;
constexpr std::size_t kProbeRecordBytes = 4096;
// Problems (warning/error log lines) printed verbatim per run.
constexpr std::size_t kProblemsShown = 5;
// 2024-03-01 08:00:00 +08:00, the first item's publication time.
constexpr std::time_t kFirstPublished = 1709251200;

struct Args {
  int feeds = 20;
  int articles = 50;
  int many_feeds = 1000;
  bool keep = false;
  // Where the temp dir goes. The spool fsyncs every record, so the
  // filesystem under it shapes the numbers (the header names it).
  std::string dir = "/tmp";
  std::string corpus = {};    // --corpus DIR: the corpus scenario alone
  int corpus_articles = 2000;
};


bool parse_args(int argc, char** argv, Args& args) {
  for (int i = 1; i < argc; ++i) {
    const std::string_view flag = argv[i];
    if (flag == "--keep") {
      args.keep = true;
      continue;
    }
    if (i + 1 >= argc) return false;
    if (flag == "--dir" || flag == "--corpus") {
      (flag == "--dir" ? args.dir : args.corpus) = argv[++i];
      continue;
    }
    int* target = flag == "--feeds"             ? &args.feeds
                  : flag == "--articles"        ? &args.articles
                  : flag == "--many-feeds"      ? &args.many_feeds
                  : flag == "--corpus-articles" ? &args.corpus_articles
                                                : nullptr;
    if (target == nullptr || !bench::parse_count(argv[++i], *target)) return false;
  }
  return true;
}

// ---- Text --------------------------------------------------------------------

// splitmix64: small, seeded, the same sequence on every platform (the
// standard distributions are not), so every run serves the same pages.
class Rng {
 public:
  explicit Rng(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  // Uniform in [0, n); n > 0.
  std::size_t below(std::size_t n) { return static_cast<std::size_t>(next() % n); }
  int between(int lo, int hi) { return lo + static_cast<int>(below(static_cast<std::size_t>(hi - lo + 1))); }
  template <typename T, std::size_t N>
  std::string_view pick(const T (&items)[N]) {
    return items[below(N)];
  }

 private:
  std::uint64_t state_;
};

// Sentence templates. Slots: {P} the page's place, {Q} another place, {A} an
// agency, {T} the page's topic, {U} another topic, {R} a person, {N} 2..99,
// {M} 100..9999, {Y} 5..95, {W} a month, {D} a day. A page draws most of its
// sentences from one pool, without repeats, and fills every slot afresh, so
// two pages share few sentences and no filled one: near-duplicate detection
// (SimHash over 3-character shingles) must keep every page.
constexpr std::string_view kNewsSentences[] = {
    "记者从{P}{A}获悉，今年以来全区共推进{T}项目{N}个，累计完成投资{M}万元。",
    "在{P}的一处施工现场，工人们正加紧铺设管线，预计{W}月底前完成主体工程。",
    "“以前遇到这种事只能干着急，现在一个电话就有人上门。”家住{P}的{R}说。",
    "据介绍，{T}工作已覆盖{N}个社区，惠及居民约{M}户。",
    "{P}{A}相关负责人表示，下一步将继续加大投入，让更多群众享受到实实在在的便利。",
    "截至{W}月{D}日，{P}已有{M}名群众通过线上平台提交申请，办结率达到{Y}%。",
    "项目建成后，预计每年可减少排放约{M}吨，{Q}一带的环境也将明显改善。",
    "为了摸清实际需求，工作人员挨家挨户走访了{N}个村组，收集意见建议{M}条。",
    "今年春天，{P}的{T}试点在{N}个街道同时铺开，参与人数比去年增长了{Y}%。",
    "一位从事{U}工作多年的技术员告诉记者，过去的难点主要在资金和人手两个方面。",
    "{R}是{P}第一批受益的居民之一，说起家门口的变化，{R}连说看得见、摸得着。",
    "当天上午，{P}{A}还在{Q}召开了现场推进会，对照清单逐项检查进度。",
    "按照计划，{T}将分三个阶段实施，第一阶段重点解决群众反映最集中的{N}类问题。",
    "与此同时，{P}还在探索引入社会资本，目前已有{N}家企业表达了合作意向。",
    "傍晚时分，{P}文化广场上聚集了不少前来散步的市民，孩子们在新铺的步道上奔跑。",
    "“我们每周都会回访一次，把问题解决在萌芽状态。”{Q}一位社区干部说。",
    "数据显示，{W}月份{P}相关投诉数量同比下降{Y}%，群众满意度持续提升。",
    "在推进{U}的过程中，{P}坚持先试点后推广，及时总结经验，避免一刀切。",
    "专家认为，{T}既要重视硬件建设，也要注重长效管理，防止出现重建轻管的现象。",
    "目前，第{N}批申报材料已经完成审核，符合条件的对象将在{W}月内收到补贴。",
    "为方便老年人办理，{P}在{N}个便民服务中心设置了专门窗口，并安排志愿者现场引导。",
    "{P}今年计划新建{T}站点{N}处，改造提升{N}处，年底前全部投入使用。",
    "去年冬天{Q}的一场大雪，让{P}的{R}对防灾准备有了新的认识。",
    "一些村民起初并不理解{U}，经过{N}次座谈和实地参观，大家逐渐打消了顾虑。",
    "记者在现场看到，新安装的指示牌清晰醒目，沿线还增设了{N}处休息座椅。",
    "{P}{A}还将联合第三方机构开展评估，评估结果将于{W}月向社会公开。",
    "不少年轻人利用周末报名参加{U}志愿服务，累计服务时长超过{M}小时。",
    "据了解，该项目总投资约{M}万元，其中上级补助资金占比约{Y}%。",
    "在{P}{T}展示区，一块电子屏实时显示着{N}项运行数据。",
    "谈到今后的打算，{R}说想把自家参与{U}的经验分享给更多邻居。",
    "{P}将把{T}纳入年度重点民生实事，实行挂图作战、每{N}天通报一次。",
    "上午九点，{P}的服务大厅里已经排起了队，工作人员正在逐一核对{N}类材料。",
    "负责{Q}片区的网格员每天步行一万多步，对{N}栋楼的情况了如指掌。",
    "从{W}月起，{P}将在全域推行{T}，并同步上线手机端查询功能。",
    "有居民提出希望延长开放时间，{P}{A}在{N}天内就作出了调整。",
    "走进{P}的一家小店，店主{R}正忙着打包当天的{M}份订单。",
    "{Q}的做法给了{P}不少启发，两地今年已互派干部{N}人次交流学习。",
    "雨季来临前，{P}{A}对辖区{N}处易涝点逐一排查，储备沙袋{M}个。",
    "随着{U}深入推进，{P}新增就业岗位{M}个，返乡创业人数同比增长{Y}%。",
    "不久前，{P}举办了一场{T}开放日活动，吸引了{M}余名市民参观体验。",
    "“设备用起来很顺手，数据一目了然。”{Q}的{R}一边演示一边介绍。",
    "这些改变的背后，是{P}连续{N}年把{T}写进政府工作报告的坚持。",
};

constexpr std::string_view kGovSentences[] = {
    "为深入贯彻落实上级决策部署，切实做好{T}工作，现就有关事项通知如下。",
    "各乡镇（街道）、区直各有关单位要高度重视{U}，成立工作专班，明确责任分工。",
    "{P}{A}负责统筹协调，会同相关部门制定实施方案，于{W}月{D}日前报送。",
    "本次{T}工作的实施范围为{P}行政区域内的{N}个乡镇（街道）。",
    "申请人应当如实填写申请表，并提供身份证明等{N}类材料，受理窗口不得要求重复提交。",
    "对符合条件的对象，按照每人每月{M}元的标准发放补贴，资金由{P}财政统筹安排。",
    "各单位要建立{T}工作台账，实行月调度、季通报制度，每月{D}日前报送上月进展情况。",
    "{P}{A}将会同督查部门开展专项检查，对{U}推进不力的单位予以通报。",
    "本通知自印发之日起施行，有效期{N}年，此前有关规定与本通知不一致的，以本通知为准。",
    "联系人：{P}{A}综合科{R}，联系电话：0{N}{M}{M}。",
    "各地要加强{T}宣传引导，通过政务网站、微信公众号等渠道及时发布政策信息，提高群众知晓率。",
    "截至{W}月{D}日，全区已累计完成{T}任务的{Y}%，剩余任务将于{W}月底前全面完成。",
    "对弄虚作假、骗取{U}补助资金的，一经查实，追回已发放资金，并依法依规追究相关责任。",
    "{P}范围内的{T}项目实行清单化管理，共梳理重点任务{N}项、具体措施{M}条。",
    "各相关单位要加强{U}资金监管，确保专款专用，严禁截留、挤占、挪用。",
    "申请材料齐全、符合法定形式的，{P}{A}应当在{N}个工作日内作出决定。",
    "鼓励社会力量参与{T}，对吸纳就业{N}人以上的经营主体给予一次性奖励{M}元。",
    "请于{W}月{D}日前将本单位联络员名单报{P}{A}，逾期未报的视为无异议。",
    "根据《{P}{T}三年行动方案》，今年计划完成投资{M}万元，新增服务设施{N}处。",
    "建立健全{U}问题反馈机制，群众可通过12345热线或{P}门户网站留言反映问题。",
    "{A}要会同财政部门做好{T}绩效评价，评价结果作为下一年度资金分配的重要依据。",
    "对于{Q}等地的跨部门事项，实行牵头单位负责制，牵头单位要主动协调，配合单位要积极支持。",
    "到{W}月底，{P}{T}覆盖率要达到{Y}%以上，群众满意度明显提升。",
    "围绕{T}，重点抓好摸底排查、方案编制、组织实施和验收评估四个环节，共{N}项具体任务。",
    "加强组织领导，强化要素保障，落实{U}安全生产责任，确保各项工作平稳有序。",
    "各乡镇（街道）要于每月{D}日前将{T}进展情况报{P}{A}汇总。",
    "经研究，决定在{Q}开展{T}试点，试点期限为{N}个月。",
    "本公告公示期为{N}个工作日，公示期间如有异议，请以书面形式向{P}{A}反映。",
    "{P}{A}将对{M}户申请家庭进行入户核查，核查结果在村（社区）公示栏张贴{N}天。",
    "资金拨付实行直达机制，由{A}通过银行代发方式于{W}月{D}日前直接发放至申请人账户。",
    "{Q}、{P}两地要加强{U}协作，共享数据资源，{W}月底前完成{N}项对接任务。",
    "第{N}条  本办法所称{T}，是指由{P}组织实施、面向全体居民的公共服务项目。",
    "对在{T}工作中成绩突出的{N}个集体和{M}名个人，予以通报表扬。",
    "{P}{A}负责对本办法执行情况进行监督检查，每年{W}月向社会公布检查结果。",
    "年度考核结果分为优秀、良好、合格、不合格四个等次，优秀等次比例不超过{Y}%。",
    "各单位应于{W}月{D}日前完成{U}自查自纠，并形成书面报告，报送{P}{A}。",
    "涉及{Q}征地拆迁的，按照依法依规、公开透明的原则，妥善做好{M}户群众的安置工作。",
    "本方案由{P}{A}负责解释，执行中遇到的问题请及时向{A}反馈。",
    "附件{N}：{P}{T}工作任务分解表（共{M}项）。",
    "{P}已连续{N}年开展{T}专项行动，累计投入资金{M}万元，受益群众{M}人。",
};

constexpr std::string_view kNameChars[] = {
    "青", "溪", "东", "港", "云", "岭", "南", "屏", "石", "桥", "柳", "河", "白", "沙", "金", "川",
    "枫", "林", "望", "江", "松", "山", "临", "湖", "桃", "源", "北", "坪", "西", "鹤", "鸣", "龙",
    "泉", "梅", "园", "凤", "台", "安", "宁", "平", "和", "兴", "丰", "隆", "长", "乐", "永", "清",
    "新", "华", "明", "阳", "春", "秋", "玉", "水", "竹", "兰", "岚", "霞", "嘉", "禾", "瑞", "昌",
};
constexpr std::string_view kPlaceSuffixes[] = {"区", "县", "镇", "街道", "乡", "市"};
constexpr std::string_view kAgencies[] = {
    "发展和改革局", "教育局",     "民政局",     "农业农村局",           "住房和城乡建设局",
    "生态环境局",   "交通运输局", "卫生健康局", "文化和旅游局",         "市场监督管理局",
    "应急管理局",   "自然资源局", "水利局",     "人力资源和社会保障局", "科学技术局",
    "商务局",       "财政局",     "城市管理局",
};
constexpr std::string_view kTopics[] = {
    "老旧小区改造", "高标准农田建设", "社区养老服务", "智慧停车",       "乡村公路提升", "课后服务",
    "污水管网改造", "公共文化服务",   "新能源公交",   "河道生态修复",   "便民市场升级", "职业技能培训",
    "家庭医生签约", "防汛应急演练",   "夜间经济街区", "农产品冷链物流", "口袋公园建设", "背街小巷整治",
    "充电桩建设",   "图书馆分馆建设", "全民健身步道", "垃圾分类",       "小微企业贴息", "社区食堂",
    "旧厂房更新",   "数字政务大厅",   "山洪灾害预警", "茶园提质增效",   "古村落保护",   "托育服务",
};
constexpr std::string_view kSurnames[] = {"张", "王", "李", "刘", "陈", "杨", "赵", "黄", "周", "吴",
                                          "徐", "孙", "胡", "朱", "高", "林", "何", "郭", "马", "罗"};
constexpr std::string_view kHonorifics[] = {"女士", "先生", "阿姨", "大爷", "师傅", "老师"};
constexpr std::string_view kHeadlineEndings[] = {
    "取得新进展",   "再添新举措", "这些变化看得见", "群众点赞", "跑出加速度", "按下快进键",
    "交出亮眼答卷", "有了新模样", "迎来新机遇",     "记者走访", "背后的故事", "怎么看怎么办",
};
constexpr std::string_view kSources[] = {"青溪晚报",     "东港日报", "云岭新闻网",     "南屏融媒",
                                         "城市生活观察", "望江发布", "柳河广播电视台", "金川观察"};

std::string place(Rng& rng) {
  return std::string(rng.pick(kNameChars)) + std::string(rng.pick(kNameChars)) + std::string(rng.pick(kPlaceSuffixes));
}

std::string person(Rng& rng) { return std::string(rng.pick(kSurnames)) + std::string(rng.pick(kHonorifics)); }

// The per-page values of {P} and {T}.
struct Locale {
  std::string place = {};
  std::string topic = {};
};

// What each {X} slot of a sentence becomes. {P} and {T} are the page's own,
// the rest drawn afresh at every use.
struct Slot {
  char key;
  std::string (*value)(const Locale&, Rng&);
};
constexpr Slot kSlots[] = {
    {'A', [](const Locale&, Rng& rng) { return std::string(rng.pick(kAgencies)); }},
    {'D', [](const Locale&, Rng& rng) { return std::to_string(rng.between(1, 28)); }},
    {'M', [](const Locale&, Rng& rng) { return std::to_string(rng.between(100, 9999)); }},
    {'N', [](const Locale&, Rng& rng) { return std::to_string(rng.between(2, 99)); }},
    {'P', [](const Locale& locale, Rng&) { return locale.place; }},
    {'Q', [](const Locale&, Rng& rng) { return place(rng); }},
    {'R', [](const Locale&, Rng& rng) { return person(rng); }},
    {'T', [](const Locale& locale, Rng&) { return locale.topic; }},
    {'U', [](const Locale&, Rng& rng) { return std::string(rng.pick(kTopics)); }},
    {'W', [](const Locale&, Rng& rng) { return std::to_string(rng.between(1, 12)); }},
    {'Y', [](const Locale&, Rng& rng) { return std::to_string(rng.between(5, 95)); }},
};

std::string fill(std::string_view sentence, const Locale& locale, Rng& rng) {
  std::string out;
  for (std::size_t i = 0; i < sentence.size(); ++i) {
    const Slot* slot = nullptr;
    if (sentence[i] == '{' && i + 2 < sentence.size() && sentence[i + 2] == '}') {
      for (const Slot& s : kSlots) slot = s.key == sentence[i + 1] ? &s : slot;
    }
    if (slot == nullptr) {
      out += sentence[i];
      continue;
    }
    out += slot->value(locale, rng);
    i += 2;
  }
  return out;
}

std::size_t code_points(std::string_view utf8) {
  std::size_t n = 0;
  for (const char c : utf8) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

// Paragraphs of 2-4 sentences drawn without repeats from `pool` until the
// body holds a random length in [kMinBodyChars, kMaxBodyChars].
template <std::size_t N>
std::vector<std::string> body(const std::string_view (&pool)[N], const Locale& locale, Rng& rng) {
  std::vector<std::size_t> order(N);
  for (std::size_t i = 0; i < N; ++i) order[i] = i;
  for (std::size_t i = N - 1; i > 0; --i) std::swap(order[i], order[rng.below(i + 1)]);
  const std::size_t target = kMinBodyChars + rng.below(kMaxBodyChars - kMinBodyChars);
  std::vector<std::string> paragraphs;
  std::size_t chars = 0;
  std::size_t next = 0;
  while (chars < target && next < N) {
    std::string paragraph;
    for (int s = rng.between(2, 4); s > 0 && next < N; --s) paragraph += fill(pool[order[next++]], locale, rng);
    chars += code_points(paragraph);
    paragraphs.push_back(std::move(paragraph));
  }
  return paragraphs;
}

std::string headline(Rng& rng) {
  return place(rng) + std::string(rng.pick(kTopics)) + std::string(rng.pick(kHeadlineEndings));
}

std::string escape(std::string_view s) {
  std::string out;
  for (const char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

// ---- Pages -------------------------------------------------------------------

// What one article page shows: its text and its date.
struct Story {
  std::string title = {};
  std::vector<std::string> paragraphs = {};
  std::time_t published = 0;
  std::string source = {};
};

std::tm beijing_time(std::time_t t) {
  const std::time_t local = t + 8 * 3600;
  std::tm tm = {};
  gmtime_r(&local, &tm);
  return tm;
}

// "2024-03-05 09:30:00"
std::string page_time(std::time_t t) {
  const std::tm tm = beijing_time(t);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d %02d:%02d:%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                tm.tm_hour, tm.tm_min, tm.tm_sec);
  return buf;
}

// "Tue, 05 Mar 2024 09:30:00 +0800", without the locale strftime would use.
std::string rfc822_time(std::time_t t) {
  static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const std::tm tm = beijing_time(t);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d +0800", kDays[tm.tm_wday], tm.tm_mday,
                kMonths[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
  return buf;
}

// A list item of chrome: a headline link with an author and a time, as both
// portals print under their articles.
std::string headline_item(Rng& rng, std::string_view href_prefix, bool with_meta) {
  std::string item = "<li><a href=\"" + std::string(href_prefix) + std::to_string(rng.between(100000, 999999)) +
                     ".html\" target=\"_blank\">" + escape(headline(rng)) + "</a>";
  if (with_meta) {
    item += "<span class=\"author\">" + std::string(rng.pick(kSources)) + "</span><span class=\"time\">" +
            page_time(kFirstPublished - static_cast<std::time_t>(rng.below(90 * 86400))) + "</span>";
  }
  return item + "</li>\n";
}

std::string headline_list(Rng& rng, int count, std::string_view href_prefix, bool with_meta) {
  std::string out = "<ul>\n";
  for (int i = 0; i < count; ++i) out += headline_item(rng, href_prefix, with_meta);
  return out + "</ul>\n";
}

// Portal pages carry tens of KB of inline script (ad slots, tracking
// config): padding of that kind brings a page to `target` bytes.
std::string script_padding(Rng& rng, std::size_t have, std::size_t target, std::string_view var) {
  std::string out = "<script>\nvar " + std::string(var) + " = [\n";
  while (have + out.size() < target) {
    out += "  {\"slot\": \"ad_" + std::to_string(rng.between(1000, 9999)) + "\", \"channel\": \"" +
           std::to_string(rng.between(1, 60)) + "\", \"w\": " + std::to_string(rng.between(100, 1200)) +
           ", \"h\": " + std::to_string(rng.between(60, 600)) + ", \"lazy\": true},\n";
  }
  return out + "];\n</script>\n";
}

std::string paragraphs_html(const Story& story, std::string_view attributes) {
  std::string out;
  for (const std::string& p : story.paragraphs) {
    out += "<p" + std::string(attributes) + ">" + escape(p) + "</p>\n";
  }
  return out;
}

// A NetEase 网易号-like article page: nav, breadcrumb, share widget, the
// body in .post_body, the disclaimer and its English twin, 相关推荐 with
// author and time, the author card, side lists, footer, ad-slot script.
std::string netease_page(const Story& story, Rng& rng, std::size_t target_bytes) {
  static constexpr std::string_view kNav[] = {"新闻", "体育", "NBA",  "娱乐", "财经", "股票",  "汽车", "科技",
                                              "手机", "女人", "旅游", "房产", "家居", "教育",  "读书", "游戏",
                                              "健康", "彩票", "车险", "海淘", "跟贴", "公开课"};
  const std::string title = escape(story.title);
  const std::string source = escape(story.source);
  const std::string when = page_time(story.published);
  std::string page = R"html(<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>)html" + title +
                     R"html(_网易订阅</title>
<meta name="keywords" content="网易号,)html" +
                     source + R"html(">
<meta property="og:title" content=")html" +
                     title + R"html(">
<meta property="article:published_time" content=")html" +
                     when + R"html(">
<style>.post_body p{margin:0 0 20px;line-height:1.9;font-size:18px}.post_recommend li{height:100px}
.ntes-nav a{padding:0 6px}.post_side{width:300px;float:right}</style>
</head>
<body>
<div class="ntes-nav"><a href="https://www.163.com/">网易首页</a>)html";
  for (std::string_view n : kNav) {
    page += " <a href=\"https://www.163.com/" + std::to_string(rng.between(1, 99)) + "/\">" + std::string(n) + "</a>";
  }
  page += R"html(</div>
<div class="post_crumb"><a href="https://www.163.com/">网易首页</a> &gt; <a href="https://dy.163.com/">网易号</a> &gt; 正文 <a class="post_crumb_apply" href="https://dy.163.com/apply">申请入驻</a></div>
<div class="post_main">
<h1 class="post_title">)html" +
          title + R"html(</h1>
<div class="post_info">)html" +
          when + " 来源: " + source + R"html( <a class="post_report" href="/report">举报</a></div>
<div class="post_share">0 <span>分享至</span><a class="share_weixin">微信</a><a class="share_weibo">微博</a><a class="share_qzone">QQ空间</a></div>
<div class="post_content">
<div class="post_body">
)html" + paragraphs_html(story, "") +
          R"html(</div>
<div class="post_statement">特别声明：以上内容(如有图片或视频亦包括在内)为自媒体平台“网易号”用户上传并发布，本平台仅提供信息存储服务。</div>
<div class="post_statement_en">Notice: The content above (including the pictures and videos if any) is uploaded and posted by a user of NetEase Hao, which is a social media platform and only provides information storage services.</div>
</div>
<div class="post_recommend">
<h3>相关推荐</h3>
)html" + headline_list(rng, 20, "https://www.163.com/dy/article/", true) +
          R"html(</div>
<div class="post_author"><span class="name">)html" +
          source + "</span> 文章数 " + std::to_string(rng.between(100, 9999)) + " 关注度 " +
          std::to_string(rng.between(1, 99)) + "万 <h4>往期回顾</h4>" +
          headline_list(rng, 5, "https://www.163.com/dy/article/", false) + R"html(</div>
</div>
<div class="post_side">
<h3>热点推荐</h3>
)html" + headline_list(rng, 10, "https://www.163.com/news/article/", false) +
          "<h3>教育要闻</h3>\n" + headline_list(rng, 8, "https://www.163.com/edu/article/", false) +
          "<h3>头条要闻</h3>\n" + headline_list(rng, 8, "https://www.163.com/news/article/", true) + R"html(</div>
<div class="ntes-footer"><a href="https://corp.163.com/">关于网易</a> | <a href="https://corp.163.com/contact">联系我们</a> | <a href="https://help.163.com/">帮助中心</a> | <a href="https://www.163.com/a11y">无障碍浏览</a> <a href="https://www.163.com/care">进入关怀版</a><br>网易公司版权所有 ©1997-2024</div>
)html";
  page += script_padding(rng, page.size() + 20, target_bytes, "NTES_AD_SLOTS");
  return page + "</body>\n</html>\n";
}

// A gov.cn-like open-information page: site header and nav, 当前位置, the
// 政府信息公开目录 column, the open-info table, title, 发布时间/来源 and font
// controls, the body in .TRS_Editor with its signature lines, 打印本页/关闭窗口,
// 相关链接, footer with 网站标识码/ICP备, stats-config script.
std::string gov_page(const Story& story, const Locale& locale, Rng& rng, std::size_t target_bytes) {
  static constexpr std::string_view kNav[] = {"首页",     "政务公开", "政务服务", "互动交流",
                                              "专题专栏", "数据开放", "政策解读"};
  static constexpr std::string_view kCatalog[] = {"机构职能",     "政策文件", "规划计划", "财政信息",
                                                  "人事信息",     "统计信息", "应急管理", "重点领域",
                                                  "建议提案办理", "政府会议", "工作报告", "依申请公开"};
  const std::string site = escape(locale.place) + "人民政府";
  const std::string title = escape(story.title);
  const std::string date = page_time(story.published).substr(0, 10);
  const std::string publisher = escape(locale.place) + std::string(rng.pick(kAgencies));
  const auto cell = [](std::string_view label, std::string_view value) {
    return "<td class=\"label\">" + std::string(label) + "：</td><td>" + escape(value) + "</td>";
  };
  std::string page = R"html(<!DOCTYPE html>
<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>)html" + title +
                     "_" + site + R"html(</title>
<meta name="PubDate" content=")html" +
                     page_time(story.published) + R"html(">
</head>
<body>
<div class="header"><div class="logo">)html" +
                     site + R"html(</div>
<ul class="nav">)html";
  for (std::string_view n : kNav) {
    page += "<li><a href=\"/" + std::to_string(rng.between(1, 99)) + "/\">" + std::string(n) + "</a></li>";
  }
  page += R"html(</ul></div>
<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; 通知公告</div>
<div class="left"><h3>政府信息公开目录</h3><ul>)html";
  for (std::string_view c : kCatalog) {
    page += "<li><a href=\"/zwgk/" + std::to_string(rng.between(1, 999)) + "/\">" + std::string(c) + "</a></li>";
  }
  const std::string index_no =
      "QX-" + std::to_string(rng.between(1000, 9999)) + "-2024-" + std::to_string(rng.between(10000, 99999));
  page += "</ul></div>\n<div class=\"xxgk\">\n<table class=\"xxgk-table\">\n<tr>" + cell("索引号", index_no) +
          cell("组配分类", "通知公告") + "</tr>\n<tr>" + cell("发布机构", publisher) + cell("成文日期", date) +
          "</tr>\n<tr>" + cell("公开方式", "主动公开") + cell("公开范围", "面向社会") + "</tr>\n<tr>" +
          cell("主题分类", locale.topic) + "<td></td><td></td></tr>\n</table>\n</div>\n";
  page += R"html(<div class="article">
<h1 class="title">)html" +
          title + R"html(</h1>
<div class="info">发布时间：)html" +
          date + "　来源：" + publisher + R"html(　【字体：<a>大</a> <a>中</a> <a>小</a>】</div>
<div class="content">
<div class="TRS_Editor">
)html" + paragraphs_html(story, " style=\"text-indent:2em\"") +
          "<p style=\"text-align:right\">" + publisher + "</p>\n<p style=\"text-align:right\">" + date + R"html(</p>
</div>
</div>
<div class="tools">【<a href="javascript:window.print()">打印本页</a>】【<a href="javascript:window.close()">关闭窗口</a>】<span class="share">分享到：微信 微博</span></div>
</div>
<div class="links"><h3>相关链接</h3>
)html" + headline_list(rng, 10, "/zwgk/art/", true) +
          "</div>\n";
  page += "<div class=\"footer\">主办单位：" + site + "办公室　承办：" + site + "大数据中心<br>网站标识码：" +
          std::to_string(rng.between(1000000000, 2000000000)) + "　ICP备" +
          std::to_string(rng.between(10000000, 99999999)) + "号　公网安备 " +
          std::to_string(rng.between(10000000, 99999999)) +
          "号<br><a href=\"/wzdt/\">网站地图</a> | <a href=\"/lxwm/\">联系我们</a></div>\n";
  page += script_padding(rng, page.size() + 20, target_bytes, "_trs_stat_cfg");
  return page + "</body>\n</html>\n";
}

// One article: its layout alternates, its text is unique.
struct Article {
  std::string path = {};  // "/a/0003/0017.html"
  std::string title = {};
  std::time_t published = 0;
  std::string html = {};
};

Article make_article(std::string path, std::uint64_t seed, bool netease, std::time_t published) {
  Rng rng(seed);
  const Locale locale{.place = place(rng), .topic = std::string(rng.pick(kTopics))};
  Story story{.published = published, .source = std::string(rng.pick(kSources))};
  story.paragraphs = netease ? body(kNewsSentences, locale, rng) : body(kGovSentences, locale, rng);
  story.title = netease ? locale.place + locale.topic + std::string(rng.pick(kHeadlineEndings))
                        : "关于做好" + locale.place + locale.topic + "工作的通知（第" +
                              std::to_string(rng.between(1, 99)) + "号）";
  const std::size_t target = kMinPageBytes + rng.below(kMaxPageBytes - kMinPageBytes);
  std::string html = netease ? netease_page(story, rng, target) : gov_page(story, locale, rng, target);
  return {.path = std::move(path), .title = story.title, .published = published, .html = std::move(html)};
}

std::string rss_feed(std::string_view base_url, std::string_view name, const std::vector<const Article*>& items) {
  std::string xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\">\n<channel>\n<title>" +
                    std::string(name) + "</title>\n<link>" + std::string(base_url) +
                    "/</link>\n"
                    "<description>daemon_bench</description>\n";
  for (const Article* a : items) {
    const std::string link = std::string(base_url) + a->path;
    xml += "<item>\n<title>" + escape(a->title) + "</title>\n<link>" + link + "</link>\n<guid>" + link +
           "</guid>\n<pubDate>" + rfc822_time(a->published) + "</pubDate>\n</item>\n";
  }
  return xml + "</channel>\n</rss>\n";
}

// ---- The site: what the server child serves ------------------------------------

struct Resource {
  std::string body = {};
  std::string content_type = {};
  std::string etag = {};  // feeds only: conditional GETs get 304
};

struct Site {
  std::unordered_map<std::string, Resource> resources = {};
  std::size_t articles = 0;
  std::size_t article_bytes = 0;
};

// What a scenario serves: `feeds` RSS feeds of `per_feed` articles; `seed`
// keeps the scenarios' texts apart.
struct SiteShape {
  int feeds = 0;
  int per_feed = 0;
  std::uint64_t seed = 0;
  std::string corpus = {};  // when set: pages made from the corpus, `articles` in all
  int articles = 0;
};

constexpr std::string_view kHtml = "text/html; charset=utf-8";
constexpr std::string_view kRss = "application/rss+xml; charset=utf-8";
// The server's port is only known after it starts, and feeds hold absolute
// links: feeds are rendered with this placeholder, replaced per request.
constexpr std::string_view kBasePlaceholder = "http://BENCH-BASE";

std::string feed_path(int feed) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "/feed/%04d.xml", feed);
  return buf;
}

std::string article_path(int feed, int item) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "/a/%04d/%04d.html", feed, item);
  return buf;
}

Site build_site(const SiteShape& shape) {
  const int per_feed = shape.per_feed;
  Site site;
  for (int f = 0; f < shape.feeds; ++f) {
    std::vector<Article> articles;
    for (int i = 0; i < per_feed; ++i) {
      const std::time_t published = kFirstPublished + 60 * (f * per_feed + i);
      const std::uint64_t article_seed =
          shape.seed ^ (static_cast<std::uint64_t>(f) << 32 | static_cast<std::uint64_t>(i));
      articles.push_back(make_article(article_path(f, i), article_seed, (f + i) % 2 == 0, published));
    }
    std::vector<const Article*> items;
    for (const Article& a : articles) items.push_back(&a);
    const std::string path = feed_path(f);
    site.resources[path] = {.body = rss_feed(kBasePlaceholder, path, items),
                            .content_type = std::string(kRss),
                            .etag = "\"feed-" + std::to_string(f) + "\""};
    for (Article& a : articles) {
      site.article_bytes += a.html.size();
      ++site.articles;
      site.resources[a.path] = {.body = std::move(a.html), .content_type = std::string(kHtml)};
    }
  }
  return site;
}

// The corpus's pages (*.html/*.htm under `dir`, sorted), decoded to UTF-8.
std::vector<std::string> load_corpus(const fs::path& dir) {
  std::vector<fs::path> paths;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec)) {
    const fs::path& p = it->path();
    if (it->is_regular_file() && (p.extension() == ".html" || p.extension() == ".htm")) paths.push_back(p);
  }
  std::sort(paths.begin(), paths.end());
  std::vector<std::string> pages;
  for (const fs::path& path : paths) {
    std::ifstream in(path, std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    pages.push_back(clean::decode(bytes, "").text);
  }
  return pages;
}

// `page` with "[copy]" before every sentence end (Chinese 。 or ". "): the
// marks land in the body text the cleaner keeps, so copies differ.
std::string mark_copy(const std::string& page, int copy) {
  const std::string mark = "[" + std::to_string(copy) + "]";
  std::string out;
  out.reserve(page.size() + page.size() / 16);
  for (std::size_t i = 0; i < page.size(); ++i) {
    if (page.compare(i, 3, "。") == 0 || page.compare(i, 2, ". ") == 0) out += mark;
    out += page[i];
  }
  return out;
}

// `shape.articles` pages cycling through the corpus, over `shape.feeds` feeds.
Site build_corpus_site(const SiteShape& shape) {
  const std::vector<std::string> pages = load_corpus(shape.corpus);
  Site site;
  if (pages.empty()) return site;
  std::vector<std::vector<Article>> feeds(static_cast<std::size_t>(shape.feeds));
  for (int k = 0; k < shape.articles; ++k) {
    const int f = k % shape.feeds;
    const int item = k / shape.feeds;
    feeds[static_cast<std::size_t>(f)].push_back({.path = article_path(f, item),
                                                  .title = "corpus copy " + std::to_string(k),
                                                  .published = kFirstPublished + 60 * k,
                                                  .html = mark_copy(pages[static_cast<std::size_t>(k) % pages.size()], k)});
  }
  for (int f = 0; f < shape.feeds; ++f) {
    std::vector<const Article*> items;
    for (const Article& a : feeds[static_cast<std::size_t>(f)]) items.push_back(&a);
    const std::string path = feed_path(f);
    site.resources[path] = {.body = rss_feed(kBasePlaceholder, path, items),
                            .content_type = std::string(kRss),
                            .etag = "\"feed-" + std::to_string(f) + "\""};
    for (Article& a : feeds[static_cast<std::size_t>(f)]) {
      site.article_bytes += a.html.size();
      ++site.articles;
      site.resources[a.path] = {.body = std::move(a.html), .content_type = std::string(kHtml)};
    }
  }
  return site;
}

std::string replace_all(std::string text, std::string_view from, std::string_view to) {
  for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

testsupport::ServerResponse serve(const Site& site, const std::string& base, const testsupport::ServerRequest& r) {
  const auto it = site.resources.find(r.path);
  if (it == site.resources.end()) return testsupport::ServerResponse::text(404, "not found");
  const Resource& res = it->second;
  if (res.etag.empty()) return testsupport::ServerResponse::text(200, res.body, res.content_type);
  if (r.header("If-None-Match") == res.etag) {
    testsupport::ServerResponse not_modified;
    not_modified.status = 304;
    not_modified.headers = {{"ETag", res.etag}};
    return not_modified;
  }
  testsupport::ServerResponse feed =
      testsupport::ServerResponse::text(200, replace_all(res.body, kBasePlaceholder, base), res.content_type);
  feed.headers.emplace_back("ETag", res.etag);
  return feed;
}

// The server child, and what it serves.
struct Server {
  pid_t pid = -1;
  unsigned short port = 0;
  int feeds = 0;
  std::size_t articles = 0;
  std::size_t article_bytes = 0;
  std::string base() const { return "http://127.0.0.1:" + std::to_string(port); }
};

// What the child reports once it listens.
struct Ready {
  unsigned short port = 0;
  std::size_t articles = 0;
  std::size_t article_bytes = 0;
};

// Forks a child that builds the site and serves it until SIGTERM. The pages
// (tens of MB) live in the child only: jingwend is forked from this process,
// and the kernel counts the RSS a child had before exec in its ru_maxrss, so
// this process must stay small.
Server start_server(const SiteShape& shape) {
  int fds[2];
  if (pipe(fds) != 0) return {};
  std::fflush(nullptr);  // the child must not flush the parent's buffers again
  const pid_t pid = fork();
  if (pid == 0) {
    prctl(PR_SET_PDEATHSIG, SIGTERM);  // never outlive an interrupted bench
    close(fds[0]);
    const Site site = shape.corpus.empty() ? build_site(shape) : build_corpus_site(shape);
    testsupport::HttpServer server;
    const std::string base = "http://127.0.0.1:" + std::to_string(server.port());
    server.set_fallback([&site, base](const testsupport::ServerRequest& r) { return serve(site, base, r); });
    const Ready ready{.port = server.port(), .articles = site.articles, .article_bytes = site.article_bytes};
    if (write(fds[1], &ready, sizeof ready) != sizeof ready) _exit(1);
    close(fds[1]);
    pause();
    _exit(0);
  }
  close(fds[1]);
  Server server{.feeds = shape.feeds};
  Ready ready;
  if (pid > 0 && read(fds[0], &ready, sizeof ready) == sizeof ready) {
    server.pid = pid;
    server.port = ready.port;
    server.articles = ready.articles;
    server.article_bytes = ready.article_bytes;
  }
  close(fds[0]);
  return server;
}

void stop_server(const Server& server) {
  if (server.pid <= 0) return;
  kill(server.pid, SIGTERM);
  waitpid(server.pid, nullptr, 0);
}

// ---- Config, spool ---------------------------------------------------------------

struct RunDir {
  fs::path dir = {};
  fs::path config() const { return dir / "jingwen.toml"; }
  fs::path log() const { return dir / "jingwend.log"; }
  fs::path out() const { return dir / "jingwend.out"; }
  fs::path spool_new() const { return dir / "spool" / "new"; }
};

// `extra`: more top-level settings, one per line.
void write_config(const RunDir& run, const Server& server, std::string_view interval, std::string_view extra = "") {
  fs::create_directories(run.dir);
  std::ofstream out(run.config());
  out << "# daemon_bench: one host, no politeness delay, robots off.\n"
      << "spool_dir = \"spool\"\nstate_dir = \"state\"\n"
      << "workers = " << std::thread::hardware_concurrency() << "\n"
      << "per_host_concurrency = 16\nper_host_delay = \"0s\"\nmax_in_flight = 64\n"
      << "log_format = \"logfmt\"\n"
      << "# The temp dir's disk must not pause the bench.\nmin_free = 0\n"
      << extra;
  for (int f = 0; f < server.feeds; ++f) {
    out << "\n[[feed]]\nname = \"bench-" << f << "\"\nurl = \"" << server.base() << feed_path(f)
        << "\"\nkind = \"rss\"\ninterval = \"" << interval << "\"\nrobots = false\n";
  }
}

std::size_t count_files(const fs::path& dir) {
  std::error_code ec;
  std::size_t n = 0;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) n += it->is_regular_file();
  return n;
}

// ---- jingwend as a child process ----------------------------------------------------

pid_t spawn_daemon(const RunDir& run, bool once) {
  return bench::spawn_jingwend(JINGWEND, run.config(), run.out(), run.log(), once);
}

struct Exit {
  bool reaped = false;
  int status = 0;  // as from waitpid
  rusage usage = {};
  double wall_s = 0;
  bool ok() const { return reaped && WIFEXITED(status) && WEXITSTATUS(status) == 0; }
  std::string describe() const {
    if (!reaped) return "still running at the deadline (killed)";
    if (WIFEXITED(status)) return "exit " + std::to_string(WEXITSTATUS(status));
    return "killed by signal " + std::to_string(WTERMSIG(status));
  }
  double cpu_s() const {
    const auto sec = [](const timeval& t) { return static_cast<double>(t.tv_sec) + t.tv_usec / 1e6; };
    return sec(usage.ru_utime) + sec(usage.ru_stime);
  }
  // "peak RSS 24.5 MiB (VmHWM last read 24.4 MiB)": wait4's ru_maxrss, and
  // /proc's high-water mark as last sampled while it ran, as a cross-check.
  std::string memory() const {
    char buf[96];
    std::snprintf(buf, sizeof buf, "peak RSS %.1f MiB (VmHWM last read %.1f MiB)",
                  static_cast<double>(usage.ru_maxrss) / kKiBPerMiB, static_cast<double>(vm_hwm_kib) / kKiBPerMiB);
    return buf;
  }
  long vm_hwm_kib = 0;
};

// Reaps `pid` (polling, so a hung daemon is killed at `deadline`).
Exit wait_daemon(pid_t pid, Clock::time_point start, Clock::duration deadline) {
  Exit exit;
  while (true) {
    const pid_t got = wait4(pid, &exit.status, WNOHANG, &exit.usage);
    if (got == pid) {
      exit.reaped = true;
      break;
    }
    exit.vm_hwm_kib = std::max(exit.vm_hwm_kib, bench::proc_status_kib(pid, "VmHWM"));
    if (got < 0 || Clock::now() - start > deadline) {
      kill(pid, SIGKILL);
      wait4(pid, &exit.status, 0, &exit.usage);
      break;
    }
    std::this_thread::sleep_for(kWaitPoll);
  }
  exit.wall_s = std::chrono::duration<double>(Clock::now() - start).count();
  return exit;
}

Exit run_once(const RunDir& run) {
  const Clock::time_point start = Clock::now();
  const pid_t pid = spawn_daemon(run, true);
  if (pid < 0) return {};
  return wait_daemon(pid, start, kRunDeadline);
}


// utime + stime of /proc/PID/stat, in seconds.
double proc_cpu_s(pid_t pid) {
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string text((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
  const std::size_t close = text.rfind(')');  // the command name may hold spaces
  if (close == std::string::npos) return 0;
  std::istringstream fields(text.substr(close + 2));
  std::string field;
  double ticks = 0;
  // Fields 3.. follow the name; utime and stime are fields 14 and 15.
  for (int n = 3; n <= 15 && fields >> field; ++n) {
    if (n >= 14) ticks += std::atof(field.c_str());
  }
  return ticks / static_cast<double>(sysconf(_SC_CLK_TCK));
}

// ---- The daemon's log, read back --------------------------------------------------------

// The value of `key` in a logfmt line, without its quotes; "" when absent.
// Escapes inside quotes are left as written: only plain values are compared.
std::string field(std::string_view line, std::string_view key) {
  const std::string needle = std::string(key) + "=";
  std::size_t at = line.find(needle);
  while (at != std::string_view::npos && at != 0 && line[at - 1] != ' ') at = line.find(needle, at + 1);
  if (at == std::string_view::npos) return "";
  at += needle.size();
  const bool quoted = at < line.size() && line[at] == '"';
  const std::size_t from = at + (quoted ? 1 : 0);
  const std::size_t end = line.find(quoted ? '"' : ' ', from);
  return std::string(line.substr(from, end == std::string_view::npos ? std::string_view::npos : end - from));
}

// Seconds since midnight UTC of "2026-11-23T18:04:01.123Z"; -1 if unreadable.
double seconds_of_day(std::string_view stamp) {
  if (stamp.size() < 23 || stamp[10] != 'T') return -1;
  const auto num = [&](std::size_t at, std::size_t len) {
    return std::atof(std::string(stamp.substr(at, len)).c_str());
  };
  return num(11, 2) * 3600 + num(14, 2) * 60 + num(17, 6);
}

struct Span {
  double first = -1;
  double last = -1;
  int count = 0;
  long max_elapsed_ms = 0;
};

struct LogStats {
  std::map<std::string, Span> events = {};
  std::vector<std::string> problems = {};  // warning and error lines
  std::size_t problem_count = 0;
  int unchanged_feeds = 0;  // feed-fetched with unchanged=true (304)
  int count(const std::string& event) const {
    const auto it = events.find(event);
    return it == events.end() ? 0 : it->second.count;
  }
};

LogStats read_log(const fs::path& path) {
  LogStats stats;
  std::ifstream in(path);
  std::string line;
  double start = -1;
  while (std::getline(in, line)) {
    const std::string event = field(line, "event");
    double t = seconds_of_day(field(line, "time"));
    if (event == "start" || start < 0) start = t;
    t -= start;
    if (t < -43200) t += 86400;  // the run crossed midnight UTC
    Span& span = stats.events[event.empty() ? "(unparsed)" : event];
    if (span.count++ == 0) span.first = t;
    span.last = t;
    span.max_elapsed_ms = std::max(span.max_elapsed_ms, std::atol(field(line, "elapsed_ms").c_str()));
    if (event == "feed-fetched" && field(line, "unchanged") == "true") ++stats.unchanged_feeds;
    const std::string level = field(line, "level");
    if (level != "info" && level != "notice" && level != "debug") {
      ++stats.problem_count;
      if (stats.problems.size() < kProblemsShown) stats.problems.push_back(line);
    }
  }
  return stats;
}

void print_log(const LogStats& stats) {
  // `fetch`: the event's elapsed_ms is one fetch's, worth its maximum.
  const auto phase = [&](const char* label, const std::string& event, bool fetch) {
    const auto it = stats.events.find(event);
    if (it == stats.events.end()) return;
    std::printf(" %s %.2f-%.2f s", label, it->second.first, it->second.last);
    if (fetch) std::printf(" (slowest %ld ms)", it->second.max_elapsed_ms);
    std::printf(";");
  };
  std::printf("    phases (s after start):");
  phase("ready", "ready", false);
  phase("feeds", "feed-fetched", true);
  phase("articles fetched", "article-fetched", true);
  phase("spooled", "spooled", false);
  phase("done", "once-done", false);
  phase("stopped", "stopped", false);
  std::printf("\n    events:");
  for (const auto& [event, span] : stats.events) std::printf(" %s=%d", event.c_str(), span.count);
  std::printf("\n    warnings/errors: %zu\n", stats.problem_count);
  for (const std::string& p : stats.problems) std::printf("      %s\n", p.c_str());
}

// ---- Scenarios ------------------------------------------------------------------------

struct Bench {
  Args args = {};
  fs::path tmp = {};
  std::vector<std::string> failures = {};
  void fail(std::string what) {
    std::printf("    FAIL: %s\n", what.c_str());
    failures.push_back(std::move(what));
  }
};

void check_exit(Bench& bench, const char* scenario, const Exit& exit) {
  if (!exit.ok()) bench.fail(std::string(scenario) + ": jingwend " + exit.describe());
}

void check_spool(Bench& bench, const char* scenario, std::size_t have, std::size_t want) {
  if (have != want) {
    bench.fail(std::string(scenario) + ": spool new/ holds " + std::to_string(have) + " records, expected " +
               std::to_string(want));
  }
}

double ms_per(double seconds, std::size_t n) { return n == 0 ? 0.0 : 1000.0 * seconds / static_cast<double>(n); }

void throughput(Bench& bench) {
  const Server server =
      start_server({.feeds = bench.args.feeds, .per_feed = bench.args.articles, .seed = 0x7468726f75676870ULL});
  if (server.pid < 0) return bench.fail("throughput: cannot start the loopback server");
  const RunDir run{bench.tmp / "throughput"};
  write_config(run, server, "1h");
  const Exit first = run_once(run);
  const std::size_t spooled = count_files(run.spool_new());
  const double mb = static_cast<double>(server.article_bytes) / kBytesPerMB;
  std::printf(
      "throughput  %zu/%zu articles spooled (%d feeds x %d), %.1f MB of HTML (%.1f KB/page): wall %.2f s, "
      "%.1f articles/s, %.2f MB/s; jingwend CPU %.2f s (%.2f ms/article), %s\n",
      spooled, server.articles, bench.args.feeds, bench.args.articles, mb,
      static_cast<double>(server.article_bytes) / 1e3 / static_cast<double>(std::max<std::size_t>(server.articles, 1)),
      first.wall_s, static_cast<double>(spooled) / first.wall_s, mb / first.wall_s, first.cpu_s(),
      ms_per(first.cpu_s(), spooled), first.memory().c_str());
  print_log(read_log(run.log()));
  check_exit(bench, "throughput", first);
  check_spool(bench, "throughput", spooled, server.articles);

  // Again: every feed answers 304, nothing is fetched or written.
  fs::rename(run.log(), run.dir / "jingwend.first.log");
  const Exit again = run_once(run);
  const LogStats log = read_log(run.log());
  const std::size_t after = count_files(run.spool_new());
  std::printf("re-poll     %d feeds, %d answered 304, %zu new records: wall %.2f s; jingwend CPU %.2f s, %s\n",
              server.feeds, log.unchanged_feeds, after - std::min(after, spooled), again.wall_s, again.cpu_s(),
              again.memory().c_str());
  print_log(log);
  check_exit(bench, "re-poll", again);
  check_spool(bench, "re-poll", after, spooled);
  stop_server(server);
}

// Daemon mode from a fresh state until every feed was polled and the spool
// stopped changing; then VmHWM/VmRSS, the CPU used while idle, and SIGTERM.
void idle(Bench& bench, const Server& server) {
  const RunDir run{bench.tmp / "idle"};
  write_config(run, server, "1h");
  const Clock::time_point start = Clock::now();
  const pid_t pid = spawn_daemon(run, false);
  if (pid < 0) return bench.fail("idle: cannot start jingwend");
  std::size_t spooled = 0;
  Clock::time_point still_since = Clock::now();
  double cpu_at_still = proc_cpu_s(pid);
  bool settled = false;
  while (Clock::now() - start < kRunDeadline) {
    std::this_thread::sleep_for(kIdlePoll);
    int status = 0;
    if (waitpid(pid, &status, WNOHANG) == pid) return bench.fail("idle: jingwend exited before idling");
    const std::size_t now = count_files(run.spool_new());
    if (now != spooled || read_log(run.log()).count("feed-fetched") < server.feeds) {
      spooled = now;
      still_since = Clock::now();
      cpu_at_still = proc_cpu_s(pid);
      continue;
    }
    if (Clock::now() - still_since >= kIdleWindow) {
      settled = true;
      break;
    }
  }
  const double idle_s = std::chrono::duration<double>(Clock::now() - still_since).count();
  const double idle_cpu = proc_cpu_s(pid) - cpu_at_still;
  const double settle_s = std::chrono::duration<double>(still_since - start).count();
  const long hwm = bench::proc_status_kib(pid, "VmHWM");
  const long rss = bench::proc_status_kib(pid, "VmRSS");
  const Clock::time_point stop = Clock::now();
  kill(pid, SIGTERM);
  const Exit exit = wait_daemon(pid, stop, kStopDeadline);
  std::printf(
      "idle        %d feeds (interval 1h), %zu records after %.2f s: VmHWM %.1f MiB, VmRSS %.1f MiB; "
      "CPU while idle %.1f %% over %.1f s; SIGTERM -> %s in %.2f s\n",
      server.feeds, spooled, settle_s, static_cast<double>(hwm) / kKiBPerMiB, static_cast<double>(rss) / kKiBPerMiB,
      idle_s > 0 ? 100.0 * idle_cpu / idle_s : 0.0, idle_s, exit.describe().c_str(), exit.wall_s);
  print_log(read_log(run.log()));
  if (!settled) bench.fail("idle: the daemon did not settle (feeds polled and spool still) within the deadline");
  check_exit(bench, "idle", exit);
  check_spool(bench, "idle", spooled, server.articles);
}

void many_feeds(Bench& bench) {
  const Server server =
      start_server({.feeds = bench.args.many_feeds, .per_feed = kManyFeedArticles, .seed = 0x6d616e7966656564ULL});
  if (server.pid < 0) return bench.fail("many-feeds: cannot start the loopback server");
  const RunDir run{bench.tmp / "many-feeds"};
  write_config(run, server, "1h");
  const Exit exit = run_once(run);
  const std::size_t spooled = count_files(run.spool_new());
  std::printf(
      "many-feeds  %d feeds x %d articles, %zu/%zu spooled: wall %.2f s, %.1f articles/s; "
      "jingwend CPU %.2f s (%.2f ms/article), %s\n",
      server.feeds, kManyFeedArticles, spooled, server.articles, exit.wall_s,
      static_cast<double>(spooled) / exit.wall_s, exit.cpu_s(), ms_per(exit.cpu_s(), spooled), exit.memory().c_str());
  print_log(read_log(run.log()));
  check_exit(bench, "many-feeds", exit);
  check_spool(bench, "many-feeds", spooled, server.articles);
  idle(bench, server);
  stop_server(server);
}

// Real pages, cycled and marked (see the header), --once.
void corpus(Bench& bench) {
  const int per_feed = (bench.args.corpus_articles + bench.args.feeds - 1) / bench.args.feeds;
  const Server server = start_server({.feeds = bench.args.feeds,
                                      .per_feed = per_feed,
                                      .seed = 0,
                                      .corpus = bench.args.corpus,
                                      .articles = bench.args.corpus_articles});
  if (server.pid < 0) return bench.fail("corpus: cannot start the loopback server");
  if (server.articles == 0) {
    stop_server(server);
    return bench.fail("corpus: no *.html pages under " + bench.args.corpus);
  }
  const RunDir run{bench.tmp / "corpus"};
  write_config(run, server, "1h", "near_duplicate_distance = -1\n");
  const Exit exit = run_once(run);
  const std::size_t spooled = count_files(run.spool_new());
  const LogStats log = read_log(run.log());
  const int skipped = log.count("skipped");
  const int duplicates = log.count("duplicate");
  const std::size_t processed = spooled + static_cast<std::size_t>(skipped + duplicates);
  const double mb = static_cast<double>(server.article_bytes) / kBytesPerMB;
  std::printf(
      "corpus      %zu pages served from %s (%d feeds), %.1f MB of HTML (%.1f KB/page): %zu spooled, %d skipped "
      "(not articles), %d duplicates (near-duplicate check off); wall %.2f s, %.1f articles/s spooled, %.1f pages/s processed, %.2f MB/s; "
      "jingwend CPU %.2f s (%.2f ms/page), %s\n",
      server.articles, bench.args.corpus.c_str(), server.feeds, mb,
      static_cast<double>(server.article_bytes) / 1e3 / static_cast<double>(server.articles), spooled, skipped,
      duplicates, exit.wall_s, static_cast<double>(spooled) / exit.wall_s,
      static_cast<double>(processed) / exit.wall_s, mb / exit.wall_s, exit.cpu_s(), ms_per(exit.cpu_s(), processed),
      exit.memory().c_str());
  print_log(log);
  check_exit(bench, "corpus", exit);
  check_spool(bench, "corpus (spooled + skipped + duplicates)", processed, server.articles);
  stop_server(server);
}

// The value of the first "key: value" line of `path` starting with `key`;
// with an empty key, the first line.
std::string first_line_of(const char* path, std::string_view key) {
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    if (key.empty()) return line;
    if (line.starts_with(key)) {
      const std::size_t colon = line.find(':');
      const std::size_t value = line.find_first_not_of(" \t", colon + 1);
      return colon == std::string::npos || value == std::string::npos ? line : line.substr(value);
    }
  }
  return "?";
}

// The filesystem type of `path`, for the header: fsync costs differ by far.
std::string filesystem_name(const fs::path& path) {
  struct Name {
    long magic;
    const char* name;
  };
  static constexpr Name kNames[] = {
      {0xEF53, "ext4"}, {0x01021994, "tmpfs"}, {0x58465342, "xfs"}, {0x9123683E, "btrfs"}, {0x794c7630, "overlayfs"}};
  struct statfs info = {};
  if (statfs(path.c_str(), &info) != 0) return "unknown filesystem";
  for (const Name& n : kNames) {
    if (static_cast<long>(info.f_type) == n.magic) return n.name;
  }
  char buf[32];
  std::snprintf(buf, sizeof buf, "filesystem 0x%lx", static_cast<unsigned long>(info.f_type));
  return buf;
}

// What one spool record costs the disk under `dir`: the spool's sequence
// (write tmp/NAME, fsync, rename into new/, fsync new/) timed over
// kProbeRecords small files, in ms per record. The spool does this once per
// article, so on a shared machine this number explains most of the swing in
// articles/s between runs.
double fsync_probe_ms(const fs::path& dir) {
  const fs::path tmp = dir / "probe-tmp";
  const fs::path dst = dir / "probe-new";
  fs::create_directories(tmp);
  fs::create_directories(dst);
  const std::string record(kProbeRecordBytes, 'x');
  const Clock::time_point start = Clock::now();
  for (int i = 0; i < kProbeRecords; ++i) {
    const fs::path from = tmp / std::to_string(i);
    const int fd = open(from.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0) return -1;
    const bool written = write(fd, record.data(), record.size()) == static_cast<ssize_t>(record.size());
    const bool synced = fsync(fd) == 0;
    close(fd);
    if (!written || !synced) return -1;
    fs::rename(from, dst / std::to_string(i));
    const int dir_fd = open(dst.c_str(), O_RDONLY | O_DIRECTORY);
    if (dir_fd < 0) return -1;
    fsync(dir_fd);
    close(dir_fd);
  }
  const double ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count() / kProbeRecords;
  std::error_code ec;
  fs::remove_all(tmp, ec);
  fs::remove_all(dst, ec);
  return ms;
}

void print_machine(const fs::path& tmp) {
  std::printf("daemon_bench: %s\n  machine: nproc %ld, page size %ld B, %s, MemTotal %s\n", JINGWEND,
              sysconf(_SC_NPROCESSORS_ONLN), sysconf(_SC_PAGESIZE),
              first_line_of("/proc/cpuinfo", "model name").c_str(), first_line_of("/proc/meminfo", "MemTotal").c_str());
  // Other work on the machine slows jingwend's wall time, not its CPU time:
  // compare CPU ms/article across runs on a busy machine.
  const std::string load = first_line_of("/proc/loadavg", "");
  std::printf("  load average at start: %s\n",
              load.substr(0, load.find(' ', load.find(' ', load.find(' ') + 1) + 1)).c_str());
  std::printf("  temp dir: %s (%s), spool fsync probe %.2f ms/record\n", tmp.c_str(), filesystem_name(tmp).c_str(),
              fsync_probe_ms(tmp));
  std::printf(
      "  config: workers = %u, per_host_concurrency = 16, per_host_delay = \"0s\", max_in_flight = 64, "
      "robots = false, one host (127.0.0.1), server in a forked child\n",
      std::thread::hardware_concurrency());
}

}  // namespace

int main(int argc, char** argv) {
  Bench bench;
  if (!parse_args(argc, argv, bench.args)) {
    std::fprintf(stderr,
                 "usage: daemon_bench [--feeds N] [--articles N] [--many-feeds N] [--keep] [--dir DIR]\n"
                 "       daemon_bench --corpus DIR [--corpus-articles N] [--feeds N] [--keep] [--dir DIR]\n");
    return 2;
  }
  std::string tmp_template = bench.args.dir + "/daemon_bench.XXXXXX";
  if (mkdtemp(tmp_template.data()) == nullptr) {
    std::perror(("daemon_bench: mkdtemp " + tmp_template).c_str());
    return 1;
  }
  bench.tmp = tmp_template;
  print_machine(bench.tmp);
  if (!bench.args.corpus.empty()) {
    corpus(bench);
  } else {
    throughput(bench);
    many_feeds(bench);
  }
  // The disk's fsync latency drifts with other work on the machine.
  std::printf("spool fsync probe after the runs: %.2f ms/record\n", fsync_probe_ms(bench.tmp));
  // A failed run keeps its configs and logs for a look.
  if (bench.args.keep || !bench.failures.empty()) {
    std::printf("kept %s\n", bench.tmp.c_str());
  } else {
    std::error_code ec;
    fs::remove_all(bench.tmp, ec);
  }
  for (const std::string& f : bench.failures) std::printf("FAIL %s\n", f.c_str());
  return bench.failures.empty() ? 0 : 1;
}
