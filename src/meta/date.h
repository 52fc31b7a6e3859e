// Copyright winnow authors. Licensed under the MIT licence.
//
// Publication dates: the ISO 8601 forms that metadata gives, and the dates
// that URL paths carry.

#ifndef WINNOW_META_DATE_H_
#define WINNOW_META_DATE_H_

#include <string>
#include <string_view>

namespace winnow {

// `value` as an ISO 8601 date when it starts with one: "YYYY-MM-DD" (or
// "YYYY/MM/DD", written with '-'), optionally followed by a time
// "THH:MM[:SS[.fff]]" (a space instead of 'T' becomes 'T') and a zone
// ("Z", "+02:00", "+0200"), kept as given. Anything after that is dropped.
// Years 1900-2099, months 1-12, days 1-31; otherwise empty.
std::string NormalizeDate(std::string_view value);

// The date in a URL's path: "/2024/05/14/" (the day followed by '/' or the
// end of the path) or "/2024-05-14" (followed by a non-digit); empty when
// none. Only the path is read, never the query.
std::string DateFromUrl(std::string_view url);

}  // namespace winnow

#endif  // WINNOW_META_DATE_H_
