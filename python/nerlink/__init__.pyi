"""Type stubs of the nerlink package (see __init__.py for the documentation)."""

import os
from pathlib import Path
from typing import Any, Dict, Iterable, Iterator, List, Optional, Tuple, Union

import pyarrow as pa

__version__: str
OUTPUT_COLUMNS: Tuple[str, ...]
SPARK_SCHEMA: str

ModelArg = Union[None, bool, str, os.PathLike[str]]
Record = Dict[str, Any]
Input = Union[str, bytes, Record]

def default_model_dir() -> Optional[Path]: ...
def fast_model_dir() -> Optional[Path]: ...
def onnxruntime_library() -> Optional[Path]: ...
def arrow_schema() -> pa.Schema: ...

class Pipeline:
    def __init__(
        self,
        model: ModelArg = None,
        rules: bool = True,
        threads: Optional[int] = None,
    ) -> None: ...
    @property
    def model(self) -> Optional[Path]: ...
    @property
    def threads(self) -> int: ...
    def extract(self, texts_or_records: Iterable[Input]) -> List[Dict[str, Any]]: ...
    def extract_json(self, texts_or_records: Iterable[Input]) -> List[str]: ...
    def extract_arrow(
        self,
        data: Union[pa.Table, pa.RecordBatch],
        id_col: str = "id",
        text_col: str = "text",
    ) -> pa.Table: ...

class NerlinkUDF:
    pipeline: Pipeline
    id_col: str
    text_col: str
    def __init__(
        self,
        model: ModelArg = None,
        rules: bool = True,
        threads: Optional[int] = 1,
        id_col: str = "id",
        text_col: str = "text",
    ) -> None: ...
    def __call__(self, batch: Union[pa.Table, pa.RecordBatch]) -> pa.Table: ...

def map_arrow_batches(
    batches: Iterable[pa.RecordBatch],
    model: ModelArg = None,
    rules: bool = True,
    threads: Optional[int] = 1,
    id_col: str = "id",
    text_col: str = "text",
) -> Iterator[pa.RecordBatch]: ...
