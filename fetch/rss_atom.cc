// RSS and Atom with libxml2. Three steps:
//   1. sanitise   the UTF-8 text: DOCTYPE out, undeclared entities and bare
//                 '&' escaped, the predefined entities as character
//                 references, characters XML forbids dropped
//   2. parse      libxml2 in recover mode, errors into warnings
//   3. read       every <item>/<entry> in document order, by local name
//                 (namespace prefixes and missing declarations do not matter)
#include "fetch/rss_atom.h"

#include <libxml/SAX2.h>
#include <libxml/xmlerror.h>

#include <algorithm>
#include <cctype>
#include <climits>
#include <cstddef>
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "clean/dates.h"
#include "clean/links.h"
#include "clean/text.h"
#include "fetch/ascii.h"
#include "fetch/url.h"
#include "fetch/xml_doc.h"

namespace fetch {
namespace {

// What a warning quotes of the feed, at most.
constexpr std::size_t kMaxQuotedBytes = 64;

// ---------------------------------------------------------------------------
// 1. Sanitise.

struct Sanitised {
  std::string xml;
  int doctypes = 0;       // DOCTYPE declarations removed
  int html_entities = 0;  // &nbsp; and the like, escaped to survive as text
  int bare_ampersands = 0;
  int bad_characters = 0;  // control characters, U+FFFE/U+FFFF
};

// The entities XML predefines, as character references: libxml2 2.9 drops
// entity references from text once it has seen an error (recover mode keeps
// parsing, but "&amp;" in every later link would vanish), never character
// references. Every other name is undeclared once the DOCTYPE is gone.
struct PredefinedEntity {
  std::string_view name;
  std::string_view reference;
};
constexpr PredefinedEntity kXmlEntities[] = {
    {"amp", "&#38;"}, {"apos", "&#39;"}, {"gt", "&#62;"}, {"lt", "&#60;"}, {"quot", "&#34;"},
};
static_assert(std::is_sorted(std::begin(kXmlEntities), std::end(kXmlEntities),
                             [](const PredefinedEntity& a, const PredefinedEntity& b) {
                               return a.name < b.name;
                             }));
constexpr std::string_view kAmpersand = "&#38;";

const PredefinedEntity* find_predefined(std::string_view name) {
  const auto* it =
      std::lower_bound(std::begin(kXmlEntities), std::end(kXmlEntities), name,
                       [](const PredefinedEntity& e, std::string_view n) { return e.name < n; });
  return it != std::end(kXmlEntities) && it->name == name ? it : nullptr;
}

// The length of the character reference at s[i] ('&'), or 0 when there is
// none: &#123; &#x1F; or &name; (ASCII names: what HTML and feeds use).
std::size_t reference_length(std::string_view s, std::size_t i, bool& named) {
  std::size_t j = i + 1;
  named = !(j < s.size() && s[j] == '#');
  if (!named) {
    ++j;
    const bool hex = j < s.size() && (s[j] == 'x' || s[j] == 'X');
    if (hex) ++j;
    const std::size_t digits = j;
    while (j < s.size() &&
           (hex ? std::isxdigit(static_cast<unsigned char>(s[j])) != 0 : is_digit(s[j])))
      ++j;
    if (j == digits) return 0;
  } else {
    if (j >= s.size() || !is_alpha(s[j])) return 0;
    while (j < s.size() && is_alnum(s[j])) ++j;
  }
  return j < s.size() && s[j] == ';' ? j + 1 - i : 0;
}

// Copies s[i, end of the construct that starts there and ends with `close`)
// verbatim (less forbidden characters); returns the index after it.
std::size_t copy_through(std::string_view s, std::size_t i, std::string_view close, Sanitised& out);

// Appends s[i] unless XML forbids the character there; returns the index of
// the next character.
std::size_t copy_char(std::string_view s, std::size_t i, Sanitised& out) {
  const auto c = static_cast<unsigned char>(s[i]);
  if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
    ++out.bad_characters;
    return i + 1;
  }
  // U+FFFE and U+FFFF: EF BF BE / EF BF BF.
  if (c == 0xEF && s.compare(i, 2, "\xEF\xBF") == 0 && i + 2 < s.size() &&
      (static_cast<unsigned char>(s[i + 2]) == 0xBE ||
       static_cast<unsigned char>(s[i + 2]) == 0xBF)) {
    ++out.bad_characters;
    return i + 3;
  }
  out.xml += s[i];
  return i + 1;
}

std::size_t copy_through(std::string_view s, std::size_t i, std::string_view close,
                         Sanitised& out) {
  const std::size_t found = s.find(close, i);
  const std::size_t end = found == std::string_view::npos ? s.size() : found + close.size();
  while (i < end) i = copy_char(s, i, out);
  return end;
}

Sanitised sanitise(std::string_view s) {
  Sanitised out;
  // An XML declaration must come first; generators print blank lines before it.
  s = trim(s);
  out.xml.reserve(s.size() + s.size() / 16);
  std::size_t i = 0;
  while (i < s.size()) {
    const char c = s[i];
    if (c == '<') {
      if (s.compare(i, 9, "<![CDATA[") == 0) {
        i = copy_through(s, i, "]]>", out);
      } else if (s.compare(i, 4, "<!--") == 0) {
        i = copy_through(s, i, "-->", out);
      } else if (s.compare(i, 2, "<?") == 0) {
        i = copy_through(s, i, "?>", out);
      } else if (starts_with_ci(s.substr(i), "<!DOCTYPE")) {
        i = doctype_end(s, i);  // dropped: no entity is ever declared
        ++out.doctypes;
      } else {
        out.xml += c;
        ++i;
      }
    } else if (c == '&') {
      bool named = false;
      const std::size_t length = reference_length(s, i, named);
      const std::string_view name =
          length > 0 && named ? s.substr(i + 1, length - 2) : std::string_view();
      if (length == 0) {
        ++out.bare_ampersands;
        out.xml += kAmpersand;
        ++i;
      } else if (!named) {
        out.xml.append(s.substr(i, length));
        i += length;
      } else if (const PredefinedEntity* predefined = find_predefined(name)) {
        out.xml += predefined->reference;
        i += length;
      } else {
        ++out.html_entities;
        out.xml += kAmpersand;  // the reference becomes text; html_text() decodes it
        ++i;
      }
    } else {
      i = copy_char(s, i, out);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------
// 2. Parse.

// What the libxml2 callbacks record, reached through the context's _private.
struct ParseLog {
  std::vector<std::string> errors;  // the first kMaxXmlWarnings
  std::size_t error_count = 0;
  std::size_t elements = 0;  // start tags parsed
  long stopped_at_line = 0;  // where kMaxXmlElements stopped the parse; 0: it did not
};

// libxml2 messages quote element names from the feed: bounded.
constexpr std::size_t kMaxXmlErrorBytes = 200;

void record_error(void* user_data, xmlErrorPtr error) {
  // libxml2 passes the context's userData, which is the context itself.
  auto* ctxt = static_cast<xmlParserCtxt*>(user_data);
  if (ctxt == nullptr || ctxt->_private == nullptr || error == nullptr) return;
  auto* log = static_cast<ParseLog*>(ctxt->_private);
  if (log->error_count++ >= kMaxXmlWarnings) return;
  std::string message =
      std::string(clean::utf8_prefix(error->message != nullptr ? error->message : "unknown error",
                                     kMaxXmlErrorBytes));
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
  log->errors.push_back("xml line " + std::to_string(error->line) + ": " + message);
}

// An element whose end tag (or a mismatched one libxml2 takes for it) was
// parsed is marked with the parse's log address, unique to the parse: an
// item without the mark was cut off by the end of the body.
void mark_closed_then_end(void* ctx, const xmlChar* localname, const xmlChar* prefix,
                          const xmlChar* uri) {
  auto* ctxt = static_cast<xmlParserCtxt*>(ctx);
  if (ctxt->node != nullptr) ctxt->node->_private = ctxt->_private;
  xmlSAX2EndElementNs(ctx, localname, prefix, uri);
}

bool was_closed(const xmlNode* node, const ParseLog& log) { return node->_private == &log; }

// Counts elements; past kMaxXmlElements the parse stops, keeping the tree
// built so far (the cut item is left unclosed, so it is dropped).
void count_then_start(void* ctx, const xmlChar* localname, const xmlChar* prefix, const xmlChar* uri,
                      int nb_namespaces, const xmlChar** namespaces, int nb_attributes, int nb_defaulted,
                      const xmlChar** attributes) {
  auto* ctxt = static_cast<xmlParserCtxt*>(ctx);
  auto* log = static_cast<ParseLog*>(ctxt->_private);
  if (++log->elements > kMaxXmlElements) {
    log->stopped_at_line = xmlSAX2GetLineNumber(ctx);
    xmlStopParser(ctxt);
    return;
  }
  xmlSAX2StartElementNs(ctx, localname, prefix, uri, nb_namespaces, namespaces, nb_attributes, nb_defaulted,
                        attributes);
}

// Recover mode keeps what a broken feed holds; NONET forbids network loads;
// IGNORE_ENC because the text is UTF-8 already, whatever its declaration
// says (and libxml2 then keeps no converted copy). Never NOENT (substitute
// entities), DTDLOAD or HUGE (lifts the amplification limits). The
// sanitiser already removed every DOCTYPE; these are the second line.
constexpr int kParseOptions = XML_PARSE_RECOVER | XML_PARSE_NONET | XML_PARSE_IGNORE_ENC;
// The push parser reads the text in pieces of this size, so libxml2 holds
// no copy of the whole document.
constexpr std::size_t kXmlChunkBytes = 64u << 10;

// Parses `xml`; errors go to `log`, which must outlive the document (its
// address marks the closed elements).
XmlDoc parse_xml(const std::string& xml, ParseLog& log) {
  XmlParserCtxt ctxt = make_xml_push_parser_ctxt();
  if (!ctxt || ctxt->sax == nullptr) {
    log.errors.push_back("libxml2 could not allocate a parser");
    return nullptr;
  }
  xmlCtxtUseOptions(ctxt.get(), kParseOptions);
  ctxt->_private = &log;
  ctxt->sax->serror = record_error;  // per context: nothing reaches stderr
  ctxt->sax->endElementNs = mark_closed_then_end;
  ctxt->sax->startElementNs = count_then_start;
  // Recover mode goes on after errors; only a stop (ours, or a fatal one)
  // ends the parse early.
  for (std::size_t at = 0; at < xml.size() && ctxt->instate != XML_PARSER_EOF; at += kXmlChunkBytes) {
    const std::size_t n = std::min(kXmlChunkBytes, xml.size() - at);
    xmlParseChunk(ctxt.get(), xml.data() + at, static_cast<int>(n), /*terminate=*/0);
  }
  xmlParseChunk(ctxt.get(), nullptr, 0, /*terminate=*/1);
  XmlDoc doc(ctxt->myDoc);  // recover mode: whatever was built
  ctxt->myDoc = nullptr;
  return doc;
}

// ---------------------------------------------------------------------------
// 3. Read.

std::string_view local_name(const xmlChar* name) {
  if (name == nullptr) return {};
  std::string_view s(reinterpret_cast<const char*>(name));
  const std::size_t colon = s.rfind(':');  // "dc:date" when the prefix was never declared
  return colon == std::string_view::npos ? s : s.substr(colon + 1);
}

bool is_element(const xmlNode* n, std::string_view local) {
  return n->type == XML_ELEMENT_NODE && equals_ci(local_name(n->name), local);
}

// The value of `n`'s attribute `a`, entities and character references
// substituted.
std::string attribute_value(const xmlNode* n, const xmlAttr* a) {
  const XmlString value(xmlNodeListGetString(n->doc, a->children, 1));
  return value ? std::string(reinterpret_cast<const char*>(value.get())) : std::string();
}

// An attribute by local name, whatever its prefix; "" when absent.
std::string attribute(const xmlNode* n, std::string_view local) {
  for (const xmlAttr* a = n->properties; a != nullptr; a = a->next) {
    if (equals_ci(local_name(a->name), local)) return attribute_value(n, a);
  }
  return {};
}

std::string xml_base(const xmlNode* n) {
  for (const xmlAttr* a = n->properties; a != nullptr; a = a->next) {
    const std::string_view name(reinterpret_cast<const char*>(a->name));
    const bool xml_prefix = a->ns != nullptr && a->ns->prefix != nullptr &&
                            std::string_view(reinterpret_cast<const char*>(a->ns->prefix)) == "xml";
    if ((xml_prefix && name == "base") || name == "xml:base") return attribute_value(n, a);
  }
  return {};
}

// The base URL in force at `n`: the feed URL, then each xml:base from the
// root down to `n`, each resolved against the one above it.
std::string base_at(const xmlNode* n, std::string_view feed_url) {
  std::vector<std::string> bases;  // innermost first
  for (const xmlNode* p = n; p != nullptr && p->type == XML_ELEMENT_NODE; p = p->parent) {
    std::string base = xml_base(p);
    if (!base.empty()) bases.push_back(std::move(base));
  }
  std::string base(feed_url);
  for (auto it = bases.rbegin(); it != bases.rend(); ++it) {
    if (std::optional<std::string> resolved = resolve_url(base, *it)) base = std::move(*resolved);
  }
  return base;
}

bool looks_like_web_url(std::string_view s) {
  s = trim(s);
  return starts_with_ci(s, "http://") || starts_with_ci(s, "https://");
}

// Counts behind the warnings of one parse.
struct ReadStats {
  int without_link = 0;
  int bad_dates = 0;
  std::string first_bad_date;
};

// Element names of an item's fields (lower case, sorted): where a text
// gathered for one field stops. An unclosed <title> holds the <link> and
// <pubDate> after it; the title is its own text, not theirs.
constexpr std::string_view kFieldNames[] = {
    "author",   "category", "comments",  "content", "date",    "description", "enclosure",
    "encoded",  "entry",    "guid",      "id",      "issued",  "item",        "link",
    "modified", "pubdate",  "published", "source",  "summary", "title",       "updated",
};
static_assert(std::is_sorted(std::begin(kFieldNames), std::end(kFieldNames)));

bool is_field(const xmlNode* n) {
  return std::binary_search(std::begin(kFieldNames), std::end(kFieldNames),
                            ascii_lowered(local_name(n->name)));
}

// The text of `n`: its text and CDATA below it, less what sits inside
// another field's element.
std::string field_text(const xmlNode* n) {
  std::string out;
  std::vector<const xmlNode*> stack;
  for (const xmlNode* c = n->last; c != nullptr; c = c->prev) stack.push_back(c);
  while (!stack.empty()) {
    const xmlNode* c = stack.back();
    stack.pop_back();
    if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content != nullptr) {
      out += reinterpret_cast<const char*>(c->content);
    } else if (c->type == XML_ELEMENT_NODE && !is_field(c)) {
      for (const xmlNode* k = c->last; k != nullptr; k = k->prev) stack.push_back(k);
    }
  }
  return out;
}

// Atom text constructs: type="html" is escaped HTML; "text" (the default) is
// literal, so a '<' in it is a character, not a tag, while an HTML entity the
// sanitiser escaped is still decoded.
std::string atom_text(const xmlNode* n) {
  const std::string type = attribute(n, "type");
  const std::string text = field_text(n);
  if (equals_ci(type, "html") || equals_ci(type, "text/html")) return clean::html_text(text);
  std::string escaped;
  escaped.reserve(text.size());
  for (char c : text) {
    if (c == '<') {
      escaped += "&lt;";
    } else {
      escaped += c;
    }
  }
  return clean::html_text(escaped);
}

// The elements of one item or entry: its children, then (for fields none of
// them holds) the elements nested in them, which is where recover mode puts
// the siblings an unclosed element swallowed. Never inside a nested item or
// entry (its own), nor an Atom <source> (the feed it was copied from).
class ItemFields {
 public:
  explicit ItemFields(const xmlNode* item) {
    std::vector<const xmlNode*> stack;
    for (const xmlNode* c = item->last; c != nullptr; c = c->prev) {
      if (c->type == XML_ELEMENT_NODE) children_.push_back(c);
    }
    std::reverse(children_.begin(), children_.end());
    for (auto it = children_.rbegin(); it != children_.rend(); ++it) push_children(*it, stack);
    while (!stack.empty()) {
      const xmlNode* n = stack.back();
      stack.pop_back();
      nested_.push_back(n);
      push_children(n, stack);
    }
  }

  // Every element named `local` (case-insensitive), children first.
  std::vector<const xmlNode*> all(std::string_view local) const {
    std::vector<const xmlNode*> found;
    for (const auto* list : {&children_, &nested_}) {
      for (const xmlNode* n : *list) {
        if (is_element(n, local)) found.push_back(n);
      }
    }
    return found;
  }
  const xmlNode* first(std::string_view local) const {
    const std::vector<const xmlNode*> found = all(local);
    return found.empty() ? nullptr : found.front();
  }

 private:
  static void push_children(const xmlNode* n, std::vector<const xmlNode*>& stack) {
    if (is_element(n, "item") || is_element(n, "entry") || is_element(n, "source")) return;
    for (const xmlNode* c = n->last; c != nullptr; c = c->prev) {
      if (c->type == XML_ELEMENT_NODE) stack.push_back(c);
    }
  }

  std::vector<const xmlNode*> children_;
  std::vector<const xmlNode*> nested_;  // document order
};

// Date elements by preference: the publication date first, the last update
// only when there is nothing else. RSS: pubDate, then Dublin Core's dc:date
// (RSS 1.0 and many 2.0 feeds); Atom 1.0 and 0.3 names for the same two.
constexpr std::string_view kDateElements[] = {"pubDate", "date",    "published",
                                              "issued",  "updated", "modified"};

std::string read_date(const ItemFields& fields, ReadStats& stats) {
  for (std::string_view name : kDateElements) {
    if (const xmlNode* n = fields.first(name)) {
      const std::string raw = field_text(n);
      std::string iso = feed_date(raw);
      if (iso.empty() && !trim(raw).empty() && stats.bad_dates++ == 0) {
        stats.first_bad_date = std::string(clean::utf8_prefix(trim(raw), kMaxQuotedBytes));
      }
      return iso;
    }
  }
  return "";
}

// What the item readers end with: an item without a URL is dropped (and
// counted); one with a URL gets it and its date.
std::optional<FeedItem> finish_item(FeedItem item, std::optional<std::string> url,
                                    const ItemFields& fields, ReadStats& stats) {
  if (!url) {
    ++stats.without_link;
    return std::nullopt;
  }
  item.url = std::move(*url);
  item.published = read_date(fields, stats);
  return item;
}

// One RSS <item> (2.0, 0.9x, 1.0).
std::optional<FeedItem> read_rss_item(const xmlNode* item, std::string_view feed_url,
                                      ReadStats& stats) {
  const ItemFields fields(item);
  FeedItem out;
  if (const xmlNode* title = fields.first("title")) out.title = clean::html_text(field_text(title));
  std::string link;       // <link>text</link>
  std::string atom_link;  // <atom:link href="..."/> inside an RSS item
  for (const xmlNode* n : fields.all("link")) {
    const std::string text(trim(field_text(n)));
    const std::string rel(trim(attribute(n, "rel")));
    if (!text.empty() && link.empty()) link = text;
    if (text.empty() && atom_link.empty() && (rel.empty() || equals_ci(rel, "alternate"))) {
      atom_link = trim(attribute(n, "href"));
    }
  }
  bool guid_is_permalink = true;
  if (const xmlNode* guid = fields.first("guid")) {
    out.guid = trim(field_text(guid));
    guid_is_permalink = !equals_ci(trim(attribute(guid, "isPermaLink")), "false");
  }
  // RSS 1.0 names the item's URL in rdf:about as well.
  const std::string about(trim(attribute(item, "about")));
  std::string ref = !link.empty() ? link : atom_link;
  if (ref.empty() && guid_is_permalink && looks_like_web_url(out.guid)) ref = out.guid;
  if (ref.empty() && looks_like_web_url(about)) ref = about;
  std::optional<std::string> url;
  if (!ref.empty()) url = resolve_url(base_at(item, feed_url), ref);
  return finish_item(std::move(out), std::move(url), fields, stats);
}

// One Atom <entry>.
std::optional<FeedItem> read_atom_entry(const xmlNode* entry, std::string_view feed_url,
                                        ReadStats& stats) {
  const ItemFields fields(entry);
  FeedItem out;
  if (const xmlNode* title = fields.first("title")) out.title = atom_text(title);
  if (const xmlNode* id = fields.first("id")) out.guid = trim(field_text(id));
  std::optional<std::string> url;
  for (const xmlNode* n : fields.all("link")) {
    // rel="alternate" (or none, which means alternate) is the entry's page;
    // enclosure, related, self, edit, replies are not.
    const std::string rel(trim(attribute(n, "rel")));
    const std::string href(trim(attribute(n, "href")));
    if ((rel.empty() || equals_ci(rel, "alternate")) && !href.empty()) {
      url = resolve_url(base_at(n, feed_url), href);
      if (url) break;
    }
  }
  if (!url && looks_like_web_url(out.guid)) url = resolve_url(feed_url, out.guid);
  return finish_item(std::move(out), std::move(url), fields, stats);
}

// Every element named `local` in document order, nested ones included (an
// <item> missing its end tag holds the next one).
std::vector<const xmlNode*> elements_named(const xmlNode* root, std::string_view local) {
  std::vector<const xmlNode*> found;
  std::vector<const xmlNode*> stack{root};
  while (!stack.empty()) {
    const xmlNode* n = stack.back();
    stack.pop_back();
    if (n->type != XML_ELEMENT_NODE) continue;
    if (is_element(n, local)) found.push_back(n);
    for (const xmlNode* c = n->last; c != nullptr; c = c->prev) stack.push_back(c);
  }
  return found;
}

// ---------------------------------------------------------------------------
// Dates that clean::parse_date() does not read: RFC 822 and its relatives.

constexpr std::string_view kMonths[] = {"january",   "february", "march",    "april",
                                        "may",       "june",     "july",     "august",
                                        "september", "october",  "november", "december"};
constexpr std::string_view kWeekdays[] = {"monday", "tuesday",  "wednesday", "thursday",
                                          "friday", "saturday", "sunday"};

// A zone abbreviation and its offset. RFC 822's US zones as it defines them,
// except CST: the feeds we read print it from Java's Date.toString() in
// Asia/Shanghai, where it means China Standard Time (+08:00), not US Central.
struct ZoneName {
  std::string_view name;  // lower case
  std::string_view offset;
};
constexpr ZoneName kZoneNames[] = {
    {"bjt", "+08:00"}, {"cct", "+08:00"}, {"cdt", "-05:00"}, {"cst", "+08:00"}, {"edt", "-04:00"},
    {"est", "-05:00"}, {"gmt", "Z"},      {"hkt", "+08:00"}, {"mdt", "-06:00"}, {"mst", "-07:00"},
    {"pdt", "-07:00"}, {"pst", "-08:00"}, {"ut", "Z"},       {"utc", "Z"},      {"z", "Z"},
};
static_assert(std::is_sorted(std::begin(kZoneNames), std::end(kZoneNames),
                             [](const ZoneName& a, const ZoneName& b) { return a.name < b.name; }));

// 1-based index of `word` in `names` when it is a prefix of one of them (at
// least three letters: "Mar", "Sept", "March"); 0 otherwise.
template <std::size_t N>
int name_index(std::string_view word, const std::string_view (&names)[N]) {
  if (word.size() < 3) return 0;
  const std::string lower = ascii_lowered(word);
  for (std::size_t i = 0; i < N; ++i) {
    if (names[i].starts_with(lower)) return static_cast<int>(i) + 1;
  }
  return 0;
}

// "+0800", "+08:00", "+08", "-0500", "+8" -> "+08:00"; nullopt otherwise.
std::optional<std::string> numeric_zone(std::string_view s) {
  if (s.size() < 2 || (s[0] != '+' && s[0] != '-')) return std::nullopt;
  std::string digits;
  for (char c : s.substr(1)) {
    if (is_digit(c)) {
      digits += c;
    } else if (c != ':') {
      return std::nullopt;
    }
  }
  int hours = 0, minutes = 0;
  if (digits.size() == 1 || digits.size() == 2) {
    hours = std::stoi(digits);
  } else if (digits.size() == 4) {
    hours = std::stoi(digits.substr(0, 2));
    minutes = std::stoi(digits.substr(2));
  } else {
    return std::nullopt;
  }
  if (hours > 14 || minutes > 59) return std::nullopt;
  char buf[32];
  std::snprintf(buf, sizeof buf, "%c%02d:%02d", s[0], hours, minutes);
  return std::string(buf);
}

std::optional<std::string> zone_of(std::string_view token) {
  if (auto numeric = numeric_zone(token)) return numeric;
  const std::string lower = ascii_lowered(token);
  // "GMT+0800", "UTC+8": JavaScript's Date.toString() and hand-made feeds.
  for (std::string_view prefix : {"gmt", "utc"}) {
    if (lower.size() > prefix.size() && lower.starts_with(prefix)) {
      return numeric_zone(token.substr(prefix.size()));
    }
  }
  const auto* it =
      std::lower_bound(std::begin(kZoneNames), std::end(kZoneNames), lower,
                       [](const ZoneName& z, const std::string& name) { return z.name < name; });
  if (it != std::end(kZoneNames) && it->name == lower) return std::string(it->offset);
  return std::nullopt;
}

// "9:05" -> "09:05:00", "10:20:00" -> "10:20:00"; "" when not a clock time
// (clean::parse_date checks the ranges).
std::string clock_time(std::string_view s) {
  int parts[3] = {0, 0, 0};
  int count = 0;
  while (true) {
    if (count == 3) return "";
    const std::size_t colon = s.find(':');
    const std::string_view field = s.substr(0, colon);
    if (field.empty() || field.size() > 2 || !std::all_of(field.begin(), field.end(), is_digit)) {
      return "";
    }
    if (count > 0 && field.size() != 2) return "";
    parts[count++] = std::stoi(std::string(field));
    if (colon == std::string_view::npos) break;
    s.remove_prefix(colon + 1);
  }
  if (count < 2) return "";
  char buf[48];
  std::snprintf(buf, sizeof buf, "%02d:%02d:%02d", parts[0], parts[1], parts[2]);
  return buf;
}

// The parts of a date read so far; -1 or "" for those not seen yet.
struct DateParts {
  int day = -1, month = -1, year = -1;
  std::string date;  // "YYYY-MM-DD" from a token clean::parse_date() read
  std::string time;
  std::string zone;
};

// The next token of `text` at or after `i` (separators: whitespace and ','),
// moving `i` past it; "" when there is none.
std::string_view next_token(std::string_view text, std::size_t& i) {
  const std::size_t start = text.find_first_not_of(" \t\r\n,", i);
  if (start == std::string_view::npos) return {};
  std::size_t end = text.find_first_of(" \t\r\n,", start);
  if (end == std::string_view::npos) end = text.size();
  i = end;
  return text.substr(start, end - start);
}

// A token of digits only: the day, then a four- or two-digit year.
bool read_number(std::string_view token, DateParts& parts) {
  const int value = token.size() <= 4 ? std::stoi(std::string(token)) : -1;
  if (token.size() <= 2 && parts.day < 0) {
    parts.day = value;
  } else if (token.size() == 4 && parts.year < 0) {
    parts.year = value;
  } else if (token.size() == 2 && parts.year < 0) {
    parts.year = value < 70 ? 2000 + value : 1900 + value;  // RFC 822's two-digit years
  } else {
    return false;
  }
  return true;
}

// 9:05, 10:20, 10:20:00, 10:20:00+0800
bool read_clock(std::string_view token, DateParts& parts) {
  const std::size_t zone_at = token.find_first_of("+-Zz");
  if (zone_at != std::string_view::npos) {
    const auto z = zone_of(token.substr(zone_at));
    if (!z) return false;
    parts.zone = *z;
  }
  parts.time = clock_time(token.substr(0, zone_at));
  return !parts.time.empty();
}

// 2024-03-05, 2024/3/5, 2024-03-05T10:20:00 (then a zone word)
bool read_numeric_date(std::string_view token, DateParts& parts) {
  const std::string iso = clean::parse_date(token, "");
  if (iso.size() == 10) {
    parts.date = iso;
  } else if (iso.size() == 19 && parts.time.empty()) {
    parts.date = iso.substr(0, 10);
    parts.time = iso.substr(11);
  } else {
    return false;
  }
  return true;
}

// Reads one token into `parts`; false when it is none of the parts or a
// part already read.
bool read_date_token(std::string_view token, DateParts& parts) {
  if (std::all_of(token.begin(), token.end(), is_digit)) return read_number(token, parts);
  if (is_digit(token.front()) && token.find(':') != std::string_view::npos && parts.time.empty()) {
    return read_clock(token, parts);
  }
  if (is_digit(token.front()) && parts.date.empty()) return read_numeric_date(token, parts);
  if (const int m = name_index(token, kMonths); m > 0 && parts.month < 0) {
    parts.month = m;
    return true;
  }
  if (name_index(token, kWeekdays) > 0) return true;
  if (const auto z = zone_of(token); z && parts.zone.empty()) {
    parts.zone = *z;
    return true;
  }
  return false;
}

// The ISO 8601 date `parts` spell; "" when they are not one whole date.
std::string iso_date(const DateParts& parts) {
  std::string date = parts.date;
  if (date.empty()) {
    if (parts.day < 0 || parts.month < 0 || parts.year < 0) return "";
    char buf[48];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", parts.year, parts.month, parts.day);
    date = buf;
  } else if (parts.day >= 0 || parts.month >= 0 || parts.year >= 0) {
    return "";  // two dates
  }
  // clean::parse_date range-checks every field and writes the zone.
  return clean::parse_date(parts.time.empty() ? date : date + " " + parts.time,
                           parts.zone.empty() ? clean::kDefaultZone : parts.zone);
}

// RFC 822 and friends, read token by token so that the order of the parts
// does not matter (Java writes the year last): "Tue, 05 Mar 2024 10:20:00
// +0800", "5 Mar 24 10:20 GMT", "Tue Mar 05 10:20:00 CST 2024", "2024-03-05
// 10:20:00 CST".
std::string parse_rfc822(std::string_view text) {
  DateParts parts;
  bool in_comment = false;
  std::size_t i = 0;
  for (std::string_view token = next_token(text, i); !token.empty();
       token = next_token(text, i)) {
    // "(中国标准时间)", "(CST)": comments.
    if (in_comment || token.front() == '(') {
      in_comment = token.back() != ')';
      continue;
    }
    if (!read_date_token(token, parts)) return "";
  }
  return iso_date(parts);
}

// ---------------------------------------------------------------------------
// parse_rss_atom's warnings and errors.

std::string_view item_element(FeedKind kind) { return kind == FeedKind::kAtom ? "entry" : "item"; }

// kBadFeed naming the feed: "rss feed <url><what>".
Error bad_feed(FeedKind kind, std::string_view feed_url, const std::string& what) {
  const std::string_view kind_name = kind == FeedKind::kAtom ? "atom" : "rss";
  return {ErrorCode::kBadFeed, std::string(kind_name) + " feed " + std::string(feed_url) + what};
}

void add_sanitise_warnings(const Sanitised& clean_xml, std::vector<std::string>& warnings) {
  if (clean_xml.doctypes > 0) warnings.push_back("DOCTYPE removed: feeds declare no entities");
  if (clean_xml.bare_ampersands > 0) {
    warnings.push_back(plural(clean_xml.bare_ampersands, "bare '&' escaped", "bare '&'s escaped"));
  }
  if (clean_xml.html_entities > 0) {
    warnings.push_back(plural(clean_xml.html_entities, "undeclared entity read as HTML",
                              "undeclared entities read as HTML"));
  }
  if (clean_xml.bad_characters > 0) {
    warnings.push_back(plural(clean_xml.bad_characters, "character XML forbids removed",
                              "characters XML forbids removed"));
  }
}

void add_parse_warnings(const ParseLog& log, std::vector<std::string>& warnings) {
  if (log.stopped_at_line > 0) {
    warnings.push_back("feed cut at line " + std::to_string(log.stopped_at_line) + ": over " +
                       std::to_string(kMaxXmlElements) + " elements");
  }
  for (const std::string& error : log.errors) {
    if (error.find("User stop") == std::string::npos) warnings.push_back(error);  // our own stop
  }
  if (log.error_count > kMaxXmlWarnings) {
    warnings.push_back(std::to_string(log.error_count - kMaxXmlWarnings) + " more XML errors");
  }
}

void add_read_warnings(const ReadStats& stats, std::vector<std::string>& warnings) {
  if (stats.without_link > 0) {
    warnings.push_back(plural(stats.without_link, "item without a usable link dropped",
                              "items without a usable link dropped"));
  }
  if (stats.bad_dates > 0) {
    warnings.push_back(plural(stats.bad_dates, "date", "dates") + " not understood (first: \"" +
                       stats.first_bad_date + "\")");
  }
}

// Step 3: the feed's items from its <item> or <entry> elements.
void read_items(const std::vector<const xmlNode*>& items, const ParseLog& log,
                std::string_view feed_url, FeedKind kind, Feed& feed) {
  ReadStats stats;
  for (std::size_t k = 0; k < items.size(); ++k) {
    if (k + 1 == items.size() && !was_closed(items[k], log)) {
      // Only the last item can be cut off by the end of the body; earlier
      // unclosed ones were ended by the next one's start tag.
      feed.warnings.push_back("last " + std::string(item_element(kind)) +
                              " cut off by the end of the feed: dropped");
      break;
    }
    std::optional<FeedItem> item = kind == FeedKind::kAtom
                                       ? read_atom_entry(items[k], feed_url, stats)
                                       : read_rss_item(items[k], feed_url, stats);
    if (item) feed.items.push_back(std::move(*item));
  }
  add_read_warnings(stats, feed.warnings);
}

}  // namespace

std::size_t doctype_end(std::string_view s, std::size_t i) {
  bool in_subset = false;
  for (std::size_t j = i + 2; j < s.size(); ++j) {
    const char c = s[j];
    if (c == '"' || c == '\'') {
      const std::size_t close = s.find(c, j + 1);
      if (close == std::string_view::npos) return s.size();
      j = close;
    } else if (in_subset && s.compare(j, 4, "<!--") == 0) {
      const std::size_t close = s.find("-->", j + 4);
      if (close == std::string_view::npos) return s.size();
      j = close + 2;
    } else if (c == '[') {
      in_subset = true;
    } else if (c == ']') {
      in_subset = false;
    } else if (c == '>' && !in_subset) {
      return j + 1;
    }
  }
  return s.size();
}

std::string feed_date(std::string_view text) {
  constexpr std::size_t kMaxDateBytes = 128;  // dates are short; this is something else
  text = trim(text);
  if (text.empty() || text.size() > kMaxDateBytes) return "";
  if (std::string iso = clean::parse_date(text); !iso.empty()) return iso;
  return parse_rfc822(text);
}

Feed parse_rss_atom(std::string_view text, std::string_view feed_url, FeedKind kind) {
  Feed feed;
  feed.kind = kind;

  // 1. sanitise
  const Sanitised clean_xml = sanitise(text);
  add_sanitise_warnings(clean_xml, feed.warnings);

  // 2. parse
  ParseLog log;
  const XmlDoc doc = parse_xml(clean_xml.xml, log);
  const std::string first_error = log.errors.empty() ? "" : log.errors.front();
  add_parse_warnings(log, feed.warnings);
  const xmlNode* root = doc ? xmlDocGetRootElement(doc.get()) : nullptr;
  if (root == nullptr) {
    feed.error = bad_feed(kind, feed_url,
                          ": not XML" + (first_error.empty() ? "" : " (" + first_error + ")"));
    return feed;
  }

  // 3. read
  const std::vector<const xmlNode*> items = elements_named(root, item_element(kind));
  if (items.empty() && log.error_count > 0) {
    // A well-formed feed with no items is a quiet feed; a broken one is not a feed.
    feed.error = bad_feed(kind, feed_url,
                          ": no items in a document that is not well-formed (" + first_error + ")");
    return feed;
  }
  read_items(items, log, feed_url, kind, feed);
  return feed;
}

}  // namespace fetch
