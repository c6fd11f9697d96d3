// The spam lexicon: terms that SEO injectors put into hijacked Chinese pages.
// Sorted (by bytes) within each table. ASCII terms match case-insensitively and only as
// whole words (`av` never matches inside `java` or `avatar`).
//
// A term belongs in kStrong only if honest news never puts it into a run of
// `|`/`_`-joined keywords: 成人 was strong once and made the school-site title
// `成人高考_继续教育学院` spam, so it is weak.
#include "clean/spam.h"

namespace clean {
namespace {

// Gambling and porn, named outright.
constexpr std::string_view kStrong[] = {
    "365", "av", "bet365", "一区二区", "三级片", "下注", "不卡", "人妻", "偷拍", "六合彩", "出款", "博彩",
    "威尼斯人", "娱乐城", "开元棋牌", "彩票", "投注", "无码", "时时彩", "有码", "棋牌", "百家乐", "真人视讯", "老虎机",
    "自拍", "色情", "菠菜", "葡京", "赌博", "赌场", "黄色",
};

// Words of spam runs that honest text uses too; they only count beside a
// strong term.
constexpr std::string_view kWeak[] = {
    "99", "app", "一级", "下载", "久久", "亚洲", "免费", "动作", "国产", "在线", "天天", "官网", "平台", "开户",
    "影片", "怎么办", "成人", "播放", "日本", "日韩", "最大", "欧美", "注册", "澳门", "电影", "精品", "网址", "网站",
    "观看", "视频", "高清",
};

}  // namespace

std::span<const std::string_view> spam_strong_terms() { return kStrong; }
std::span<const std::string_view> spam_weak_terms() { return kWeak; }

}  // namespace clean
