// Copyright winnow authors. Licensed under the MIT licence.

#include "meta/date.h"

namespace winnow {
namespace {

bool Digits(std::string_view s, size_t i, size_t n) {
  if (i + n > s.size()) return false;
  for (size_t k = i; k < i + n; ++k) {
    if (s[k] < '0' || s[k] > '9') return false;
  }
  return true;
}

int Number(std::string_view s, size_t i, size_t n) {
  int v = 0;
  for (size_t k = i; k < i + n; ++k) v = v * 10 + (s[k] - '0');
  return v;
}

// "YYYY-MM-DD" from its parts, or empty when out of range.
std::string MakeDate(int y, int m, int d) {
  if (y < 1900 || y > 2099 || m < 1 || m > 12 || d < 1 || d > 31) return "";
  char buf[11];
  buf[0] = static_cast<char>('0' + y / 1000);
  buf[1] = static_cast<char>('0' + y / 100 % 10);
  buf[2] = static_cast<char>('0' + y / 10 % 10);
  buf[3] = static_cast<char>('0' + y % 10);
  buf[4] = '-';
  buf[5] = static_cast<char>('0' + m / 10);
  buf[6] = static_cast<char>('0' + m % 10);
  buf[7] = '-';
  buf[8] = static_cast<char>('0' + d / 10);
  buf[9] = static_cast<char>('0' + d % 10);
  return std::string(buf, 10);
}

}  // namespace

std::string NormalizeDate(std::string_view v) {
  while (!v.empty() && v.front() == ' ') v.remove_prefix(1);
  if (!Digits(v, 0, 4) || v.size() < 10 || !Digits(v, 5, 2) ||
      !Digits(v, 8, 2))
    return "";
  const char sep = v[4];
  if ((sep != '-' && sep != '/') || v[7] != sep) return "";
  std::string out = MakeDate(Number(v, 0, 4), Number(v, 5, 2), Number(v, 8, 2));
  if (out.empty()) return out;
  // An optional time: [T ]HH:MM[:SS[.fff]] then an optional zone.
  size_t i = 10;
  if (i < v.size() && (v[i] == 'T' || v[i] == ' ') && Digits(v, i + 1, 2) &&
      i + 3 < v.size() && v[i + 3] == ':' && Digits(v, i + 4, 2)) {
    std::string time = "T" + std::string(v.substr(i + 1, 5));
    i += 6;
    if (i < v.size() && v[i] == ':' && Digits(v, i + 1, 2)) {
      time.append(v.substr(i, 3));
      i += 3;
      if (i < v.size() && v[i] == '.' && Digits(v, i + 1, 1)) {
        size_t end = i + 1;
        while (end < v.size() && v[end] >= '0' && v[end] <= '9') ++end;
        time.append(v.substr(i, end - i));
        i = end;
      }
    }
    if (i < v.size() && v[i] == 'Z') {
      time.push_back('Z');
    } else if (i < v.size() && (v[i] == '+' || v[i] == '-') &&
               Digits(v, i + 1, 2)) {
      if (i + 3 < v.size() && v[i + 3] == ':' && Digits(v, i + 4, 2)) {
        time.append(v.substr(i, 6));
      } else if (Digits(v, i + 3, 2)) {
        time.append(v.substr(i, 5));
      }
    }
    out += time;
  }
  return out;
}

std::string DateFromUrl(std::string_view url) {
  size_t start = url.find("://");
  start = start == std::string_view::npos ? 0 : url.find('/', start + 3);
  if (start == std::string_view::npos) return "";
  std::string_view path = url.substr(start);
  path = path.substr(0, path.find_first_of("?#"));
  for (size_t i = 0; i + 5 < path.size(); ++i) {
    if (path[i] != '/' || !Digits(path, i + 1, 4)) continue;
    const size_t p = i + 5;
    const int y = Number(path, i + 1, 4);
    // "/YYYY/MM/DD/" or "/YYYY/MM/DD" at the end.
    if (path[p] == '/' && Digits(path, p + 1, 2) && p + 3 < path.size() &&
        path[p + 3] == '/' && Digits(path, p + 4, 2) &&
        (p + 6 == path.size() || path[p + 6] == '/')) {
      std::string d = MakeDate(y, Number(path, p + 1, 2), Number(path, p + 4, 2));
      if (!d.empty()) return d;
    }
    // "/YYYY-MM-DD" followed by a non-digit or the end.
    if (path[p] == '-' && Digits(path, p + 1, 2) && p + 3 < path.size() &&
        path[p + 3] == '-' && Digits(path, p + 4, 2) &&
        !Digits(path, p + 6, 1)) {
      std::string d = MakeDate(y, Number(path, p + 1, 2), Number(path, p + 4, 2));
      if (!d.empty()) return d;
    }
  }
  return "";
}

}  // namespace winnow
