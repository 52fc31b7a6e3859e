#!/usr/bin/env python3
# Issue 17's batch-path inputs: the pages of a folder as one .warc.gz (one
# gzip member per response record, as crawlers write them) and as JSONL
# (one {"url","id","fetched","html"} object per line; the page's bytes are
# kept as they are in the html string, so a page that is not UTF-8 makes a
# line with invalid UTF-8, which the reader repairs), and the same JSONL as
# Python's json.dumps writes it (ASCII, non-ASCII as \u escapes).
#
#   bench/corpus_inputs.py ../shared/corpus/snippets/html /tmp/jsonl-data
#   WINNOW_JSONL=/tmp/jsonl-data/corpus.jsonl build/jsonl_bench
#   build/winnow --to jsonl -j 1 --stats /tmp/jsonl-data/corpus.jsonl > /dev/null
import gzip, json, os, sys

folder, out = sys.argv[1], sys.argv[2]
os.makedirs(out, exist_ok=True)
names = sorted(n for n in os.listdir(folder) if not n.startswith("."))

def raw_json_string(b):
    # Escapes what JSON requires and nothing else; other bytes as they are.
    o = bytearray(b'"')
    for c in b:
        if c == 0x22: o += b'\\"'
        elif c == 0x5C: o += b'\\\\'
        elif c in (0x0A, 0x0D, 0x09): o += {0x0A: b'\\n', 0x0D: b'\\r', 0x09: b'\\t'}[c]
        elif c < 0x20: o += b'\\u%04x' % c
        else: o.append(c)
    return bytes(o + b'"')

with open(os.path.join(out, "corpus.warc.gz"), "wb") as warc, \
     open(os.path.join(out, "corpus.jsonl"), "wb") as jl, \
     open(os.path.join(out, "corpus-ascii.jsonl"), "w") as ja:
    for i, name in enumerate(names):
        body = open(os.path.join(folder, name), "rb").read()
        url = "https://corpus.example/" + name
        http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + body
        rec = (b"WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: " + url.encode() +
               b"\r\nWARC-Record-ID: <urn:uuid:%08d>\r\n" % i +
               b"Content-Type: application/http; msgtype=response\r\n" +
               b"Content-Length: %d\r\n\r\n" % len(http) + http + b"\r\n\r\n")
        warc.write(gzip.compress(rec, mtime=0))
        fetched = "2024-05-14T00:%02d:%02dZ" % (i // 60 % 60, i % 60)
        jl.write(b'{"url":' + json.dumps(url).encode() + b',"id":%d,"fetched":"%s","html":' %
                 (i, fetched.encode()) + raw_json_string(body) + b'}\n')
        ja.write(json.dumps({"url": url, "id": i, "fetched": fetched,
                             "html": body.decode("utf-8", "replace")}) + "\n")
