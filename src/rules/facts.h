// Copyright winnow authors. Licensed under the MIT licence.
//
// The answers of the pure analyses of a rule's pattern -- its match
// prefixes (prefix.h), its required literals (literals.h) and its text kind
// (KindOfText, internal.h) and its relaxed Set pattern (RelaxedPattern) -- for
// every embedded rule, computed once at build time. Finding them was two thirds
// of the instructions of a process that cleans one small page (26 of 42
// million), every time the same.
//
// The generator (src/embed/rule_facts_main.cc) links the same analysis
// sources, reads the embedded rules as the binary embeds them, and writes
// BUILD/gen/rule_facts.cc. The table is keyed by the exact input of each
// function (the pattern's text, and icase for the prefixes), not by rule ID:
// a rule of --rules, a rule made in code or an edited pattern simply misses
// it and is analysed at run time, as before. The rules_test FactsTable.*
// checks that every embedded rule's answer in the table is the function's.

#ifndef WINNOW_RULES_FACTS_H_
#define WINNOW_RULES_FACTS_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "rules/internal.h"

namespace winnow {
namespace rules_internal {

// A string of the table: kFactBytes[offset, offset + size). Offsets, not
// pointers: the table is read-only data the loader need not relocate
// (string_views were 8,600 relocations, each page of them copied).
struct FactText {
  uint32_t offset;
  uint32_t size;
};
// A function's answer: its return value and, when true, its list, the
// strings kFactStrings[first, first + count).
struct FactList {
  bool known;
  uint32_t first;
  uint32_t count;
};
struct PrefixFact {  // MatchPrefixes(pattern, icase)
  FactText pattern;
  bool icase;
  FactList answer;
};
struct LiteralFact {  // RequiredLiterals(pattern)
  FactText pattern;
  FactList answer;
};
struct KindFact {  // KindOfText(pattern)
  FactText pattern;
  TextKind kind;
};
struct RelaxFact {   // RelaxedPattern(pattern, &up_to)
  FactText pattern;  // a text rule's WrappedPattern
  FactText relaxed;
  int64_t up_to;
};

// The generated table; each array sorted by its key (pattern, then icase).
extern const char kFactBytes[];
extern const FactText kFactStrings[];
extern const PrefixFact kPrefixFacts[];
extern const size_t kPrefixFactCount;
extern const LiteralFact kLiteralFacts[];
extern const size_t kLiteralFactCount;
extern const KindFact kKindFacts[];
extern const size_t kKindFactCount;
extern const RelaxFact kRelaxFacts[];
extern const size_t kRelaxFactCount;

inline std::string_view TextOf(FactText t) {
  return std::string_view(kFactBytes + t.offset, t.size);
}

// The table's answer for the input, or null when it has none.
const FactList* FindPrefixFact(std::string_view pattern, bool icase);
const FactList* FindLiteralFact(std::string_view pattern);
const KindFact* FindKindFact(std::string_view pattern);
const RelaxFact* FindRelaxFact(std::string_view pattern);

// MatchPrefixes, RequiredLiterals, KindOfText and RelaxedPattern, with the
// same contracts (on false, *out is empty), answered from the table when it
// holds the input.
bool PrefixesOf(std::string_view pattern, bool icase,
                std::vector<std::string>* out);
bool LiteralsOf(std::string_view pattern, std::vector<std::string>* out);
TextKind KindOf(std::string_view pattern);
std::string RelaxedOf(std::string_view pattern, int64_t* exact_up_to);

}  // namespace rules_internal
}  // namespace winnow

#endif  // WINNOW_RULES_FACTS_H_
