// Copyright winnow authors. Licensed under the MIT licence.
//
// A block's text or an element's attributes -> the rules that match.
//
// how their matches start (see TextKind). Attribute rules go into one
// RE2::Set matched against a descriptor of one element, one line per field
// token and one more per part of a token after a '-' or '_':
//
//   t=div\nc=main-nav\nc-nav\nc=nav_bar\nc-bar\ni=top\nr=navigation\n...
//
// compiled with never_nl, so that no pattern can run from one token into the
// next, and each pattern wrapped so that it matches a whole run of a token
// bounded by the token's ends or by '-' / '_': it starts at a line's start
// ("X=" for the token's start, "X-" for a later part) and ends at the line's
// end or a '-' / '_'. (Patterns that searched each token for a part's start
// themselves made the Set's DFA track every rule at every character: a
// fresh process spent 0.16 s building its states on the corpus, now 0.01.)
// A line that no rule can match, by the rules' match prefixes, is not
// written at all (LineFilter in chunk_filter.h); an element left with no
// line is not matched.

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "rules/chunk_filter.h"
#include "rules/facts.h"
#include "rules/internal.h"
#include "rules/literals.h"
#include "rules/memo.h"
#include "rules/prefix.h"
#include "rules/rules.h"
#include "util/ascii.h"

