#!/usr/bin/env python3
# Copyright winnow authors. Licensed under the MIT licence.
"""Lists the rules that never fire on a snippets corpus.

    tools/unfired_rules.py --winnow build/winnow CORPUS

Runs `winnow explain --to jsonl` on every page of CORPUS/html (with the
page's URL from annotations.json, so that site rules are in scope, as
`winnow eval` runs them), collects the IDs of the rules that fired on some
block, and prints every rule of `winnow rules list` that is not among them,
as "ID FILE:LINE". Standard library only.
"""

import argparse
import concurrent.futures
import json
import os
import subprocess


def fired_on(winnow, path, url):
    cmd = [winnow, "explain", "--to", "jsonl"]
    if url:
        cmd += ["--url", url]
    out = subprocess.run(cmd + [path], stdout=subprocess.PIPE,
                         stderr=subprocess.DEVNULL, check=False).stdout
    ids = set()
    for line in out.splitlines():
        if line.startswith(b"{"):
            ids.update(json.loads(line).get("rules", []))
    return ids


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus")
    ap.add_argument("--winnow", default="build/winnow")
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args()
    with open(os.path.join(args.corpus, "annotations.json")) as f:
        ann = json.load(f)
    jobs = [(os.path.join(args.corpus, "html", v["file"]),
             k if k.startswith("http") else "") for k, v in ann.items()]
    fired = set()
    with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
        for ids in pool.map(lambda j: fired_on(args.winnow, *j), jobs):
            fired |= ids
    listing = subprocess.run([args.winnow, "rules", "list"],
                             stdout=subprocess.PIPE, check=True,
                             text=True).stdout
    unfired = []
    for line in listing.splitlines():
        fields = line.split()
        if fields and fields[0] not in fired:
            unfired.append((fields[0], fields[-1]))
    total = len(listing.splitlines())
    print("%d of %d rules never fire on %d pages" % (len(unfired), total,
                                                     len(jobs)))
    for rule_id, where in unfired:
        print("%s %s" % (rule_id, where))


if __name__ == "__main__":
    main()
