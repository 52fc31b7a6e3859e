// Copyright winnow authors. Licensed under the MIT licence.
//
// The identity of an evaluation corpus, so that `winnow eval --baseline`
// compares results of the same pages only.

#ifndef WINNOW_EVAL_CORPUS_H_
#define WINNOW_EVAL_CORPUS_H_

#include <string>
#include <vector>

namespace winnow {

// A fingerprint of a corpus given the names of its pages (file names,
// relative to the corpus): "COUNT:HASH", where HASH is 16 hex digits of the
// 64-bit FNV-1a hash of the sorted names, each followed by a newline. It
// depends on the set of names only: not on their order, nor on where the
// corpus lies, nor on the pages' contents or annotations.
std::string CorpusFingerprint(std::vector<std::string> names);

}  // namespace winnow

#endif  // WINNOW_EVAL_CORPUS_H_
