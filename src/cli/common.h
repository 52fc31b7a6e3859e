// Copyright winnow authors. Licensed under the MIT licence.
//
// What the subcommands share: extraction flags, file reading, messages.

#ifndef WINNOW_CLI_COMMON_H_
#define WINNOW_CLI_COMMON_H_

#include <boost/program_options.hpp>
#include <string>
#include <vector>

#include "winnow/options.h"
#include "winnow/status.h"
#include "winnow/winnow.h"
#include "util/file.h"

namespace winnow {
namespace cli {

namespace po = boost::program_options;

// Exit codes, as documented in --help.
constexpr int kExitOk = 0;
constexpr int kExitInputFailed = 1;
constexpr int kExitUsage = 2;

// Parses argv into *vm with the options of `options` in winnow's style: as
// Boost's default but without guessing, so that an abbreviation such as
// `--stat` is an unknown option rather than `--stats`. The arguments that
// are not options go to (*vm)[positional] as a std::vector<std::string>
// (absent when there are none); an empty `positional` accepts none. On a
// usage error, prints one message naming the bad option (and, for an
// abbreviation, the options it abbreviates) with "see `help_command` --help"
// and returns false; the caller then exits with kExitUsage.
bool ParseCommandLine(int argc, char** argv,
                      const po::options_description& options,
                      const std::string& positional,
                      const std::string& help_command, po::variables_map* vm);

// Makes `dir` usable as an output folder before any work: creates it and its
// parents as `mkdir -p` does, and fails (kInvalidArgument, a message naming
// `dir` and why) when it or a folder above it is a file, it cannot be
// created, or it is not writable.
Status PrepareOutputDir(const std::string& dir);

// The flags that shape extraction (rules, classification, limits), shared
// by the main command, `test`, `eval` and `explain`.
void AddExtractionFlags(po::options_description* desc);
// Fills *options from parsed flags; kInvalidArgument on a bad combination.
Status ExtractionOptions(const po::variables_map& vm, Options* options);

// ReadFile (a whole file, "-" is stdin) is util/file.h's.

// Prints "winnow: MESSAGE" on stderr.
void Error(const std::string& message);

// Explain output: one aligned line per block, or one JSON object per block
// when `jsonl`.
void AppendExplain(const Extraction& ex, bool jsonl, std::string* out);

// Subcommands; argv excludes the subcommand word itself.
int RunRulesCommand(int argc, char** argv);
int RunTestCommand(int argc, char** argv);
int RunEvalCommand(int argc, char** argv);

}  // namespace cli
}  // namespace winnow

#endif  // WINNOW_CLI_COMMON_H_
