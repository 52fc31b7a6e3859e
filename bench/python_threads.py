#!/usr/bin/env python3
"""Pages/s of the Python binding with 1, 2 and 4 threads (issue 16).

    PYTHONPATH=build/python /usr/bin/python3 bench/python_threads.py \
        ../shared/corpus/snippets/html [REPS]

Reads every page below the folder into memory, extracts all of them once
untimed (warm-up), then, for each thread count, REPS timed passes in which
the threads take pages from a shared counter; prints the median pass. The
GIL is released while a page is extracted, so the threads run in parallel
up to the machine's cores.
"""

import os
import statistics
import sys
import threading
import time

import winnow


def pages_below(folder):
    pages = []
    for root, dirs, files in os.walk(folder):
        dirs.sort()
        for name in sorted(files):
            with open(os.path.join(root, name), "rb") as f:
                pages.append(f.read())
    return pages


def one_pass(ex, pages, threads):
    lock = threading.Lock()
    next_page = [0]

    def work():
        while True:
            with lock:
                i = next_page[0]
                next_page[0] += 1
            if i >= len(pages):
                return
            try:
                ex.extract(pages[i])
            except winnow.Error:
                pass

    workers = [threading.Thread(target=work) for _ in range(threads)]
    start = time.perf_counter()
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    return time.perf_counter() - start


def main():
    folder = sys.argv[1]
    reps = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    pages = pages_below(folder)
    mb = sum(len(p) for p in pages) / 1e6
    ex = winnow.Extractor()
    one_pass(ex, pages, 1)
    print("%d pages, %.1f MB, %d cores" % (len(pages), mb, os.cpu_count()))
    for threads in (1, 2, 4):
        t = statistics.median(one_pass(ex, pages, threads) for _ in range(reps))
        print("threads %d: %.0f pages/s, %.1f MB/s (median of %d passes, %.2f s)"
              % (threads, len(pages) / t, mb / t, reps, t))


if __name__ == "__main__":
    main()
