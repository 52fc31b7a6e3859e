"""Shared test helpers: where the built command and the samples are (set by
ctest: WINNOW_BIN, WINNOW_SOURCE_DIR), and shard files built from samples/."""

import gzip
import json
import os

import pytest

SOURCE_DIR = os.environ.get(
    "WINNOW_SOURCE_DIR",
    os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..")))
SAMPLES = os.path.join(SOURCE_DIR, "samples")


@pytest.fixture
def winnow_bin():
    path = os.environ.get("WINNOW_BIN")
    if not path:
        pytest.skip("WINNOW_BIN is not set (ctest sets it)")
    return path


def sample_pages():
    """(name, bytes) of every sample page, in name order."""
    pages = []
    for name in sorted(os.listdir(SAMPLES)):
        if name.endswith(".html"):
            with open(os.path.join(SAMPLES, name), "rb") as f:
                pages.append((name, f.read()))
    return pages


def warc_record(warc_type, url, payload, record_id, content_type=None):
    head = ["WARC/1.0", "WARC-Type: " + warc_type,
            "WARC-Target-URI: " + url,
            "WARC-Date: 2024-05-14T10:00:00Z",
            "WARC-Record-ID: <urn:uuid:%s>" % record_id,
            "Content-Type: " + (content_type or "application/http; msgtype=response"),
            "Content-Length: %d" % len(payload)]
    return ("\r\n".join(head) + "\r\n\r\n").encode() + payload + b"\r\n\r\n"


def http_response(body):
    return (b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
            b"Content-Length: %d\r\n\r\n" % len(body)) + body


def write_shards(directory, count, records_per_shard):
    """Writes `count` shards below `directory`, alternating WARC (.warc.gz
    with one gzip member per record, or .warc) and JSONL (.jsonl or
    .jsonl.gz), each record of sample pages under a URL of its own; a WARC
    shard also holds a request record (skipped). Returns (paths, urls of
    every record that must come out)."""
    pages = sample_pages()
    paths, urls = [], []
    for s in range(count):
        kind = ["warc.gz", "jsonl", "warc", "jsonl.gz"][s % 4]
        path = os.path.join(directory, "shard-%02d.%s" % (s, kind))
        chunks = []
        for i in range(records_per_shard):
            name, body = pages[(s + i) % len(pages)]
            url = "https://example.org/shard%d/%d/%s" % (s, i, name)
            urls.append(url)
            if kind.startswith("warc"):
                rec = warc_record("response", url, http_response(body),
                                  "%08d-0000-0000-0000-%012d" % (s, i))
                if i == 0:
                    rec = warc_record("request", url, b"GET / HTTP/1.1\r\n\r\n",
                                      "%08d-1111-0000-0000-000000000000" % s,
                                      "application/http; msgtype=request") + rec
                chunks.append(gzip.compress(rec, mtime=0) if kind.endswith(".gz") else rec)
            else:
                line = json.dumps({"id": "%d-%d" % (s, i), "url": url,
                                   "html": body.decode("utf-8", "replace")})
                chunks.append(line.encode() + b"\n")
        data = b"".join(chunks)
        if kind == "jsonl.gz":
            data = gzip.compress(data, mtime=0)
        with open(path, "wb") as f:
            f.write(data)
        paths.append(path)
    return paths, urls
