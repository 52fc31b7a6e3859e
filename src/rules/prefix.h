// Copyright winnow authors. Licensed under the MIT licence.
//
// How a rule's matches can begin. A text rule anchored at the block's start
// ("^(?:impressum|imprint|...)") cannot match a block that begins with none
// of "imp", "leg", ...: the rules a block or an element needs compiled are
// found from its first bytes (match.cc), without RE2, so that a process
// that cleans one small page compiles a few rules, not all.

#ifndef WINNOW_RULES_PREFIX_H_
#define WINNOW_RULES_PREFIX_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace winnow {

// Prefixes are at most this many bytes; longer ones say little more.
constexpr size_t kPrefixBytes = 3;
// A pattern with more prefixes than this is taken to begin anyhow.
constexpr size_t kMaxPrefixes = 512;
// A class of more bytes than this ends a prefix.
constexpr size_t kMaxClassBytes = 16;

// Fills *out with ASCII-lower-cased strings of 1 to kPrefixBytes bytes such
// that for every match m of `pattern` (RE2 syntax; `icase` when the whole
// of it is case-insensitive), anchored at the start of a text, whose first
// kPrefixBytes bytes are ASCII, one of the strings is a prefix of lower(m)
// (an empty list: no such match). Returns false, with no list, when the
// pattern may match the empty text or begin with what this does not read
// exactly (".", "[^...]", \p, \S, a class of many bytes). A text with a
// byte >= 0x80 in its first kPrefixBytes bytes is not judged by the list.
bool MatchPrefixes(std::string_view pattern, bool icase,
                   std::vector<std::string>* out);

}  // namespace winnow

#endif  // WINNOW_RULES_PREFIX_H_
