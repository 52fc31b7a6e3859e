"""The winnow Python module: Extractor, extract, read, errors, threads."""

import io
import json
import os
import subprocess
import threading

import pytest

import winnow
from conftest import SAMPLES, write_shards

HEISE = os.path.join(SAMPLES, "heise-article.html")


def read_bytes(path):
    with open(path, "rb") as f:
        return f.read()


def cli_jsonl(winnow_bin, *args):
    out = subprocess.run([winnow_bin, "--to", "jsonl", *args],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         timeout=60)
    return out.returncode, out.stdout


def test_extract_gives_the_cli_jsonl_record(winnow_bin):
    url = read_bytes(os.path.join(SAMPLES, "heise-article.url")).decode().strip()
    _, line = cli_jsonl(winnow_bin, "--url", url, HEISE)
    doc = winnow.Extractor().extract(read_bytes(HEISE), url=url)
    assert doc == json.loads(line)
    assert doc["text"] == read_bytes(
        os.path.join(SAMPLES, "heise-article.expected.txt")).decode()


def test_extract_str_is_utf8_whatever_meta_says():
    page = ('<html><head><meta charset="iso-8859-1"><title>Caf\u00e9</title>'
            '</head><body><p>Le caf\u00e9 est ouvert tous les jours, m\u00eame '
            'le dimanche, et il sert du th\u00e9.</p></body></html>')
    doc = winnow.Extractor().extract(page)
    assert (doc["url"], doc["title"], doc["text"]) == (
        "", "Caf\u00e9", "Le caf\u00e9 est ouvert tous les jours, m\u00eame "
        "le dimanche, et il sert du th\u00e9.\n")


def test_warnings_field_when_a_limit_cuts_the_page():
    doc = winnow.Extractor(max_page_bytes=10).extract(b"<p>hello there</p>")
    assert doc["warnings"] == [
        "page cut at 10 bytes (--max-page-bytes 10); 8 bytes not read"]


def test_unknown_keyword_is_a_type_error():
    with pytest.raises(TypeError, match="unexpected keyword argument 'colour'"):
        winnow.Extractor(colour=True)
    with pytest.raises(TypeError, match="max_depth must be an int"):
        winnow.Extractor(max_depth="9")


def test_precision_and_recall_exclude_each_other_as_on_the_cli():
    with pytest.raises(ValueError, match="^--precision and --recall exclude each other$"):
        winnow.Extractor(precision=True, recall=True)


def test_bad_rules_raise_error_with_the_cli_message(tmp_path, winnow_bin):
    bad = tmp_path / "bad.rules"
    bad.write_text("drop text ~ /(unclosed/\n")
    cli = subprocess.run([winnow_bin, "--rules", str(bad), HEISE],
                         stderr=subprocess.PIPE, stdout=subprocess.DEVNULL,
                         timeout=60)
    assert cli.returncode == 2
    with pytest.raises(winnow.Error) as e:
        winnow.Extractor(rules=bad)
    assert "winnow: " + str(e.value) + "\n" == cli.stderr.decode()


def test_extract_failure_raises_error_naming_the_page():
    ex = winnow.Extractor(max_memory=1)
    with pytest.raises(winnow.Error, match=r"^<page> \(https://x\.org/\): "):
        ex.extract(b"<p>x</p>", url="https://x.org/")
    line, ok = ex.to_jsonl(b"<p>x</p>")
    assert not ok
    assert set(json.loads(line)) == {"url", "input", "error"}


def test_extract_rejects_other_types():
    with pytest.raises(TypeError):
        winnow.Extractor().extract(12)


def test_read_yields_records_that_extract_as_the_cli_does(tmp_path, winnow_bin):
    paths, _ = write_shards(str(tmp_path), 4, 3)
    ex = winnow.Extractor()
    for path in paths:
        code, expected = cli_jsonl(winnow_bin, path)
        assert code == 0
        got = b"".join(ex.to_jsonl(r)[0] for r in winnow.read(path))
        assert got == expected
        dicts = [ex.extract(r) for r in winnow.read(path)]
        assert dicts == [json.loads(l) for l in expected.splitlines()]


def test_read_record_fields_and_skipped(tmp_path):
    paths, urls = write_shards(str(tmp_path), 1, 2)
    reader = winnow.read(paths[0])
    records = list(reader)
    assert [r.url for r in records] == urls
    r = records[0]
    assert r.input == paths[0]
    assert r.index == 1  # the request record is index 0
    assert r.warc_record_id == "<urn:uuid:00000000-0000-0000-0000-000000000000>"
    assert r.date == "2024-05-14T10:00:00Z"
    assert r.content_type == "text/html; charset=utf-8"
    assert r.error is None
    assert r.bytes.startswith(b"<")
    assert reader.skipped == {"request": 1}


def test_read_a_binary_file_object_streams_jsonl():
    data = (b'{"url":"https://a.org/1","html":"<p>one</p>","id":7}\n'
            b'{"url":"https://a.org/2","html":"<p>two</p>"}\n')
    records = list(winnow.read(io.BytesIO(data), format="jsonl"))
    assert [r.url for r in records] == ["https://a.org/1", "https://a.org/2"]
    assert records[0].fields == {"id": 7}
    assert records[0].name == "<file>#0@0 (https://a.org/1)"


def test_read_a_text_file_object_is_an_error():
    with pytest.raises(winnow.Error, match="open the file in binary mode"):
        winnow.read(io.StringIO("{}\n"), format="jsonl")


def test_read_truncated_warc_gz_ends_with_an_error_record(tmp_path):
    paths, urls = write_shards(str(tmp_path), 1, 3)
    data = read_bytes(paths[0])
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(data[:-20])
    records = list(winnow.read(str(cut)))
    assert [r.url for r in records[:-1]] == urls[:2]
    assert records[-1].input == str(cut)
    assert records[-1].error.startswith("truncated gzip member at byte ")


def test_read_missing_file_raises_error(tmp_path):
    with pytest.raises(winnow.Error, match="nothing-here"):
        winnow.read(str(tmp_path / "nothing-here.warc"))


def test_threads_give_the_same_dicts_as_one_thread():
    pages = [read_bytes(os.path.join(SAMPLES, n)) for n in sorted(os.listdir(SAMPLES))
             if n.endswith(".html")] * 8
    ex = winnow.Extractor()
    expected = [ex.extract(p) for p in pages]
    got = [None] * len(pages)

    def work(k):
        for i in range(k, len(pages), 4):
            got[i] = ex.extract(pages[i])

    threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert got == expected
