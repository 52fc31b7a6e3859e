// Copyright winnow authors. Licensed under the MIT licence.
//
// Opening inputs: a path, a folder, stdin ("-"), an open descriptor or any
// ByteSource, with the format chosen by the caller or found out:
//
//   1. gzip and zstd are recognised by their magic bytes, whatever the name
//      says, and undone on the fly (every member or frame; a damaged one
//      costs its records only, see frames.h); other compressions (xz,
//      bzip2, lz4, zip, 7z, lzip, lzop, compress) are refused by theirs:
//      kUnsupported "NAME: xz-compressed input is not supported; decompress
//      it first, e.g. `xz -dc NAME | winnow`";
//   2. InputFormat::kAuto then looks at the name, less a ".gz" or ".zst"
//      suffix: .warc -> kWarc; .jsonl, .ndjson -> kJsonl; .html, .htm,
//      .xhtml, .shtml -> kHtml; .txt, .text -> kText;
//   3. else at the first (decompressed) bytes: "WARC/1." -> kWarc, '{' ->
//      kJsonl, bytes that look binary (NUL bytes, many control bytes,
//      %PDF) -> no record, counted in skipped() as "binary" (a file named
//      directly and stdin alike), anything else is one page of unknown kind
//      (Record::kind kAuto: the extractor sniffs).
//
// A page file (html/text/unknown) is one Record whose url is the path. A
// folder yields the records of every file below it, depth first, entries of
// each folder in byte order of their names (so "a/z.html" comes before
// "b.html"), skipping hidden entries (names starting with '.') and not
// following symbolic links to folders. Entries that are not regular files
// (FIFOs, sockets, devices, which could block forever) are never opened and
// are counted as skipped "not-a-file"; a FIFO named directly is read. A file
// that cannot be opened, or whose reading stops on damage (a truncated
// .warc.gz), becomes one error record (input = the file, error = the
// reason) and the walk goes on; so a folder reader's status() is OK at its
// end unless the folder itself cannot be listed.

#ifndef WINNOW_INPUT_FILES_H_
#define WINNOW_INPUT_FILES_H_

#include <memory>
#include <string>
#include <string_view>

#include "input/gzip.h"
#include "input/record.h"

namespace winnow {

// Opens `path_or_dash`: "-" for stdin, a file, or a folder. Fails with
// kNotFound when it does not exist, kIOError when it cannot be opened.
Status OpenReader(const std::string& path_or_dash, InputFormat format,
                  const ReaderOptions& options,
                  std::unique_ptr<RecordReader>* out);

// Reads an open descriptor (left open) — a pipe, a socket, stdin — as the
// input `name` (whose extension, if any, guides kAuto).
Status OpenFdReader(int fd, const std::string& name, InputFormat format,
                    const ReaderOptions& options,
                    std::unique_ptr<RecordReader>* out);

// Reads any byte source as the input `name`.
Status OpenSourceReader(std::unique_ptr<ByteSource> source,
                        const std::string& name, InputFormat format,
                        const ReaderOptions& options,
                        std::unique_ptr<RecordReader>* out);

// The format that a file name says (step 2 above), or kAuto.
InputFormat FormatFromName(std::string_view path);
// The format that leading decompressed bytes say (step 3 above): kWarc,
// kJsonl, or kAuto for a page.
InputFormat SniffFormat(std::string_view head);
// Whether leading bytes look like a binary (non-text) file.
bool LooksBinary(std::string_view head);

}  // namespace winnow

#endif  // WINNOW_INPUT_FILES_H_
