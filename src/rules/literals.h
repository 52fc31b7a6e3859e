// Copyright winnow authors. Licensed under the MIT licence.
//
// Literals a rule's every match contains. Many text rules may begin
// anywhere ("^[\s\S]*(?:join|subscribe)...") and so have no match prefixes
// (prefix.h); a fresh rule set would compile each of them for a page's
// first block. Such a rule cannot match a block that contains none of its
// required literals, which a search for plain strings finds without RE2.

#ifndef WINNOW_RULES_LITERALS_H_
#define WINNOW_RULES_LITERALS_H_

#include <string>
#include <string_view>
#include <vector>

namespace winnow {

// Fills *out with ASCII-lower-cased, non-empty strings such that every
// match of `pattern` (RE2 syntax, either case), ASCII-lower-cased, contains
// one of them (see MayContain for the texts this holds on). Returns false,
// with no list, when no such list was found (a part of the pattern may
// match the empty text, or the pattern is read only partly).
bool RequiredLiterals(std::string_view pattern, std::vector<std::string>* out);

// True when case folding may match an ASCII letter of a pattern to a byte
// of `text` outside ASCII (the Kelvin sign, the long s, the dotted and
// dotless i): such a text is not judged by required literals.
bool FoldsToAscii(std::string_view text);

// False only when no match of a pattern whose RequiredLiterals are
// `required` can lie in a text whose ASCII-lower-cased copy is `lowered`
// and for which FoldsToAscii is false.
bool MayContain(const std::vector<std::string>& required,
                std::string_view lowered);

}  // namespace winnow

#endif  // WINNOW_RULES_LITERALS_H_
