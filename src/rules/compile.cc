// Copyright winnow authors. Licensed under the MIT licence.
//
// Rules -> RE2::Sets, and the index of their match prefixes that a fresh
// rule set matches with (RuleSet::Cold in internal.h). Text rules go into
// Sets by how their matches start (TextKind); attribute rules into one Set
// (match.cc describes what it matches). Nothing is compiled here: a Set, or
// a rule on its own, is compiled when a match first needs it.

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "rules/chunk_filter.h"
#include "rules/facts.h"
#include "rules/internal.h"
#include "rules/narrow.h"
#include "rules/prefix.h"
#include "rules/rules.h"
#include "util/ascii.h"
#include "util/utf8.h"

namespace winnow {
namespace rules_internal {

bool ExactPattern::Confirms(std::string_view text) const {
  if (static_cast<int64_t>(text.size()) <= up_to_ ||
      static_cast<int64_t>(CountCodePoints(text)) <= up_to_) {
    return true;
  }
  thread_local std::string buf;
  std::string_view narrowed;
  if (NarrowText(text, &buf, &narrowed)) {
    std::call_once(narrow_once_, [this] {
      std::string narrow;
      if (!NarrowPattern(pattern_, &narrow)) return;
      RE2::Options latin1 = TextOptions(kOneMaxMem);
      latin1.set_encoding(RE2::Options::EncodingLatin1);
      narrow_ = std::make_unique<RE2>(narrow, latin1);
      if (!narrow_->ok()) narrow_.reset();
    });
    if (narrow_ != nullptr) {
      return RE2::PartialMatch(
          re2::StringPiece(narrowed.data(), narrowed.size()), *narrow_);
    }
  }
  std::call_once(once_, [this] {
    re_ = std::make_unique<RE2>(pattern_, TextOptions(kOneMaxMem));
  });
  return re_->ok() &&
         RE2::PartialMatch(re2::StringPiece(text.data(), text.size()), *re_);
}

namespace {

// Text rules per Set, by kind. A Set's DFA tracks every rule in it at once,
// so its states multiply with the rules; past some size they no longer fit
// its memory and the DFA thrashes (the 242 default text rules in one
// unanchored Set ran 5 to 8 times slower than in four). Each Set costs a
// pass per block, so Sets are not made smaller than needed. Running rules
// stay alive over the whole block, so their partial matches combine: with
// the 18 default ones in one Set, a fresh process matched the corpus's
// blocks against all text rules in 0.41 s, with Sets of 12 in 0.30 s (and
// 0.02 s slower once warm; Sets of 4 to 9 were no better). Measured with
// corpus_throughput --rules.
constexpr size_t kTextRulesPerSet[] = {128, 12, 64};
// A required literal shorter than this (" ", "(", "by") is in most texts.
constexpr size_t kSelectiveLiteral = 3;
// Regexp memory per text Set. A Set of 64 default rules runs as fast with
// 16 MiB as with 64, and thrashes with 8; threads share them.
constexpr int64_t kTextSetMaxMem = int64_t{16} << 20;

// Fills chunks of at most `per_set` rules, in rule order.
class ChunkFiller {
 public:
  ChunkFiller(bool attr, RE2::Anchor anchor, size_t per_set,
              std::vector<std::unique_ptr<RuleSet::Chunk>>* store)
      : attr_(attr), anchor_(anchor), per_set_(per_set), store_(store) {}

  // Adds rule `index` with its Set pattern (and exact form, or null).
  void Add(int index, const std::string& pattern,
           const std::string& exact_pattern, int64_t up_to) {
    if (open_ == nullptr || open_->rule.size() == per_set_) {
      store_->push_back(std::make_unique<RuleSet::Chunk>());
      open_ = store_->back().get();
      open_->attr = attr_;
      open_->anchor = anchor_;
    }
    open_->patterns.push_back(pattern);
    open_->rule.push_back(index);
    open_->exact.push_back(
        exact_pattern.empty()
            ? nullptr
            : std::make_unique<ExactPattern>(exact_pattern, up_to));
  }

  // Starts a new chunk with the next rule.
  void Break() { open_ = nullptr; }

  // The chunk and slot of the rule added last.
  const RuleSet::Chunk* last_chunk() const { return open_; }
  int last_slot() const { return static_cast<int>(open_->rule.size()) - 1; }

