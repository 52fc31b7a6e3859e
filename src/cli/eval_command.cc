// Copyright winnow authors. Licensed under the MIT licence.
//
// `winnow eval CORPUS`: extracts every page of a corpus on all cores and
// scores the output as ../shared/tools/score does. Three layouts:
//  - snippets: CORPUS/annotations.json ({key: {file, with, without}}) and
//    CORPUS/html/FILE;
//  - articles: CORPUS/ground-truth.json ({key: {articleBody}}) and
//    CORPUS/html/KEY.html, scored by token 4-gram overlap;
//  - full text: CORPUS/NAME.html beside NAME.expected.txt, 4-gram overlap.
//
// Every output names a page by its file name (below CORPUS/html/ or
// CORPUS/), and `--to json` records the corpus's fingerprint, so that
// `--baseline` compares results of the same pages only.

#include <dirent.h>
#include <sys/stat.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <thread>

#include "cli/common.h"
#include "eval/corpus.h"
#include "eval/score.h"
#include "util/json.h"

namespace winnow {
namespace cli {
namespace {

struct Page {
  std::string key;   // annotation key or file stem
  std::string name;  // the file name, relative to html/ or CORPUS/:
                     // how every output names the page
  std::string path;  // the HTML file
  std::string url;   // the key when it is an address
  std::vector<std::string> with, without;  // snippets
  std::string truth;   // articles / full text
  // Results.
  std::string error;
  SegmentCounts counts;
  OverlapScore overlap;
};

bool FileExists(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

std::vector<std::string> StringArray(const JsonValue* v) {
  std::vector<std::string> out;
  if (!v || !v->is_array()) return out;
  for (const JsonValue& e : v->elements()) {
    if (e.is_string()) out.push_back(e.str());
  }
  return out;
}

enum class Layout { kSnippets, kArticles, kFullText };

Status LoadPages(const std::string& dir, Layout* layout,
                 std::vector<Page>* pages) {
  std::string json;
  if (FileExists(dir + "/annotations.json")) {
    *layout = Layout::kSnippets;
    Status s = ReadFile(dir + "/annotations.json", &json);
    JsonValue root;
    if (s.ok()) s = ParseJson(json, &root);
    if (!s.ok()) return Status::Corruption(dir + "/annotations.json: " + s.message());
    for (const JsonMember& m : root.members()) {
      Page p;
      p.key = m.key;
      const JsonValue* file = m.value.Find("file");
      if (!file || !file->is_string()) {
        return Status::Corruption(dir + "/annotations.json: entry '" + m.key +
                                  "' has no \"file\"");
      }
      p.name = file->str();
      p.path = dir + "/html/" + p.name;
      if (m.key.compare(0, 4, "http") == 0) p.url = m.key;
      p.with = StringArray(m.value.Find("with"));
      p.without = StringArray(m.value.Find("without"));
      pages->push_back(std::move(p));
    }
    return Status::OK();
  }
  if (FileExists(dir + "/ground-truth.json")) {
    *layout = Layout::kArticles;
    Status s = ReadFile(dir + "/ground-truth.json", &json);
    JsonValue root;
    if (s.ok()) s = ParseJson(json, &root);
    if (!s.ok()) return Status::Corruption(dir + "/ground-truth.json: " + s.message());
    for (const JsonMember& m : root.members()) {
      Page p;
      p.key = m.key;
      p.name = m.key + ".html";
      p.path = dir + "/html/" + p.name;
      if (const JsonValue* u = m.value.Find("url"); u && u->is_string()) {
        p.url = u->str();
      }
      if (const JsonValue* b = m.value.Find("articleBody"); b && b->is_string()) {
        p.truth = b->str();
      }
      pages->push_back(std::move(p));
    }
    return Status::OK();
  }
  *layout = Layout::kFullText;
  DIR* d = ::opendir(dir.c_str());
  if (!d) return Status::NotFound(dir + ": not a readable folder");
  std::vector<std::string> names;
  while (dirent* e = ::readdir(d)) names.push_back(e->d_name);
  ::closedir(d);
  std::sort(names.begin(), names.end());
  for (const std::string& name : names) {
    if (name.size() < 6 || name.compare(name.size() - 5, 5, ".html") != 0) continue;
    const std::string stem = dir + "/" + name.substr(0, name.size() - 5);
    if (!FileExists(stem + ".expected.txt")) continue;
    Page p;
    p.key = name;
    p.name = name;
    p.path = dir + "/" + name;
    Status s = ReadFile(stem + ".expected.txt", &p.truth);
    if (!s.ok()) return s;
    if (FileExists(stem + ".url")) {
      ReadFile(stem + ".url", &p.url);
      while (!p.url.empty() && (p.url.back() == '\n' || p.url.back() == ' '))
        p.url.pop_back();
    }
    pages->push_back(std::move(p));
  }
  if (pages->empty()) {
    return Status::NotFound(dir + ": no annotations.json, ground-truth.json "
                            "or NAME.html with NAME.expected.txt");
  }
  return Status::OK();
}

// Loads the pages of the corpus in `dir`; their names must be unique, as
// every output and the baseline name pages by them.
Status LoadCorpus(const std::string& dir, Layout* layout,
                  std::vector<Page>* pages) {
  Status s = LoadPages(dir, layout, pages);
  if (!s.ok()) return s;
  std::map<std::string_view, const Page*> seen;
  for (const Page& p : *pages) {
    auto [it, fresh] = seen.emplace(p.name, &p);
    if (!fresh) {
      return Status::Corruption(dir + ": entries '" + it->second->key +
                                "' and '" + p.key + "' name the same file " +
                                p.name);
    }
  }
  return Status::OK();
}

// An earlier `eval --to json` result of the same corpus.
struct Baseline {
  JsonValue root;
  const JsonValue* pages = nullptr;  // {NAME: {"score": ...}}
  const JsonValue* f1 = nullptr;     // may be null
};

// Reads the result at `path` and refuses it (kInvalidArgument, with why)
// when it is not an `eval --to json` result or when its corpus fingerprint
// is not `fingerprint`.
Status LoadBaseline(const std::string& path, const std::string& fingerprint,
                    Baseline* b) {
  std::string json;
  Status s = ReadFile(path, &json);
  if (s.ok()) s = ParseJson(json, &b->root);
  b->pages = s.ok() ? b->root.Find("pages") : nullptr;
  if (!b->pages || !b->pages->is_object()) {
    return Status::InvalidArgument(path + ": not an `eval --to json` result" +
                                   (s.ok() ? "" : " (" + s.message() + ")"));
  }
  const JsonValue* fp = b->root.Find("fingerprint");
  if (!fp || !fp->is_string()) {
    return Status::InvalidArgument(
        path + ": no corpus fingerprint (an older winnow wrote it); run "
               "`winnow eval --to json` on the corpus again");
  }
  if (fp->str() != fingerprint) {
    return Status::InvalidArgument(
        path + ": a baseline of another corpus (fingerprint " + fp->str() +
        ", this corpus " + fingerprint + ": the page names or count differ)");
  }
  b->f1 = b->root.Find("f1");
  if (b->f1 && !b->f1->is_number()) b->f1 = nullptr;
  return Status::OK();
}

// Per-page correctness for --baseline: segments judged right, or the mean
// of 4-gram precision and recall.
double PageScore(const Page& p, Layout layout) {
  if (layout == Layout::kSnippets) return p.counts.tp + p.counts.tn;
  return (p.overlap.precision + p.overlap.recall) / 2;
}

std::string Fmt(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4f", v);
  return buf;
}

}  // namespace

int RunEvalCommand(int argc, char** argv) {
  po::options_description desc("winnow eval [OPTIONS] CORPUS");
  desc.add_options()
      ("help,h", "show this help")
      ("to", po::value<std::string>()->default_value("text"), "text|json")
      ("failures", "list each missed or leaked segment with its page")
      ("baseline", po::value<std::string>(),
       "compare with an earlier `eval --to json` result of the same corpus "
       "(refused for another corpus)")
      ("fail-under", po::value<double>(),
       "with --baseline: exit 1 when F1 dropped by more than this")
      ("threads,j", po::value<int>()->default_value(0),
       "worker threads (default: all cores)")
      ("output-dir,o", po::value<std::string>(),
       "also write each page's text to DIR/STEM.txt");
  AddExtractionFlags(&desc);
  po::variables_map vm;
  if (!ParseCommandLine(argc, argv, desc, "corpus", "winnow eval", &vm)) {
    return kExitUsage;
  }
  const bool one_corpus =
      vm.count("corpus") &&
      vm["corpus"].as<std::vector<std::string>>().size() == 1;
  if (vm.count("help") || !one_corpus) {
    (vm.count("help") ? std::cout : std::cerr)
        << "Scores winnow on a corpus: snippets (annotations.json + html/),\n"
           "articles (ground-truth.json + html/) or full text (NAME.html +\n"
           "NAME.expected.txt). Pages are named by file name.\n"
           "\n"
           "  winnow eval --to json CORPUS > before.json\n"
           "  winnow eval --rules my.rules --baseline before.json \\\n"
           "      --fail-under 0.002 CORPUS\n"
           "lists the pages that got worse or better and exits 1 when F1\n"
           "fell by more than 0.002 (a CI gate). Exit 2: usage, rules that\n"
           "do not compile, a baseline of another corpus; 1: a page failed.\n\n"
        << desc;
    return vm.count("help") ? kExitOk : kExitUsage;
  }
  const std::string to = vm["to"].as<std::string>();
  if (to != "text" && to != "json") {
    Error("--to must be text or json");
    return kExitUsage;
  }
  const bool gate = vm.count("fail-under") > 0;
  const double fail_under = gate ? vm["fail-under"].as<double>() : 0;
  if (gate && (!vm.count("baseline") || !(fail_under >= 0))) {
    Error("--fail-under needs --baseline and a DELTA of 0 or more");
    return kExitUsage;
  }
  Options options;
  Status s = ExtractionOptions(vm, &options);
  if (!s.ok()) {
    Error(s.message());
    return kExitUsage;
  }
  std::unique_ptr<Extractor> extractor;
  s = Extractor::Create(options, &extractor);
  if (!s.ok()) {
    Error(s.message());
    return kExitUsage;
  }
  std::string corpus = vm["corpus"].as<std::vector<std::string>>()[0];
  while (corpus.size() > 1 && corpus.back() == '/') corpus.pop_back();
  Layout layout;
  std::vector<Page> pages;
  s = LoadCorpus(corpus, &layout, &pages);
  if (!s.ok()) {
    Error(s.message());
    return kExitInputFailed;
  }
  std::vector<std::string> names;
  for (const Page& p : pages) names.push_back(p.name);
  const std::string fingerprint = CorpusFingerprint(std::move(names));
  // The baseline is checked before any work: one of another corpus would
  // compare pages that are not there.
  Baseline base;
  if (vm.count("baseline")) {
    s = LoadBaseline(vm["baseline"].as<std::string>(), fingerprint, &base);
    if (s.ok() && gate && !base.f1) {
      s = Status::InvalidArgument(vm["baseline"].as<std::string>() +
                                  ": no f1 for --fail-under");
    }
    if (!s.ok()) {
      Error(s.message());
      return kExitUsage;
    }
  }
  const std::string out_dir =
      vm.count("output-dir") ? vm["output-dir"].as<std::string>() : "";
  if (!out_dir.empty()) {
    s = PrepareOutputDir(out_dir);
    if (!s.ok()) {
      Error("-o " + s.message());
      return kExitUsage;
    }
  }

  int threads = vm["threads"].as<int>();
  if (threads <= 0) threads = std::max(1u, std::thread::hardware_concurrency());
  const auto start = std::chrono::steady_clock::now();
  std::atomic<size_t> next{0};
  auto work = [&]() {
    std::string bytes;
    Extraction ex;
    for (size_t i; (i = next++) < pages.size();) {
      Page& p = pages[i];
      Status st = ReadFile(p.path, &bytes);
      if (st.ok()) {
        Input input;
        input.bytes = bytes;
        input.url = p.url;
        input.kind = ContentKind::kHtml;
        st = extractor->Extract(input, &ex);
      }
      if (!st.ok()) {
        p.error = st.message();
        ex.text.clear();
      }
      if (layout == Layout::kSnippets) {
        p.counts = ScoreSegments(ex.text, p.with, p.without);
      } else {
        p.overlap = ScoreOverlap(ex.text, p.truth);
      }
      if (!out_dir.empty()) {
        std::string stem = p.path.substr(p.path.rfind('/') + 1);
        if (stem.size() > 5 && stem.compare(stem.size() - 5, 5, ".html") == 0)
          stem.resize(stem.size() - 5);
        std::ofstream(out_dir + "/" + stem + ".txt", std::ios::binary) << ex.text;
      }
    }
  };
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t) pool.emplace_back(work);
  for (std::thread& t : pool) t.join();
  const double seconds = std::chrono::duration<double>(
                             std::chrono::steady_clock::now() - start)
                             .count();

