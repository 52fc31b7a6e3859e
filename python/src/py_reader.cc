// Copyright winnow authors. Licensed under the MIT licence.
//
// The GIL is released while a reader reads, decompresses and parses a
// record; a Python file object is read with it held again (PyFileSource).

#include "py_reader.h"

#include <pybind11/stl.h>

#include <cstring>
#include <map>
#include <utility>

#include "cli/format.h"
#include "cli/record_job.h"
#include "input/files.h"
#include "input/gzip.h"

namespace winnow {
namespace python {
namespace {

const char* KindName(ContentKind kind) {
  switch (kind) {
    case ContentKind::kHtml:
      return "html";
    case ContentKind::kText:
      return "text";
    case ContentKind::kAuto:
      break;
  }
  return "auto";
}

// A ByteSource over a Python object with read(n) -> bytes. Called without
// the GIL by the readers; takes it for each read. A Python exception in
// read() becomes an IOError naming the input, and ends the stream.
class PyFileSource : public ByteSource {
 public:
  PyFileSource(py::object file, std::string name)
      : read_(file.attr("read")), name_(std::move(name)) {}
  ~PyFileSource() override {
    py::gil_scoped_acquire gil;
    read_ = py::object();
  }

  size_t Read(char* buf, size_t n) override {
    if (!status_.ok() || done_) return 0;
    py::gil_scoped_acquire gil;
    try {
      py::object chunk = read_(n);
      if (!PyBytes_Check(chunk.ptr())) {
        status_ = Status::InvalidArgument(
            name_ + ": read() must return bytes: open the file in binary mode");
        return 0;
      }
      char* data = nullptr;
      Py_ssize_t size = 0;
      PyBytes_AsStringAndSize(chunk.ptr(), &data, &size);
      if (size == 0) done_ = true;
      const size_t k = std::min(n, static_cast<size_t>(size));
      std::memcpy(buf, data, k);
      return k;
    } catch (py::error_already_set& e) {
      status_ = Status::IOError(name_ + ": " + e.what());
      return 0;
    }
  }
  Status status() const override { return status_; }

 private:
  py::object read_;
  std::string name_;
  Status status_;
  bool done_ = false;
};

// winnow.Reader: iterates records; after the last one, an input whose
// reading stopped on damage gives one more record carrying the error, as
// the command line reports it.
class Reader {
 public:
  Reader(std::unique_ptr<RecordReader> reader, std::string name)
      : reader_(std::move(reader)), name_(std::move(name)) {}
  ~Reader() { Close(); }

  std::shared_ptr<PyRecord> Next() {
    if (!reader_) throw py::stop_iteration();
    auto r = std::make_shared<PyRecord>();
    bool got;
    {
      py::gil_scoped_release nogil;
      got = reader_->Next(&r->rec);
    }
    if (got) return r;
    skipped_ = reader_->skipped();
    const Status status = reader_->status();
    Close();
    if (status.ok()) throw py::stop_iteration();
    cli::InputErrorRecord(name_, status, &r->rec);
    return r;
  }

  std::map<std::string, uint64_t> skipped() const {
    return reader_ ? reader_->skipped() : skipped_;
  }

  // Frees the reader (and closes the file it opened) with the GIL held, so
  // a PyFileSource can drop its reference.
  void Close() { reader_.reset(); }

