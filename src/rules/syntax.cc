// Copyright winnow authors. Licensed under the MIT licence.
//
// Rule files -> Rule structs. The language is documented in
// rules/README.md; in short:
//
//   # comment
//   @site heise.de            (scope of the following rules; "*" resets)
//   @lang German              (language scope; "*" resets)
//   @flags i                  (text rules case-insensitive; "-" resets)
//   ID  TARGET[/i]  ACTION  PATTERN...
//
// Parsing goes on after a problem, so that a rule author sees them all at
// once, each with its file, line and column.

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

#include "embed/embedded.h"
#include "lang/lang.h"
#include "rules/internal.h"
#include "rules/rules.h"
#include "util/ascii.h"
#include "util/file.h"
#include "util/utf8.h"

namespace winnow {
namespace rules_internal {
namespace {

// 1-based column of byte offset `off` in `line`, counting code points.
int ColumnOf(std::string_view line, size_t off) {
  return 1 + static_cast<int>(CountCodePoints(line.substr(0, off)));
}

struct Field {
  std::string_view text;
  size_t offset = 0;  // byte offset in the line
};

// Splits off whitespace-separated fields; `rest` receives the remainder of
// the line after `max_fields` fields (trimmed), with its offset.
void SplitFields(std::string_view line, size_t max_fields,
                 std::vector<Field>* fields, Field* rest) {
  fields->clear();
  *rest = Field{{}, line.size()};
  size_t i = 0;
  while (true) {
    while (i < line.size() && IsAsciiSpace(line[i])) ++i;
    if (i >= line.size()) return;
    if (fields->size() == max_fields) {
      size_t end = line.size();
      while (end > i && IsAsciiSpace(line[end - 1])) --end;
      *rest = Field{line.substr(i, end - i), i};
      return;
    }
    size_t start = i;
    while (i < line.size() && !IsAsciiSpace(line[i])) ++i;
    fields->push_back(Field{line.substr(start, i - start), start});
  }
}

// "+2", "-1.5", "+.5": a sign, then digits with an optional fraction.
bool ParseShift(std::string_view s, double* out) {
  if (s.size() < 2 || (s[0] != '+' && s[0] != '-')) return false;
  double v = 0, scale = 0;
  bool digits = false, dot = false;
  for (size_t i = 1; i < s.size(); ++i) {
    const char c = s[i];
    if (c >= '0' && c <= '9') {
      digits = true;
      if (dot) {
        scale /= 10;
        v += (c - '0') * scale;
      } else {
        v = v * 10 + (c - '0');
      }
    } else if (c == '.' && !dot) {
      dot = true;
      scale = 1;
    } else {
      return false;
    }
  }
  if (!digits || v > 1e6) return false;
  *out = s[0] == '-' ? -v : v;
  return true;
}

bool ParseTarget(std::string_view s, Target* target, bool* icase) {
  *icase = false;
  if (s.size() > 2 && s.substr(s.size() - 2) == "/i") {
    *icase = true;
    s.remove_suffix(2);
  }
  static const std::pair<const char*, Target> kTargets[] = {
      {"text", Target::kText},   {"tag", Target::kTag},
      {"class", Target::kClass}, {"id", Target::kId},
      {"role", Target::kRole},   {"aria", Target::kAria},
      {"attr", Target::kAttr},
  };
  for (const auto& t : kTargets) {
    if (s == t.first) {
      *target = t.second;
      return true;
    }
  }
  return false;
}

bool ParseAction(std::string_view s, Action* action, double* shift) {
  *shift = 0;
  if (s == "drop") {
    *action = Action::kDrop;
  } else if (s == "keep") {
    *action = Action::kKeep;
  } else if (s == "subtree") {
    *action = Action::kSubtree;
  } else if (s == "cut") {
    *action = Action::kCut;
  } else if (s == "caption") {
    *action = Action::kCaption;
  } else if (ParseShift(s, shift)) {
    *action = Action::kScore;
  } else {
    return false;
  }
  return true;
}

// The stop-list names ("English", ...) that @lang accepts; when the binary
// has none, any name is accepted.
bool KnownLanguage(std::string_view name, std::string* canonical) {
  static const std::vector<std::string> languages = StopListLanguages();
  if (languages.empty()) {
    *canonical = std::string(name);
    return true;
  }
  for (const std::string& language : languages) {
    if (EqualsIgnoreCase(language, name)) {
      *canonical = language;
      return true;
    }
  }
  return false;
}

bool ValidHost(std::string_view h) {
  if (h.empty() || h.front() == '.' || h.back() == '.') return false;
  for (char c : h) {
    const unsigned char u = static_cast<unsigned char>(c);
    if (u < 0x80 && !((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                      c == '-' || c == '.')) {
      return false;
    }
  }
  return true;
}

}  // namespace

bool ValidId(std::string_view id) {
  if (id.empty()) return false;
  auto alnum = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
  };
  if (!alnum(id[0])) return false;
  for (char c : id) {
    if (!alnum(c) && c != '.' && c != '_' && c != '-') return false;
  }
  return true;
}

void AddDiag(std::string_view file, int line, int col, std::string msg,
             std::vector<RuleDiagnostic>* diags) {
  RuleDiagnostic d;
  d.file = std::string(file);
  d.line = line;
  d.col = col;
  d.message = std::move(msg);
  diags->push_back(std::move(d));
}

// Appends a diagnostic for every rule whose ID was seen before.
std::string JoinDiagnostics(const std::vector<RuleDiagnostic>& diags) {
  std::string out;
  for (size_t i = 0; i < diags.size(); ++i) {
    if (i) out += '\n';
    out += diags[i].ToString();
  }
  return out;
}

// Parses a file, or every *.rules file below a folder (sorted by path).
std::vector<std::string> ListRuleFiles(const std::string& path,
                                       std::vector<RuleDiagnostic>* diags) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::file_status st = fs::status(path, ec);
  if (ec || !fs::exists(st)) {
    AddDiag(path, 0, 0, "no such file or folder", diags);
    return {};
  }
  std::vector<std::string> files;
  if (fs::is_directory(st)) {
    fs::recursive_directory_iterator it(
        path, fs::directory_options::skip_permission_denied, ec);
    const fs::recursive_directory_iterator end;
    while (!ec && it != end) {
      const fs::path& p = it->path();
      std::error_code fec;
      if (p.extension() == ".rules" && fs::is_regular_file(it->status(fec))) {
        files.push_back(p.generic_string());
      }
      it.increment(ec);
    }
    if (ec) {
      AddDiag(path, 0, 0, "cannot list folder: " + ec.message(), diags);
    }
    std::sort(files.begin(), files.end());
  } else {
    files.push_back(path);
  }
  return files;
}

void ParsePath(const std::string& path, std::vector<Rule>* rules,
               std::vector<RuleDiagnostic>* diags) {
  std::string data, err;
  for (const std::string& f : ListRuleFiles(path, diags)) {
    if (!ReadFile(f, &data, &err).ok()) {
      AddDiag(f, 0, 0, "cannot read: " + err, diags);
      continue;
    }
    ParseRules(data, f, rules, diags);
  }
}

// ParseRules, optionally without the (costly) pattern checks: the embedded
// defaults are checked by a unit test, and Set::Add still reports patterns
// that do not compile.
bool ParseRulesImpl(std::string_view source, std::string_view file_name,
                    bool check_patterns, std::vector<Rule>* rules,
                    std::vector<RuleDiagnostic>* diags) {
  const size_t diags_before = diags->size();
  if (source.size() >= 3 && source.compare(0, 3, "\xEF\xBB\xBF") == 0) {
    source.remove_prefix(3);  // byte order mark
  }
  std::string site, lang;
  bool icase_default = false;
  std::vector<Field> fields;
  Field rest;
  int line_no = 0;
  size_t pos = 0;
  while (pos < source.size()) {
    ++line_no;
    size_t eol = source.find('\n', pos);
    if (eol == std::string_view::npos) eol = source.size();
    std::string_view line = source.substr(pos, eol - pos);
    pos = eol + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    // A '#' at the start of the line or after whitespace starts a comment.
    // (Found by memchr: a loop over every byte of the embedded rules was a
    // third of what parsing them cost a process.)
    for (size_t i = line.find('#'); i != std::string_view::npos;
         i = line.find('#', i + 1)) {
      if (i == 0 || IsAsciiSpace(line[i - 1])) {
        line = line.substr(0, i);
        break;
      }
    }
    auto diag = [&](size_t off, std::string msg) {
      AddDiag(file_name, line_no, ColumnOf(line, off), std::move(msg), diags);
    };

    SplitFields(line, 3, &fields, &rest);
    if (fields.empty()) continue;
    size_t content_end = line.size();  // where a missing field would start
    while (content_end > 0 && IsAsciiSpace(line[content_end - 1]))
      --content_end;

    // ---- Directives ----
    if (fields[0].text[0] == '@') {
      SplitFields(line, 64, &fields, &rest);
      const std::string_view name = fields[0].text;
      if (name != "@site" && name != "@lang" && name != "@flags") {
        diag(fields[0].offset, "unknown directive '" + std::string(name) +
                                   "' (expected @site, @lang or @flags)");
        continue;
      }
      if (fields.size() < 2) {
        diag(content_end, std::string(name) + " needs an argument");
        continue;
      }
      if (fields.size() > 2) {
        diag(fields[2].offset,
             std::string(name) + " takes one argument, got more");
        continue;
      }
      const std::string_view arg = fields[1].text;
      if (name == "@site") {
        std::string host = AsciiLowerCopy(arg);
        if (host == "*") {
          site.clear();
        } else if (!ValidHost(host)) {
          diag(fields[1].offset,
               "bad host '" + std::string(arg) +
                   "' (expected a host name like example.org, "
                   "or * to reset)");
        } else {
          site = host;
        }
      } else if (name == "@lang") {
        std::string canonical;
        if (arg == "*") {
          lang.clear();
        } else if (!KnownLanguage(arg, &canonical)) {
          diag(
              fields[1].offset,
              "unknown language '" + std::string(arg) +
                  "' (expected a stop-list name like English or German, or *)");
        } else {
          lang = canonical;
        }
      } else {  // @flags
        if (arg == "i") {
          icase_default = true;
        } else if (arg == "-") {
          icase_default = false;
        } else {
          diag(fields[1].offset, "unknown flags '" + std::string(arg) +
                                     "' (expected i, or - to reset)");
        }
      }
      continue;
    }

    // ---- Rules ----
    Rule rule;
    rule.file = std::string(file_name);
    rule.line = line_no;
    rule.col = ColumnOf(line, fields[0].offset);
    rule.id = std::string(fields[0].text);
    rule.site = site;
    rule.lang = lang;
    bool ok = true;
    if (!ValidId(rule.id)) {
      diag(fields[0].offset,
           "bad rule ID '" + rule.id + "': IDs are [a-z0-9][a-z0-9._-]*");
      ok = false;
    }
    if (fields.size() < 2) {
      diag(content_end, "missing target, action and pattern");
      continue;
    }
    bool target_ok = ParseTarget(fields[1].text, &rule.target, &rule.icase);
    if (!target_ok) {
      diag(fields[1].offset,
           "unknown target '" + std::string(fields[1].text) +
               "' (expected text, tag, class, id, role, aria or attr, "
               "optionally with /i)");
      ok = false;
    }
    if (fields.size() < 3) {
      diag(content_end, "missing action and pattern");
      continue;
    }
    if (!ParseAction(fields[2].text, &rule.action, &rule.shift)) {
      diag(fields[2].offset,
           "unknown action '" + std::string(fields[2].text) +
               "' (expected drop, keep, subtree, cut, caption or a signed score like "
               "+2 or -1.5)");
      ok = false;
    }
    if (rest.text.empty()) {
      diag(content_end, "missing pattern");
      continue;
    }
    rule.pattern = std::string(rest.text);
    rule.pattern_col = ColumnOf(line, rest.offset);
    if (!target_ok) continue;
    if (rule.target == Target::kText) {
      rule.icase = rule.icase || icase_default;
    } else {
      rule.icase = true;  // attributes are lower-cased
    }
    std::string msg;
    // Pattern problems point at the pattern field, like every other
    // diagnostic points at its field.
    if (check_patterns && !CheckPattern(rule, &msg)) {
      diag(rest.offset, std::move(msg));
      ok = false;
    }
    if (ok) rules->push_back(std::move(rule));
  }
  return diags->size() == diags_before;
}

// Parses the rules built into the binary, named "rules/FILE"; their patterns
// were checked when they were built (the rules_check test).
void ParseEmbeddedRules(std::vector<Rule>* rules,
                        std::vector<RuleDiagnostic>* diags,
                        const std::vector<std::string>& replaced_by) {
  auto replaced = [&replaced_by](const std::string& name) {
    for (const std::string& f : replaced_by) {
      if (f == name ||
          (f.size() > name.size() &&
           f.compare(f.size() - name.size(), name.size(), name) == 0 &&
           f[f.size() - name.size() - 1] == '/')) {
        return true;
      }
    }
    return false;
  };
  for (size_t i = 0; i < kEmbeddedRulesCount; ++i) {
    const EmbeddedFile& f = kEmbeddedRules[i];
    if (f.name == nullptr || f.name[0] == '\0') continue;
    if (replaced(std::string("rules/") + f.name)) continue;
    ParseRulesImpl(f.contents(), std::string("rules/") + f.name,
                   /*check_patterns=*/false, rules, diags);
  }
}

}  // namespace rules_internal

std::string RuleDiagnostic::ToString() const {
  std::string out = file;
  if (line > 0) {
    out += ':';
    out += std::to_string(line);
    if (col > 0) {
      out += ':';
      out += std::to_string(col);
    }
  }
  out += ": ";
  out += message;
  return out;
}

bool ParseRules(std::string_view source, std::string_view file_name,
                std::vector<Rule>* rules, std::vector<RuleDiagnostic>* diags) {
  return rules_internal::ParseRulesImpl(source, file_name, true, rules, diags);
}

}  // namespace winnow
