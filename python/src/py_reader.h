// Copyright winnow authors. Licensed under the MIT licence.
//
// winnow.read(): winnow's own record readers (input/files.h) over a path or
// a Python binary file object, one record at a time, as Python objects.

#ifndef WINNOW_PYTHON_PY_READER_H_
#define WINNOW_PYTHON_PY_READER_H_

#include <pybind11/pybind11.h>

#include <memory>
#include <string>

#include "input/record.h"

namespace winnow {
namespace python {

namespace py = pybind11;

// One record as Python sees it (winnow.Record): read-only; the body stays
// in C++ until asked for, so Extractor.extract(record) copies nothing.
struct PyRecord {
  Record rec;
};

// Raised for what the command line reports as an error (winnow.Error).
class Error : public std::exception {
 public:
  explicit Error(std::string message) : message_(std::move(message)) {}
  const char* what() const noexcept override { return message_.c_str(); }

 private:
  std::string message_;
};

// Defines winnow.Record, winnow.Reader and winnow.read in `m`.
void DefineReader(py::module_& m);

}  // namespace python
}  // namespace winnow

#endif  // WINNOW_PYTHON_PY_READER_H_
