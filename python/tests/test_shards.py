"""winnow.shards.extract_shard, the task of `python3 -m winnow.dask`, run
in-process: same records as the command line, manifest, atomic output,
resume."""

import gzip
import hashlib
import json
import os
import subprocess

from winnow import shards
from conftest import write_shards


def test_shard_output_is_the_cli_jsonl_byte_for_byte(tmp_path, winnow_bin):
    paths, _ = write_shards(str(tmp_path), 4, 5)
    out = tmp_path / "out"
    out.mkdir()
    for path in paths:
        m = shards.extract_shard(path, str(out))
        cli = subprocess.run([winnow_bin, "--to", "jsonl", path],
                             stdout=subprocess.PIPE, timeout=60, check=True)
        output, manifest = shards.output_paths(str(out), path)
        with gzip.open(output, "rb") as f:
            assert f.read() == cli.stdout
        with open(output, "rb") as f:
            data = f.read()
        with open(manifest) as f:
            assert json.load(f) == {k: v for k, v in m.items() if k != "resumed"}
        assert m["sha256"] == hashlib.sha256(data).hexdigest()
        assert m["output_bytes"] == len(data)
        assert (m["extracted"], m["failed"]) == (5, 0)
        warc = ".warc" in path
        assert m["skipped"] == ({"request": 1} if warc else {})
        assert m["records"] == 5 + warc
        assert m["resumed"] is False
    assert sorted(os.listdir(out)) == sorted(
        os.path.basename(p) + suffix for p in paths
        for suffix in (shards.OUTPUT_SUFFIX, shards.MANIFEST_SUFFIX))


def test_done_shard_is_not_read_again(tmp_path):
    paths, _ = write_shards(str(tmp_path), 1, 2)
    first = shards.extract_shard(paths[0], str(tmp_path))
    os.unlink(paths[0])  # a resumed shard is not opened
    again = shards.extract_shard(paths[0], str(tmp_path))
    assert again["resumed"] is True
    assert again["sha256"] == first["sha256"]


def test_output_without_manifest_is_redone_and_stale_temp_removed(tmp_path):
    paths, _ = write_shards(str(tmp_path), 1, 2)
    out = tmp_path / "out"
    out.mkdir()
    output, manifest = shards.output_paths(str(out), paths[0])
    with open(output, "wb") as f:
        f.write(b"half")  # a worker killed between the two renames
    stale = out / (".%s.jsonl.gz.otherhost.123.tmp" % os.path.basename(paths[0]))
    stale.write_bytes(b"partial")
    m = shards.extract_shard(paths[0], str(out))
    assert m["resumed"] is False
    assert os.path.getsize(output) == m["output_bytes"]
    assert not stale.exists()


def test_unreadable_shard_raises_and_leaves_no_temp(tmp_path):
    import pytest
    import winnow
    with pytest.raises(winnow.Error):
        shards.extract_shard(str(tmp_path / "missing.warc"), str(tmp_path))
    assert os.listdir(tmp_path) == []
