// Copyright winnow authors. Licensed under the MIT licence.
//
// The metadata of an Extraction as output: JSON members for the JSON and
// JSONL writers, `key: value` lines for a text header, and one field at a
// time for `winnow test`. One table of fields serves all three, in this
// fixed order:
//
//   title author date sitename hostname description categories tags image
//   canonical_url language encoding warnings text_length fingerprint
//
// Strings are JSON strings, categories/tags/warnings arrays of strings,
// text_length a number. An absent value (an empty string or list) is left
// out; text_length is always written.

#ifndef WINNOW_META_METADATA_FORMAT_H_
#define WINNOW_META_METADATA_FORMAT_H_

#include <string>
#include <string_view>
#include <vector>

#include "util/json.h"
#include "winnow/winnow.h"

namespace winnow {

// The field names above, in order.
const std::vector<std::string>& MetadataFieldNames();

// The field `name` of `ex` as JSON: a string, an array of strings or a
// number; null when the value is absent. False for an unknown name.
bool MetadataField(const Extraction& ex, std::string_view name, JsonValue* out);

// Appends `,"author":"...","date":"..."` and so on: every field but title
// (which the record writers place beside url and text themselves), absent
// ones left out, each preceded by a comma, for the middle of an object.
void AppendMetadataJson(const Extraction& ex, std::string* out);

// Appends one `key: value\n` line per present field, title included; lists
// are joined with ", " (warnings with "; "); a line break in a value
// becomes a space.
void AppendMetadataLines(const Extraction& ex, std::string* out);

}  // namespace winnow

#endif  // WINNOW_META_METADATA_FORMAT_H_
