// Copyright winnow authors. Licensed under the MIT licence.
//
// Look-ups in the build-time table of the embedded rules' analyses
// (facts.h).

#include "rules/facts.h"

#include <algorithm>
#include <type_traits>

#include "rules/literals.h"
#include "rules/prefix.h"

namespace winnow {
namespace rules_internal {
namespace {

// The entry of sorted `table` whose key is `pattern` (and `icase`), or
// null. A binary search: a few hundred look-ups at load cost less than
// building a hash map of the table would.
template <typename Fact>
const Fact* Find(const Fact* table, size_t n, std::string_view pattern,
                 bool icase = false) {
  const Fact* end = table + n;
  const Fact* it = std::lower_bound(
      table, end, pattern, [icase](const Fact& f, std::string_view key) {
        const int c = TextOf(f.pattern).compare(key);
        if constexpr (std::is_same_v<Fact, PrefixFact>) {
          return c != 0 ? c < 0 : f.icase < icase;
        } else {
          (void)icase;
          return c < 0;
        }
      });
  if (it == end || TextOf(it->pattern) != pattern) return nullptr;
  if constexpr (std::is_same_v<Fact, PrefixFact>) {
    if (it->icase != icase) return nullptr;
  }
  return it;
}

bool Fill(const FactList& answer, std::vector<std::string>* out) {
  out->clear();
  if (!answer.known) return false;
  out->reserve(answer.count);
  for (uint32_t i = 0; i < answer.count; ++i) {
    out->emplace_back(TextOf(kFactStrings[answer.first + i]));
  }
  return true;
}

}  // namespace

const FactList* FindPrefixFact(std::string_view pattern, bool icase) {
  const PrefixFact* f = Find(kPrefixFacts, kPrefixFactCount, pattern, icase);
  return f == nullptr ? nullptr : &f->answer;
}

const FactList* FindLiteralFact(std::string_view pattern) {
  const LiteralFact* f = Find(kLiteralFacts, kLiteralFactCount, pattern);
  return f == nullptr ? nullptr : &f->answer;
}

const KindFact* FindKindFact(std::string_view pattern) {
  return Find(kKindFacts, kKindFactCount, pattern);
}

const RelaxFact* FindRelaxFact(std::string_view pattern) {
  return Find(kRelaxFacts, kRelaxFactCount, pattern);
}

bool PrefixesOf(std::string_view pattern, bool icase,
                std::vector<std::string>* out) {
  if (const FactList* f = FindPrefixFact(pattern, icase)) return Fill(*f, out);
  if (MatchPrefixes(pattern, icase, out)) return true;
  out->clear();
  return false;
}

bool LiteralsOf(std::string_view pattern, std::vector<std::string>* out) {
  if (const FactList* f = FindLiteralFact(pattern)) return Fill(*f, out);
  return RequiredLiterals(pattern, out);
}

TextKind KindOf(std::string_view pattern) {
  if (const KindFact* f = FindKindFact(pattern)) return f->kind;
  return KindOfText(pattern);
}

std::string RelaxedOf(std::string_view pattern, int64_t* exact_up_to) {
  if (const RelaxFact* f = FindRelaxFact(pattern)) {
    *exact_up_to = f->up_to;
    return std::string(TextOf(f->relaxed));
  }
  return RelaxedPattern(pattern, exact_up_to);
}

}  // namespace rules_internal
}  // namespace winnow