 private:
  std::unique_ptr<RecordReader> reader_;
  std::string name_;
  std::map<std::string, uint64_t> skipped_;
};

std::unique_ptr<Reader> Read(py::object source, const std::string& format,
                             const std::string& html_field,
                             const std::string& text_field,
                             const std::string& url_field,
                             size_t max_record_bytes) {
  InputFormat f;
  if (!ParseInputFormat(format, &f)) {
    throw py::value_error("format must be auto, html, text, warc or jsonl, not '" +
                          format + "'");
  }
  ReaderOptions options;
  options.html_field = html_field;
  options.text_field = text_field;
  options.url_field = url_field;
  options.max_record_bytes = max_record_bytes;
  std::unique_ptr<RecordReader> reader;
  std::string name;
  Status s;
  py::module_ os = py::module_::import("os");
  if (py::isinstance<py::str>(source) ||
      py::hasattr(source, "__fspath__") || py::isinstance<py::bytes>(source)) {
    name = py::str(os.attr("fsdecode")(source));
    py::gil_scoped_release nogil;
    s = OpenReader(name, f, options, &reader);
  } else if (py::hasattr(source, "read")) {
    name = "<file>";
    if (py::hasattr(source, "name") &&
        py::isinstance<py::str>(source.attr("name"))) {
      name = source.attr("name").cast<std::string>();
    }
    s = OpenSourceReader(std::make_unique<PyFileSource>(source, name), name,
                         f, options, &reader);
  } else {
    throw py::type_error(
        "read() takes a path or a binary file object (with read())");
  }
  if (!s.ok()) throw Error(s.message());
  return std::make_unique<Reader>(std::move(reader), name);
}

py::object OptionalStr(const std::string& s) {
  if (s.empty()) return py::none();
  return py::str(s);
}

}  // namespace

void DefineReader(py::module_& m) {
  py::class_<PyRecord, std::shared_ptr<PyRecord>>(
      m, "Record",
      "One record of an input, as winnow's readers give it: pass it to "
      "Extractor.extract().")
      .def_property_readonly(
          "bytes",
          [](const PyRecord& r) { return py::bytes(r.rec.body); },
          "The payload, transfer and content codings undone.")
      .def_property_readonly(
          "url", [](const PyRecord& r) { return r.rec.url; },
          "WARC-Target-URI, the JSONL url field, or the file's path.")
      .def_property_readonly(
          "content_type",
          [](const PyRecord& r) { return OptionalStr(r.rec.content_type); },
          "The payload's Content-Type when known, else None.")
      .def_property_readonly(
          "input", [](const PyRecord& r) { return r.rec.input; },
          "The input the record came from (a file inside a folder).")
      .def_property_readonly(
          "index", [](const PyRecord& r) { return r.rec.index; },
          "0-based: WARC records of all types, JSONL lines; 0 for a page.")
      .def_property_readonly(
          "offset", [](const PyRecord& r) { return r.rec.offset; },
          "Byte offset of the record in its input (compressed for a "
          "per-record .warc.gz).")
      .def_property_readonly(
          "warc_record_id",
          [](const PyRecord& r) { return OptionalStr(r.rec.warc_record_id); })
      .def_property_readonly(
          "date", [](const PyRecord& r) { return OptionalStr(r.rec.date); })
      .def_property_readonly(
          "kind", [](const PyRecord& r) { return KindName(r.rec.kind); },
          "'html' or 'text' when the input says so, else 'auto'.")
      .def_property_readonly(
          "fields",
          [](const PyRecord& r) {
            py::module_ json = py::module_::import("json");
            return json.attr("loads")("{" + r.rec.passthrough + "}");
          },
          "JSONL: the line's other fields, as a dict.")
      .def_property_readonly(
          "error",
          [](const PyRecord& r) {
            if (r.rec.error.ok()) return py::object(py::none());
            return py::object(py::str(
                cli::StripInputPrefix(r.rec.error.message(), r.rec.input)));
          },
          "Why the record could not be read, or None.")
      .def_property_readonly(
          "name",
          [](const PyRecord& r) {
            return cli::DescribeRecord(r.rec, cli::IsPage(r.rec), "");
          },
          "How messages name it: INPUT#INDEX@OFFSET (URL).")
      .def("__repr__", [](const PyRecord& r) {
        return "<winnow.Record " + cli::DescribeRecord(r.rec, cli::IsPage(r.rec), "") +
               ">";
      });

  py::class_<Reader>(m, "Reader", "An iterator over the records of an input.")
      .def("__iter__", [](py::object self) { return self; })
      .def("__next__", &Reader::Next)
      .def_property_readonly(
          "skipped", &Reader::skipped,
          "Records passed over so far, by reason ('request', 'non-html' "
          "...); complete at the end.")
      .def("close", &Reader::Close, "Closes the input; iteration ends.")
      .def("__enter__", [](py::object self) { return self; })
      .def("__exit__", [](Reader& r, py::args) { r.Close(); });

  m.def("read", &Read, py::arg("source"), py::kw_only(),
        py::arg("format") = "auto", py::arg("html_field") = "html",
        py::arg("text_field") = "text", py::arg("url_field") = "url",
        py::arg("max_record_bytes") = ReaderOptions().max_record_bytes,
        "Iterates the records of a WARC, JSONL, folder or page (a path, or a "
        "binary file object) with winnow's readers, streaming.");
}

}  // namespace python
}  // namespace winnow
