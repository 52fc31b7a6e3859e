// Copyright winnow authors. Licensed under the MIT licence.

#include "cli/common.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <sys/stat.h>

#include <cstdio>
#include <filesystem>

#include "util/json.h"

namespace winnow {
namespace cli {

bool ParseCommandLine(int argc, char** argv,
                      const po::options_description& options,
                      const std::string& positional,
                      const std::string& help_command, po::variables_map* vm) {
  // Guessing would read `--stat` as `--stats` and `--pre` as `--precision`,
  // so a typo or a future option could silently change a batch job.
  const int style = po::command_line_style::default_style &
                    ~po::command_line_style::allow_guessing;
  std::string message;
  try {
    po::options_description all;
    all.add(options);
    po::positional_options_description pos;
    if (!positional.empty()) {
      all.add_options()(positional.c_str(),
                        po::value<std::vector<std::string>>(), "");
      pos.add(positional.c_str(), -1);
    }
    po::store(po::command_line_parser(argc, argv)
                  .options(all)
                  .positional(pos)
                  .style(style)
                  .run(),
              *vm);
    po::notify(*vm);
    return true;
  } catch (const po::unknown_option& e) {
    message = e.what();
    // Name what an abbreviation could have meant: "--stat" -> --stats.
    std::string name = e.get_option_name();
    if (name.compare(0, 2, "--") == 0) {
      name.erase(0, 2);
      std::string full;
      for (const auto& o : options.options()) {
        const std::string& l = o->long_name();
        if (!name.empty() && l.size() > name.size() &&
            l.compare(0, name.size(), name) == 0) {
          full += (full.empty() ? "" : " or ") + ("--" + l);
        }
      }
      if (!full.empty()) {
        message += "; options are not abbreviated: did you mean " + full + "?";
      }
    }
  } catch (const po::error& e) {
    message = e.what();
  }
  Error(message + " (see " + help_command + " --help)");
  return false;
}

Status PrepareOutputDir(const std::string& dir) {
  struct stat st;
  if (::stat(dir.c_str(), &st) == 0) {
    if (!S_ISDIR(st.st_mode)) {
      return Status::InvalidArgument(dir + ": exists and is not a folder");
    }
  } else if (errno == ENOTDIR) {
    return Status::InvalidArgument(dir + ": a folder above it is a file");
  } else {
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) {
      return Status::InvalidArgument(dir + ": cannot create the folder: " +
                                     ec.message());
    }
  }
  if (::access(dir.c_str(), W_OK | X_OK) != 0) {
    return Status::InvalidArgument(dir + ": not writable: " + strerror(errno));
  }
  return Status::OK();
}

void AddExtractionFlags(po::options_description* desc) {
  desc->add_options()
      ("rules", po::value<std::vector<std::string>>()->composing(),
       "add a rule file or folder of *.rules (repeatable)")
      ("no-default-rules", "leave out the rules built into winnow")
      ("model", po::value<std::string>(),
       "read the classifier's weights from FILE (format of "
       "rules/model.weights)")
      ("precision", "favour precision: raise the score thresholds "
       "(precision_shift in the weights)")
      ("recall", "favour recall: lower the score thresholds (recall_shift)")
      ("comments", "keep comment sections")
      ("no-tables", "drop tables")
      ("no-set-aside", "parse every byte with Gumbo: no attribute values "
       "or text set aside (slower; the same output)")
      ("max-page-bytes", po::value<size_t>(),
       "read this much of a page, cut before a tag (HTML) or after a line "
       "(text), with a warning (default 33554432)")
      ("max-depth", po::value<int>(),
       "element nesting depth; deeper tags dropped, with a warning "
       "(default 512)")
      ("max-attributes", po::value<int>(),
       "attributes kept per element, with a warning (default 256)")
      ("max-memory", po::value<size_t>(),
       "bytes one page may hold in all stages; a page over it fails "
       "(default 536870912)")
      ("max-work", po::value<uint64_t>(),
       "work per page, in units of about a byte scanned; a page over it "
       "fails, the same pages whatever the load; 0 = unlimited "
       "(default 4000000000)");
}

Status ExtractionOptions(const po::variables_map& vm, Options* o) {
  if (vm.count("rules")) o->rule_paths = vm["rules"].as<std::vector<std::string>>();
  if (vm.count("no-default-rules")) o->default_rules = false;
  if (vm.count("model")) o->model_path = vm["model"].as<std::string>();
  if (vm.count("precision") && vm.count("recall")) {
    return Status::InvalidArgument("--precision and --recall exclude each other");
  }
  if (vm.count("precision")) o->favor = Favor::kPrecision;
  if (vm.count("recall")) o->favor = Favor::kRecall;
  if (vm.count("comments")) o->comments = true;
  if (vm.count("no-tables")) o->tables = false;
  if (vm.count("no-set-aside")) o->set_aside = false;
  if (vm.count("max-page-bytes")) o->max_page_bytes = vm["max-page-bytes"].as<size_t>();
  if (vm.count("max-depth")) o->max_depth = vm["max-depth"].as<int>();
  if (vm.count("max-attributes")) o->max_attributes = vm["max-attributes"].as<int>();
  if (vm.count("max-memory")) o->max_memory = vm["max-memory"].as<size_t>();
  if (vm.count("max-work")) o->max_work = vm["max-work"].as<uint64_t>();
  if (o->max_depth < 1 || o->max_attributes < 0) {
    return Status::InvalidArgument("limits must be positive");
  }
  return Status::OK();
}

void Error(const std::string& message) {
  std::fprintf(stderr, "winnow: %s\n", message.c_str());
}

namespace {

// Cuts UTF-8 text to at most `max` code points, with an ellipsis.
std::string Preview(std::string_view text, size_t max) {
  std::string out;
  size_t cps = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = text[i];
    if ((c & 0xC0) != 0x80) {
      if (cps == max) {
        out.append("\xE2\x80\xA6");
        return out;
      }
      ++cps;
    }
    out.push_back(c == '\n' ? ' ' : static_cast<char>(c));
  }
  return out;
}

}  // namespace

