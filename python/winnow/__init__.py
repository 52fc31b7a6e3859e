"""winnow: strip boilerplate from web pages and keep the article text.

    import winnow
    ex = winnow.Extractor(comments=True)
    doc = ex.extract(html_bytes, url="https://example.org/a")
    print(doc["title"], doc["text"])

    for record in winnow.read("crawl.warc.gz"):   # WARC, JSONL, folder, page
        if record.error is None:
            doc = ex.extract(record)

The dicts have the fields of a `winnow --to jsonl` record. Extraction runs
with the GIL released, so threads scale. `python3 -m winnow.dask` extracts
shards on a Dask cluster (see winnow/dask.py).
"""

from ._winnow import Error, Extractor, Reader, Record, read, __version__

__all__ = ["Error", "Extractor", "Reader", "Record", "read", "__version__"]
