"""Type hints for winnow's C++ module (re-exported by the winnow package)."""

import os
from typing import Any, BinaryIO, Dict, Iterator, List, Optional, Sequence, Tuple, Union

__version__: str

StrPath = Union[str, "os.PathLike[str]"]

class Error(Exception):
    """What the command line reports as an error, with its message:
    a rule file that does not compile, a page over a limit, an input that
    cannot be opened."""

class Record:
    """One record of an input, as winnow's readers give it."""
    @property
    def bytes(self) -> bytes: ...
    @property
    def url(self) -> str: ...
    @property
    def content_type(self) -> Optional[str]: ...
    @property
    def input(self) -> str: ...
    @property
    def index(self) -> int: ...
    @property
    def offset(self) -> int: ...
    @property
    def warc_record_id(self) -> Optional[str]: ...
    @property
    def date(self) -> Optional[str]: ...
    @property
    def kind(self) -> str: ...
    @property
    def fields(self) -> Dict[str, Any]: ...
    @property
    def error(self) -> Optional[str]: ...
    @property
    def name(self) -> str: ...

class Reader(Iterator[Record]):
    def __iter__(self) -> "Reader": ...
    def __next__(self) -> Record: ...
    @property
    def skipped(self) -> Dict[str, int]: ...
    def close(self) -> None: ...
    def __enter__(self) -> "Reader": ...
    def __exit__(self, *args: Any) -> None: ...

def read(
    source: Union[StrPath, bytes, BinaryIO],
    *,
    format: str = "auto",
    html_field: str = "html",
    text_field: str = "text",
    url_field: str = "url",
    max_record_bytes: int = 67108864,
) -> Reader:
    """Iterates the records of a WARC, JSONL, folder or page, streaming.
    Raises Error when the input cannot be opened; an input whose reading
    stops on damage ends with one record whose `error` says why."""

class Extractor:
    def __init__(
        self,
        *,
        rules: Union[StrPath, Sequence[StrPath]] = ...,
        default_rules: bool = True,
        precision: bool = False,
        recall: bool = False,
        comments: bool = False,
        tables: bool = True,
        set_aside: bool = True,
        max_page_bytes: int = 33554432,
        max_depth: int = 512,
        max_attributes: int = 256,
        max_memory: int = 536870912,
        max_work: int = 4000000000,
    ) -> None:
        """Raises TypeError for an unknown keyword, ValueError for a bad
        value, Error for rules that do not compile."""
    def extract(
        self,
        page: Union[bytes, bytearray, memoryview, str, Record],
        url: Optional[str] = None,
        content_type: Optional[str] = None,
        *,
        kind: str = "auto",
    ) -> Dict[str, Any]:
        """The dict of the page's `winnow --to jsonl` record (url, title,
        text, warnings ...); raises Error when extraction fails."""
    def to_jsonl(self, record: Union[bytes, str, Record],
                 url: Optional[str] = None) -> Tuple[bytes, bool]:
        """The record's JSONL line and whether it was extracted."""
