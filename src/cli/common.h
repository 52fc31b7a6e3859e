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

namespace winnow {
namespace cli {

namespace po = boost::program_options;

// Exit codes, as documented in --help.
constexpr int kExitOk = 0;
constexpr int kExitInputFailed = 1;
constexpr int kExitUsage = 2;

// The flags that shape extraction (rules, classification, limits), shared
// by the main command, `test`, `eval` and `explain`.
void AddExtractionFlags(po::options_description* desc);
// Fills *options from parsed flags; kInvalidArgument on a bad combination.
Status ExtractionOptions(const po::variables_map& vm, Options* options);

// Reads a whole file ("-" is stdin) into *out.
Status ReadFile(const std::string& path, std::string* out);

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