  // Totals.
  Metrics m;
  SegmentCounts total;
  int errors = 0;
  for (const Page& p : pages) {
    if (!p.error.empty()) {
      ++errors;
      Error(p.path + ": " + p.error);
    }
  }
  if (layout == Layout::kSnippets) {
    for (const Page& p : pages) total.Add(p.counts);
    m = SegmentMetrics(total);
  } else {
    double ps = 0, rs = 0;
    int np = 0, nr = 0, exact = 0;
    for (const Page& p : pages) {
      if (p.overlap.has_precision) ps += p.overlap.precision, ++np;
      if (p.overlap.has_recall) rs += p.overlap.recall, ++nr;
      exact += p.overlap.exact;
    }
    m.precision = np ? ps / np : 0;
    m.recall = nr ? rs / nr : 0;
    m.f1 = m.precision + m.recall > 0
               ? 2 * m.precision * m.recall / (m.precision + m.recall)
               : 0;
    m.accuracy = pages.empty() ? 0 : double(exact) / pages.size();
  }

  std::string out;
  if (vm.count("failures") && layout == Layout::kSnippets) {
    for (const Page& p : pages) {
      for (int i : p.counts.missed) out += "missed  " + p.name + "  " + p.with[i] + "\n";
      for (int i : p.counts.leaked) out += "leaked  " + p.name + "  " + p.without[i] + "\n";
    }
  } else if (vm.count("failures")) {
    for (const Page& p : pages) {
      if (p.overlap.precision < 0.9 || p.overlap.recall < 0.9) {
        out += "page  " + p.name + "  precision " + Fmt(p.overlap.precision) +
               "  recall " + Fmt(p.overlap.recall) + "\n";
      }
    }
  }

