// Copyright winnow authors. Licensed under the MIT licence.

#include "classify/classify.h"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "classify/content.h"
#include "util/budget.h"

namespace winnow {
namespace {

// What the attribute rules say about a node, inherited down the tree.
struct NodeState {
  int hard_rule = -1;   // nearest drop/keep/subtree rule on self or ancestor
  bool hard_keep = false;
  double shift = 0;     // sum of score rules on self and ancestors
  int hit_node = -1;    // nearest self-or-ancestor node with own hits
  int first_hit = 0;    // own hits: [first_hit, end_hit) in hit storage
  int end_hit = 0;
};

constexpr double kMaxLinkDensity = 0.5;
constexpr int kShortChars = 40;
constexpr size_t kJsonMinBody = 300;
constexpr int kJsonMinChars = 20;
constexpr size_t kJsonProbeBytes = 60;
constexpr double kJsonInside = 2.0;
constexpr double kJsonOutside = -1.0;
constexpr double kInsideMain = 1.0;
constexpr double kOutsideMain = -1.0;
constexpr double kOutsideSure = -2.5;
constexpr double kSureShare = 0.9;
constexpr int kLongProse = 200;
constexpr double kStrongProse = 2.5;
// A structural rule may remove at most this share of the main content.
constexpr double kMaxStructuralShare = 0.5;
constexpr double kMinContainerShift = -4;
constexpr double kMaxContainerShift = 2.5;
// Heuristic weights (jusText's features on one numeric scale).
constexpr double kLinkHeavyPenalty = 2.5;
constexpr double kLinkSomePenalty = 1.0;
constexpr double kLongBonus = 1.5;
constexpr double kMediumBonus = 0.8;
constexpr double kStopHighBonus = 1.0;
constexpr double kStopMidBonus = 0.4;
constexpr double kStopLowPenalty = 0.8;
constexpr double kSentenceBonus = 0.5;
constexpr double kGoodScore = 1.5;
constexpr double kBadScore = -0.35;
constexpr double kNearGoodScore = 0.5;

// The classes of jusText, on a numeric score.
enum class Cls { kBad, kShort, kNearGood, kGood };

bool CaseInsensitiveEqual(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x += 32;
    if (y >= 'A' && y <= 'Z') y += 32;
    if (x != y) return false;
  }
  return true;
}

// True when `heading` is the page title, or the title is the heading plus
// a site suffix ("Heading | Site", "Heading - Site").
bool IsTitle(std::string_view heading, std::string_view title) {
  if (heading.empty() || title.empty()) return false;
  if (CaseInsensitiveEqual(heading, title)) return true;
  if (title.size() > heading.size() + 2 &&
      CaseInsensitiveEqual(title.substr(0, heading.size()), heading)) {
    const char next = title[heading.size()];
    return next == ' ' || next == '|' || next == '-' || next == ':';
  }
  return false;
}

bool ContainsCopyright(std::string_view t) {
  return t.find("\xC2\xA9") != std::string_view::npos;  // ©
}

// A score from the block's own features: positive for prose, negative for
// link lists and fragments. Calibrated on jusText's thresholds (70/200
// characters, 0.30 stop-word density, 0.2 link density).
double Heuristic(const Block& b, bool has_lang, bool text_mode) {
  double s = 0;
  const double ld = b.LinkDensity();
  if (ld >= 0.5) {
    s -= kLinkHeavyPenalty;
  } else if (ld > 0.2) {
    s -= kLinkSomePenalty;
  }
  if (b.chars >= 200) {
    s += kLongBonus;
  } else if (b.chars >= 70) {
    s += kMediumBonus;
  } else if (b.chars < 20) {
    s -= 0.3;
  }
  if (has_lang && b.words > 0) {
    const double sd = b.StopDensity();
    if (sd >= 0.30) {
      s += kStopHighBonus;
    } else if (sd >= 0.2) {
      s += kStopMidBonus;
    } else if (b.words >= 4) {
      s -= kStopLowPenalty;
    }
  } else if (!has_lang && b.chars >= 40) {
    // Languages without a stop list (Chinese, Japanese): punctuation is the
    // evidence of prose.
    s += 0.3 * std::min(b.sentence_ends + b.commas, 3);
  }
  if (b.sentence_ends > 0) s += kSentenceBonus;
  s += 0.1 * std::min(b.commas, 4);
  if (ContainsCopyright(b.text)) s -= 2.0;
  (void)text_mode;
  return s;
}

// Plain text has no <h1>: a short line without a sentence end that
// introduces prose is read as a heading.
bool IsHeadingLike(const Page& page, const Block& b) {
  return b.kind == BlockKind::kHeading ||
         (page.is_text && b.chars <= 150 && b.sentence_ends == 0 &&
          b.words >= 2);
}

Cls ClassOf(double score, const Block& b, bool text_mode) {
  if (b.LinkDensity() > kMaxLinkDensity) return Cls::kBad;
  if (score < kBadScore) return Cls::kBad;
  // A short block is never good on its own: its neighbours decide.
  if (b.chars < kShortChars) return Cls::kShort;
  // Without markup a short line is never proof of prose on its own
  // (jusText's length_low); its neighbours decide.
  if (score >= kGoodScore) {
    return text_mode && b.chars < 70 ? Cls::kNearGood : Cls::kGood;
  }
  if (b.chars < 70) return Cls::kShort;
  return score >= kNearGoodScore ? Cls::kNearGood : Cls::kShort;
}

}  // namespace

