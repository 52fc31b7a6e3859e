// Copyright winnow authors. Licensed under the MIT licence.
//
// The pipeline, one page at a time: decode -> parse -> segment (+ language)
// -> classify -> render. Each stage lives in its own folder and only reads
// what the previous one produced.

#include <algorithm>
#include <string>

#include "classify/classify.h"
#include "classify/model.h"
#include "decode/decode.h"
#include "lang/lang.h"
#include "meta/meta.h"
#include "parse/arena.h"
#include "parse/parse.h"
#include "render/render.h"
#include "rules/rules.h"
#include "segment/page.h"
#include "segment/segment.h"
#include "util/ascii.h"
#include "util/budget.h"
#include "winnow/winnow.h"

#ifndef WINNOW_VERSION
#define WINNOW_VERSION "0.0.0"
#endif

namespace winnow {
namespace {

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
      "<!doctype", "<html", "<head", "<body", "<meta",   "<title",
      "<div",      "<p>",   "<p ",   "<br",   "<article"};
  for (size_t k = 0; k < head.size(); ++k) {
    if (head[k] != '<') continue;
    for (std::string_view tag : kTags) {
      if (StartsWithIgnoreCase(head.substr(k), tag)) return true;
    }
  }
  return false;
}

// Where a page longer than `max` bytes is cut (Options::max_page_bytes):
// before the last tag start of HTML, after the last line break of text, in
// the last 64 KiB; else at a UTF-8 character boundary.
size_t CutPoint(std::string_view bytes, size_t max, bool html) {
  constexpr size_t kWindow = size_t{64} << 10;
  const size_t low = max > kWindow ? max - kWindow : 0;
  for (size_t i = max; i > low; --i) {
    if (html) {
      if (i < bytes.size() && bytes[i] == '<' && i + 1 < bytes.size()) {
        const char c = bytes[i + 1];
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '/' ||
            c == '!' || c == '?')
          return i;
      }
    } else if (bytes[i - 1] == '\n') {
      return i;
    }
  }
  size_t i = max;
  while (i > 0 && (static_cast<unsigned char>(bytes[i]) & 0xC0) == 0x80) --i;
  return i;
}

// 1234567 -> "1,234,567".
std::string Grouped(size_t n) {
  std::string digits = std::to_string(n), out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return out;
}

// Per-thread parse memory, reused page after page.
Arena* ThreadArena() {
  thread_local Arena arena;
  return &arena;
}

// The thread's page, empty, with the vectors and strings of the pages
// before it kept for reuse (Page::Clear bounds them). Emptied again when
// the lease ends, so that no page's text stays behind between calls.
class PageLease {
 public:
  PageLease() : page_(ThreadPage()) { page_->Clear(); }
  ~PageLease() { page_->Clear(); }
  PageLease(const PageLease&) = delete;
  PageLease& operator=(const PageLease&) = delete;
  Page& page() { return *page_; }

 private:
  static Page* ThreadPage() {
    thread_local Page page;
    return &page;
  }
  Page* page_;
};

}  // namespace

const char* Version() { return WINNOW_VERSION; }

struct Extractor::Impl {
  std::unique_ptr<RuleSet> rules;
  Model model;
};

Extractor::Extractor(const Options& options, std::unique_ptr<Impl> impl)
    : options_(options), impl_(std::move(impl)) {}

Extractor::~Extractor() = default;

Status Extractor::Create(const Options& options,
                         std::unique_ptr<Extractor>* out) {
  auto impl = std::make_unique<Impl>();
  Status s = RuleSet::Load(options, &impl->rules);
  if (!s.ok()) return s;
  if (options.model_path.empty()) {
    impl->model = DefaultModel();
  } else {
    s = LoadModel(options.model_path, &impl->model);
    if (!s.ok()) return s;
  }
  out->reset(new Extractor(options, std::move(impl)));
  return Status::OK();
}