namespace winnow {
namespace rules_internal {
namespace {

// Matches `subject` against every chunk whose filter does not rule it out
// (chunk_filter.h); when a Set's DFA gives up (out of memory), or RE2
// refused to compile it, falls back to one regexp per rule.
void MatchChunks(const std::vector<std::unique_ptr<RuleSet::Chunk>>& chunks,
                 const std::vector<Rule>& rules, bool attr,
                 std::string_view subject, std::vector<int>* hits) {
  thread_local std::vector<int> slots;
  const re2::StringPiece text(subject.data(), subject.size());
  for (const auto& c : chunks) {
    if (c->filter != nullptr && !c->filter->MayMatch(subject)) continue;
    const RE2::Set* set = c->set();
    RE2::Set::ErrorInfo info;
    if (set != nullptr) {
      // Most block texts match no rule of a Set. Asked only whether any
      // rule matches, the DFA stops at the first match and RE2 allocates
      // nothing; the slots are asked for when there is a match. Most
      // element descriptors that get here (LineFilter) match a rule (61%
      // on the development corpus): they ask for the slots at once.
      if (!attr && !set->Match(text, nullptr, &info) &&
          info.kind == RE2::Set::kNoError) {
        continue;
      }
      slots.clear();
      if (set->Match(text, &slots, &info)) {
        for (int s : slots) {
          // A relaxed pattern's hit stands only if the exact one agrees.
          const ExactPattern* re = c->exact[s].get();
          if (re == nullptr || re->Confirms(subject)) {
            hits->push_back(c->rule[s]);
          }
        }
        continue;
      }
      if (info.kind == RE2::Set::kNoError) continue;  // no match
    }
    const RE2::Options opts =
        attr ? AttrOptions(kOneMaxMem) : TextOptions(kOneMaxMem);
    for (int index : c->rule) {
      RE2 re(WrappedPattern(rules[index]), opts);
      if (re.ok() && RE2::PartialMatch(text, re)) hits->push_back(index);
    }
  }
}

// Whether `value` (a class attribute) has the classes WordPress's
// post_class() gives a post: "hentry", "post-123", "postid-123", or a
// "type-", "status-" or "format-" token. On such an element every "tag-" and
// "category-" token is taxonomy: a post tagged "links" is "tag-links".
bool HasPostClasses(std::string_view value) {
  static const std::string_view kMarks[] = {"type-", "status-", "format-",
                                            "postid-"};
  size_t i = 0;
  while (i < value.size()) {
    while (i < value.size() && IsAsciiSpace(value[i])) ++i;
    const size_t start = i;
    while (i < value.size() && !IsAsciiSpace(value[i])) ++i;
    const std::string_view tok = value.substr(start, i - start);
    if (EqualsIgnoreCase(tok, "hentry")) return true;
    if (tok.size() > 5 && EqualsIgnoreCase(tok.substr(0, 5), "post-") &&
        tok.find_first_not_of("0123456789", 5) == std::string_view::npos)
      return true;
    for (std::string_view m : kMarks) {
      if (tok.size() > m.size() && EqualsIgnoreCase(tok.substr(0, m.size()), m))
        return true;
    }
  }
  return false;
}

// WordPress and friends put the post's taxonomy into class names
// ("tag-cookies", "category-social-media", "format-video"): they say what the
// article is about, not what the element is, so rules do not see them.
// Layout names that merely start like one ("tag-cloud") stay, except on a
// post (HasPostClasses).
enum class Taxonomy {
  kNo,      // not taxonomy
  kYes,     // taxonomy
  kOnPost,  // a layout name: taxonomy on a post only
};

// What class token `tok`, whose first '-' or '_' is at `sep` (npos: none),
// is (see Taxonomy).
Taxonomy TaxonomyOf(std::string_view tok, size_t sep) {
  static const std::string_view kPrefixes[] = {
      "tag-",  "tag_",    "category-", "category_", "post_tag-",
      "term-", "format-", "status-",   "type-",     "postid-",
  };
  static const std::string_view kLayout[] = {
      "list",      "links", "cloud", "box", "widget", "wrapper",
      "container", "title", "label", "nav", "menu",
  };
  // Every prefix has a '-' or '_' within its first nine bytes, and the
  // first such byte of the token must be the prefix's: most tokens are
  // turned away here, without a comparison.
  if (sep == std::string_view::npos || sep > 8) return Taxonomy::kNo;
  for (std::string_view p : kPrefixes) {
    if (tok.size() <= p.size() || sep >= p.size() || p[sep] != tok[sep] ||
        !EqualsIgnoreCase(tok.substr(0, p.size()), p))
      continue;
    const std::string_view rest = tok.substr(p.size());
    for (std::string_view l : kLayout) {
      if (EqualsIgnoreCase(rest, l)) return Taxonomy::kOnPost;
    }
    return Taxonomy::kYes;
  }
  return Taxonomy::kNo;
}

// The position of the first '-' or '_' in `tok`, or npos.
size_t FirstSeparator(std::string_view tok) {
  for (size_t k = 0; k < tok.size(); ++k) {
    if (tok[k] == '-' || tok[k] == '_') return k;
  }
  return std::string_view::npos;
}

// Appends the descriptor line "<field><mark><part, lower-cased>\n".
void AppendLine(char field, char mark, std::string_view part,
                std::string* out) {
  const size_t start = out->size();
  out->resize(start + part.size() + 3);
  char* p = &(*out)[start];
  *p++ = field;
  *p++ = mark;
  for (char c : part) *p++ = AsciiLower(c);
  *p = '\n';
}

// Whether `tok` has "and" as a part between '-' or '_': "body-and-footer"
// names a wrapper of both, so its parts are not the element's purpose.
bool JoinsNames(std::string_view tok) {
  size_t start = 0;  // of the current part
  for (size_t k = 0; k <= tok.size(); ++k) {
    if (k < tok.size() && tok[k] != '-' && tok[k] != '_') continue;
    if (start > 0 && k < tok.size() &&
        EqualsIgnoreCase(tok.substr(start, k - start), "and"))
      return true;
    start = k + 1;
  }
  return false;
}

// Appends "X=token\n" for every whitespace-separated token of `value`, and
// "X-part\n" for every part of it that follows a '-' or '_' (none for a
// token that joins names, JoinsNames); of those, only the lines `lines`
// (when not null) says a rule may match.
void AppendTokens(char field, std::string_view value, bool skip_taxonomy,
                  const LineFilter* lines, std::string* out) {
  auto wanted = [&](char mark, std::string_view part) {
    return lines == nullptr || lines->MayMatch(field, mark, part);
  };
  int on_post = -1;  // HasPostClasses, found when a token needs it
  size_t i = 0;
  while (i < value.size()) {
    while (i < value.size() && IsAsciiSpace(value[i])) ++i;
    size_t start = i;
    while (i < value.size() && !IsAsciiSpace(value[i])) ++i;
    if (i == start) break;
    std::string_view tok = value.substr(start, i - start);
    const size_t sep = FirstSeparator(tok);
    if (skip_taxonomy) {
      const Taxonomy t = TaxonomyOf(tok, sep);
      if (t == Taxonomy::kOnPost && on_post < 0) {
        on_post = HasPostClasses(value) ? 1 : 0;
      }
      if (t == Taxonomy::kYes || (t == Taxonomy::kOnPost && on_post == 1)) {
        continue;
      }
    }
    if (wanted('=', tok)) AppendLine(field, '=', tok, out);
    if (sep == std::string_view::npos || JoinsNames(tok)) continue;
    // Then every part of the token that follows a '-' or '_', marked "X-":
    // patterns not tied to the token's start match there (WrappedPattern).
    for (size_t k = sep; k + 1 < tok.size(); ++k) {
      if (tok[k] != '-' && tok[k] != '_') continue;
      const std::string_view part = tok.substr(k + 1);
      if (wanted('-', part)) AppendLine(field, '-', part, out);
    }
  }
}

// Matches `subject` rule by rule: only the candidates of `index` for its
// `heads` (the texts the rules' matches begin in).
void MatchCold(const RuleSet::Cold& cold, const RuleSet::Cold::Index& index,
               const std::vector<Rule>& rules,
               const std::vector<std::string_view>& heads,
               std::string_view subject, std::vector<int>* hits) {
  thread_local std::vector<int> candidates;
  candidates.clear();
  for (std::string_view head : heads) index.Candidates(head, &candidates);
  std::sort(candidates.begin(), candidates.end());
  candidates.erase(std::unique(candidates.begin(), candidates.end()),
                   candidates.end());
  // The subject, lower-cased for the required literals, or empty when
  // they do not judge it.
  thread_local std::string lowered;
  lowered.clear();
  if (!candidates.empty() && !FoldsToAscii(subject)) {
    lowered.assign(subject.data(), subject.size());
    for (char& c : lowered) c = AsciiLower(c);
  }
  for (int r : candidates) {
    const std::vector<std::string>& required =
        cold.single[r]->Required(rules[r]);
    if (!required.empty() && !lowered.empty() &&
        !MayContain(required, lowered)) {
      continue;
    }
    if (cold.single[r]->Matches(rules[r], subject)) hits->push_back(r);
  }
}

}  // namespace

void Describe(std::string_view tag, std::string_view class_attr,
              std::string_view id_attr, std::string_view role_attr,
              std::string_view aria_attr, std::string_view itemprop_attr,
              const LineFilter* lines, std::string* out) {
  out->clear();
  if (!tag.empty()) {
    *out += "t=";
    for (char c : tag) out->push_back(IsAsciiSpace(c) ? '_' : AsciiLower(c));
    if (lines != nullptr &&
        !lines->MayMatch('t', '=', std::string_view(*out).substr(2))) {
      out->clear();
    } else {
      *out += '\n';
    }
  }
  // The classes and ids of <html> and <body> describe the page ("no-sidebar",
  // "comments-open", "single-post"), not a part of it: only tag rules see
  // those two elements.
  const bool page_level =
      EqualsIgnoreCase(tag, "html") || EqualsIgnoreCase(tag, "body");
  if (!page_level) {
    AppendTokens('c', class_attr, true, lines, out);
    AppendTokens('i', id_attr, false, lines, out);
    AppendTokens('r', role_attr, false, lines, out);
    AppendTokens('a', aria_attr, false, lines, out);
    AppendTokens('p', itemprop_attr, false, lines, out);
  }
}

}  // namespace rules_internal

void RuleSet::Cold::Index::Candidates(std::string_view head,
                                      std::vector<int>* out) const {
  out->insert(out->end(), any.begin(), any.end());
  char folded[kPrefixBytes];
  const size_t n = std::min(head.size(), kPrefixBytes);
  for (size_t i = 0; i < n; ++i) {
    // The Kelvin sign matches "k" and the long s "s" under case folding:
    // a head with a byte >= 0x80 is not judged by its prefixes.
    if (static_cast<unsigned char>(head[i]) >= 0x80) {
      out->insert(out->end(), all.begin(), all.end());
      return;
    }
    folded[i] = AsciiLower(head[i]);
  }
  for (size_t len = 1; len <= n; ++len) {
    const uint64_t key = Key(std::string_view(folded, len));
    for (auto it = std::lower_bound(by_prefix.begin(), by_prefix.end(),
                                    key << 32);
         it != by_prefix.end() && *it >> 32 == key; ++it) {
      out->push_back(static_cast<int>(*it & 0xFFFFFFFFu));
    }
  }
}

const std::vector<std::string>& RuleSet::Cold::Single::Required(
    const Rule& rule) const {
  std::call_once(required_once_, [this, &rule] {
    // An attribute rule's subject is its element's whole descriptor, which
    // holds the core pattern's match.
    rules_internal::LiteralsOf(
        chunk->attr ? rules_internal::SplitTokenAnchors(rule.pattern).core
                    : rule.pattern,
        &required_);
  });
  return required_;
}

bool RuleSet::Cold::Single::Matches(const Rule& rule,
                                    std::string_view subject) const {
  using rules_internal::kOneMaxMem;
  std::call_once(once_, [this] {
    re_ = std::make_unique<RE2>(chunk->patterns[slot],
                                chunk->attr
                                    ? rules_internal::AttrOptions(kOneMaxMem)
                                    : rules_internal::TextOptions(kOneMaxMem));
  });
  const re2::StringPiece text(subject.data(), subject.size());
  if (!re_->ok()) {  // as MatchChunks does when a Set fails
    RE2 re(rules_internal::WrappedPattern(rule),
           chunk->attr ? rules_internal::AttrOptions(kOneMaxMem)
                       : rules_internal::TextOptions(kOneMaxMem));
    return re.ok() && RE2::PartialMatch(text, re);
  }
  const bool hit =
      chunk->anchor == RE2::ANCHOR_START
          ? re_->Match(text, 0, text.size(), RE2::ANCHOR_START, nullptr, 0)
          : re_->Match(text, 0, text.size(), RE2::UNANCHORED, nullptr, 0);
  if (!hit) return false;
  // A relaxed pattern's hit stands only if the exact one agrees.
  const rules_internal::ExactPattern* exact = chunk->exact[slot].get();
  return exact == nullptr || exact->Confirms(subject);
}

void RuleSet::Cold::HelpWarm() const {
  for (size_t i = warm_next.fetch_add(1, std::memory_order_relaxed);
       i < warm_order.size();
       i = warm_next.fetch_add(1, std::memory_order_relaxed)) {
    warm_order[i]->set();
  }
  warming.store(false, std::memory_order_relaxed);
}

void RuleSet::BeginPage() const {
  if (cold_->pages.fetch_add(1, std::memory_order_relaxed) == 0) return;
  if (cold_->left.load(std::memory_order_relaxed) <= 0) return;  // warm
  cold_->left.store(0, std::memory_order_relaxed);
  cold_->warming.store(true, std::memory_order_relaxed);
  cold_->HelpWarm();
}

bool RuleSet::MatchesRuleByRule() const {
  return cold_->left.load(std::memory_order_relaxed) > 0;
}

size_t RuleSet::CompiledSets() const {
  size_t n = 0;
  for (const Chunk* c : cold_->warm_order) n += c->compiled();
  return n;
}

void RuleSet::MatchText(std::string_view text, std::vector<int>* hits) const {
  if (text_.empty()) return;
  rules_internal::HitMemo& memo =
      rules_internal::HitMemo::ForThread(0, serial_);
  if (memo.Find(text, hits)) return;
  const size_t before = hits->size();
  if (cold_->Take()) {
    rules_internal::MatchCold(*cold_, cold_->text, rules_, {text}, text, hits);
  } else {
    // A thread still on the first page when the second began helps compile
    // the Sets it is about to need.
    if (cold_->warming.load(std::memory_order_relaxed)) cold_->HelpWarm();
    rules_internal::MatchChunks(text_, rules_, false, text, hits);
  }
  memo.Store(text, hits->data() + before, hits->data() + hits->size());
}

void RuleSet::MatchElement(std::string_view tag, std::string_view class_attr,
                           std::string_view id_attr, std::string_view role_attr,
                           std::string_view aria_attr,
                           std::string_view itemprop_attr,
                           std::vector<int>* hits) const {
  if (attr_.empty()) return;
  // The memo's key: the arguments, each after its length, written in
  // place (twelve appends cost more than the memo's lookup).
  thread_local std::string key;
  const std::string_view args[] = {tag,       class_attr, id_attr,
                                   role_attr, aria_attr,  itemprop_attr};
  size_t size = 0;
  for (std::string_view a : args) size += sizeof(uint32_t) + a.size();
  key.resize(size);
  char* out = &key[0];
  for (std::string_view a : args) {
    const uint32_t n = static_cast<uint32_t>(a.size());
    std::memcpy(out, &n, sizeof(n));
    out += sizeof(n);
    if (!a.empty()) std::memcpy(out, a.data(), a.size());
    out += a.size();
  }
  rules_internal::HitMemo& memo =
      rules_internal::HitMemo::ForThread(1, serial_);
  if (memo.Find(key, hits)) return;
  const size_t before = hits->size();
  MatchDescriptor(tag, class_attr, id_attr, role_attr, aria_attr, itemprop_attr,
                  hits);
  memo.Store(key, hits->data() + before, hits->data() + hits->size());
}

void RuleSet::MatchDescriptor(std::string_view tag, std::string_view class_attr,
                              std::string_view id_attr,
                              std::string_view role_attr,
                              std::string_view aria_attr,
                              std::string_view itemprop_attr,
                              std::vector<int>* hits) const {
  thread_local std::string desc;
  // Without the lines no rule can match (chunk_filter.h, LineFilter): when
  // none is left, the Set is not run.
  rules_internal::Describe(tag, class_attr, id_attr, role_attr, aria_attr,
                           itemprop_attr, lines_.get(), &desc);
  if (desc.empty()) return;
  if (cold_->Take()) {
    // Each line's part after its two-byte mark ("c=", "c-", "t=").
    thread_local std::vector<std::string_view> heads;
    heads.clear();
    const std::string_view d = desc;
    for (size_t start = 0; start < d.size();) {
      size_t end = d.find('\n', start);
      if (end == std::string_view::npos) end = d.size();
      heads.push_back(d.substr(start + 2, end - start - 2));
      start = end + 1;
    }
    rules_internal::MatchCold(*cold_, cold_->attr, rules_, heads, desc, hits);
    return;
  }
  if (cold_->warming.load(std::memory_order_relaxed)) cold_->HelpWarm();
  rules_internal::MatchChunks(attr_, rules_, true, desc, hits);
}

bool RuleSet::InScope(int index, std::string_view host,
                      std::string_view lang) const {
  if (index < 0 || static_cast<size_t>(index) >= rules_.size()) return false;
  const Rule& r = rules_[index];
  if (!r.lang.empty() && !EqualsIgnoreCase(r.lang, lang)) return false;
  if (r.site.empty()) return true;
  // Normalise the host: no port, no trailing dot, lower case.
  size_t colon = host.rfind(':');
  if (colon != std::string_view::npos &&
      host.find(':') == colon) {  // not an IPv6 literal
    host = host.substr(0, colon);
  }
  while (!host.empty() && host.back() == '.') host.remove_suffix(1);
  const std::string_view site = r.site;
  if (host.size() < site.size()) return false;
  const std::string_view tail = host.substr(host.size() - site.size());
  if (!EqualsIgnoreCase(tail, site)) return false;
  return host.size() == site.size() ||
         host[host.size() - site.size() - 1] == '.';
}

}  // namespace winnow
