// Copyright winnow authors. Licensed under the MIT licence.
//
// The pipeline, one page at a time: decode -> parse -> segment (+ language)
// -> classify -> render. Each stage lives in its own folder and only reads
// what the previous one produced.

#include <algorithm>
#include <chrono>
#include <string>

#include "classify/classify.h"
#include "decode/decode.h"
#include "lang/lang.h"
#include "meta/meta.h"
#include "parse/arena.h"
#include "parse/parse.h"
#include "render/render.h"
#include "rules/rules.h"
#include "segment/page.h"
#include "segment/segment.h"
#include "winnow/winnow.h"

#ifndef WINNOW_VERSION
#define WINNOW_VERSION "0.0.0"
#endif

namespace winnow {
namespace {

bool StartsWithNoCase(std::string_view s, size_t i, std::string_view word) {
  if (s.size() - i < word.size()) return false;
  for (size_t k = 0; k < word.size(); ++k) {
    char c = s[i + k];
    if (c >= 'A' && c <= 'Z') c += 32;
    if (c != word[k]) return false;
  }
  return true;
}

// Markup or prose? Looks at the first KiB for the tags that every HTML page
// has near its top.
bool LooksLikeHtml(std::string_view bytes) {
  std::string_view head = bytes.substr(0, 1024);
  size_t i = 0;
  if (head.substr(0, 3) == "\xEF\xBB\xBF") i = 3;
  while (i < head.size() && (head[i] == ' ' || head[i] == '\n' ||
                             head[i] == '\r' || head[i] == '\t'))
    ++i;
  if (i < head.size() && head[i] == '<') return true;
  static constexpr std::string_view kTags[] = {
      "<!doctype", "<html", "<head", "<body", "<meta", "<title",
      "<div",      "<p>",   "<p ",   "<br",   "<article"};
  for (size_t k = 0; k < head.size(); ++k) {
    if (head[k] != '<') continue;
    for (std::string_view tag : kTags) {
      if (StartsWithNoCase(head, k, tag)) return true;
    }
  }
  return false;
}

// Per-thread parse memory, reused page after page.
Arena* ThreadArena() {
  thread_local Arena arena;
  return &arena;
}

}  // namespace

const char* Version() { return WINNOW_VERSION; }

struct Extractor::Impl {
  std::unique_ptr<RuleSet> rules;
};

Extractor::Extractor(const Options& options, std::unique_ptr<Impl> impl)
    : options_(options), impl_(std::move(impl)) {}

Extractor::~Extractor() = default;

Status Extractor::Create(const Options& options,
                         std::unique_ptr<Extractor>* out) {
  auto impl = std::make_unique<Impl>();
  Status s = RuleSet::Load(options, &impl->rules);
  if (!s.ok()) return s;
  out->reset(new Extractor(options, std::move(impl)));
  return Status::OK();
}

Status Extractor::Extract(const Input& input, Extraction* out) const {
  using Clock = std::chrono::steady_clock;
  const auto start = Clock::now();
  *out = Extraction();
  // The time budget is checked between stages (and by the parser while it
  // runs, see ParseHtml): a page over it fails instead of going on.
  auto over_time = [&]() {
    return options_.max_millis > 0 &&
           std::chrono::duration_cast<std::chrono::milliseconds>(
               Clock::now() - start)
                   .count() > options_.max_millis;
  };
  auto time_exceeded = [&]() {
    return Status::ResourceExhausted("page exceeds --max-millis (" +
                                     std::to_string(options_.max_millis) +
                                     " ms)");
  };

  std::string_view bytes = input.bytes;
  if (bytes.size() > options_.max_page_bytes) {
    bytes = bytes.substr(0, options_.max_page_bytes);
    out->warnings.push_back("page cut at --max-page-bytes (" +
                            std::to_string(options_.max_page_bytes) +
                            " bytes)");
  }
  ContentKind kind = input.kind;
  if (kind == ContentKind::kAuto) {
    kind = LooksLikeHtml(bytes) ? ContentKind::kHtml : ContentKind::kText;
  }
  out->kind = kind;

  // 1. Decode.
  Decoded decoded =
      DecodeToUtf8(bytes, input.content_type, kind == ContentKind::kHtml);
  out->encoding = decoded.encoding;
  if (decoded.replaced > 0) {
    out->warnings.push_back(std::to_string(decoded.replaced) +
                            " invalid byte sequences replaced");
  }
  if (over_time()) return time_exceeded();

  // 2-3. Parse and segment.
  Page page;
  if (kind == ContentKind::kHtml) {
    Arena* arena = ThreadArena();
    arena->Reset();
    std::string buffer;
    ParsedHtml doc;
    Status s = ParseHtml(decoded.text, options_, arena, &buffer, &doc);
    if (!s.ok()) {
      arena->Reset();
      return s;
    }
    for (std::string& w : doc.warnings) out->warnings.push_back(std::move(w));
    SegmentHtml(doc, options_, &page);
    arena->Reset();  // the tree is no longer needed
  } else {
    SegmentText(decoded.text, &page);
  }
  if (over_time()) return time_exceeded();
  AnnotateLanguage(&page);

  // 4. Classify.
  std::vector<Decision> decisions;
  const RuleSet& rules = *impl_->rules;
  Classify(page, rules, options_, HostOf(input.url), &decisions);
  if (over_time()) return time_exceeded();

  // 5. Render.
  Render(page, decisions, options_, &out->text);
  out->lang = page.lang;
  // 6. Metadata (src/meta), from what segment collected and the text.
  ResolveMetadata(page, input, out);
  if (options_.explain) {
    out->blocks.reserve(page.blocks.size());
    for (size_t i = 0; i < page.blocks.size(); ++i) {
      const Block& b = page.blocks[i];
      const Decision& d = decisions[i];
      BlockReport r;
      r.position = static_cast<int>(i);
      r.tag = b.node >= 0 ? page.nodes[b.node].tag_name : "line";
      r.text = b.text;
      r.label = d.label;
      r.score = d.score;
      r.length = b.chars;
      r.link_density = b.LinkDensity();
      r.stopword_density = b.StopDensity();
      r.in_main = d.in_main;
      // A rule that matched several ancestors is listed once.
      for (int rule : d.rules) {
        const std::string& id = rules.rule(rule).id;
        if (std::find(r.rules.begin(), r.rules.end(), id) == r.rules.end())
          r.rules.push_back(id);
      }
      r.reason = d.reason;
      if (d.rule >= 0) r.reason += ": " + rules.rule(d.rule).id;
      out->blocks.push_back(std::move(r));
    }
  }
  if (over_time()) return time_exceeded();
  return Status::OK();
}

}  // namespace winnow