  // F1 as printed: a rerun that prints the baseline's F1 has not dropped.
  const double f1_printed = std::stod(Fmt(m.f1));
  bool dropped = false;
  if (base.pages) {
    std::vector<std::pair<double, std::string>> worse, better;
    for (const Page& p : pages) {
      const JsonValue* b = base.pages->Find(p.name);
      const JsonValue* score = b ? b->Find("score") : nullptr;
      if (!score || !score->is_number()) continue;
      const double delta = PageScore(p, layout) - score->number();
      if (delta < -1e-9) worse.emplace_back(delta, p.name);
      if (delta > 1e-9) better.emplace_back(delta, p.name);
    }
    std::sort(worse.begin(), worse.end());
    std::sort(better.rbegin(), better.rend());
    char line[512];
    if (base.f1) {
      const double was = base.f1->number();
      std::snprintf(line, sizeof line, "f1 %.4f -> %.4f (%+.4f)\n", was,
                    f1_printed, f1_printed - was);
      out += line;
      dropped = gate && was - f1_printed > fail_under + 1e-9;
    }
    std::snprintf(line, sizeof line, "%zu pages worse, %zu better\n",
                  worse.size(), better.size());
    out += line;
    for (const auto& [d, k] : worse) {
      std::snprintf(line, sizeof line, "worse   %+.3f  %s\n", d, k.c_str());
      out += line;
    }
    for (const auto& [d, k] : better) {
      std::snprintf(line, sizeof line, "better  %+.3f  %s\n", d, k.c_str());
      out += line;
    }
  }

