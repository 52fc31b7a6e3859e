#!/usr/bin/env python3
# Copyright winnow authors. Licensed under the MIT licence.
"""Fits the classifier's weights (rules/model.weights) on a snippets corpus
with k-fold cross-validation grouped by site, and prints in-fold and
out-of-fold F1.

    tools/fit_model.py --winnow build/winnow CORPUS [--folds 5] [--out FILE]

CORPUS is a snippets corpus (annotations.json + html/). A page's site is the
host of its URL (the annotation's key), else of the page's canonical link,
else the host-like start of its file name; "www." is dropped. Sites, never
pages, are split between folds, so a fold's held-out pages come from sites
the fit never saw.

How a fit works: rounds of coordinate search (--rounds). Every weight in
FITTED is moved by -STEP and +STEP on its own, and `winnow eval --model W
--to json` scores each candidate on the whole corpus once (per-page
tp/fn/fp/tn, cached under --cache). For a training set of pages, each
weight takes the move that raises the training F1 most (or none); the moves
that help are combined and the combination is scored; if it scores below
the best single move, the best single move is kept. The next round starts
from there. Segment-level P/R/F1 are computed from the summed page counts
exactly as `winnow eval` computes them, so a fold's figure is what `winnow
eval` prints on a corpus of that fold's pages.

Out-of-fold F1 pools the held-out counts of every fold: each page is scored
by weights fitted without its site. In-fold F1 is the mean training F1 of
the folds' fitted weights. The current weights are scored on the same folds.
With --out, weights fitted on all pages are written there (adopt them only
when their out-of-fold F1 beats the current weights').

Only the standard library. The tool reads nothing keyed to a site or a
phrase: it moves the mechanisms' weights only.
"""

import argparse
import hashlib
import json
import os
import re
import subprocess
import sys
import tempfile
import urllib.parse

# The weights the fit moves, with the step of a move. Thresholds of
# features (character counts, densities) and caps stay as written.
FITTED = {
    "good_score": 0.3,
    "near_good_score": 0.3,
    "bad_score": 0.3,
    "inside_main": 0.3,
    "outside_main": 0.3,
    "outside_main_sure": 0.5,
    "link_some": 0.3,
    "long_text": 0.3,
    "medium_text": 0.3,
    "stopwords_low": 0.3,
    "sentence_end": 0.3,
    "json_ld_outside": 0.5,
    "before_main": 0.3,
    "after_main": 0.3,
    "teaser_card": 0.5,
}

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_WEIGHTS = os.path.join(HERE, "..", "rules", "model.weights")


def read_weights(text):
    out = {}
    for line in text.splitlines():
        m = re.match(r"\s*([a-z_]+)\s*=\s*([^#\s]+)", line)
        if m:
            out[m.group(1)] = float(m.group(2))
    return out


def write_weights(template, values):
    """The template's text with the values of `values` put in."""
    def repl(m):
        name = m.group(2)
        if name not in values or float(m.group(3)) == values[name]:
            return m.group(0)
        return "%s%s = %s%s" % (m.group(1), name, fmt(values[name]), m.group(4))
    return re.sub(r"(?m)^(\s*)([a-z_]+)\s*=\s*([^#\s]+)([ \t]*(?:#.*)?)$",
                  repl, template)


def fmt(v):
    return ("%.4f" % v).rstrip("0").rstrip(".") if v != int(v) else "%d" % v


def host_of(url):
    parts = urllib.parse.urlsplit(url)
    host = parts.hostname or ""
    # An archived copy is of the site it archived.
    inner = re.search(r"https?://.*", parts.path)
    if host == "web.archive.org" and inner:
        return host_of(inner.group(0))
    return host[4:] if host.startswith("www.") else host


CANONICAL = re.compile(
    rb'<link[^>]+rel=["\']?canonical["\']?[^>]*href=["\']([^"\']+)|'
    rb'<link[^>]+href=["\']([^"\']+)["\'][^>]*rel=["\']?canonical|'
    rb'<meta[^>]+property=["\']og:url["\'][^>]*content=["\']([^"\']+)',
    re.I)


def site_of(key, file_name, html_dir):
    if key.startswith(("http://", "https://")):
        return host_of(key)
    try:
        with open(os.path.join(html_dir, file_name), "rb") as f:
            head = f.read(200000)
        m = CANONICAL.search(head)
        if m:
            url = next(g for g in m.groups() if g).decode("utf-8", "replace")
            host = host_of(url)
            if host:
                return host
    except OSError:
        pass
    stem = re.sub(r"\.html?$", "", file_name.lower())
    m = re.match(r"((?:[a-z0-9-]+\.)+[a-z]{2,})", stem)
    host = m.group(1) if m else stem
    return host[4:] if host.startswith("www.") else host


def make_folds(pages, k):
    """Sites to folds: biggest sites first, each to the fold with the fewest
    pages (ties by fold number); sites of equal size in the order of a hash
    of their name. Deterministic."""
    sizes = {}
    for site in pages.values():
        sizes[site] = sizes.get(site, 0) + 1
    order = sorted(sizes, key=lambda s: (-sizes[s],
                                         hashlib.md5(s.encode()).hexdigest()))
    load = [0] * k
    fold_of_site = {}
    for s in order:
        f = min(range(k), key=lambda i: (load[i], i))
        fold_of_site[s] = f
        load[f] += sizes[s]
    return {p: fold_of_site[s] for p, s in pages.items()}


def prf(counts, names):
    tp = fn = fp = 0
    for n in names:
        c = counts.get(n)
        if c is None:
            continue
        tp += c["tp"]
        fn += c["fn"]
        fp += c["fp"]
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


