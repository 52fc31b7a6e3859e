// Copyright winnow authors. Licensed under the MIT licence.

#include "render/render.h"

#include "parse/tags.h"

namespace winnow {
namespace {

bool InQuote(const Page& page, int node) {
  for (int n = node; n >= 0; n = page.nodes[n].parent) {
    if (page.nodes[n].tag == Tag::kBlockquote) return true;
  }
  return false;
}

// The <tr> a cell belongs to, or -1.
int RowOf(const Page& page, int node) {
  for (int n = node; n >= 0; n = page.nodes[n].parent) {
    if (page.nodes[n].tag == Tag::kTr) return n;
    if (page.nodes[n].tag == Tag::kTable) return -1;
  }
  return -1;
}

void AppendPrefixedLines(std::string_view text, std::string_view prefix,
                         std::string* out) {
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    out->append(prefix);
    out->append(text.substr(start, end - start));
    out->push_back('\n');
    start = end + 1;
  }
}

void RenderMarkdown(const Page& page, const std::vector<Decision>& decisions,
                    std::string* out) {
  int open_row = -1;
  bool header_done = false;
  int row_cells = 0;
  for (size_t i = 0; i < page.blocks.size(); ++i) {
    if (decisions[i].label != Label::kBody) continue;
    const Block& b = page.blocks[i];
    const int row = b.kind == BlockKind::kCell ? RowOf(page, b.node) : -1;
    if (open_row >= 0 && row != open_row) {
      out->append(" |\n");
      if (!header_done) {
        out->append("|");
        for (int c = 0; c < row_cells; ++c) out->append(" --- |");
        out->push_back('\n');
        header_done = true;
      }
      open_row = -1;
    }
    if (row >= 0) {
      if (open_row < 0) {
        out->append("| ");
        row_cells = 0;
      } else {
        out->append(" | ");
      }
      open_row = row;
      ++row_cells;
      for (char c : b.text) out->push_back(c == '\n' ? ' ' : c);
      continue;
    }
    header_done = false;
    if (!out->empty()) out->push_back('\n');
    const bool quote = b.node >= 0 && InQuote(page, b.node);
    const std::string_view q = quote ? "> " : "";
    switch (b.kind) {
      case BlockKind::kHeading:
        out->append(q);
        out->append(static_cast<size_t>(b.heading_level), '#');
        out->push_back(' ');
        out->append(b.text);
        out->push_back('\n');
        break;
      case BlockKind::kListItem:
        AppendPrefixedLines(b.text, std::string(q) + "- ", out);
        break;
      case BlockKind::kCode:
        out->append("```\n");
        out->append(b.text);
        out->append("\n```\n");
        break;
      default:
        AppendPrefixedLines(b.text, quote ? "> " : "", out);
        break;
    }
  }
  if (open_row >= 0) out->append(" |\n");
}

}  // namespace

void Render(const Page& page, const std::vector<Decision>& decisions,
            const Options& options, std::string* out) {
  if (options.format == TextFormat::kMarkdown) {
    RenderMarkdown(page, decisions, out);
    return;
  }
  for (size_t i = 0; i < page.blocks.size(); ++i) {
    if (decisions[i].label != Label::kBody) continue;
    out->append(page.blocks[i].text);
    out->push_back('\n');
  }
}

}  // namespace winnow
