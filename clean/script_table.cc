// The detection table of the convert stage: frequent characters that only one
// script writes, as Traditional/Simplified pairs (們们 = 們 Traditional-only,
// 们 Simplified-only), sorted by the Traditional character.
//
// Every pair passes a test against OpenCC's own character tables (dump them
// with `opencc_dict -i /usr/share/opencc/TSCharacters.ocd2 -o ts.txt -f ocd2
// -t text`, and the same for STCharacters): the Traditional character's first
// Simplified form is its partner and it is never its own Simplified form, and
// the Simplified character is never one of its own Traditional forms.
// That test is what keeps out the pairs whose Simplified side is also an
// ordinary Traditional character: 後/后 (皇后), 裡/里 (公里), 準/准 (批准),
// 製/制 (制度), 範/范 (a surname), 於/于, 係/系, 幾/几, 乾/干, 雲/云, 萬/万.
// With those eleven counted, the Traditional body of seed 003 scored 18
// Simplified marks instead of 4 (系統, 制度, 公里, 范). Re-run that test
// before adding a pair; script_test.cc holds the detection cases.
#include "clean/script.h"

#include <array>
#include <cstdint>
#include <string_view>

namespace clean {
namespace {

// Pairs separated by one space.
constexpr std::u32string_view kPairs =
    U"並并 亞亚 來来 個个 們们 倫伦 偉伟 側侧 傳传 傷伤 億亿 優优 兒儿 內内 兩两 則则 "
    U"剛刚 創创 劇剧 劉刘 動动 務务 勞劳 勢势 區区 協协 參参 員员 問问 單单 嗎吗 嚇吓 "
    U"嚴严 國国 圍围 園园 圖图 團团 執执 報报 場场 塊块 壓压 壞坏 壯壮 壽寿 夠够 夢梦 "
    U"奧奥 奪夺 奮奋 婁娄 婦妇 媽妈 嬰婴 孫孙 學学 孿孪 寢寝 實实 寧宁 寫写 寶宝 將将 "
    U"專专 尋寻 對对 導导 屆届 屬属 島岛 嶺岭 師师 帶带 幣币 幫帮 廈厦 廟庙 廢废 廳厅 "
    U"張张 強强 彈弹 彎弯 彥彦 徑径 從从 復复 恆恒 恥耻 悅悦 惡恶 惱恼 愛爱 態态 慣惯 "
    U"憂忧 憑凭 應应 懷怀 懸悬 戀恋 戰战 戲戏 戶户 掃扫 揀拣 揚扬 換换 損损 搖摇 搶抢 "
    U"撥拨 擁拥 擇择 擊击 擋挡 擔担 擬拟 擴扩 擺摆 擾扰 攔拦 攝摄 攤摊 敗败 敘叙 敵敌 "
    U"數数 斷断 時时 晉晋 晝昼 暈晕 暫暂 曆历 曉晓 書书 會会 朧胧 東东 條条 梟枭 棄弃 "
    U"棟栋 楊杨 業业 榮荣 構构 槍枪 樁桩 樂乐 樓楼 標标 樞枢 樣样 橋桥 機机 檔档 檢检 "
    U"欄栏 權权 歎叹 歐欧 歡欢 歲岁 歷历 歸归 殘残 殺杀 殼壳 毀毁 氣气 決决 沒没 沖冲 "
    U"況况 涼凉 淚泪 淨净 減减 測测 湯汤 溫温 滅灭 滿满 漁渔 漢汉 漲涨 潔洁 潛潜 濃浓 "
    U"濕湿 濟济 濤涛 濱滨 瀏浏 灑洒 灣湾 災灾 為为 無无 煙烟 熱热 燈灯 營营 爐炉 爛烂 "
    U"爭争 爺爷 爾尔 牆墙 獄狱 獅狮 獎奖 獨独 獲获 獸兽 現现 瑪玛 環环 璽玺 產产 畝亩 "
    U"畢毕 畫画 異异 當当 療疗 發发 皺皱 盜盗 盞盏 盡尽 監监 盤盘 眾众 睜睁 碼码 磚砖 "
    U"礎础 礙碍 礦矿 禍祸 禪禅 禮礼 稅税 稱称 積积 穩稳 窩窝 窮穷 竄窜 竊窃 競竞 筆笔 "
    U"筍笋 節节 簡简 簽签 籃篮 籠笼 粵粤 糧粮 糾纠 紀纪 約约 紅红 紐纽 純纯 紙纸 級级 "
    U"紛纷 紡纺 細细 終终 組组 結结 絕绝 給给 統统 絲丝 綁绑 經经 綜综 綠绿 維维 網网 "
    U"緊紧 緒绪 線线 締缔 緣缘 編编 練练 縣县 縮缩 總总 織织 繩绳 繪绘 繼继 續续 罰罚 "
    U"罷罢 羅罗 義义 習习 聖圣 聞闻 聯联 聰聪 聲声 職职 聽听 肅肃 脅胁 脈脉 腦脑 腫肿 "
    U"膚肤 膠胶 膽胆 臉脸 與与 興兴 舉举 舊旧 艦舰 艱艰 莊庄 華华 藍蓝 藝艺 藥药 蘇苏 "
    U"蘭兰 處处 虛虚 號号 蝦虾 螢萤 術术 衛卫 衝冲 補补 裝装 複复 襪袜 見见 規规 視视 "
    U"親亲 覺觉 覽览 觀观 觸触 訂订 計计 訊讯 討讨 訓训 記记 訝讶 訪访 設设 許许 訴诉 "
    U"診诊 証证 評评 詞词 詢询 試试 詩诗 話话 該该 詳详 認认 誕诞 誘诱 語语 誠诚 誤误 "
    U"說说 誰谁 課课 調调 談谈 請请 論论 諷讽 諸诸 諾诺 謀谋 謂谓 講讲 謝谢 謠谣 證证 "
    U"識识 譜谱 譯译 議议 護护 讀读 變变 讓让 讚赞 豈岂 豎竖 豬猪 貓猫 貝贝 貞贞 負负 "
    U"財财 貢贡 貧贫 貨货 貪贪 貫贯 責责 貴贵 買买 貸贷 費费 貼贴 貿贸 賀贺 資资 賈贾 "
    U"賊贼 賓宾 賠赔 賣卖 賤贱 賦赋 質质 賭赌 賴赖 購购 賽赛 贈赠 贊赞 贏赢 贖赎 趕赶 "
    U"趙赵 趨趋 跡迹 踐践 蹟迹 蹤踪 車车 軌轨 軍军 軒轩 軟软 軸轴 較较 載载 輔辅 輕轻 "
    U"輛辆 輝辉 輩辈 輪轮 輯辑 輸输 轉转 轟轰 辦办 辭辞 辯辩 農农 逕迳 這这 連连 進进 "
    U"運运 過过 達达 違违 遙遥 遠远 遲迟 遷迁 選选 遺遗 邁迈 還还 邊边 邏逻 郵邮 鄉乡 "
    U"鄧邓 鄭郑 鄰邻 醫医 醬酱 釀酿 釋释 釘钉 針针 鈴铃 鉛铅 銀银 銅铜 銷销 鋒锋 鋼钢 "
    U"錄录 錢钱 錦锦 錯错 鍋锅 鍛锻 鍵键 鎖锁 鎮镇 鏈链 鏟铲 鏡镜 鐘钟 鐳镭 鐵铁 鑰钥 "
    U"長长 門门 閃闪 閉闭 開开 閒闲 間间 閣阁 閥阀 閱阅 闊阔 闖闯 關关 陝陕 陣阵 陰阴 "
    U"陳陈 陸陆 陽阳 隊队 際际 隨随 險险 隱隐 隸隶 雖虽 雙双 雛雏 雜杂 雞鸡 離离 難难 "
    U"電电 霧雾 靂雳 靈灵 靜静 韋韦 韓韩 響响 頁页 頂顶 項项 順顺 須须 頌颂 預预 頒颁 "
    U"頓顿 頗颇 領领 頭头 頸颈 頻频 顆颗 題题 額额 顏颜 顛颠 類类 顧顾 顯显 風风 飄飘 "
    U"飛飞 飢饥 飯饭 飲饮 飽饱 餅饼 養养 餓饿 館馆 馬马 駐驻 駛驶 騎骑 騙骗 騰腾 驅驱 "
    U"驕骄 驗验 驚惊 驟骤 髒脏 體体 髮发 鬧闹 魚鱼 魯鲁 魷鱿 鮮鲜 鯨鲸 鳥鸟 鳳凤 鳴鸣 "
    U"鴻鸿 鶴鹤 鷹鹰 鹽盐 麗丽 麥麦 麼么 黃黄 點点 齊齐 齋斋 齒齿 齡龄 龍龙 龜龟";

// Every pair is in the CJK Unified Ideographs block, so two bitmaps over it
// answer script_mark() with one load.
constexpr char32_t kFirst = 0x4E00;
constexpr char32_t kLast = 0x9FFF;
constexpr std::size_t kWords = (kLast - kFirst + 1 + 63) / 64;
using Bitmap = std::array<std::uint64_t, kWords>;

struct Marks {
  Bitmap traditional{};
  Bitmap simplified{};
};

constexpr bool in_block(char32_t cp) { return cp >= kFirst && cp <= kLast; }
constexpr bool test_bit(const Bitmap& bits, char32_t cp) {
  return (bits[(cp - kFirst) / 64] >> ((cp - kFirst) % 64)) & 1;
}
constexpr void set_bit(Bitmap& bits, char32_t cp) {
  bits[(cp - kFirst) / 64] |= std::uint64_t{1} << ((cp - kFirst) % 64);
}

constexpr Marks build_marks() {
  Marks marks;
  for (std::size_t i = 0; i + 1 < kPairs.size(); i += 3) {
    set_bit(marks.traditional, kPairs[i]);
    set_bit(marks.simplified, kPairs[i + 1]);
  }
  return marks;
}

// The table's shape, checked by the compiler: "TS TS ... TS", Traditional
// characters strictly increasing (sorted, no duplicates), all in the block,
// and no character marked as both scripts.
constexpr bool well_formed() {
  if (kPairs.size() % 3 != 2) return false;
  for (std::size_t i = 0; i < kPairs.size(); i += 3) {
    if (!in_block(kPairs[i]) || !in_block(kPairs[i + 1])) return false;
    if (i + 2 < kPairs.size() && kPairs[i + 2] != U' ') return false;
    if (i >= 3 && kPairs[i - 3] >= kPairs[i]) return false;
  }
  return true;
}
static_assert(well_formed(), "kPairs: pairs of block characters, one space apart, sorted");

constexpr Marks kMarks = build_marks();

constexpr bool disjoint() {
  for (std::size_t w = 0; w < kWords; ++w) {
    if (kMarks.traditional[w] & kMarks.simplified[w]) return false;
  }
  return true;
}
static_assert(disjoint(), "kPairs: a character cannot be both Traditional- and Simplified-only");

}  // namespace

ScriptMark script_mark(char32_t cp) {
  if (!in_block(cp)) return ScriptMark::kNone;
  if (test_bit(kMarks.traditional, cp)) return ScriptMark::kTraditional;
  if (test_bit(kMarks.simplified, cp)) return ScriptMark::kSimplified;
  return ScriptMark::kNone;
}

}  // namespace clean