Status Extractor::Extract(const Input& input, Extraction* out) const {
  *out = Extraction();
  // Work and memory, counted from here by every stage (util/budget.h).
  PageBudget budget(options_);

  std::string_view bytes = input.bytes;
  ContentKind kind = input.kind;
  if (kind == ContentKind::kAuto) {
    kind = LooksLikeHtml(bytes.substr(0, options_.max_page_bytes))
               ? ContentKind::kHtml
               : ContentKind::kText;
  }
  out->kind = kind;
  if (bytes.size() > options_.max_page_bytes) {
    const size_t cut =
        CutPoint(bytes, options_.max_page_bytes, kind == ContentKind::kHtml);
    out->warnings.push_back("page cut at " + Grouped(cut) +
                            " bytes (--max-page-bytes " +
                            std::to_string(options_.max_page_bytes) + "); " +
                            Grouped(bytes.size() - cut) + " bytes not read");
    bytes = bytes.substr(0, cut);
  }

  // 1. Decode.
  budget.Work(bytes.size());
  Decoded decoded =
      DecodeToUtf8(bytes, input.content_type, kind == ContentKind::kHtml);
  out->encoding = decoded.encoding;
  if (!decoded.warning.empty()) out->warnings.push_back(decoded.warning);
  if (decoded.replaced > 0) {
    out->warnings.push_back(std::to_string(decoded.replaced) +
                            " invalid byte sequences replaced");
  }
  // Counted whether it is a copy or a view of the input: either way the
  // page's bytes are held while it is extracted.
  const std::string_view utf8 = decoded.text();
  if (!budget.Hold(utf8.size())) return budget.status();

  // 2-3. Parse and segment.
  PageLease lease;
  Page& page = lease.page();
  if (kind == ContentKind::kHtml) {
    Arena* arena = ThreadArena();
    arena->Reset();
    std::string buffer;
    ParsedHtml doc;
    Status s = ParseHtml(utf8, options_, arena, &budget, &buffer, &doc);
    if (s.ok()) {
      for (std::string& w : doc.warnings) out->warnings.push_back(std::move(w));
      out->parse_fallbacks = doc.fallbacks;
      // The tree and the guard's output stay while the blocks are made.
      const size_t parse_bytes =
          arena->bytes_used() + buffer.capacity() + doc.aside.bytes();
      budget.Hold(parse_bytes);
      if (!SegmentHtml(doc, options_, &page, &budget)) s = budget.status();
      budget.Release(parse_bytes);
    }
    arena->Reset();  // the tree is no longer needed
    if (!s.ok()) return s;
  } else {
    SegmentText(utf8, &page);
    // Its lines (a string_view each) are gone; the blocks stay.
    budget.Work(utf8.size());
    budget.Hold(page.VectorBytes());
  }
  // The stages after segmentation, in counts: language detection's stop
  // words (four bytes per word at most, words of two bytes at least), the
  // classifier's vectors, the output and explain's copies of the blocks.
  size_t text_bytes = 0;
  for (const Block& b : page.blocks) text_bytes += b.text.size();
  const size_t nodes = page.nodes.size(), blocks = page.blocks.size();
  size_t after = 2 * text_bytes + nodes * kClassifyNodeBytes +
                 blocks * (kClassifyBlockBytes + 16) + text_bytes;
  if (options_.explain) after += blocks * sizeof(BlockReport) + text_bytes;
  budget.Work(text_bytes + blocks * kBlockWork);
  if (!budget.Hold(after)) return budget.status();
  AnnotateLanguage(&page);

  // 4. Classify.
  std::vector<Decision> decisions;
  const RuleSet& rules = *impl_->rules;
  if (!Classify(page, rules, impl_->model, options_, HostOf(input.url),
                &budget, &decisions)) {
    return budget.status();
  }

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
      r.label = d.label == Label::kBody ? BlockReport::Label::kBody
                                        : BlockReport::Label::kChrome;
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
      for (const Term& t : d.terms) {
        r.terms.emplace_back(t.rule >= 0 ? std::string(t.name) + ":" +
                                               rules.rule(t.rule).id
                                         : std::string(t.name),
                             t.value);
      }
      r.reason = d.reason;
      if (d.rule >= 0) r.reason += ": " + rules.rule(d.rule).id;
      out->blocks.push_back(std::move(r));
    }
  }
  return Status::OK();
}

}  // namespace winnow
