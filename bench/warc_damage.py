#!/usr/bin/env python3
# The done-when check of issue 13: a per-record .warc.gz of a folder of
# pages (one gzip member per record), a copy with N single-bit flips at
# fixed-seed random places, and winnow's JSONL of both, compared record by
# record: every record whose member holds no flip must read as from the
# undamaged file; each damaged one must be an error record naming its
# member's offset.
#
#   bench/warc_damage.py build/winnow ../shared/corpus/snippets/html 40 1
import gzip, json, os, random, subprocess, sys

winnow, folder, flips, seed = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
out = os.environ.get("TMPDIR", "/tmp")
names = sorted(n for n in os.listdir(folder) if not n.startswith("."))
members, starts = [], []
for i, name in enumerate(names):
    body = open(os.path.join(folder, name), "rb").read()
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + body
    rec = (b"WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: https://corpus.example/" +
           name.encode() + b"\r\nWARC-Record-ID: <urn:uuid:%08d>\r\n" % i +
           b"Content-Type: application/http; msgtype=response\r\n" +
           b"Content-Length: %d\r\n\r\n" % len(http) + http + b"\r\n\r\n")
    members.append(gzip.compress(rec, mtime=0))
good = b"".join(members)
off = 0
for m in members:
    starts.append(off)
    off += len(m)
bad = bytearray(good)
rng = random.Random(seed)
hit = set()
for _ in range(flips):
    bit = rng.randrange(len(bad) * 8)
    bad[bit // 8] ^= 1 << (bit % 8)
    hit.add(max(i for i, s in enumerate(starts) if s <= bit // 8))
open(os.path.join(out, "corpus.warc.gz"), "wb").write(good)
open(os.path.join(out, "flipped.warc.gz"), "wb").write(bytes(bad))

def run(name):
    p = subprocess.run([winnow, "--to", "jsonl", "-j2", os.path.join(out, name)],
                       capture_output=True)
    recs = [json.loads(l) for l in p.stdout.decode().splitlines()]
    return recs, p.returncode, p.stderr.decode()

ref, rc0, _ = run("corpus.warc.gz")
by_url = {r["url"]: r for r in ref}
got, rc1, err = run("flipped.warc.gz")
intact = same = damaged_err = 0
wrong = []
for r in got:
    if "error" in r:
        damaged_err += 1
        continue
    intact += 1
    if r == by_url.get(r["url"]):
        same += 1
    else:
        wrong.append(r["url"])
errs = [l for l in err.splitlines() if "damaged gzip member" in l]
named = sum(1 for l in errs if any("@%d " % starts[m] in l or "@%d:" % starts[m] in l for m in hit))
print("records %d (undamaged run: %d extracted, exit %d)" % (len(members), len(ref), rc0))
print("flips %d, members hit %d" % (flips, len(hit)))
print("flipped run: exit %d, %d extracted (%d identical to the undamaged run, %d differ), %d error records"
      % (rc1, intact, same, len(wrong), damaged_err))
print("error lines naming a flipped member's offset: %d of %d" % (named, len(errs)))
missing = len(members) - len(hit) - intact
print("intact members not extracted: %d" % missing)
sys.exit(0 if not wrong and missing == 0 and named == len(errs) == len(hit) else 1)
