#include "tests/e2e/pages.h"

#include <cstdlib>
#include <iostream>

namespace e2e {
namespace {

// Text in HTML and XML: the stories hold no markup characters, but titles
// and links pass through here anyway.
std::string escape(std::string_view s) {
  std::string out;
  for (const char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

}  // namespace

std::string Story::text() const {
  std::string out;
  for (const std::string& p : paragraphs) {
    if (!out.empty()) out += '\n';
    out += p;
  }
  return out;
}

const Story& park_story() {
  static const Story story{
      .title = "城南旧厂房变身社区公园 周边居民有了散步新去处",
      .published = "2024-03-05 09:30:00",
      .source = "青溪晚报",
      .paragraphs = {
          "本周一，位于城南片区的原第三纺织厂旧厂房经过一年多的改造，正式作为社区公园向市民开放，当天就吸引了不少附近居民前来游览。",
          "据市住房和城乡建设局介绍，改造工程保留了厂区原有的锯齿形屋顶和两座红砖烟囱，在拆除危旧附属建筑后新增绿地约两万平方米，并铺设了一条长约一点八公里的环形健身步道。",
          "公园内还设置了儿童游乐区、老年人活动区和一座由原织布车间改建的社区图书室，图书室首批上架图书三千余册，每天上午九点至晚上八点免费开放。",
          "家住附近的退休教师王女士说，过去这里围墙高筑、杂草丛生，晚上路过都有些害怕，现在每天吃完晚饭都会和老伴来走上几圈，空气好，环境也安静。",
          "市住建局相关负责人表示，下一步将总结城南片区的改造经验，在充分听取居民意见的基础上，推动更多闲置工业用地转变为公共休闲空间。",
          "该负责人同时提醒市民，园内部分工业遗存正在进行结构检测，请勿攀爬烟囱和屋顶，共同爱护这片来之不易的公共空间。",
      }};
  return story;
}

const Story& library_story() {
  static const Story story{
      .title = "山区小学迎来流动图书车 孩子们每周都能借到新书",
      .published = "2024-03-06 14:10:00",
      .source = "青溪晚报",
      .paragraphs = {
          "在海拔一千二百多米的青石岭村小学，每到星期三下午，一辆改装过的厢式货车都会准时停在操场边，这是县图书馆今年开通的流动图书服务车。",
          "车厢两侧的书架上整齐摆放着绘本、科普读物和少儿文学作品，孩子们排好队，在老师的帮助下用借书卡登记，每人每次可以借阅两本，下周归还时再换新书。",
          "县图书馆馆长介绍，全县共有二十七所村级小学和教学点，由于路途遥远，许多学生过去很少有机会走进图书馆，服务车按照固定线路轮流到校，基本做到每所学校每周覆盖一次。",
          "四年级学生小刘说，她最喜欢关于星空和恐龙的书，已经把借来的几本书读了好几遍，还在作文里写下了长大想当天文学家的愿望。",
          "据了解，县里还计划在各学校设立图书角，由服务车定期补充和更换书目，并组织志愿者开展周末读书会，让阅读成为山区孩子的日常习惯。",
      }};
  return story;
}

const Story& hydrogen_story() {
  static const Story story{
      .title = "东港海上风电制氢示范项目首批设备完成调试",
      .published = "2024-03-07 08:00:00",
      .source = "东港日报",
      .paragraphs = {
          "本月中旬，东港市海上风电制氢示范项目的首批电解槽设备完成安装调试，标志着这一试点工程进入并网试运行阶段。",
          "项目位于距离海岸约三十公里的海域，利用风电场在用电低谷时段的富余电力电解海水制取氢气，再通过专用管道输送至岸上的储运站。",
          "项目负责人介绍，海上环境湿度大、盐雾重，设备防腐是建设过程中遇到的最大难题，团队先后试验了十余种涂层材料，最终确定了适合长期在海上运行的防护方案。",
          "按照设计，示范项目满负荷运行后每年可制取氢气约四百吨，主要供应当地的港口物流车辆和化工企业，预计每年可减少二氧化碳排放一万余吨。",
          "业内专家认为，海上风电与制氢相结合，有助于解决新能源发电波动大、消纳难的问题，但目前制氢成本依然偏高，还需要在技术和规模上持续探索。",
      }};
  return story;
}

const Story& irrigation_notice() {
  static const Story story{
      .title = "关于做好2024年春季农田水利建设工作的通知",
      .published = "2024-03-01",
      .source = "",
      .paragraphs = {
          "为切实做好今年春季农田水利建设工作，夯实粮食稳产增产基础，经区政府同意，现将有关事项通知如下。",
          "一、明确建设重点。各镇街要以小型灌区续建配套、沟渠清淤整治和机电井维修为重点，优先安排粮食生产功能区和高标准农田项目区内的水利设施建设，确保在春灌前完成主要工程量。",
          "二、加强资金管理。区财政统筹安排专项资金，实行先建后补、以奖代补，各镇街要建立项目台账，严格执行公示制度，严禁挤占挪用，确保资金使用规范、安全、高效。",
          "三、落实管护责任。工程建成后要及时明确管护主体，签订管护协议，落实管护经费，推行村级水管员制度，防止出现重建设、轻管理的问题。",
          "四、强化督导检查。区农业农村局会同区水利局组成督导组，每月对各镇街工程进度和质量进行检查，检查结果纳入年度乡村振兴实绩考核。",
          "各镇街请于四月三十日前将春季农田水利建设完成情况书面报送区农业农村局。",
      }};
  return story;
}

const Story& elderly_care_notice() {
  static const Story story{
      .title = "青溪市民政局关于开展社区居家养老服务补贴申领工作的公告",
      .published = "2024-02-20",
      .source = "",
      .paragraphs = {
          "为进一步完善社区居家养老服务体系，减轻困难老年人家庭照护负担，根据市有关文件精神，现就本年度社区居家养老服务补贴申领工作公告如下。",
          "补贴对象为具有本市户籍、年满八十周岁且经评估存在失能或半失能情况的老年人，以及年满六十周岁的最低生活保障对象和特困供养人员中需要居家照护的老年人。",
          "符合条件的老年人或其委托的亲属，可携带身份证、户口簿和相关证明材料，到户籍所在地社区服务中心提出申请，也可以通过市民政局政务服务平台在线提交。",
          "社区服务中心受理后，将在十五个工作日内组织上门评估，评估结果在社区公示栏公示五个工作日，无异议的报区民政部门审核确认。",
          "补贴以服务券形式按月发放，可用于购买助餐、助浴、助洁、助医和康复护理等服务，服务券当年有效，不得兑换现金，不得转让。",
      }};
  return story;
}

Story edited(const Story& story, std::string_view from, std::string_view to) {
  Story out = story;
  for (std::string& p : out.paragraphs) {
    if (const std::size_t at = p.find(from); at != std::string::npos) {
      p.replace(at, from.size(), to);
      return out;
    }
  }
  // A typo in a test's edit must not pass silently as "no change".
  std::cerr << "pages: edited(): \"" << from << "\" not in \"" << story.title << "\"\n";
  std::abort();
}

Story numbered_story(int i) {
  static const Story* const kBases[] = {&park_story(), &library_story(), &hydrogen_story(), &irrigation_notice(),
                                        &elderly_care_notice()};
  Story story = *kBases[i % 5];
  story.title += "（第" + std::to_string(i) + "期）";
  story.paragraphs.push_back("本期为第" + std::to_string(i) + "号记录，相关材料已按规定整理归档并在公示栏同步张贴。");
  return story;
}

Story park_story_reposted() { return edited(park_story(), "长约一点八公里", "长约一点九公里"); }

std::vector<std::string> default_related() {
  return {"夜跑爱好者的城市地图：这五条线路最受欢迎", "老城区加装电梯进展如何？记者走访三个小区",
          "春季花粉过敏高发 医生提醒做好这几点防护"};
}

const std::vector<std::string>& netease_chrome() {
  static const std::vector<std::string> chrome = {
      "网易首页", "申请入驻", "分享至",   "特别声明", "相关推荐", "热点推荐",  "夜跑爱好者", "老城区加装电梯",
      "花粉过敏", "文章数",   "无障碍浏览", "进入关怀版", "关于网易", "网易公司版权所有", "举报"};
  return chrome;
}

const std::vector<std::string>& gov_chrome() {
  static const std::vector<std::string> chrome = {
      "政务公开", "办事服务", "互动交流", "当前位置", "索引号",   "组配分类", "发布机构",
      "成文日期", "公开方式", "主题分类", "打印本页", "关闭窗口", "相关链接", "主办单位",
      "网站标识码", "ICP备"};
  return chrome;
}

std::string netease_page(const Story& story, const std::vector<std::string>& related) {
  std::string body;
  for (const std::string& p : story.paragraphs) body += "      <p>" + escape(p) + "</p>\n";
  std::string related_items;
  int n = 0;
  for (const std::string& r : related) {
    related_items += "      <li><a href=\"/netease/related/" + std::to_string(++n) + ".html\">" +
                     escape(r) + "</a><span class=\"author\">城市生活观察</span><span class=\"time\">2024-03-04 18:20</span></li>\n";
  }
  return "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
         "<title>" + escape(story.title) + "_网易订阅</title>\n"
         "<meta property=\"article:published_time\" content=\"" + story.published + "\">\n"
         "</head>\n<body>\n"
         "<div class=\"ntes-nav\"><a href=\"/\">网易首页</a> <a href=\"/news\">新闻</a> <a href=\"/sports\">体育</a>"
         " <a href=\"/money\">财经</a> <a href=\"/tech\">科技</a> <a href=\"/ent\">娱乐</a></div>\n"
         "<div class=\"post_crumb\"><a href=\"/\">网易首页</a> &gt; <a href=\"/dy\">网易号</a> &gt; 正文 <a href=\"/apply\">申请入驻</a></div>\n"
         "<div class=\"post_main\">\n"
         "  <h1 class=\"post_title\">" + escape(story.title) + "</h1>\n"
         "  <div class=\"post_info\">" + story.published + " 来源: " + escape(story.source) + "</div>\n"
         "  <div class=\"post_share\">0 <span>分享至</span></div>\n"
         "  <div class=\"post_content\">\n    <div class=\"post_body\">\n" + body +
         "    </div>\n"
         "    <div class=\"post_statement\">特别声明：以上内容(如有图片或视频亦包括在内)为自媒体平台“网易号”用户上传并发布，本平台仅提供信息存储服务。</div>\n"
         "  </div>\n"
         "  <div class=\"post_recommend\">\n    <h3>相关推荐</h3>\n    <ul>\n" + related_items + "    </ul>\n  </div>\n"
         "  <div class=\"post_author\">城市生活观察 文章数 1024 关注度 3.2万 <a href=\"/report\">举报</a></div>\n"
         "</div>\n"
         "<div class=\"post_side\"><h3>热点推荐</h3><ul><li><a href=\"/hot/1.html\">全国多地迎来降温天气</a></li>"
         "<li><a href=\"/hot/2.html\">新能源汽车下乡活动启动</a></li></ul></div>\n"
         "<div class=\"ntes-footer\"><a href=\"/about\">关于网易</a> | <a href=\"/contact\">联系我们</a> | "
         "<a href=\"/a11y\">无障碍浏览</a> <a href=\"/care\">进入关怀版</a><br>网易公司版权所有 ©1997-2024</div>\n"
         "</body>\n</html>\n";
}

OpenInfo irrigation_info() {
  return {.index_no = "QX-NY-2024-00031",
          .category = "通知公告",
          .publisher = "青溪区农业农村局",
          .written = "2024-03-01",
          .subject = "农业、水利"};
}

OpenInfo elderly_care_info() {
  return {.index_no = "QX-MZ-2024-00007",
          .category = "公告",
          .publisher = "青溪市民政局",
          .written = "2024-02-20",
          .subject = "民政、社会福利"};
}

std::string gov_page(const Story& story, const OpenInfo& info) {
  std::string body;
  for (const std::string& p : story.paragraphs) {
    body += "        <p style=\"text-indent:2em\">" + escape(p) + "</p>\n";
  }
  auto cell = [](std::string_view label, std::string_view value) {
    return "<td class=\"label\">" + std::string(label) + "：</td><td>" + escape(value) + "</td>";
  };
  return "<!DOCTYPE html>\n<html>\n<head>\n<meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\">\n"
         "<title>" + escape(story.title) + "_青溪区人民政府</title>\n</head>\n<body>\n"
         "<div class=\"header\"><div class=\"logo\">青溪区人民政府</div>\n"
         "<ul class=\"nav\"><li><a href=\"/\">首页</a></li><li><a href=\"/zwgk\">政务公开</a></li>"
         "<li><a href=\"/bsfw\">办事服务</a></li><li><a href=\"/hdjl\">互动交流</a></li></ul></div>\n"
         "<div class=\"position\">当前位置：<a href=\"/\">首页</a> &gt; <a href=\"/zwgk\">政务公开</a> &gt; 通知公告</div>\n"
         "<div class=\"xxgk\">\n  <table class=\"xxgk-table\">\n"
         "    <tr>" + cell("索引号", info.index_no) + cell("组配分类", info.category) + "</tr>\n"
         "    <tr>" + cell("发布机构", info.publisher) + cell("成文日期", info.written) + "</tr>\n"
         "    <tr>" + cell("公开方式", "主动公开") + cell("公开范围", "面向社会") + "</tr>\n"
         "    <tr>" + cell("主题分类", info.subject) + "<td></td><td></td></tr>\n"
         "  </table>\n</div>\n"
         "<div class=\"article\">\n"
         "  <h1 class=\"title\">" + escape(story.title) + "</h1>\n"
         "  <div class=\"content\">\n      <div class=\"TRS_Editor\">\n" + body + "      </div>\n  </div>\n"
         "  <div class=\"tools\">【<a href=\"javascript:window.print()\">打印本页</a>】"
         "【<a href=\"javascript:window.close()\">关闭窗口</a>】</div>\n"
         "</div>\n"
         "<div class=\"links\"><h3>相关链接</h3><ul><li><a href=\"/zwgk/1.html\">区农业农村局2023年工作总结</a></li>"
         "<li><a href=\"/zwgk/2.html\">关于印发高标准农田建设规划的通知</a></li></ul></div>\n"
         "<div class=\"footer\">主办单位：青溪区人民政府办公室　网站标识码：QX00000001<br>"
         "青ICP备00000001号</div>\n"
         "</body>\n</html>\n";
}

std::string error_page() {
  return "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>提示信息</title></head>\n<body>\n"
         "<div class=\"ntes-nav\"><a href=\"/\">网易首页</a> <a href=\"/news\">新闻</a></div>\n"
         "<div class=\"error\"><h2>抱歉，您访问的页面不存在或已被删除</h2>\n"
         "<p>请检查网址是否正确，<a href=\"/\">返回首页</a></p></div>\n"
         "</body></html>\n";
}

std::string stub_page() {
  return "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>专栏</title></head>\n<body>\n"
         "<div class=\"content\"><p>本栏目正在建设中。</p></div>\n</body></html>\n";
}

std::string rss_feed(std::string_view channel_title, std::string_view site_link,
                     const std::vector<FeedEntry>& entries) {
  std::string items;
  for (const FeedEntry& e : entries) {
    items += "  <item>\n    <title>" + escape(e.title) + "</title>\n    <link>" + escape(e.link) +
             "</link>\n    <guid>" + escape(e.link) + "</guid>\n";
    if (!e.pub_date.empty()) items += "    <pubDate>" + e.pub_date + "</pubDate>\n";
    items += "  </item>\n";
  }
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\">\n<channel>\n"
         "  <title>" + escape(channel_title) + "</title>\n  <link>" + escape(site_link) + "</link>\n"
         "  <description>e2e</description>\n" + items + "</channel>\n</rss>\n";
}

std::string html_list_page(std::string_view column_title, const std::vector<FeedEntry>& entries) {
  std::string items;
  for (const FeedEntry& e : entries) {
    items += "    <li><a href=\"" + escape(e.link) + "\" target=\"_blank\">" + escape(e.title) +
             "</a><span class=\"date\">" + e.pub_date + "</span></li>\n";
  }
  return "<!DOCTYPE html>\n<html>\n<head><meta charset=\"utf-8\"><title>" + escape(column_title) +
         "_青溪区人民政府</title></head>\n<body>\n"
         "<ul class=\"nav\"><li><a href=\"/\">首页</a></li><li><a href=\"/zwgk\">政务公开</a></li>"
         "<li><a href=\"/bsfw\">办事服务</a></li></ul>\n"
         "<div class=\"list\">\n  <h2>" + escape(column_title) + "</h2>\n  <ul>\n" + items +
         "  </ul>\n  <div class=\"page\"><a href=\"/gov/list_2.html\">下一页</a> <a href=\"/gov/list_9.html\">尾页</a></div>\n"
         "</div>\n<div class=\"footer\">主办单位：青溪区人民政府办公室</div>\n</body>\n</html>\n";
}

}  // namespace e2e
