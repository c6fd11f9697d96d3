// Class/id hints: the words in an element's `class` and `id` that say
// "article body here" or "chrome here". Tables live in hints.cc.
#ifndef JINGWEN_CLEAN_HINTS_H_
#define JINGWEN_CLEAN_HINTS_H_

#include <string_view>

namespace clean {

// +25 for a positive hint, -25 for a negative one, summed over id and class
// separately (an element with a positive id and a negative class nets 0).
// `id` and `classes` must be lower-cased.
int class_weight(std::string_view id, std::string_view classes);

// True when the element is chrome that is dropped before scoring (menus,
// sidebars, comment boxes, footers, related lists), unless it also carries a
// word that says it may hold the article. `id_class` is lower-cased.
bool is_unlikely_candidate(std::string_view id_class);

// True for a share/social widget name, removed from the article when short.
bool is_share_widget(std::string_view id_class);

// True for the wrapper of a post quoted from a social network (an embedded
// tweet): content, whatever chrome words or links it carries.
bool is_embedded_post(std::string_view id_class);

// True for a byline ("By X", author box) or an image caption: not body,
// removed from the article when short.
bool is_byline(std::string_view id_class);
bool is_caption(std::string_view id_class);

// True when the whole text of an element is an ad label or a loading notice.
bool is_ad_or_loading_label(std::string_view text);

// True when `line` (an element's first line of text) is the heading of a
// legal notice: 版权声明, 郑 重 声 明, 免责条款：. Spaces and
// trailing colons are ignored; a site name may precede the label
// (雅虎中国著作权声明).
bool is_disclaimer_heading(std::string_view line);

}  // namespace clean

#endif  // JINGWEN_CLEAN_HINTS_H_