  if (to == "json") {
    std::string j = "{\"corpus\":";
    AppendJsonString(corpus, &j);
    j += ",\"fingerprint\":";
    AppendJsonString(fingerprint, &j);
    j += ",\"layout\":\"";
    j += layout == Layout::kSnippets ? "snippets"
         : layout == Layout::kArticles ? "articles" : "fulltext";
    j += "\",\"documents\":" + std::to_string(pages.size()) +
         ",\"errors\":" + std::to_string(errors) +
         ",\"precision\":" + Fmt(m.precision) + ",\"recall\":" + Fmt(m.recall) +
         ",\"f1\":" + Fmt(m.f1) + ",\"accuracy\":" + Fmt(m.accuracy) +
         ",\"seconds\":" + Fmt(seconds) + ",\"pages\":{";
    for (size_t i = 0; i < pages.size(); ++i) {
      const Page& p = pages[i];
      if (i) j.push_back(',');
      AppendJsonString(p.name, &j);
      j += ":{\"score\":" + Fmt(PageScore(p, layout));
      if (layout == Layout::kSnippets) {
        j += ",\"tp\":" + std::to_string(p.counts.tp) +
             ",\"fn\":" + std::to_string(p.counts.fn) +
             ",\"fp\":" + std::to_string(p.counts.fp) +
             ",\"tn\":" + std::to_string(p.counts.tn);
      } else {
        j += ",\"precision\":" + Fmt(p.overlap.precision) +
             ",\"recall\":" + Fmt(p.overlap.recall);
      }
      j += "}";
    }
    j += "}}\n";
    std::fputs(out.c_str(), stderr);
    std::fputs(j.c_str(), stdout);
  } else {
    char buf[256];
    out += "corpus     " + corpus + "\n";
    std::snprintf(buf, sizeof buf, "pages      %zu (%d failed) in %.2f s, %d threads\n",
                  pages.size(), errors, seconds, threads);
    out += buf;
    if (layout == Layout::kSnippets) {
      std::snprintf(buf, sizeof buf,
                    "segments   %d with, %d without: tp %d fn %d fp %d tn %d\n",
                    total.tp + total.fn, total.fp + total.tn, total.tp,
                    total.fn, total.fp, total.tn);
      out += buf;
    } else {
      out += "metric     token 4-gram overlap, averaged per page\n";
    }
    out += "precision  " + Fmt(m.precision) + "\n";
    out += "recall     " + Fmt(m.recall) + "\n";
    out += "f1         " + Fmt(m.f1) + "\n";
    out += "accuracy   " + Fmt(m.accuracy) + "\n";
    std::fputs(out.c_str(), stdout);
  }
  if (dropped) {
    Error("F1 dropped by " + Fmt(base.f1->number() - f1_printed) +
          " against " + vm["baseline"].as<std::string>() +
          ", more than --fail-under " + Fmt(fail_under));
  }
  return errors || dropped ? kExitInputFailed : kExitOk;
}

}  // namespace cli
}  // namespace winnow