std::string HostOf(std::string_view url) {
  size_t start = url.find("://");
  start = start == std::string_view::npos ? 0 : start + 3;
  size_t end = url.find_first_of("/?#", start);
  std::string_view host =
      url.substr(start, end == std::string_view::npos ? url.npos : end - start);
  const size_t at = host.rfind('@');
  if (at != std::string_view::npos) host.remove_prefix(at + 1);
  const size_t colon = host.find(':');
  if (colon != std::string_view::npos) host = host.substr(0, colon);
  std::string out(host);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c += 32;
  }
  return out;
}

bool Classify(const Page& page, const RuleSet& rules, const Options& options,
              std::string_view host, PageBudget* budget,
              std::vector<Decision>* out) {
  const size_t nblocks = page.blocks.size();
  out->assign(nblocks, Decision());
  const std::string_view lang = page.lang;

  auto enabled = [&](int r) {
    if (!rules.InScope(r, host, lang)) return false;
    // Comment rules step aside when the user wants comments.
    if (options.comments && rules.rule(r).id.compare(0, 9, "comments.") == 0)
      return false;
    return true;
  };

  // ---- Attribute rules, one Set match per element -------------------------
  std::vector<NodeState> nodes(page.nodes.size());
  std::vector<int> hit_store;
  std::vector<int> hits;
  std::vector<int> own_drop(page.nodes.size(), -1);
  std::vector<int> own_keep(page.nodes.size(), -1);
  // Structural drops (cut ranges, subtrees) are applied once the main
  // content is known, so that they can be checked against it.
  struct Range {
    int rule, first, end;
  };
  std::vector<Range> ranges;
  for (size_t i = 0; i < page.nodes.size(); ++i) {
    const Node& n = page.nodes[i];
    NodeState& st = nodes[i];
    if (n.parent >= 0) {
      const NodeState& p = nodes[n.parent];
      st.shift = p.shift;
      st.hit_node = p.hit_node;
    }
    if (n.end_block <= n.first_block) continue;  // no blocks below: skip
    hits.clear();
    rules.MatchElement(n.tag_name, n.class_attr, n.id_attr, n.role_attr,
                       n.aria_attr, n.itemprop_attr, &hits);
    if (hits.empty()) continue;
    std::sort(hits.begin(), hits.end());
    st.first_hit = static_cast<int>(hit_store.size());
    for (int r : hits) {
      if (!enabled(r)) continue;
      hit_store.push_back(r);
      const Rule& rule = rules.rule(r);
      switch (rule.action) {
        case Action::kDrop:
        case Action::kSubtree:
          if (own_drop[i] < 0) own_drop[i] = r;
          break;
        case Action::kKeep:
          if (own_keep[i] < 0) own_keep[i] = r;
          break;
        case Action::kScore:
          st.shift += rule.shift;
          break;
        case Action::kCut:
          // From this element to the end of its parent.
          ranges.push_back({r, n.first_block,
                            n.parent >= 0 ? page.nodes[n.parent].end_block
                                          : n.end_block});
          break;
      }
    }
    st.end_hit = static_cast<int>(hit_store.size());
    if (st.end_hit > st.first_hit) st.hit_node = static_cast<int>(i);
  }

  // ---- Main content: the container the prose votes for --------------------
  std::vector<double> bias(page.nodes.size(), 1.0);
  for (size_t i = 0; i < page.nodes.size(); ++i) {
    bias[i] = std::exp(0.3 * std::max(-4.0, std::min(4.0, nodes[i].shift)));
  }
  ContentRegion region;
  FindMainContent(page, bias, &region);
  const bool use_region = region.best >= 0 && region.prose_share >= 0.25;
  // Prose of the main content before each block, to ask how much of it a
  // structural rule would remove.
  std::vector<double> region_prose(nblocks + 1, 0);
  for (size_t b = 0; b < nblocks; ++b) {
    region_prose[b + 1] =
        region_prose[b] +
        (region.in_region[b] ? ProseWeight(page.blocks[b]) : 0);
  }
  // A chrome rule that would take most of the article with it matched a
  // wrapper (class="article share", "paywall-container" around the text):
  // the article is worth more than the rule.
  auto takes_article = [&](int first, int end) {
    if (!use_region || region_prose[nblocks] <= 0) return false;
    return region_prose[end] - region_prose[first] >
           kMaxStructuralShare * region_prose[nblocks];
  };
  for (size_t i = 0; i < page.nodes.size(); ++i) {
    const Node& n = page.nodes[i];
    NodeState& st = nodes[i];
    if (n.parent >= 0) {
      st.hard_rule = nodes[n.parent].hard_rule;
      st.hard_keep = nodes[n.parent].hard_keep;
    }
    // Drop beats keep on the same element; the nearest element wins.
    if (own_drop[i] >= 0 && !takes_article(n.first_block, n.end_block)) {
      st.hard_rule = own_drop[i];
      st.hard_keep = false;
    } else if (own_keep[i] >= 0) {
      st.hard_rule = own_keep[i];
      st.hard_keep = true;
    }
  }
  std::vector<int> forced(nblocks, -1);  // rule index that forces chrome
  auto force = [&](const Range& r) {
    if (takes_article(r.first, r.end)) return;
    for (int b = r.first; b < r.end; ++b) {
      if (forced[b] < 0) forced[b] = r.rule;
    }
  };
  for (const Range& r : ranges) force(r);

  const std::string& json_body = page.json_ld_body;
  const bool use_json_body = json_body.size() >= kJsonMinBody;

  // ---- Text rules and heuristics, per block ---------------------------------
  const bool has_lang = !page.lang.empty();
  const std::string& title =
      !page.og_title.empty() ? page.og_title : page.title;
  bool title_seen = false;
  std::vector<Cls> cls(nblocks, Cls::kShort);
  std::vector<int> final_state(nblocks, 0);  // -1 chrome, +1 body, 0 open
  // Every block lists the rules of its whole element chain: blocks times
  // depth, counted against the budget every kCheckBlocks blocks.
  constexpr size_t kCheckBlocks = 1024;
  size_t rule_ids = 0;
  for (size_t bi = 0; bi < nblocks; ++bi) {
    const Block& b = page.blocks[bi];
    Decision& d = (*out)[bi];
    const NodeState* st = b.node >= 0 ? &nodes[b.node] : nullptr;
    // Rules from the element chain, nearest first.
    for (int hn = st ? st->hit_node : -1; hn >= 0;) {
      const NodeState& h = nodes[hn];
      for (int k = h.first_hit; k < h.end_hit; ++k) d.rules.push_back(hit_store[k]);
      const int parent = page.nodes[hn].parent;
      hn = parent >= 0 ? nodes[parent].hit_node : -1;
    }
    rule_ids += d.rules.capacity();
    if (bi % kCheckBlocks == kCheckBlocks - 1 && budget != nullptr) {
      if (!budget->Work(rule_ids * kRuleHitWork) ||
          !budget->Hold(rule_ids * sizeof(int)))
        return false;
      rule_ids = 0;
    }
    // Container scores nest (article > entry-content > ...): capped so that
    // a link list inside a well-named container is still judged by its links.
    double shift = st ? std::max(kMinContainerShift,
                                 std::min(kMaxContainerShift, st->shift))
                      : 0;
    int text_drop = -1, text_keep = -1;
    hits.clear();
    rules.MatchText(b.text, &hits);
    std::sort(hits.begin(), hits.end());
    for (int r : hits) {
      if (!enabled(r)) continue;
      d.rules.push_back(r);
      const Rule& rule = rules.rule(r);
      switch (rule.action) {
        case Action::kDrop:
          if (text_drop < 0) text_drop = r;
          break;
        case Action::kKeep:
          if (text_keep < 0) text_keep = r;
          break;
        case Action::kScore:
          shift += rule.shift;
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
          force(range);
          break;
        }
        case Action::kCut: {
          Range range{r, static_cast<int>(bi), static_cast<int>(nblocks)};
          if (b.node >= 0) {
            const int parent = page.nodes[b.node].parent;
            range.end = page.nodes[parent >= 0 ? parent : b.node].end_block;
          }
          force(range);
          break;
        }
      }
    }
    // The publisher's own statement of the article text (JSON-LD
    // articleBody) outweighs layout guesses in both directions.
    if (use_json_body && b.chars >= kJsonMinChars) {
      const std::string_view probe =
          std::string_view(b.text).substr(0, kJsonProbeBytes);
      const bool in_body = probe.find('\n') == std::string_view::npos
                               ? json_body.find(probe) != std::string::npos
                               : json_body.find(probe.substr(
                                     0, probe.find('\n'))) != std::string::npos;
      shift += in_body ? kJsonInside : kJsonOutside;
    }
    d.in_main = use_region && region.in_region[bi];
    const double own = Heuristic(b, has_lang, page.is_text);
    if (use_region && !region.in_region[bi]) {
      // The more of the page's prose the region holds, the surer it is; but
      // a long paragraph of real prose outside it is usually a second part
      // of the article the finder did not join.
      double penalty =
          region.prose_share >= kSureShare ? kOutsideSure : kOutsideMain;
      if (b.chars >= kLongProse && own >= kStrongProse) penalty *= 0.5;
      shift += penalty;
    } else if (use_region) {
      shift += kInsideMain;
    }
    d.score = own + shift;
    cls[bi] = ClassOf(d.score, b, page.is_text);
    // Hard decisions: text rules beat element rules; drop beats keep.
    if (text_drop >= 0) {
      final_state[bi] = -1;
      d.rule = text_drop;
      d.reason = "text rule";
    } else if (text_keep >= 0) {
      final_state[bi] = 1;
      d.rule = text_keep;
      d.reason = "text rule";
    } else if (st && st->hard_rule >= 0) {
      final_state[bi] = st->hard_keep ? 1 : -1;
      d.rule = st->hard_rule;
      d.reason = "element rule";
    }
    if (!page.is_text && !title_seen && b.kind == BlockKind::kHeading &&
        IsTitle(b.text, title)) {
      title_seen = true;
      final_state[bi] = -1;
      d.reason = "title (metadata)";
    }
    if (!options.tables && b.kind == BlockKind::kCell) {
      final_state[bi] = -1;
      d.reason = "table (--no-tables)";
    }
  }
  for (size_t bi = 0; bi < nblocks; ++bi) {
    if (forced[bi] >= 0 && final_state[bi] <= 0) {
      final_state[bi] = -1;
      (*out)[bi].rule = forced[bi];
      (*out)[bi].reason = "structural rule";
    }
  }

  // ---- Context: uncertain blocks take their neighbours' side ---------------
  // A decided block anchors its neighbourhood as good or bad.
  auto anchor = [&](size_t i) -> int {
    if (final_state[i] != 0) return final_state[i];
    if (cls[i] == Cls::kGood) return 1;
    if (cls[i] == Cls::kBad) return -1;
    return 0;
  };
  std::vector<int> prev(nblocks, 0), next(nblocks, 0);
  int last = -1;
  for (size_t i = 0; i < nblocks; ++i) {
    prev[i] = last;
    const int a = anchor(i);
    if (a != 0) last = a;
  }
  last = -1;
  for (size_t i = nblocks; i-- > 0;) {
    next[i] = last;
    const int a = anchor(i);
    if (a != 0) {
      last = a;
    } else if (page.is_text && IsHeadingLike(page, page.blocks[i])) {
      // In plain text, where no markup says where the article starts, a
      // heading opens what follows it: the text after it does not vouch
      // for the blocks before it (a site tagline above the headline).
      last = -1;
    }
  }
  double threshold = 0;
  if (options.favor == Favor::kPrecision) threshold = 0.5;
  if (options.favor == Favor::kRecall) threshold = -0.5;
  for (size_t i = 0; i < nblocks; ++i) {
    Decision& d = (*out)[i];
    if (final_state[i] != 0) {
      d.label = final_state[i] > 0 ? Label::kBody : Label::kChrome;
      continue;
    }
    const Block& b = page.blocks[i];
    switch (cls[i]) {
      case Cls::kGood:
        d.label = d.score >= threshold ? Label::kBody : Label::kChrome;
        d.reason = "prose";
        break;
      case Cls::kBad:
        d.label = Label::kChrome;
        d.reason = "link-dense or no prose";
        break;
      case Cls::kNearGood:
      case Cls::kShort: {
        const bool near = cls[i] == Cls::kNearGood;
        const bool heading = IsHeadingLike(page, b);
        bool body;
        if (prev[i] > 0 && next[i] > 0) {
          body = true;
        } else if (prev[i] < 0 && next[i] < 0) {
          body = false;
        } else if (heading) {
          // A heading belongs to the text right after it.
          body = i + 1 < nblocks && anchor(i + 1) > 0;
        } else {
          body = near && d.score >= threshold;
        }
        d.label = body ? Label::kBody : Label::kChrome;
        d.reason =
            body ? "context: between body blocks" : "context: among chrome";
        break;
      }
    }
  }
  return budget == nullptr || budget->Hold(rule_ids * sizeof(int));
}

}  // namespace winnow
