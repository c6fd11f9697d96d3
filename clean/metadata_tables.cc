// The data of the metadata stage (metadata.h): which title segments are site
// names, and which <meta> names hold the title, the date, the source and the
// author. Site-specific knowledge lives here, not in metadata.cc.
#include <span>
#include <string_view>

#include "clean/metadata.h"

namespace clean {
namespace {

// Site and channel names that follow (or precede) the title in <title> and
// og:title: "X_网易订阅", "X - 人民网", "X|澎湃新闻". Needed where the
// longest-segment rule alone is not enough: a name longer than a short title
// ("评论_网易号_手机网易网"), or a name with no site word at its end
// ("The Paper", "搜狐"). Sorted.
constexpr std::string_view kSiteNames[] = {
    "CCTV", "CSDN", "The Paper", "中国政府网", "中国新闻网", "中国日报网", "中国经济网", "中国网",
    "中新网", "人民日报", "人民网", "今日头条", "光明网", "凤凰网", "凤凰网娱乐", "凤凰网资讯", "参考消息",
    "和讯网", "天天基金网", "央广网", "央视新闻", "央视网", "手机网易网", "搜狐", "搜狐新闻", "搜狐网",
    "搜狐财经", "新京报", "新华社", "新华网", "新浪", "新浪新闻", "新浪科技", "新浪网", "新浪财经",
    "游民星空", "澎湃新闻", "环球网", "百家号", "网易", "网易体育", "网易号", "网易娱乐", "网易新闻",
    "网易科技", "网易订阅", "网易财经", "腾讯新闻", "腾讯网", "观察者网", "财新网", "雅虎", "雅虎新闻",
};

// Section words that stand alone as a <title> segment ("X_国内_新闻_网站").
// Exact segments only: as part of a real title they mean nothing. Sorted.
constexpr std::string_view kPortalWords[] = {
    "专题", "两会", "信息公开", "健康", "国内", "国际", "图片", "娱乐", "工作动态", "政务",
    "政府信息公开", "政策文件", "教育", "文化", "新闻", "新闻中心", "旅游", "时政", "正文", "汽车",
    "社会", "科技", "视频", "财经", "通知公告", "部门动态", "频道", "首页",
};

// A short segment (kSiteSegmentMaxChars or fewer characters, metadata.cc)
// ending in one of these is a site or channel: "巴彦淖尔市人民政府网",
// "某某区人民政府", "股票频道", "当代商报". Bare 报 is not here: "年报",
// "简报" end titles. Sorted.
constexpr std::string_view kSiteNameEndings[] = {
    "博客", "周刊", "商报", "在线", "官方网站", "官网", "客户端", "政府", "日报", "早报", "时报",
    "晚报", "社区", "网", "网站", "论坛", "资讯", "门户", "门户网站", "频道", "首页",
};

// Where pages put the article's title, best first. og:title first: it is
// what the site chose to share, and a hijacked <title> leaves it alone.
// ArticleTitle is the TRS CMS of most government sites.
constexpr std::string_view kTitleMetaNames[] = {
    "og:title", "twitter:title", "articletitle", "headline", "title", "dc.title", "citation_title",
};

// Where pages put the publication time, best first. The standard names,
// then the CMS ones (TRS PubDate, Sina weibo:, ifeng og:time, QQ apub:time),
// then the generic ones that are sometimes the page's build date.
constexpr std::string_view kPublishedMetaNames[] = {
    "article:published_time",
    "og:release_date",
    "datepublished",
    "pubdate",
    "publishdate",
    "publish_date",
    "publish-date",
    "publishtime",
    "publish_time",
    "firstpublishedtime",
    "weibo: article:create_at",
    "og:time",
    "apub:time",
    "article:published",
    "dc.date.issued",
    "dcterms.issued",
    "citation_publication_date",
    "citation_date",
    "dc.date",
    "date",
};

// The outlet an article credits. ContentSource is TRS's; `source` is the
// People's Daily CMS's, and carries a "来源：" prefix there.
constexpr std::string_view kSourceMetaNames[] = {
    "contentsource", "source", "article:source",
};

// The author. `author` is often the site's name or an editor id; the values
// are checked (metadata.cc) before use.
constexpr std::string_view kAuthorMetaNames[] = {
    "article:author", "author", "og:article:author", "dc.creator", "citation_author",
};

}  // namespace

std::span<const std::string_view> title_site_names() { return kSiteNames; }
std::span<const std::string_view> title_portal_words() { return kPortalWords; }
std::span<const std::string_view> site_name_endings() { return kSiteNameEndings; }
std::span<const std::string_view> title_meta_names() { return kTitleMetaNames; }
std::span<const std::string_view> published_meta_names() { return kPublishedMetaNames; }
std::span<const std::string_view> source_meta_names() { return kSourceMetaNames; }
std::span<const std::string_view> author_meta_names() { return kAuthorMetaNames; }

}  // namespace clean