 private:
  const bool attr_;
  const RE2::Anchor anchor_;
  const size_t per_set_;
  std::vector<std::unique_ptr<RuleSet::Chunk>>* store_;
  RuleSet::Chunk* open_ = nullptr;
};

// Files rule `index` under its match prefixes (null: none known, it may
// match any subject).
void AddToIndex(int index, const std::vector<std::string>* prefixes,
                RuleSet::Cold::Index* idx) {
  idx->all.push_back(index);
  if (prefixes == nullptr) {
    idx->any.push_back(index);
    return;
  }
  static_assert(kPrefixBytes <= 3, "Index::Key packs three bytes");
  for (const std::string& p : *prefixes) {
    idx->by_prefix.push_back(uint64_t{RuleSet::Cold::Index::Key(p)} << 32 |
                             static_cast<uint32_t>(index));
  }
}

}  // namespace
}  // namespace rules_internal

namespace {
uint64_t NextSerial() {
  static std::atomic<uint64_t> next{1};
  return next.fetch_add(1, std::memory_order_relaxed);
}
}  // namespace

RuleSet::Chunk::Chunk() = default;
RuleSet::Chunk::~Chunk() = default;

const RE2::Set* RuleSet::Chunk::set() const {
  std::call_once(once_, [this] {
    using rules_internal::AttrOptions;
    using rules_internal::TextOptions;
    auto s = std::make_unique<RE2::Set>(
        attr ? AttrOptions(rules_internal::kSetMaxMem)
             : TextOptions(rules_internal::kTextSetMaxMem),
        anchor);
    std::string err;
    for (const std::string& p : patterns) {
      if (s->Add(p, &err) < 0) return;  // matched one by one
    }
    if (s->Compile()) set_ = std::move(s);
  });
  return set_.get();
}

RuleSet::RuleSet() : serial_(NextSerial()) {}
RuleSet::~RuleSet() = default;

Status RuleSet::Adopt(std::vector<Rule> rules, std::unique_ptr<RuleSet>* out) {
  using rules_internal::ChunkFiller;
  using rules_internal::TextKind;
  std::unique_ptr<RuleSet> set(new RuleSet());
  set->cold_ = std::make_unique<Cold>();
  set->lines_ = std::make_unique<rules_internal::LineFilter>();
  Cold& cold = *set->cold_;
  // Text rules fill chunks of each TextKind; attribute rules fill one
  // unanchored chunk (their subjects are short).
  std::vector<ChunkFiller> text;
  for (int k = 0; k < 3; ++k) {
    text.emplace_back(false,
                      k == static_cast<int>(TextKind::kFree)
                          ? RE2::UNANCHORED
                          : RE2::ANCHOR_START,
                      rules_internal::kTextRulesPerSet[k], &set->text_);
  }
  ChunkFiller attr(true, RE2::UNANCHORED, std::numeric_limits<size_t>::max(),
                   &set->attr_);
  // Text rule -> its match prefixes, when known (the cold index and the
  // chunks' filters both go by them).
  std::vector<std::unique_ptr<std::vector<std::string>>> prefixes(rules.size());
  cold.single.resize(rules.size());
  for (auto& single : cold.single) single = std::make_unique<Cold::Single>();
  auto place = [&](int index, ChunkFiller* filler) {
    cold.single[index]->chunk = filler->last_chunk();
    cold.single[index]->slot = filler->last_slot();
  };
  // Rules that run on into the text and that the chunk filter judges well
  // (chunk_filter.h: they have prefixes, or literals of kSelectiveLiteral
  // bytes or more) are filed after the others of their kind, in Sets of
  // their own: a Set is skipped only when none of its rules may match, so
  // one rule that may match most texts keeps its Set running for all. The
  // default running rules went from two Sets that every text ran to one
  // of 5 rules that every text runs and two (12 and 4 rules) that 80% and
  // 85% of the development corpus's block texts skip.
  //
  // The text rules in the order they go into Sets: placed[0], then, each
  // kind's Sets started afresh, placed[1] (the judged running rules).
  std::vector<int> placed[2];
  std::vector<TextKind> kinds(rules.size(), TextKind::kAnchored);
  for (size_t i = 0; i < rules.size(); ++i) {
    const Rule& r = rules[i];
    const int index = static_cast<int>(i);
    if (r.is_attribute()) {
      attr.Add(index, rules_internal::WrappedPattern(r), "", 0);
      place(index, &attr);
      // The token's part after the descriptor's mark is where the core
      // pattern's match begins (match.cc).
      const rules_internal::TokenPattern token =
          rules_internal::SplitTokenAnchors(r.pattern);
      std::vector<std::string> list;
      const bool known = rules_internal::PrefixesOf(token.core, true, &list);
      rules_internal::AddToIndex(index, known ? &list : nullptr, &cold.attr);
      // Parts after a '-' or '_' ("c-nav") are seen by the rules not tied
      // to the token's start, but not by tag rules (WrappedPattern).
      set->lines_->Add(rules_internal::AttrFields(r.target),
                       r.target != Target::kTag && !token.at_start,
                       known ? &list : nullptr);
      continue;
    }
    TextKind kind = rules_internal::KindOf(r.pattern);
    // Prefixes say how a match anchored at the text's start begins.
    auto list = std::make_unique<std::vector<std::string>>();
    if (kind != TextKind::kFree &&
        rules_internal::PrefixesOf(r.pattern, r.icase, list.get())) {
      prefixes[i] = std::move(list);
    }
    // An anchored rule without prefixes is judged by its literals, like
    // the running ones: with them, it leaves the anchored Sets to be
    // judged by their prefixes alone, which costs no pass over the text.
    if (kind == TextKind::kAnchored && prefixes[i] == nullptr) {
      kind = TextKind::kRunning;
    }
    kinds[i] = kind;
    rules_internal::AddToIndex(index, prefixes[i].get(), &cold.text);
    std::vector<std::string> literals;
    auto selective = [&literals] {
      for (const std::string& s : literals) {
        if (s.size() < rules_internal::kSelectiveLiteral) return false;
      }
      return !literals.empty();
    };
    bool judged = prefixes[i] != nullptr;
    if (kind != TextKind::kAnchored && !judged) {
      // The cold path asks every rule without prefixes for its literals
      // on a process's first text: found here once, for both.
      rules_internal::LiteralsOf(r.pattern, &literals);
      judged = selective();
      cold.single[i]->SetRequired(std::move(literals));
    }
    placed[kind != TextKind::kAnchored && judged].push_back(index);
  }
  for (RuleSet::Cold::Index* idx : {&cold.text, &cold.attr}) {
    std::sort(idx->by_prefix.begin(), idx->by_prefix.end());
  }
  for (int pass = 0; pass < 2; ++pass) {
    if (pass == 1) {
      for (auto& t : text) t.Break();
    }
    for (int index : placed[pass]) {
      std::string pattern = rules_internal::WrappedPattern(rules[index]);
      int64_t up_to = 0;
      std::string relaxed = rules_internal::RelaxedOf(pattern, &up_to);
      std::string exact;
      if (!relaxed.empty()) {
        exact = std::move(pattern);
        pattern = std::move(relaxed);
      }
      ChunkFiller* filler = &text[static_cast<int>(kinds[index])];
      filler->Add(index, pattern, exact, up_to);
      place(index, filler);
    }
  }
  set->rules_ = std::move(rules);
  for (const auto& chunk : set->text_) {
    chunk->filter = std::make_unique<rules_internal::ChunkFilter>();
    for (int index : chunk->rule) {
      chunk->filter->Add(std::move(prefixes[index]), cold.single[index].get(),
                         &set->rules_[index]);
    }
  }
  // The warm-up's order (RuleSet::Cold): the largest Sets first, so that
  // threads compiling them side by side finish about together.
  std::vector<std::pair<size_t, const Chunk*>> by_size;
  for (const auto* chunks : {&set->text_, &set->attr_}) {
    for (const auto& chunk : *chunks) {
      size_t bytes = 0;
      for (const std::string& p : chunk->patterns) bytes += p.size();
      by_size.emplace_back(bytes, chunk.get());
    }
  }
  std::stable_sort(
      by_size.begin(), by_size.end(),
      [](const auto& a, const auto& b) { return a.first > b.first; });
  for (const auto& entry : by_size) cold.warm_order.push_back(entry.second);
  *out = std::move(set);
  return Status::OK();
}

Status RuleSet::Build(std::vector<Rule> rules, std::unique_ptr<RuleSet>* out) {
  std::vector<RuleDiagnostic> diags;
  for (Rule& r : rules) {
    if (r.is_attribute()) r.icase = true;
    rules_internal::CheckRule(r, &diags);
  }
  rules_internal::CheckDuplicates(rules, &diags);
  if (!diags.empty())
    return Status::InvalidArgument(rules_internal::JoinDiagnostics(diags));
  return Adopt(std::move(rules), out);
}

Status RuleSet::Load(const Options& options, std::unique_ptr<RuleSet>* out) {
  std::vector<Rule> rules;
  std::vector<RuleDiagnostic> diags;
  if (options.default_rules) {
    rules_internal::ParseEmbeddedRules(&rules, &diags);
  }
  for (const std::string& path : options.rule_paths) {
    rules_internal::ParsePath(path, &rules, &diags);
  }
  // The embedded rules alone have no ID twice: the build checked them
  // (winnow_rule_facts fails on a duplicate).
  if (!options.rule_paths.empty()) {
    rules_internal::CheckDuplicates(rules, &diags);
  }
  if (!diags.empty()) {
    return Status::InvalidArgument(rules_internal::JoinDiagnostics(diags));
  }
  // Every pattern was checked by ParseRules: compile without re-checking.
  return Adopt(std::move(rules), out);
}

}  // namespace winnow
