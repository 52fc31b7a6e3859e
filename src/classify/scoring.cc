// Copyright winnow authors. Licensed under the MIT licence.
//
// Pass 3 of the classifier (passes.h): each block's score as a sum of named
// terms, its class, and the hard decisions of rules.

#include <algorithm>
#include <string>
#include <utility>

#include "classify/passes.h"
#include "util/ascii.h"
#include "classify/prose_shape.h"
#include "util/budget.h"

namespace winnow {
namespace {

// Adds terms to a score, and records them when asked (explain).
class Terms {
 public:
  explicit Terms(std::vector<Term>* out) : out_(out) {}
  // Adds `value` as term `name`; returns it.
  double Add(const char* name, double value, int rule = -1) {
    if (out_ != nullptr) out_->push_back({name, rule, value});
    return value;
  }
  bool recording() const { return out_ != nullptr; }

 private:
  std::vector<Term>* out_;
};

// True when `heading` is the page title, or the title is the heading plus
// a site suffix ("Heading | Site", "Heading - Site").
bool IsTitle(std::string_view heading, std::string_view title) {
  if (heading.empty() || title.empty()) return false;
  if (EqualsIgnoreCase(heading, title)) return true;
  if (title.size() > heading.size() + 2 &&
      EqualsIgnoreCase(title.substr(0, heading.size()), heading)) {
    const char next = title[heading.size()];
    return next == ' ' || next == '|' || next == '-' || next == ':';
  }
  return false;
}

bool ContainsCopyright(std::string_view t) {
  return t.find("\xC2\xA9") != std::string_view::npos;  // ©
}

// The block's own terms: positive for prose, negative for link lists and
// fragments. jusText's features (length, stop-word and link density) on one
// numeric scale.
double OwnScore(const Block& b, bool has_lang, const Model& m, Terms* t) {
  double s = 0;
  const double ld = b.LinkDensity();
  if (ld > m.link_some_density && IsLinkedProse(b, has_lang, m)) {
    // Links inside sentences: the link terms do not apply.
    s += t->Add("linked_prose", m.linked_prose);
  } else if (ld >= m.link_heavy_density) {
    s += t->Add("link_heavy", m.link_heavy);
  } else if (ld > m.link_some_density) {
    s += t->Add("link_some", m.link_some);
  }
  if (b.chars >= m.long_chars) {
    s += t->Add("long_text", m.long_text);
  } else if (b.chars >= m.medium_chars) {
    s += t->Add("medium_text", m.medium_text);
  } else if (b.chars < m.tiny_chars) {
    s += t->Add("tiny_text", m.tiny_text);
  }
  if (has_lang && b.words > 0) {
    const double sd = b.StopDensity();
    if (sd >= m.stop_high_density) {
      s += t->Add("stopwords_high", m.stopwords_high);
    } else if (sd >= m.stop_mid_density) {
      s += t->Add("stopwords_mid", m.stopwords_mid);
    } else if (b.words >= m.stop_low_min_words) {
      s += t->Add("stopwords_low", m.stopwords_low);
    }
  } else if (!has_lang && b.chars >= m.cjk_min_chars) {
    // Languages without a stop list (Chinese, Japanese): punctuation is the
    // evidence of prose.
    s += t->Add("cjk_punctuation",
                m.cjk_punctuation *
                    std::min<double>(b.sentence_ends + b.commas,
                                     m.cjk_punctuation_max));
  }
  if (b.sentence_ends > 0) s += t->Add("sentence_end", m.sentence_end);
  const double commas = m.comma * std::min<double>(b.commas, m.comma_max);
  s += commas;
  if (commas != 0 && t->recording()) t->Add("commas", commas);
  if (ContainsCopyright(b.text)) s += t->Add("copyright", m.copyright);
  return s;
}

Cls ClassOf(double score, const Block& b, bool has_lang, bool text_mode,
            const Model& m, double offset) {
  if (b.LinkDensity() > m.max_link_density && !IsLinkedProse(b, has_lang, m))
    return Cls::kBad;
  if (score < m.bad_score + offset) return Cls::kBad;
  // A short block is never good on its own: its neighbours decide.
  if (b.chars < m.short_chars) return Cls::kShort;
  // Without markup a short line is never proof of prose on its own
  // (jusText's length_low); its neighbours decide.
  if (score >= m.good_score + offset) {
    return text_mode && b.chars < m.medium_chars ? Cls::kNearGood : Cls::kGood;
  }
  if (b.chars < m.medium_chars) return Cls::kShort;
  return score >= m.near_good_score + offset ? Cls::kNearGood : Cls::kShort;
}

// The attribute score rules of the block's element chain as terms, one per
// rule, what the guard gave back of the ones it overruled (`overruled`,
// term "overruled:ID", 0 for a hard rule), and what the container cap took
// away.
void AddContainerTerms(const ClassifyState& s, const std::vector<int>& chain,
                       const std::vector<int>& overruled, double raw,
                       double capped, Terms* t) {
  std::vector<Term> sums;
  for (int r : chain) {
    const Rule& rule = s.rules.rule(r);
    if (rule.action != Action::kScore) continue;
    auto it = std::find_if(sums.begin(), sums.end(),
                           [r](const Term& x) { return x.rule == r; });
    if (it == sums.end()) {
      sums.push_back({"rule", r, rule.shift});
    } else {
      it->value += rule.shift;
    }
  }
  for (const Term& x : sums) t->Add(x.name, x.value, x.rule);
  for (int r : overruled) {
    const Rule& rule = s.rules.rule(r);
    t->Add("overruled", rule.action == Action::kScore ? -rule.shift : 0, r);
  }
  if (capped != raw) t->Add("container_cap", capped - raw);
}

// Whether the JSON-LD articleBody holds the block's first bytes.
bool InJsonBody(const Block& b, const std::string& json_body, size_t probe_bytes) {
  const std::string_view probe = std::string_view(b.text).substr(0, probe_bytes);
  const size_t nl = probe.find('\n');
  return json_body.find(nl == std::string_view::npos ? probe
                                                     : probe.substr(0, nl)) !=
         std::string::npos;
}

// The region's first block and one past its last ([0, 0) when none).
std::pair<size_t, size_t> RegionSpan(const ClassifyState& s) {
  const std::vector<char>& in = s.region.in_region;
  size_t first = 0, end = 0;
  if (!s.use_region) return {first, end};
  while (first < in.size() && !in[first]) ++first;
  for (end = in.size(); end > first && !in[end - 1];) --end;
  return {first, end};
}

// The terms of a teaser list's block, given its containers' capped score
// rules `shift`: their positive sum does not count (a card is an <article
// class="post"> too), and the card itself leans chrome. Returns the terms'
// sum, to be added to `shift`.
double TeaserTerms(double shift, const Model& m, Terms* t) {
  double s = 0;
  if (shift > 0) s += t->Add("teaser_no_bonus", -shift);
  return s + t->Add("teaser_card", m.teaser_card);
}

// The number of rule hits on the element chain of a block whose element
// has state `st` (null for none): what ScoreBlocks copies into its rules.
size_t ChainHits(const ClassifyState& s, const NodeState* st) {
  size_t hits = 0;
  for (int hn = st ? st->hit_node : -1; hn >= 0;) {
    const NodeState& h = s.nodes[hn];
    hits += static_cast<size_t>(h.end_hit - h.first_hit);
    const int parent = s.page.nodes[hn].parent;
    hn = parent >= 0 ? s.nodes[parent].hit_node : -1;
  }
  return hits;
}

// The capacity of a std::vector after n (> 0) push_backs from empty:
// libstdc++ doubles it from 1, so the least power of two >= n.
size_t GrownCapacity(size_t n) {
  size_t capacity = 1;
  while (capacity < n) capacity *= 2;
  return capacity;
}

}  // namespace

bool ScoreBlocks(ClassifyState* s, PageBudget* budget, size_t* rule_ids,
                 std::vector<Decision>* out) {
  const Page& page = s->page;
  const Model& m = s->model;
  const size_t nblocks = page.blocks.size();
  const std::string& json_body = page.json_ld_body;
  const bool use_json_body = json_body.size() >= m.json_ld_min_body;
  const bool has_lang = !page.lang.empty();
  const std::string& title = !page.og_title.empty() ? page.og_title : page.title;
  const double offset = s->options.favor == Favor::kPrecision ? m.precision_shift
                        : s->options.favor == Favor::kRecall  ? -m.recall_shift
                                                              : 0;
  bool title_seen = false;
  const auto [region_first, region_end] = RegionSpan(*s);
  s->cls.assign(nblocks, Cls::kShort);
  s->final_state.assign(nblocks, 0);
  // Every block lists the rules of its whole element chain: blocks times
  // depth, counted against the budget every kCheckBlocks blocks.
  constexpr size_t kCheckBlocks = 1024;
  std::vector<int> hits, overruled;
  for (size_t bi = 0; bi < nblocks; ++bi) {
    const Block& b = page.blocks[bi];
    Decision& d = (*out)[bi];
    Terms terms(s->options.explain ? &d.terms : nullptr);
    const NodeState* st = b.node >= 0 ? &s->nodes[b.node] : nullptr;
    // Rules from the element chain, nearest first: only explain reads them
    // (the caption pass reads the text rules below), so only explain lists
    // them. The budget counts them either way, as the capacity that
    // pushing them one by one reaches, so that whether a page fits never
    // depends on --explain. Listed, the vector gets that capacity at once
    // rather than growing to it a realloc at a time.
    const size_t chain = ChainHits(*s, st);
    const size_t chain_capacity = chain > 0 ? GrownCapacity(chain) : 0;
    if (terms.recording()) {
      overruled.clear();
      d.rules.reserve(chain_capacity);
      for (int hn = st ? st->hit_node : -1; hn >= 0;) {
        const NodeState& h = s->nodes[hn];
        for (int k = h.first_hit; k < h.end_hit; ++k) d.rules.push_back(s->hit_store[k]);
        AppendOverruledRules(*s, hn, &overruled);
        const int parent = page.nodes[hn].parent;
        hn = parent >= 0 ? s->nodes[parent].hit_node : -1;
      }
    }
    *rule_ids += chain_capacity;
    if (bi % kCheckBlocks == kCheckBlocks - 1 && budget != nullptr) {
      if (!budget->Work(*rule_ids * kRuleHitWork) ||
          !budget->Hold(*rule_ids * sizeof(int)))
        return false;
      *rule_ids = 0;
    }
    // The block's own features first, then where it lies and the rules
    // (the order of the sum is the order of the terms).
    const double own = OwnScore(b, has_lang, m, &terms);
    // Container scores nest (article > entry-content > ...): capped so that
    // a link list inside a well-named container is still judged by its links.
    double shift = st ? std::max(m.container_shift_min,
                                 std::min(m.container_shift_max, st->shift))
                      : 0;
    if (st && terms.recording()) {
      AddContainerTerms(*s, d.rules, overruled, st->shift, shift, &terms);
    }
    if (s->region.in_teaser[bi]) shift += TeaserTerms(shift, m, &terms);
    int text_drop = -1, text_keep = -1;
    hits.clear();
    s->rules.MatchText(b.text, &hits);
    std::sort(hits.begin(), hits.end());
    for (int r : hits) {
      if (!s->Enabled(r)) continue;
      d.rules.push_back(r);
      const Rule& rule = s->rules.rule(r);
      switch (rule.action) {
        case Action::kDrop:
        case Action::kCaption:  // a credit line: chrome (captions.cc)
          if (text_drop < 0) text_drop = r;
          break;
        case Action::kKeep:
          if (text_keep < 0) text_keep = r;
          break;
        case Action::kScore:
          shift += terms.Add("rule", rule.shift, r);
          break;
        case Action::kSubtree: {
          // The block's parent element, or the whole text.
          Range range{r, 0, static_cast<int>(nblocks)};
          if (b.node >= 0) {
            const int parent = page.nodes[b.node].parent;
            const Node& pn = page.nodes[parent >= 0 ? parent : b.node];
            range.first = pn.first_block;
            range.end = pn.end_block;
          }
          s->Force(range);
          break;
        }
        case Action::kCut: {
          Range range{r, static_cast<int>(bi), static_cast<int>(nblocks)};
          if (b.node >= 0) {
            const int parent = page.nodes[b.node].parent;
            range.end = page.nodes[parent >= 0 ? parent : b.node].end_block;
          }
          s->Force(range);
          break;
        }
      }
    }
    // The publisher's own statement of the article text (JSON-LD
    // articleBody) outweighs layout guesses in both directions.
    if (use_json_body && b.chars >= m.json_ld_min_chars) {
      shift += InJsonBody(b, json_body, static_cast<size_t>(m.json_ld_probe_bytes))
                   ? terms.Add("json_ld_inside", m.json_ld_inside)
                   : terms.Add("json_ld_outside", m.json_ld_outside);
    }
    const bool in_region = s->use_region && s->region.in_region[bi];
    d.in_main = in_region;
    if (s->use_region && !in_region) {
      // The more of the page's prose the region holds, the surer it is; but
      // a long paragraph of real prose outside it is usually a second part
      // of the article the finder did not join.
      const bool sure = s->region.prose_share >= m.sure_share;
      const double factor =
          b.chars >= m.long_prose_chars && own >= m.strong_prose_score
              ? m.long_prose_factor
              : 1;
      const double penalty = sure ? m.outside_main_sure : m.outside_main;
      shift += terms.Add(sure ? "outside_main_sure" : "outside_main",
                         penalty * factor);
      // The article's end is not its start (model.weights); but with
      // --comments the discussion below the article is wanted.
      if (bi < region_first) {
        shift += terms.Add("before_main", m.before_main);
      } else if (bi >= region_end && !s->options.comments) {
        shift += terms.Add("after_main", m.after_main * factor);
      }
    } else if (s->use_region) {
      shift += terms.Add("inside_main", m.inside_main);
    }
    d.score = own + shift;
    s->cls[bi] = ClassOf(d.score, b, has_lang, page.is_text, m, offset);
    // Hard decisions: text rules beat element rules; drop beats keep.
    int& state = s->final_state[bi];
    if (text_drop >= 0) {
      state = -1;
      d.rule = text_drop;
      d.reason = "text rule";
    } else if (text_keep >= 0) {
      state = 1;
      d.rule = text_keep;
      d.reason = "text rule";
    } else if (st && st->hard_rule >= 0) {
      state = st->hard_keep ? 1 : -1;
      d.rule = st->hard_rule;
      d.reason = "element rule";
    }
    if (!page.is_text && !title_seen && b.kind == BlockKind::kHeading &&
        IsTitle(b.text, title)) {
      title_seen = true;
      state = -1;
      d.reason = "title (metadata)";
    }
    if (!s->options.tables && b.kind == BlockKind::kCell) {
      state = -1;
      d.reason = "table (--no-tables)";
    }
  }
  for (size_t bi = 0; bi < nblocks; ++bi) {
    if (s->forced[bi] >= 0 && s->final_state[bi] <= 0) {
      s->final_state[bi] = -1;
      (*out)[bi].rule = s->forced[bi];
      (*out)[bi].reason = "structural rule";
    }
  }
  return true;
}

}  // namespace winnow
