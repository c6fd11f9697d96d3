// The links of a page, for list pages (the many government sites with no
// feed): stages 1 and 2 of clean::extract (decode, parse), then every
// <a href> in document order. Also the visible text of an HTML fragment, for
// feed titles that carry markup or entities.
//
// Pure functions of their arguments: no I/O, no globals; safe to call from
// any number of threads at once. Hostile input never throws.
#ifndef JINGWEN_CLEAN_LINKS_H_
#define JINGWEN_CLEAN_LINKS_H_

#include <string>
#include <string_view>
#include <vector>

#include "clean/clean.h"

namespace clean {

struct Link {
  std::string href;  // the attribute as written: not resolved, not trimmed
  // The anchor's visible text, whitespace collapsed. Two exceptions:
  //  - the anchor shows no text (an image link): its title attribute, else
  //    the alt text of its first <img>;
  //  - its title attribute starts with the visible text less a trailing
  //    "…" or "..." and goes on (list pages cut long titles and keep the
  //    whole one in title=): the title attribute.
  // The title attribute and alt text are the first non-empty ones among all
  // anchors of the page to the same href, hidden ones included: a thumbnail
  // link takes the title= of the text link beside it.
  std::string text;
  // The anchor shows no text; `text` came from title= or alt=, a weaker
  // title than a text link's to the same URL.
  bool image_link = false;
};

struct PageLinks {
  // Anchors with a non-empty href inside the scope, in document order.
  // Anchors the parse stage drops (hidden, inside <noscript>, ...) are not here.
  std::vector<Link> links;
  // The page's first <base href>, as written; "" when it has none. Resolve it
  // against the page's URL, then every href against the result.
  std::string base_href;
  std::string charset;  // what the decode stage read the bytes as
  // False when the scope selector did not parse; `links` is then empty.
  bool selector_ok = true;
};

// The links of `input` (its `plain_text` flag is ignored) inside the
// elements matching `scope_selector` (clean::Selector syntax: tag, .class,
// #id, descendant, comma; outermost matches only). An empty selector scopes
// the whole document. Options::max_input_bytes and max_depth bound the work
// as for extract().
PageLinks links(const Input& input, std::string_view scope_selector, const Options& options = {});

// The visible text of an HTML fragment: character references decoded
// (&nbsp; &ldquo; &#8220; ...), tags dropped, whitespace collapsed, as a
// browser would show it. "a < b" stays as written. Used for feed titles,
// which are HTML-escaped in practice.
// REQUIRES: html is valid UTF-8.
std::string html_text(std::string_view html);

}  // namespace clean

#endif  // JINGWEN_CLEAN_LINKS_H_
