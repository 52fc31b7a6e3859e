// Copyright winnow authors. Licensed under the MIT licence.
//
// winnow._winnow: the Extractor, the record readers (py_reader.cc) and
// winnow.Error. A page's record is formatted by the command line's JSONL
// formatter (cli/format.h) and turned into a dict, so that extract() gives
// the fields of a `winnow --to jsonl` record, whatever fields that gains.
// The GIL is released while a page is extracted and formatted.

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "cli/common.h"
#include "cli/format.h"
#include "cli/record_job.h"
#include "py_reader.h"
#include "winnow/winnow.h"

namespace winnow {
namespace python {
namespace {

// The keyword options: each is one flag of the command line's extraction
// options (cli/common.h), parsed by the command line's own code.
enum class Kind { kFlag, kNegatedFlag, kNumber, kPaths };
struct OptionSpec {
  const char* keyword;
  const char* flag;
  Kind kind;
};
constexpr OptionSpec kOptionSpecs[] = {
    {"rules", "rules", Kind::kPaths},
    {"default_rules", "no-default-rules", Kind::kNegatedFlag},
    {"precision", "precision", Kind::kFlag},
    {"recall", "recall", Kind::kFlag},
    {"comments", "comments", Kind::kFlag},
    {"tables", "no-tables", Kind::kNegatedFlag},
    {"set_aside", "no-set-aside", Kind::kNegatedFlag},
    {"max_page_bytes", "max-page-bytes", Kind::kNumber},
    {"max_depth", "max-depth", Kind::kNumber},
    {"max_attributes", "max-attributes", Kind::kNumber},
    {"max_memory", "max-memory", Kind::kNumber},
    {"max_work", "max-work", Kind::kNumber},
};

const OptionSpec* FindSpec(const std::string& keyword) {
  for (const OptionSpec& spec : kOptionSpecs) {
    if (keyword == spec.keyword) return &spec;
  }
  return nullptr;
}

// Appends the command-line words that `value` of `spec` stands for.
void AppendWords(const OptionSpec& spec, py::handle value,
                 std::vector<std::string>* words) {
  const std::string flag = std::string("--") + spec.flag;
  switch (spec.kind) {
    case Kind::kFlag:
    case Kind::kNegatedFlag:
      if (!py::isinstance<py::bool_>(value)) {
        throw py::type_error(std::string(spec.keyword) + " must be a bool");
      }
      if (value.cast<bool>() == (spec.kind == Kind::kFlag)) {
        words->push_back(flag);
      }
      return;
    case Kind::kNumber:
      if (!py::isinstance<py::int_>(value) || py::isinstance<py::bool_>(value)) {
        throw py::type_error(std::string(spec.keyword) + " must be an int");
      }
      words->push_back(flag);
      words->push_back(py::str(value).cast<std::string>());
      return;
    case Kind::kPaths: {
      py::module_ os = py::module_::import("os");
      py::list paths;
      if (py::isinstance<py::str>(value) || py::hasattr(value, "__fspath__")) {
        paths.append(value);
      } else {
        if (!py::isinstance<py::iterable>(value)) {
          throw py::type_error("rules must be a path or a list of paths");
        }
        paths = py::list(py::reinterpret_borrow<py::iterable>(value));
      }
      for (py::handle p : paths) {
        words->push_back(flag);
        words->push_back(py::str(os.attr("fsdecode")(p)).cast<std::string>());
      }
      return;
    }
  }
}

// Options from keyword arguments, through the command line's parser.
Options ParseOptions(const py::kwargs& kwargs) {
  std::vector<std::string> words = {"winnow"};
  for (const auto& [key, value] : kwargs) {
    const std::string keyword = py::str(key);
    const OptionSpec* spec = FindSpec(keyword);
    if (!spec) {
      throw py::type_error("Extractor() got an unexpected keyword argument '" +
                           keyword + "'");
    }
    AppendWords(*spec, value, &words);
  }
  cli::po::options_description desc;
  cli::AddExtractionFlags(&desc);
  std::vector<const char*> argv;
  for (const std::string& w : words) argv.push_back(w.c_str());
  cli::po::variables_map vm;
  Options options;
  try {
    cli::po::store(cli::po::parse_command_line(static_cast<int>(argv.size()),
                                               argv.data(), desc),
                   vm);
    cli::po::notify(vm);
  } catch (const std::exception& e) {
    throw py::value_error(e.what());
  }
  Status s = cli::ExtractionOptions(vm, &options);
  if (!s.ok()) throw py::value_error(s.message());
  return options;
}

// The record an ad-hoc page (extract(bytes)) is: named "<page>".
constexpr char kPageInput[] = "<page>";

class PyExtractor {
 public:
  explicit PyExtractor(const py::kwargs& kwargs) {
    const Options options = ParseOptions(kwargs);
    Status s;
    {
      py::gil_scoped_release nogil;
      s = Extractor::Create(options, &extractor_);
    }
    if (!s.ok()) throw Error(s.message());
    formatter_ = cli::MakeFormatter(cli::OutputFormat::kJsonl, false);
    loads_ = py::module_::import("json").attr("loads");
  }

