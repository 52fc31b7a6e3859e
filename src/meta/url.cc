// Copyright winnow authors. Licensed under the MIT licence.

#include "meta/url.h"
#include "util/ascii.h"

#include <vector>

namespace winnow {
namespace {

// The length of "scheme:" at the start of `s`, or 0 when there is none.
size_t SchemeLength(std::string_view s) {
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    const bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    if (c == ':') return i > 0 ? i + 1 : 0;
    if (!alpha && (i == 0 || !((c >= '0' && c <= '9') || c == '+' ||
                               c == '-' || c == '.')))
      return 0;
  }
  return 0;
}

bool IsHttp(std::string_view s) {
  const size_t n = SchemeLength(s);
  std::string scheme;
  for (size_t i = 0; i + 1 < n; ++i) scheme.push_back(AsciiLower(s[i]));
  return (scheme == "http" || scheme == "https") && s.substr(n, 2) == "//";
}

// RFC 3986 5.2.4: "/a/b/../c/./d" -> "/a/c/d".
std::string RemoveDotSegments(std::string_view path) {
  std::vector<std::string_view> out;
  size_t i = 0;
  const bool absolute = !path.empty() && path[0] == '/';
  if (absolute) i = 1;
  bool trailing = false;
  while (i <= path.size()) {
    size_t end = path.find('/', i);
    if (end == std::string_view::npos) end = path.size();
    const std::string_view seg = path.substr(i, end - i);
    trailing = false;
    if (seg == "..") {
      if (!out.empty()) out.pop_back();
      trailing = true;
    } else if (seg == ".") {
      trailing = true;
    } else {
      out.push_back(seg);
    }
    i = end + 1;
  }
  std::string result = absolute ? "/" : "";
  for (size_t k = 0; k < out.size(); ++k) {
    if (k) result.push_back('/');
    result.append(out[k]);
  }
  if (trailing && !out.empty()) result.push_back('/');
  return result;
}

}  // namespace

std::string ResolveUrl(std::string_view base, std::string_view ref) {
  while (!ref.empty() && (ref.front() == ' ' || ref.front() == '\t' ||
                          ref.front() == '\n' || ref.front() == '\r'))
    ref.remove_prefix(1);
  while (!ref.empty() && (ref.back() == ' ' || ref.back() == '\t' ||
                          ref.back() == '\n' || ref.back() == '\r'))
    ref.remove_suffix(1);
  if (ref.empty()) return "";
  if (SchemeLength(ref) > 0) return IsHttp(ref) ? std::string(ref) : "";
  if (!IsHttp(base)) return "";
  const size_t scheme_end = SchemeLength(base);  // after ':'
  const size_t auth_start = scheme_end + 2;
  size_t path_start = base.find_first_of("/?#", auth_start);
  if (path_start == std::string_view::npos) path_start = base.size();
  const std::string_view scheme = base.substr(0, scheme_end);
  const std::string_view origin = base.substr(0, path_start);
  if (ref.substr(0, 2) == "//") return std::string(scheme) + std::string(ref);
  size_t query = base.find_first_of("?#", path_start);
  if (query == std::string_view::npos) query = base.size();
  std::string_view base_path = base.substr(path_start, query - path_start);
  if (ref[0] == '#') {
    const size_t hash = base.find('#');
    return std::string(base.substr(0, hash)) + std::string(ref);
  }
  if (ref[0] == '?') {
    return std::string(origin) + std::string(base_path) + std::string(ref);
  }
  // Split the reference's path from its query and fragment.
  size_t ref_query = ref.find_first_of("?#");
  if (ref_query == std::string_view::npos) ref_query = ref.size();
  const std::string_view ref_path = ref.substr(0, ref_query);
  const std::string_view ref_rest = ref.substr(ref_query);
  std::string merged;
  if (ref_path[0] == '/') {
    merged = std::string(ref_path);
  } else {
    if (base_path.empty()) base_path = "/";
    merged = std::string(base_path.substr(0, base_path.rfind('/') + 1));
    merged.append(ref_path);
  }
  return std::string(origin) + RemoveDotSegments(merged) + std::string(ref_rest);
}

std::string HostnameOf(std::string_view url) {
  const size_t sep = url.find("://");
  if (sep == std::string_view::npos || SchemeLength(url) != sep + 1) return "";
  std::string_view host = url.substr(sep + 3);
  host = host.substr(0, host.find_first_of("/?#"));
  const size_t at = host.rfind('@');
  if (at != std::string_view::npos) host.remove_prefix(at + 1);
  if (!host.empty() && host[0] == '[') {
    host = host.substr(0, host.find(']') + 1);  // an IPv6 literal
  } else {
    host = host.substr(0, host.find(':'));
  }
  std::string out;
  for (char c : host) out.push_back(AsciiLower(c));
  return out;
}

}  // namespace winnow
