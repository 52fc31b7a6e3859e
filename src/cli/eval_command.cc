// Copyright winnow authors. Licensed under the MIT licence.
//
// `winnow eval CORPUS`: extracts every page of a corpus on all cores and
// scores the output as ../shared/tools/score does. Three layouts:
//  - snippets: CORPUS/annotations.json ({key: {file, with, without}}) and
//    CORPUS/html/FILE;
//  - articles: CORPUS/ground-truth.json ({key: {articleBody}}) and
//    CORPUS/html/KEY.html, scored by token 4-gram overlap;
//  - full text: CORPUS/NAME.html beside NAME.expected.txt, 4-gram overlap.

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
#include "eval/score.h"
#include "util/json.h"

namespace winnow {
namespace cli {
namespace {

struct Page {
  std::string key;     // annotation key or file stem
  std::string path;    // the HTML file
  std::string url;     // the key when it is an address
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

Status LoadCorpus(const std::string& dir, Layout* layout,
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
      p.path = dir + "/html/" + file->str();
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
      p.path = dir + "/html/" + m.key + ".html";
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
       "compare with an earlier `eval --to json` result")
      ("threads,j", po::value<int>()->default_value(0),
       "worker threads (default: all cores)")
      ("output-dir,o", po::value<std::string>(),
       "also write each page's text to DIR/STEM.txt");
  AddExtractionFlags(&desc);
  po::options_description hidden;
  hidden.add_options()("corpus", po::value<std::string>(), "");
  po::options_description all;
  all.add(desc).add(hidden);
  po::positional_options_description pos;
  pos.add("corpus", 1);
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(argc, argv).options(all).positional(pos).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    Error(std::string(e.what()) + " (see winnow eval --help)");
    return kExitUsage;
  }
  if (vm.count("help") || !vm.count("corpus")) {
    (vm.count("help") ? std::cout : std::cerr)
        << "Scores winnow on a corpus: snippets (annotations.json + html/),\n"
           "articles (ground-truth.json + html/) or full text (NAME.html +\n"
           "NAME.expected.txt).\n\n"
        << desc;
    return vm.count("help") ? kExitOk : kExitUsage;
  }
  const std::string to = vm["to"].as<std::string>();
  if (to != "text" && to != "json") {
    Error("--to must be text or json");
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
  std::string corpus = vm["corpus"].as<std::string>();
  while (corpus.size() > 1 && corpus.back() == '/') corpus.pop_back();
  Layout layout;
  std::vector<Page> pages;
  s = LoadCorpus(corpus, &layout, &pages);
  if (!s.ok()) {
    Error(s.message());
    return kExitInputFailed;
  }
  const std::string out_dir =
      vm.count("output-dir") ? vm["output-dir"].as<std::string>() : "";
  if (!out_dir.empty()) ::mkdir(out_dir.c_str(), 0755);

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
      const std::string file = p.path.substr(p.path.rfind('/') + 1);
      for (int i : p.counts.missed) out += "missed  " + file + "  " + p.with[i] + "\n";
      for (int i : p.counts.leaked) out += "leaked  " + file + "  " + p.without[i] + "\n";
    }
  } else if (vm.count("failures")) {
    for (const Page& p : pages) {
      if (p.overlap.precision < 0.9 || p.overlap.recall < 0.9) {
        out += "page  " + p.key + "  precision " + Fmt(p.overlap.precision) +
               "  recall " + Fmt(p.overlap.recall) + "\n";
      }
    }
  }

  if (vm.count("baseline")) {
    std::string json;
    JsonValue base;
    s = ReadFile(vm["baseline"].as<std::string>(), &json);
    if (s.ok()) s = ParseJson(json, &base);
    const JsonValue* base_pages = s.ok() ? base.Find("pages") : nullptr;
    if (!base_pages || !base_pages->is_object()) {
      Error(vm["baseline"].as<std::string>() +
            ": not an `eval --to json` result" +
            (s.ok() ? "" : " (" + s.message() + ")"));
      return kExitUsage;
    }
    std::vector<std::pair<double, std::string>> worse, better;
    for (const Page& p : pages) {
      const JsonValue* b = base_pages->Find(p.key);
      const JsonValue* score = b ? b->Find("score") : nullptr;
      if (!score || !score->is_number()) continue;
      const double delta = PageScore(p, layout) - score->number();
      if (delta < -1e-9) worse.emplace_back(delta, p.key);
      if (delta > 1e-9) better.emplace_back(delta, p.key);
    }
    std::sort(worse.begin(), worse.end());
    std::sort(better.rbegin(), better.rend());
    const JsonValue* bf1 = base.Find("f1");
    char line[512];
    if (bf1 && bf1->is_number()) {
      std::snprintf(line, sizeof line, "f1 %.4f -> %.4f (%+.4f)\n",
                    bf1->number(), m.f1, m.f1 - bf1->number());
      out += line;
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
      AppendJsonString(p.key, &j);
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
  return errors ? kExitInputFailed : kExitOk;
}

}  // namespace cli
}  // namespace winnow
