"""python3 -m winnow.dask [--scheduler tcp://HOST:PORT] -o DIR SHARD...

Extracts shards (WARC or JSONL files; globs are expanded) on a Dask
cluster, one task per shard, into DIR/NAME.jsonl.gz plus
DIR/NAME.manifest.json (winnow/shards.py). Without --scheduler a local
cluster is started (--workers processes, one thread each).

A task whose worker dies is run again on another worker, as the scheduler's
`distributed.scheduler.allowed-failures` allows (3 by default), and a task
that raises is retried --retries times; either way the number of attempts is
bounded. Shards whose output and manifest exist are not read again (resume).
At the end a summary adds up over all shards. Exit status: 0; 1 when a
shard failed every attempt (named with its error; the others still finish)
or a record failed; 2 on a usage error.
"""

import argparse
import glob
import os
import sys
import time

from winnow import shards

_PROG = "winnow.dask"


def _say(message):
    print("%s: %s" % (_PROG, message), file=sys.stderr, flush=True)


def _parse_args(argv):
    p = argparse.ArgumentParser(
        prog="python3 -m winnow.dask",
        description="Extract WARC/JSONL shards on a Dask cluster.")
    p.add_argument("shards", nargs="+", metavar="SHARD",
                   help="WARC or JSONL files or globs")
    p.add_argument("-o", "--output-dir", required=True, metavar="DIR")
    p.add_argument("--scheduler", metavar="ADDRESS",
                   help="a running scheduler (tcp://HOST:PORT); default: a "
                        "local cluster")
    p.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                   help="local cluster: worker processes (default: cores)")
    p.add_argument("--retries", type=int, default=2,
                   help="more attempts for a task that raises (default 2)")
    p.add_argument("--timeout", type=float, default=60,
                   help="seconds to wait for the scheduler (default 60)")
    p.add_argument("--from", dest="format", default="auto",
                   choices=["auto", "warc", "jsonl", "html", "text"])
    p.add_argument("--html-field", default="html")
    p.add_argument("--text-field", default="text")
    p.add_argument("--url-field", default="url")
    p.add_argument("--rules", action="append", default=[], metavar="PATH")
    p.add_argument("--no-default-rules", action="store_true")
    p.add_argument("--precision", action="store_true")
    p.add_argument("--recall", action="store_true")
    p.add_argument("--comments", action="store_true")
    p.add_argument("--no-tables", action="store_true")
    return p.parse_args(argv)


def _expand(patterns):
    """Shard paths in the order given, globs expanded (sorted); None and a
    message when a pattern matches nothing or two shards share a name."""
    paths = []
    for pattern in patterns:
        found = sorted(glob.glob(pattern)) if glob.has_magic(pattern) else [pattern]
        if not found:
            return None, "%s: no such shard" % pattern
        paths.extend(found)
    seen = {}
    for path in paths:
        name = shards.shard_name(path)
        if name in seen:
            return None, ("%s and %s share the output name %s"
                          % (seen[name], path, name))
        seen[name] = path
    return [os.path.abspath(p) for p in paths], None


def _options(args):
    options = {}
    if args.rules:
        options["rules"] = [os.path.abspath(r) for r in args.rules]
    for key, on in (("default_rules", not args.no_default_rules),
                    ("tables", not args.no_tables)):
        if not on:
            options[key] = False
    for key in ("precision", "recall", "comments"):
        if getattr(args, key):
            options[key] = True
    read_options = {"format": args.format, "html_field": args.html_field,
                    "text_field": args.text_field, "url_field": args.url_field}
    return options, read_options


def _summary(manifests, failed, seconds):
    total = {"records": 0, "extracted": 0, "failed": 0, "output_bytes": 0}
    skipped = {}
    for m in manifests:
        for key in total:
            total[key] += m[key]
        for reason, n in m["skipped"].items():
            skipped[reason] = skipped.get(reason, 0) + n
    done = sum(1 for m in manifests if not m["resumed"])
    lines = [
        "shards %d: extracted %d, resumed %d, failed %d"
        % (len(manifests) + len(failed), done, len(manifests) - done, len(failed)),
        "records read %d: extracted %d, skipped %d%s, failed %d"
        % (total["records"], total["extracted"], sum(skipped.values()),
           "".join(" (%s)" % ", ".join("%s %d" % kv for kv in sorted(skipped.items())))
           if skipped else "", total["failed"]),
        "output %d bytes; %.2f s" % (total["output_bytes"], seconds),
    ]
    return lines, total["failed"]


def run(args):
    """Runs the shards of parsed `args`; returns the exit status."""
    paths, problem = _expand(args.shards)
    if problem:
        _say(problem)
        return 2
    os.makedirs(args.output_dir, exist_ok=True)
    out_dir = os.path.abspath(args.output_dir)
    options, read_options = _options(args)
    import winnow  # noqa: F401  (bad options fail here, before the cluster)
    try:
        winnow.Extractor(**options)
    except (winnow.Error, ValueError) as e:
        _say(str(e))
        return 2

    # Imported here so that `--help` and usage errors need no Dask.
    from distributed import Client, LocalCluster, as_completed

    start = time.monotonic()
    manifests, failed = [], []
    todo = []
    for path in paths:
        m = shards.done_manifest(out_dir, path)
        if m is not None:
            m["resumed"] = True
            manifests.append(m)
        else:
            todo.append(path)
    cluster = None
    if todo:
        if args.scheduler:
            client = Client(args.scheduler, timeout=args.timeout)
        else:
            cluster = LocalCluster(n_workers=args.workers, threads_per_worker=1,
                                   processes=True, dashboard_address=None)
            client = Client(cluster, timeout=args.timeout)
        try:
            futures = {}
            for path in todo:
                f = client.submit(shards.extract_shard, path, out_dir, options,
                                  read_options, retries=args.retries,
                                  pure=False,
                                  key="winnow-%s-%s" % (shards.shard_name(path),
                                                        os.urandom(4).hex()))
                futures[f] = path
            for f in as_completed(futures):
                path = futures[f]
                if f.status == "finished":
                    m = f.result()
                    manifests.append(m)
                    _say("%s: %d records, %d extracted, %d failed"
                         % (path, m["records"], m["extracted"], m["failed"]))
                else:
                    error = f.exception()
                    failed.append((path, error))
                    _say("%s: failed: %s: %s" % (path, type(error).__name__, error))
        finally:
            client.close()
            if cluster is not None:
                cluster.close()
        # A shard that failed every attempt may have left a temporary file.
        for path, _ in failed:
            for stale in shards.temp_paths(out_dir, path):
                os.unlink(stale)
    lines, failed_records = _summary(manifests, failed, time.monotonic() - start)
    for line in lines:
        _say(line)
    for path, error in failed:
        _say("failed shard %s: %s" % (path, error))
    return 1 if failed or failed_records else 0


def main(argv=None):
    return run(_parse_args(sys.argv[1:] if argv is None else argv))


if __name__ == "__main__":
    sys.exit(main())
