#!/usr/bin/env bash
# `cmake --install` into a temporary prefix, then what a consumer does with
# it (issue 16): a C++ program outside the tree built against the installed
# winnow with find_package(winnow) and with pkg-config, run on a sample
# page; the installed command and the installed Python module run too.
# Only the public headers may be installed.
#
#   tests/install_test.sh BUILD_DIR SOURCE_DIR [python|nopython]
set -euo pipefail
build=$(cd "$1" && pwd)
src=$(cd "$2" && pwd)
python=${WINNOW_PYTHON:-/usr/bin/python3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
prefix=$work/prefix
fail() { echo "install_test: $*" >&2; exit 1; }

timeout 300 cmake --install "$build" --prefix "$prefix" > "$work/install.log"

page=$src/samples/heise-article.html
url=$(cat "$src/samples/heise-article.url")
expected=$src/samples/heise-article.expected.txt

# The command.
"$prefix/bin/winnow" --url "$url" "$page" > "$work/cmd.txt"
cmp "$work/cmd.txt" "$expected" || fail "installed winnow: wrong text"

# Only the public headers.
(cd "$src/include" && find winnow -name '*.h' | sort) > "$work/public.txt"
(cd "$prefix/include" && find . -type f | sed 's|^\./||' | sort) > "$work/installed.txt"
diff "$work/public.txt" "$work/installed.txt" || fail "installed headers differ from include/winnow"

# A consumer outside the tree.
mkdir -p "$work/app"
cat > "$work/app/main.cc" <<'CC'
#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>
#include <string>

#include <winnow/winnow.h>

int main(int argc, char** argv) {
  if (argc != 3) return 2;
  std::ifstream in(argv[1], std::ios::binary);
  std::string html((std::istreambuf_iterator<char>(in)),
                   std::istreambuf_iterator<char>());
  std::unique_ptr<winnow::Extractor> ex;
  winnow::Status s = winnow::Extractor::Create(winnow::Options(), &ex);
  winnow::Extraction out;
  if (s.ok()) s = ex->Extract({html, argv[2]}, &out);
  if (!s.ok()) {
    std::cerr << s.ToString() << "\n";
    return 1;
  }
  std::cout << out.text;
  return 0;
}
CC
cat > "$work/app/CMakeLists.txt" <<'CM'
cmake_minimum_required(VERSION 3.18)
project(winnow_consumer CXX)
find_package(winnow 0.1 REQUIRED)
add_executable(app main.cc)
target_link_libraries(app PRIVATE winnow::winnow)
CM
timeout 300 cmake -S "$work/app" -B "$work/app/build" \
  -DCMAKE_PREFIX_PATH="$prefix" > "$work/app.log" 2>&1 ||
  { cat "$work/app.log"; fail "find_package(winnow) failed"; }
timeout 300 cmake --build "$work/app/build" > "$work/app.log" 2>&1 ||
  { cat "$work/app.log"; fail "the find_package consumer does not build"; }
"$work/app/build/app" "$page" "$url" > "$work/app.txt"
cmp "$work/app.txt" "$expected" || fail "find_package consumer: wrong text"

pcdir=$(dirname "$(find "$prefix" -name winnow.pc)")
flags=$(PKG_CONFIG_PATH=$pcdir pkg-config --cflags --libs winnow)
libdir=$(PKG_CONFIG_PATH=$pcdir pkg-config --variable=libdir winnow)
# shellcheck disable=SC2086
timeout 300 c++ -o "$work/app-pc" "$work/app/main.cc" $flags \
  -Wl,-rpath,"$libdir" || fail "the pkg-config consumer does not build"
"$work/app-pc" "$page" "$url" > "$work/app-pc.txt"
cmp "$work/app-pc.txt" "$expected" || fail "pkg-config consumer: wrong text"

# The Python module, from the prefix alone.
[ "${3:-python}" = python ] || { echo "install_test: ok (no Python)"; exit 0; }
site=$(find "$prefix" -path '*-packages/winnow/__init__.py' -printf '%h\n')
[ -n "$site" ] || fail "no Python package installed"
PYTHONPATH=$(dirname "$site") "$python" -c '
import sys, winnow
doc = winnow.Extractor().extract(open(sys.argv[1], "rb").read(), url=sys.argv[2])
sys.stdout.write(doc["text"])' "$page" "$url" > "$work/py.txt"
cmp "$work/py.txt" "$expected" || fail "installed Python module: wrong text"
echo "install_test: ok"