void AppendExplain(const Extraction& ex, bool jsonl, std::string* out) {
  char buf[256];
  if (!jsonl) {
    std::snprintf(buf, sizeof buf, "%5s  %-6s %6s %5s %5s %5s  %-10s %-28s %s\n",
                  "pos", "label", "score", "len", "link", "stop", "tag",
                  "rules", "text");
    out->append(buf);
  }
  for (const BlockReport& b : ex.blocks) {
    std::string rules;
    for (const std::string& r : b.rules) {
      if (!rules.empty()) rules.push_back(',');
      rules += r;
    }
    if (jsonl) {
      std::snprintf(buf, sizeof buf,
                    "{\"position\":%d,\"label\":\"%s\",\"score\":%.2f,"
                    "\"length\":%d,\"link_density\":%.3f,"
                    "\"stopword_density\":%.3f,\"tag\":",
                    b.position,
                    b.label == BlockReport::Label::kBody ? "body" : "chrome",
                    b.score, b.length, b.link_density, b.stopword_density);
      out->append(buf);
      AppendJsonString(b.tag, out);
      out->append(b.in_main ? ",\"main\":true" : ",\"main\":false");
      out->append(",\"rules\":[");
      for (size_t i = 0; i < b.rules.size(); ++i) {
        if (i) out->push_back(',');
        AppendJsonString(b.rules[i], out);
      }
      out->append("],\"terms\":{");
      for (size_t i = 0; i < b.terms.size(); ++i) {
        if (i) out->push_back(',');
        AppendJsonString(b.terms[i].first, out);
        std::snprintf(buf, sizeof buf, ":%.4g", b.terms[i].second);
        out->append(buf);
      }
      out->append("},\"reason\":");
      AppendJsonString(b.reason, out);
      out->append(",\"text\":");
      AppendJsonString(b.text, out);
      out->append("}\n");
      continue;
    }
    std::snprintf(
        buf, sizeof buf, "%5d  %-6s %6.2f %5d %5.2f %5.2f  %-10s ", b.position,
        b.label == BlockReport::Label::kBody ? "body" : "chrome", b.score,
        b.length, b.link_density, b.stopword_density, b.tag.c_str());
    out->append(buf);
    if (rules.empty()) rules = "-";
    std::snprintf(buf, sizeof buf, "%-28s ", rules.c_str());
    out->append(buf);
    out->append(Preview(b.text, 70));
    out->push_back('\n');
    // The deciding reason and the terms of the score, indented below.
    out->append("       why: ");
    out->append(b.reason);
    if (!b.terms.empty()) out->append("; terms:");
    for (const auto& [name, value] : b.terms) {
      out->push_back(' ');
      out->append(name);
      std::snprintf(buf, sizeof buf, " %+.2f", value);
      out->append(buf);
    }
    out->push_back('\n');
  }
}

}  // namespace cli
}  // namespace winnow
