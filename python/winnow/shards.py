"""One shard in, one gzip'd JSONL file and a manifest out: the task that
`python3 -m winnow.dask` runs on its workers (see winnow/dask.py).

A shard SHARD becomes, in the output folder DIR:

    DIR/NAME.jsonl.gz        the records of `winnow --to jsonl SHARD`
    DIR/NAME.manifest.json   what went into it (see Manifest below)

where NAME is SHARD's file name. Both are written under a temporary name
(DIR/.NAME...tmp) and renamed when complete, the output first, so a shard's
output exists whole or not at all, and a shard whose output and manifest
both exist is done: extract_shard() then returns the existing manifest
without reading the shard (resume).
"""

import glob
import gzip
import hashlib
import json
import os
import socket
import time

import winnow

MANIFEST_SUFFIX = ".manifest.json"
OUTPUT_SUFFIX = ".jsonl.gz"
_TMP_SUFFIX = ".tmp"

# Manifest fields: shard (path as given), output (file name), records (read:
# extracted + skipped + failed), extracted, failed, skipped ({reason: n}),
# output_bytes, sha256 (of the .jsonl.gz file), seconds, host.

_extractors = {}


def shard_name(shard):
    """The NAME of a shard's output files: the shard's file name."""
    return os.path.basename(os.path.normpath(shard))


def output_paths(out_dir, shard):
    """(output, manifest) paths of `shard` under `out_dir`."""
    name = shard_name(shard)
    return (os.path.join(out_dir, name + OUTPUT_SUFFIX),
            os.path.join(out_dir, name + MANIFEST_SUFFIX))


def temp_paths(out_dir, shard):
    """Temporary files a run of `shard` may have left (a killed worker)."""
    name = glob.escape(shard_name(shard))
    return glob.glob(os.path.join(glob.escape(out_dir), "." + name + ".*" + _TMP_SUFFIX))


def done_manifest(out_dir, shard):
    """The manifest of a completed shard, or None when it must be (re)done:
    output or manifest missing, unreadable, or of another size."""
    output, manifest = output_paths(out_dir, shard)
    try:
        with open(manifest, encoding="utf-8") as f:
            m = json.load(f)
        if os.path.getsize(output) != m["output_bytes"]:
            return None
        return m
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _extractor(options):
    key = json.dumps(options, sort_keys=True)
    ex = _extractors.get(key)
    if ex is None:
        ex = _extractors[key] = winnow.Extractor(**options)
    return ex


class _HashingWriter:
    """A binary file that hashes what goes through it."""

    def __init__(self, f):
        self._f = f
        self.sha256 = hashlib.sha256()
        self.size = 0

    def write(self, b):
        self.sha256.update(b)
        self.size += len(b)
        return self._f.write(b)

    def flush(self):
        self._f.flush()


def _publish(tmp, final):
    """Renames a complete temporary file into place, durably."""
    os.rename(tmp, final)
    fd = os.open(os.path.dirname(final) or ".", os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def extract_shard(shard, out_dir, options=None, read_options=None):
    """Extracts `shard` into out_dir (see the module's doc) and returns its
    manifest, with "resumed": True when it was already done. `options` are
    winnow.Extractor keywords, `read_options` winnow.read keywords. Raises
    winnow.Error when the shard cannot be opened, OSError when the output
    cannot be written; leaves no temporary file behind either way."""
    m = done_manifest(out_dir, shard)
    if m is not None:
        m["resumed"] = True
        return m
    for stale in temp_paths(out_dir, shard):  # a killed worker's
        os.unlink(stale)
    start = time.monotonic()
    ex = _extractor(options or {})
    output, manifest = output_paths(out_dir, shard)
    tag = "%s.%d%s" % (socket.gethostname(), os.getpid(), _TMP_SUFFIX)
    name = shard_name(shard)
    tmp_out = os.path.join(out_dir, ".%s%s.%s" % (name, OUTPUT_SUFFIX, tag))
    tmp_manifest = os.path.join(out_dir, ".%s%s.%s" % (name, MANIFEST_SUFFIX, tag))
    extracted = failed = 0
    try:
        with open(tmp_out, "wb") as f:
            hashing = _HashingWriter(f)
            with gzip.GzipFile(filename="", mode="wb", fileobj=hashing,
                               compresslevel=6, mtime=0) as gz:
                with winnow.read(shard, **(read_options or {})) as reader:
                    for record in reader:
                        line, ok = ex.to_jsonl(record)
                        gz.write(line)
                        if ok:
                            extracted += 1
                        else:
                            failed += 1
                    skipped = dict(reader.skipped)
            f.flush()
            os.fsync(f.fileno())
        m = {
            "shard": shard,
            "output": os.path.basename(output),
            "records": extracted + failed + sum(skipped.values()),
            "extracted": extracted,
            "failed": failed,
            "skipped": skipped,
            "output_bytes": hashing.size,
            "sha256": hashing.sha256.hexdigest(),
            "seconds": round(time.monotonic() - start, 3),
            "host": socket.gethostname(),
        }
        with open(tmp_manifest, "w", encoding="utf-8") as f:
            json.dump(m, f, indent=1, sort_keys=True)
            f.write("\n")
            f.flush()
            os.fsync(f.fileno())
        _publish(tmp_out, output)
        _publish(tmp_manifest, manifest)
    finally:
        for tmp in (tmp_out, tmp_manifest):
            if os.path.exists(tmp):
                os.unlink(tmp)
    m["resumed"] = False
    return m