  // extract(): the record's dict; raises Error when it failed.
  py::object Extract(py::handle page, py::object url, py::object content_type,
                     const std::string& kind) {
    std::string line;
    std::string message;
    if (!Run(page, url, content_type, kind, &line, &message)) {
      throw Error(message);
    }
    return loads_(py::bytes(line));
  }

  // to_jsonl(): (the record's JSONL line, whether it was extracted); never
  // raises for a failed record, whose line is its error object.
  py::tuple ToJsonl(py::handle page, py::object url) {
    std::string line;
    std::string message;
    const bool ok = Run(page, url, py::none(), "auto", &line, &message);
    return py::make_tuple(py::bytes(line), ok);
  }

 private:
  // Extracts `page` (a Record, bytes or str) and formats it into *line;
  // on failure fills *message as the command line prints it (without
  // "winnow: ") and returns false.
  bool Run(py::handle page, py::object url, py::object content_type,
           const std::string& kind, std::string* line, std::string* message) {
    Record own;
    const Record* rec = &own;
    bool page_file = true;
    std::string body_str;
    if (py::isinstance<PyRecord>(page)) {
      rec = &page.cast<PyRecord&>().rec;
      page_file = cli::IsPage(*rec);
      if (!content_type.is_none()) {
        throw py::type_error("content_type is the record's own");
      }
    } else {
      MakePageRecord(page, url, content_type, kind, &own);
    }
    const std::string address =
        url.is_none() ? rec->url : url.cast<std::string>();
    Status s;
    {
      py::gil_scoped_release nogil;
      Extraction ex;
      s = cli::ExtractRecord(*extractor_, *formatter_, *rec, address, &ex,
                             line);
      if (s.ok()) formatter_->Extracted(*rec, address, &ex, line);
    }
    if (s.ok()) return true;
    *message = cli::DescribeRecord(*rec, page_file, address) + ": " +
               cli::StripInputPrefix(s.message(), rec->input);
    return false;
  }

  static void MakePageRecord(py::handle page, py::object url,
                             py::object content_type, const std::string& kind,
                             Record* rec) {
    rec->input = kPageInput;
    if (!url.is_none()) rec->url = url.cast<std::string>();
    if (!content_type.is_none()) {
      rec->content_type = content_type.cast<std::string>();
    }
    if (py::isinstance<py::bytes>(page) || py::isinstance<py::bytearray>(page) ||
        py::isinstance<py::memoryview>(page)) {
      py::buffer_info info = py::reinterpret_borrow<py::buffer>(page).request();
      rec->body.assign(static_cast<const char*>(info.ptr),
                       static_cast<size_t>(info.size * info.itemsize));
    } else if (py::isinstance<py::str>(page)) {
      rec->body = page.cast<std::string>();  // UTF-8
      // A str is Unicode already: a stale <meta charset> must not decode it.
      if (rec->content_type.empty()) {
        rec->content_type = "text/html; charset=utf-8";
      }
    } else {
      throw py::type_error("extract() takes bytes, str or a winnow.Record");
    }
    if (kind == "html") {
      rec->kind = ContentKind::kHtml;
    } else if (kind == "text") {
      rec->kind = ContentKind::kText;
    } else if (kind != "auto") {
      throw py::value_error("kind must be auto, html or text, not '" + kind +
                            "'");
    }
  }

  std::unique_ptr<Extractor> extractor_;
  std::unique_ptr<cli::Formatter> formatter_;
  py::object loads_;
};

}  // namespace
}  // namespace python
}  // namespace winnow

PYBIND11_MODULE(_winnow, m) {
  namespace py = pybind11;
  using winnow::python::PyExtractor;
  m.doc() = "winnow: strip boilerplate from web pages (C++ core).";
  m.attr("__version__") = winnow::Version();
  py::register_exception<winnow::python::Error>(m, "Error");
  winnow::python::DefineReader(m);
  py::class_<PyExtractor>(
      m, "Extractor",
      "Extractor(**options): the command line's extraction options as "
      "keywords (rules, default_rules, precision, recall, comments, tables, "
      "set_aside, "
      "max_page_bytes, max_depth, max_attributes, max_memory, "
      "max_work). Create once; extract() may be called from many threads "
      "at once.")
      .def(py::init<const py::kwargs&>())
      .def("extract", &PyExtractor::Extract, py::arg("page"),
           py::arg("url") = py::none(), py::arg("content_type") = py::none(),
           py::kw_only(), py::arg("kind") = "auto",
           "Extracts a page (bytes, str or a winnow.Record) and returns the "
           "dict of its `winnow --to jsonl` record; raises winnow.Error when "
           "it fails.")
      .def("to_jsonl", &PyExtractor::ToJsonl, py::arg("record"),
           py::arg("url") = py::none(),
           "(line, ok): the record's `winnow --to jsonl` line as bytes, and "
           "whether it was extracted (else the line is its error object).");
}
