// Copyright winnow authors. Licensed under the MIT licence.
//
// URL helpers for metadata: resolving a reference against the page's
// address (RFC 3986 section 5.2, without percent-normalisation).

#ifndef WINNOW_META_URL_H_
#define WINNOW_META_URL_H_

#include <string>
#include <string_view>

namespace winnow {

// `ref` resolved against `base`. An absolute http(s) `ref` is returned as
// it is; a relative one needs an absolute http(s) `base`, else the result
// is empty. Other schemes (javascript:, data:, mailto: ...) give empty.
// Spaces around `ref` are trimmed. Linear.
std::string ResolveUrl(std::string_view base, std::string_view ref);

// The host of an absolute URL ("https://www.Heise.de:443/x" ->
// "www.heise.de"): lower-cased, userinfo and port dropped; empty when `url`
// has no "scheme://".
std::string HostnameOf(std::string_view url);

}  // namespace winnow

#endif  // WINNOW_META_URL_H_
