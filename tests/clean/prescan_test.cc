// Stage 2a, the pre-scan: what it leaves out (input -> output), and that the
// parse stage's Document is the same with and without it, but for what
// prescan.h says changes: whitespace runs in text, and for an article what
// only links() reads. Attribute rules are checked in the body and in the
// head (CasesParseTheSame), and every case in both modes.
#include "clean/prescan.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "clean/decode.h"
#include "clean/parse.h"

namespace clean {
namespace {

constexpr int kMaxDepth = 256;

struct Case {
  const char* name;
  const char* in;
  const char* out;
};

// Each case is also a page whose Document must not change (ParsesTheSame).
const Case kCases[] = {
    {"script contents go, tags stay", "<p>甲</p><script>var a = 1 < 2;</script><p>乙</p>",
     "<p>甲</p><script></script><p>乙</p>"},
    {"style contents go", "<style type=\"text/css\">p > a { color: red }</style>正文",
     "<style ></style>正文"},
    {"comment becomes an empty one", "前<!-- 注释 <p>不是标签</p> -->后", "前<!---->后"},
    {"comment ending --!>", "前<!-- 注释 --!>后", "前<!---->后"},
    {"abrupt comments <!--> and <!---> are whole", "<!-->甲<!--->乙", "<!-->甲<!--->乙"},
    {"comment with dashes inside", "<!-- a -- b --->正文", "<!---->正文"},
    {"quoted attribute holding > and <",
     "<div title=\"a>b<script>\" data-x='<style>'>正文</div><script src=\"x>y\">code()</script>",
     "<div  >正文</div><script ></script>"},
    {"end tag matched case-insensitively", "<SCRIPT>x()</ScRiPt >后", "<SCRIPT></ScRiPt >后"},
    {"end tag needs a delimiter", "<script>a = '</scripts>'; b()</script/>后", "<script></script/>后"},
    {"end tag with attributes", "<style>a{}</style foo=\"a>b\">后", "<style></style foo=\"a>b\">后"},
    {"script escape: document.write of a script",
     "<script><!-- document.write('<script>x()</script>'); --></script>后", "<script></script>后"},
    {"script escape closed by -->", "<script><!-- a() --></script><p>后</p>", "<script></script><p>后</p>"},
    {"escaped script still ends at </script>", "<script><!-- a()</script><p>后</p>",
     "<script></script><p>后</p>"},
    {"title is RCDATA: no tags inside", "<title>标题<script>x</script><!--</title><p>正文</p>",
     "<title>标题<script>x</script><!--</title><p>正文</p>"},
    {"textarea is RCDATA", "<textarea><style>a</style></textarea><style>b</style>",
     "<textarea><style>a</style></textarea><style></style>"},
    {"iframe is raw text", "<iframe><script>x</iframe>正文</script>", "<iframe><script>x</iframe>正文</script>"},
    {"CDATA outside svg is a bogus comment", "<![CDATA[ <script> ]]>正文<script>x</script>",
     "<![CDATA[ <script> ]]>正文<script></script>"},
    {"svg contents go", "<svg viewBox=\"0 0 1 1\"><g><path d=\"M0\"/><text>图</text></g></svg>正文",
     "<svg viewBox=\"0 0 1 1\"></svg>正文"},
    {"script inside svg is markup", "<svg><script>if (a<b) x()</script></svg>正文", "<svg></svg>正文"},
    {"CDATA inside svg", "<svg><style><![CDATA[ </svg> ]]></style></svg>正文", "<svg></svg>正文"},
    {"svg title with text only", "<svg><title>分享</title><path/></svg>正文", "<svg></svg>正文"},
    {"svg with unclosed elements", "<svg><g><path d=\"M0\"></g></svg>正文", "<svg></svg>正文"},
    {"nested svg", "<svg><svg><rect/></svg><rect/></svg>正文", "<svg></svg>正文"},
    {"math contents go", "<math><mrow><mn>1</mn></mrow></math>正文", "<math></math>正文"},
    {"HTML tag breaking out of svg: rest kept", "<svg><p>正文</svg><script>x</script>",
     "<svg><p>正文</svg><script>x</script>"},
    {"HTML inside foreignObject: rest kept", "<svg><foreignObject><script>x</script></foreignObject></svg>",
     "<svg><foreignObject><script>x</script></foreignObject></svg>"},
    {"link in svg: rest kept", "<svg><a href=\"/x\" title=\"标题\"><rect/></a></svg><style>a</style>",
     "<svg><a href=\"/x\" title=\"标题\"><rect/></a></svg><style>a</style>"},
    {"JSON-LD script kept", "<script type=\"Application/LD+JSON\">{\"datePublished\":\"2024-01-02\"}</script>"
     "<script type=\"text/javascript\">x()</script>",
     "<script type=\"Application/LD+JSON\">{\"datePublished\":\"2024-01-02\"}</script>"
     "<script type=\"text/javascript\"></script>"},
    {"only the first type attribute counts", "<script type=\"text/javascript\" type=\"application/ld+json\">x</script>",
     "<script type=\"text/javascript\" type=\"application/ld+json\"></script>"},
    {"noscript and template kept", "<noscript><p>开启脚本</p></noscript><template><p>模板</p></template>",
     "<noscript><p>开启脚本</p></noscript><template><p>模板</p></template>"},
    {"style inside select is ignored, so its contents are markup", "<select><style>a<b>c</style></select>正文",
     "<select><style>a<b>c</style></select>正文"},
    {"script inside select still goes", "<select><script>x</script></select>正文",
     "<select><script></script></select>正文"},
    {"table tag inside select: rest kept", "<table><tr><td><select><td><style>x</style>",
     "<table><tr><td><select><td><style>x</style>"},
    {"plaintext: rest is text", "<plaintext><script>x</script>", "<plaintext><script>x</script>"},
    {"unterminated script kept", "<p>甲</p><script>x(); <p>乙</p>", "<p>甲</p><script>x(); <p>乙</p>"},
    {"unterminated comment kept", "<p>甲</p><!-- <p>乙</p>", "<p>甲</p><!-- <p>乙</p>"},
    {"unterminated tag kept", "<p>甲</p><div title=\"x>", "<p>甲</p><div title=\"x>"},
    {"unterminated svg kept", "<svg><rect/>", "<svg><rect/>"},
    {"end tag at EOF without delimiter", "<style>a</style", "<style>a</style"},
    {"lone < is text", "a < b <3 <-- <!x> <?php ?></>正文<script>y</script>",
     "a < b <3 <-- <!x> <?php ?></>正文<script></script>"},
    {"self-closing script still has contents", "<script src=\"a.js\"/>x()</script>正文",
     "<script /></script>正文"},
    {"CRLF as end tag delimiter", "<script>x</script\r\n>正文", "<script></script\r\n>正文"},
    // Attributes nobody reads.
    {"unread attributes go, read ones stay",
     "<div id=\"正\" class=\"a B\" data-x=\"1\" onclick='f()' tabindex=2 hidden aria-hidden=\"true\">正文</div>",
     "<div id=\"正\" class=\"a B\"    hidden aria-hidden=\"true\">正文</div>"},
    {"a style stays only if it can hide (or a reference could spell it)",
     "<p style=\"color:red\">甲</p><p style=\"DISPLAY : none\">乙</p><p style=\"Visibility:&#10;hidden\">丙</p><p style=\"display:&#110;one\">丁</p>",
     "<p >甲</p><p style=\"DISPLAY : none\">乙</p><p style=\"Visibility:&#10;hidden\">丙</p><p style=\"display:&#110;one\">丁</p>"},
    {"only the first style counts: later ones go",
     "<p style=\"color:red\" style=\"display:none\">甲</p><p style=\"display:none\" style=\"color:red\">乙</p>",
     "<p  >甲</p><p style=\"display:none\" >乙</p>"},
    {"link and image attributes stay on their tags",
     "<a href=\"/x\" title=\"标题\" target=\"_blank\" rel=\"x\">甲</a><img src=\"a.png\" alt=\"图\" srcset=\"b\"><image alt=\"图\" src=\"y\">",
     "<a href=\"/x\" title=\"标题\"  >甲</a><img  alt=\"图\" ><image alt=\"图\" >"},
    {"meta, base, script and input keep what is read",
     "<meta name=\"description\" content=\"摘要\" data-x=\"1\"><meta property=\"og:title\" itemprop=\"name\" content=\"t\" lang=\"zh\"><meta http-equiv=\"refresh\" content=\"5\" id=\"m\"><base href=\"/\" target=\"_top\"><script type=\"application/ld+json\" id=\"ld\" async>{}</script><input type=\"hidden\" name=\"q\" value=\"1\">",
     "<meta name=\"description\" content=\"摘要\" ><meta property=\"og:title\" itemprop=\"name\" content=\"t\" ><meta http-equiv=\"refresh\" content=\"5\" id=\"m\"><base href=\"/\" ><script type=\"application/ld+json\" id=\"ld\" >{}</script><input type=\"hidden\"  >"},
    {"formatting elements keep all attributes",
     "<b data-x=\"1\">甲</b><i class=\"c\" data-y=\"2\">乙</i><font data-z=\"3\">丙</font>",
     "<b data-x=\"1\">甲</b><i class=\"c\" data-y=\"2\">乙</i><font data-z=\"3\">丙</font>"},
    {"an attribute not after whitespace stays",
     "<div class=\"a\"data-x=\"1\">甲</div><div /data-x=1>乙</div><br data-x=a/><div data-x=\"1\"/>丙",
     "<div class=\"a\"data-x=\"1\">甲</div><div /data-x=1>乙</div><br ><div />丙"},
    {"a list of <a>: never compared, stripped",
     "<p><a href=x data-i=1>1<a href=x data-i=2>2<a href=x data-i=3>3<a href=x data-i=4>4</p>",
     "<p><a href=x >1<a href=x >2<a href=x >3<a href=x >4</p>"},
    {"Noah's Ark: four equal-but-for-data <b> stay apart",
     "<table><tr><td><b class=x data-i=1>1<b class=x data-i=2>2<b class=x data-i=3>3<b class=x data-i=4>4</table>",
     "<table><tr><td><b class=x data-i=1>1<b class=x data-i=2>2<b class=x data-i=3>3<b class=x data-i=4>4</table>"},
    {"body attributes merge: kept whole",
     "<body style=\"color:red\" data-x=1><div style=\"color:red\" data-y=2><body style=\"display:none\">正文",
     "<body style=\"color:red\" data-x=1><div  ><body style=\"display:none\">正文"},
    {"svg and math start tags kept whole",
     "<svg data-x=\"1\" viewBox=\"0 0 1 1\"><path d=\"M0\"/></svg><math data-x=\"1\"></math>",
     "<svg data-x=\"1\" viewBox=\"0 0 1 1\"></svg><math data-x=\"1\"></math>"},
    {"attribute names over the limit go",
     "<div data-very-long-attribute-name-over-the-limit=\"1\" class=\"k\">甲</div>",
     "<div  class=\"k\">甲</div>"},
    // Whitespace in text.
    {"a run of spaces becomes one space", "<p>甲  \t 乙</p>", "<p>甲 乙</p>"},
    {"a run with a line break becomes a line feed", "<div>\n    <p>甲</p>  \r\n  </div>", "<div>\n<p>甲</p>\n</div>"},
    {"a single whitespace byte stays as it is", "<p>甲\t乙\r丙</p>", "<p>甲\t乙\r丙</p>"},
    {"no-break and ideographic spaces are text", "<p>\u00a0\u00a0甲\u3000\u3000</p>", "<p>\u00a0\u00a0甲\u3000\u3000</p>"},
    {"a form feed ends a run", "<p>甲  \f  乙</p>", "<p>甲 \f 乙</p>"},
    {"the line feed Gumbo drops after <pre> stays in front", "<pre>\n\n  代码</pre><listing>\r\n\n 甲</listing>",
     "<pre>\n\n代码</pre><listing>\r\n\n甲</listing>"},
    {"whitespace in RCDATA and raw text stays", "<title>甲  乙</title><textarea>丙   丁</textarea><xmp>戊   己</xmp>",
     "<title>甲  乙</title><textarea>丙   丁</textarea><xmp>戊   己</xmp>"},
    {"whitespace in JSON-LD stays", "<script type=\"application/ld+json\">{  \"a\":  1 }</script>",
     "<script type=\"application/ld+json\">{  \"a\":  1 }</script>"},
};

// The same pages for an article: what only links() reads goes too.
const Case kArticleCases[] = {
    {"anchor href keeps its extension, title goes",
     "<a href=\"/files/2024/P0201.PDF?x=1#p\" title=\"标题\">附件</a><a href=\"/news/1.html\">新闻</a>",
     "<a href=\".PDF\" >附件</a><a href=\".html\">新闻</a>"},
    {"an href without an extension goes", "<a href=\"/news/\">甲</a><a href=\"javascript:void(0)\">乙</a><a href=x>丙</a>",
     "<a >甲</a><a >乙</a><a >丙</a>"},
    {"a dot before the last slash is not an extension", "<a href=\"http://example.com/a.b/c\">甲</a>", "<a >甲</a>"},
    {"an extension over the limit goes", "<a href=\"/a.verylongext\">甲</a>", "<a >甲</a>"},
    {"a character reference keeps the href whole", "<a href=\"/a&#46;pdf&amp;x=1\">甲</a>",
     "<a href=\"/a&#46;pdf&amp;x=1\">甲</a>"},
    {"only the first href counts", "<a href=\"/x\" href=\"/a.pdf\">甲</a>", "<a  >甲</a>"},
    {"image alt and base href go", "<base href=\"/b/\"><img src=\"a.png\" alt=\"图\"><image alt=\"图\">",
     "<base ><img  ><image >"},
};

TEST(Prescan, Cases) {
  for (const Case& c : kCases) EXPECT_EQ(prescan(c.in), c.out) << c.name;
}

TEST(Prescan, ArticleCases) {
  for (const Case& c : kArticleCases) EXPECT_EQ(prescan(c.in, Prescan::kForArticle), c.out) << c.name;
}

TEST(Prescan, HrefExtension) {
  EXPECT_EQ(href_extension("/a/b.pdf"), ".pdf");
  EXPECT_EQ(href_extension("b.tar.gz?x=1.doc"), ".gz");
  EXPECT_EQ(href_extension("/a.pdf#page=2"), ".pdf");
  EXPECT_EQ(href_extension("/a.pdf/"), "");
  EXPECT_EQ(href_extension("/a.d/b"), "");
  EXPECT_EQ(href_extension("."), ".");
  EXPECT_EQ(href_extension(".1234567"), ".1234567");
  EXPECT_EQ(href_extension(".12345678"), "");
  EXPECT_EQ(href_extension(""), "");
}

TEST(Prescan, EmptyAndPlainText) {
  EXPECT_EQ(prescan(""), "");
  EXPECT_EQ(prescan("纯文本，没有标签。"), "纯文本，没有标签。");
}

// Each run of ASCII whitespace as one byte: '\n' when it held a line feed.
// Text is the same when this is (prescan.h).
std::string Shortened(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    if (s[i] != ' ' && s[i] != '\t' && s[i] != '\n') {
      out += s[i++];
      continue;
    }
    bool line_feed = false;
    for (; i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n'); ++i) line_feed = line_feed || s[i] == '\n';
    out += line_feed ? '\n' : ' ';
  }
  return out;
}

// Field by field: the Document is all the later stages see. `a` came
// through the pre-scan in `mode`, `b` did not.
void ExpectSameDocument(const Document& a, const Document& b, Prescan mode, const std::string& what) {
  const bool article = mode == Prescan::kForArticle;
  ASSERT_EQ(a.nodes.size(), b.nodes.size()) << what;
  for (std::size_t i = 0; i < a.nodes.size(); ++i) {
    const Node& x = a.nodes[i];
    const Node& y = b.nodes[i];
    ASSERT_TRUE(x.tag == y.tag && x.parent == y.parent && x.first_child == y.first_child &&
                x.last_child == y.last_child && x.next_sibling == y.next_sibling && x.depth == y.depth)
        << what << " node " << i;
    ASSERT_EQ(Shortened(x.text), Shortened(y.text)) << what << " node " << i;
    ASSERT_EQ(x.id_class, y.id_class) << what << " node " << i;
    ASSERT_EQ(x.id, y.id) << what << " node " << i;
    ASSERT_EQ(x.classes, y.classes) << what << " node " << i;
    if (article && x.href != y.href) {
      ASSERT_EQ(x.href, href_extension(y.href)) << what << " node " << i;
    } else {
      ASSERT_EQ(x.href, y.href) << what << " node " << i;
    }
  }
  EXPECT_EQ(a.title, b.title) << what;
  ASSERT_EQ(a.metas.size(), b.metas.size()) << what;
  for (std::size_t i = 0; i < a.metas.size(); ++i) {
    EXPECT_EQ(a.metas[i].name, b.metas[i].name) << what;
    EXPECT_EQ(a.metas[i].content, b.metas[i].content) << what;
  }
  EXPECT_EQ(a.json_ld, b.json_ld) << what;
  EXPECT_EQ(a.lang, b.lang) << what;
  EXPECT_EQ(a.flattened, b.flattened) << what;
  if (article) return;  // base_href and anchors are links()'s
  EXPECT_EQ(a.base_href, b.base_href) << what;
  ASSERT_EQ(a.anchors.size(), b.anchors.size()) << what;
  for (std::size_t i = 0; i < a.anchors.size(); ++i) {
    EXPECT_EQ(a.anchors[i].href, b.anchors[i].href) << what;
    EXPECT_EQ(a.anchors[i].title, b.anchors[i].title) << what;
    EXPECT_EQ(a.anchors[i].img_alt, b.anchors[i].img_alt) << what;
  }
}

void ExpectParsesTheSame(const std::string& html, const std::string& what) {
  const Document plain = parse(html, kMaxDepth, Prescan::kOff);
  for (Prescan mode : {Prescan::kForLinks, Prescan::kForArticle}) {
    ExpectSameDocument(parse(html, kMaxDepth, mode), plain, mode, what);
  }
}

TEST(Prescan, CasesParseTheSame) {
  std::vector<Case> cases(std::begin(kCases), std::end(kCases));
  cases.insert(cases.end(), std::begin(kArticleCases), std::end(kArticleCases));
  for (const Case& c : cases) {
    // In the body, and once in the head, where the tree builder's rules differ.
    ExpectParsesTheSame(std::string("<html><body><div class=a>") + c.in + "<p>尾</p></div>", c.name);
    ExpectParsesTheSame(std::string("<html><head>") + c.in + "</head><body><p>尾</p>", c.name);
  }
}

TEST(Prescan, JsonLdStillReachesTheDocument) {
  const Document doc = parse(
      "<head><script type=\"application/ld+json\">{\"datePublished\":\"2024-01-02T08:00:00+08:00\"}</script>"
      "<script>var big = 1;</script></head><body><p>正文</p>",
      kMaxDepth);
  ASSERT_EQ(doc.json_ld.size(), 1u);
  EXPECT_EQ(doc.json_ld[0], "{\"datePublished\":\"2024-01-02T08:00:00+08:00\"}");
}

// Every page under `dir`, decoded as extract() decodes it; the page count.
int ExpectPagesParseTheSame(const std::filesystem::path& dir) {
  int pages = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
    if (entry.path().extension() != ".html") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    ExpectParsesTheSame(decode(bytes, "").text, entry.path().filename().string());
    ++pages;
  }
  return pages;
}

TEST(Prescan, FixturesParseTheSame) { EXPECT_GE(ExpectPagesParseTheSame(JINGWEN_TESTDATA), 30); }

// Real pages hold what no fixture thought of.
TEST(Prescan, CorpusParsesTheSame) {
  const std::filesystem::path corpus = std::filesystem::path(JINGWEN_SHARED) / "corpus";
  if (!std::filesystem::is_directory(corpus)) {
    GTEST_SKIP() << "corpus not found at " << corpus << " (set JINGWEN_SHARED_DIR)";
  }
  EXPECT_GE(ExpectPagesParseTheSame(corpus), 100);
}

// The fixtures do hold what the pre-scan removes, so the test above tests it.
TEST(Prescan, FixturesHaveSomethingToDrop) {
  std::size_t in_bytes = 0, out_bytes = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(JINGWEN_TESTDATA)) {
    if (entry.path().extension() != ".html") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const std::string text = decode(bytes, "").text;
    in_bytes += text.size();
    out_bytes += prescan(text).size();
  }
  EXPECT_LT(out_bytes, in_bytes);
}

}  // namespace
}  // namespace clean