class Evaluator:
    def __init__(self, winnow, corpus, template, cache, jobs):
        self.winnow, self.corpus, self.template = winnow, corpus, template
        self.cache, self.jobs = cache, jobs
        self.runs = 0
        os.makedirs(cache, exist_ok=True)

    def counts(self, values):
        """Per-page counts of the weights `values` on the whole corpus."""
        text = write_weights(self.template, values)
        key = hashlib.sha1(text.encode()).hexdigest()[:16]
        path = os.path.join(self.cache, key + ".json")
        if not os.path.exists(path):
            wpath = os.path.join(self.cache, key + ".weights")
            with open(wpath, "w") as f:
                f.write(text)
            out = subprocess.run(
                [self.winnow, "eval", "--to", "json", "-j", str(self.jobs),
                 "--model", wpath, self.corpus],
                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, check=False)
            if out.returncode not in (0, 1):
                sys.exit("fit_model: winnow eval failed (%d)" % out.returncode)
            with open(path, "wb") as f:
                f.write(out.stdout)
            self.runs += 1
        with open(path) as f:
            return json.load(f)["pages"]


def fit(ev, base, train, rounds=1):
    """`rounds` rounds of coordinate search on the pages `train`, each from
    the last one's weights; returns the weights and their training F1."""
    weights, f = base, None
    for _ in range(rounds):
        moved, f = fit_round(ev, weights, train)
        if moved == weights:
            break
        weights = moved
    return weights, f


def fit_round(ev, base, train):
    """One round of coordinate search on the pages `train`; returns the
    weights and their training F1."""
    best_single = (prf(ev.counts(base), train)[2], dict(base))
    moves = {}
    for name, step in FITTED.items():
        base_f = prf(ev.counts(base), train)[2]
        best_f, best_v = base_f, None
        for v in (base[name] - step, base[name] + step):
            cand = dict(base)
            cand[name] = round(v, 4)
            f = prf(ev.counts(cand), train)[2]
            if f > best_f + 1e-9:
                best_f, best_v = f, cand[name]
            if f > best_single[0] + 1e-9:
                best_single = (f, cand)
        if best_v is not None:
            moves[name] = best_v
    combined = dict(base)
    combined.update(moves)
    f = prf(ev.counts(combined), train)[2]
    if f >= best_single[0]:
        return combined, f
    return best_single[1], best_single[0]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus")
    ap.add_argument("--winnow", default="build/winnow")
    ap.add_argument("--weights", default=DEFAULT_WEIGHTS,
                    help="the weights to start from (the current ones)")
    ap.add_argument("--folds", type=int, default=5)
    # On the development corpus a second round raised in-fold F1 but not
    # out-of-fold F1.
    ap.add_argument("--rounds", type=int, default=1,
                    help="rounds of coordinate search (default 1)")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--cache", default=None,
                    help="folder for eval results (default: a temp folder)")
    ap.add_argument("--out", help="write weights fitted on all pages here")
    args = ap.parse_args()
    if args.folds < 2:
        sys.exit("fit_model: --folds must be at least 2")

    with open(os.path.join(args.corpus, "annotations.json")) as f:
        ann = json.load(f)
    html_dir = os.path.join(args.corpus, "html")
    pages = {v["file"]: site_of(k, v["file"], html_dir) for k, v in ann.items()}
    fold = make_folds(pages, args.folds)
    with open(args.weights) as f:
        template = f.read()
    base = read_weights(template)
    cache = args.cache or tempfile.mkdtemp(prefix="fit_model.")
    ev = Evaluator(args.winnow, args.corpus, template, cache, args.jobs)

    sites = len(set(pages.values()))
    print("%d pages, %d sites, %d folds grouped by site" %
          (len(pages), sites, args.folds))
    all_pages = list(pages)
    held_out = {}   # page -> its counts under weights fitted without it
    base_counts = ev.counts(base)
    in_fold, base_in_fold = [], []
    for k in range(args.folds):
        train = [p for p in all_pages if fold[p] != k]
        test = [p for p in all_pages if fold[p] == k]
        weights, f_train = fit(ev, base, train, args.rounds)
        counts = ev.counts(weights)
        for p in test:
            if p in counts:
                held_out[p] = counts[p]
        in_fold.append(f_train)
        base_in_fold.append(prf(base_counts, train)[2])
        changed = {n: weights[n] for n in FITTED if weights[n] != base[n]}
        print("fold %d: %3d pages held out; in-fold F1 %.4f (current %.4f), "
              "held-out F1 %.4f (current %.4f); moved %s" %
              (k, len(test), f_train, base_in_fold[-1],
               prf(counts, test)[2], prf(base_counts, test)[2],
               json.dumps(changed, sort_keys=True)))
    oof = prf(held_out, all_pages)
    cur = prf(base_counts, all_pages)
    print("fitted:  in-fold F1 %.4f (mean of folds), out-of-fold P %.4f "
          "R %.4f F1 %.4f" % (sum(in_fold) / len(in_fold), *oof))
    print("current: in-fold F1 %.4f (mean of folds), out-of-fold P %.4f "
          "R %.4f F1 %.4f" % (sum(base_in_fold) / len(base_in_fold), *cur))
    if args.out:
        weights, f_all = fit(ev, base, all_pages, args.rounds)
        with open(args.out, "w") as f:
            f.write(write_weights(template, weights))
        print("weights fitted on all pages (F1 %.4f) written to %s" %
              (f_all, args.out))
    print("%d eval runs (cache: %s)" % (ev.runs, cache))


if __name__ == "__main__":
    main()
