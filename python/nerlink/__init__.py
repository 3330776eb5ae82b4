"""nerlink: entities and facts from Vietnamese government news, from Python.

``Pipeline().extract(texts)`` returns the same JSON documents as ``nerlink extract`` (one dict
per input, in order); ``extract_arrow(table)`` returns one Arrow row per document for Spark,
Ray and Parquet. A document that cannot be processed (empty, binary, invalid Unicode) comes
back with ``errors`` filled in; it never raises.

The shipped model (``nerlink/models/vi-ner-e5s``) is inside the package, and the ONNX Runtime
library is taken from the ``onnxruntime`` wheel, so nothing has to be set up by hand. A
pipeline is loaded once per process and per set of options, then reused: constructing
``Pipeline()`` again in the same process (a Spark task, a Ray actor) costs nothing.
"""

from __future__ import annotations

import glob
import importlib.util
import json
import os
import threading
from pathlib import Path
from typing import Any, Dict, Iterable, List, Optional, Sequence, Tuple, Union

from . import _nerlink

__version__: str = _nerlink.__version__

__all__ = [
    "Pipeline",
    "NerlinkUDF",
    "OUTPUT_COLUMNS",
    "SPARK_SCHEMA",
    "arrow_schema",
    "default_model_dir",
    "fast_model_dir",
    "onnxruntime_library",
]

#: Columns of ``extract_arrow`` and of ``nerlink extract -o out.parquet``, in order.
OUTPUT_COLUMNS: Tuple[str, ...] = (
    "id",
    "source",
    "ok",
    "entities",
    "relations",
    "errors",
    "meta",
)

#: The same columns as a Spark DDL schema (for ``mapInArrow``).
SPARK_SCHEMA: str = (
    "id string, source string, ok boolean, entities string, relations string, "
    "errors string, meta string"
)

_PACKAGED_MODEL = Path(__file__).resolve().parent / "models" / "vi-ner-e5s"
_PACKAGED_FAST_MODEL = Path(__file__).resolve().parent / "models" / "vi-ner-e5s-fast"


def default_model_dir() -> Optional[Path]:
    """The shipped model: the copy inside the package, else ``models/vi-ner-e5s`` of a source
    checkout found from the current directory; None when neither exists."""
    if (_PACKAGED_MODEL / "config.json").is_file():
        return _PACKAGED_MODEL
    found = _nerlink.repo_model_dir()
    return Path(found) if found else None


def fast_model_dir() -> Optional[Path]:
    """The shipped fast model (``vi-ner-e5s-fast``: 6 layers distilled from the default 12,
    what ``nerlink extract --fast`` runs): the copy inside the package, else the one beside
    the default model of a source checkout; None when neither exists. Pass it as
    ``Pipeline(model=fast_model_dir())``."""
    if (_PACKAGED_FAST_MODEL / "config.json").is_file():
        return _PACKAGED_FAST_MODEL
    default = default_model_dir()
    if default is None:
        return None
    fast = default.parent / "vi-ner-e5s-fast"
    return fast if (fast / "config.json").is_file() else None


def onnxruntime_library() -> Optional[Path]:
    """``libonnxruntime`` of the installed ``onnxruntime`` wheel (found without importing it),
    or None. ``ORT_DYLIB_PATH``, when set, wins over this (see ``Pipeline``)."""
    spec = importlib.util.find_spec("onnxruntime")
    if spec is None or not spec.submodule_search_locations:
        return None
    for root in spec.submodule_search_locations:
        for pattern in ("libonnxruntime.so*", "libonnxruntime*.dylib", "onnxruntime.dll"):
            hits = sorted(glob.glob(os.path.join(root, "capi", pattern)))
            # prefer the versioned file (libonnxruntime.so.1.x.y) the wheel ships
            if hits:
                return Path(hits[-1])
    return None


_ENGINES: Dict[Tuple[Any, ...], "_nerlink.Engine"] = {}
_ENGINES_LOCK = threading.Lock()

ModelArg = Union[None, bool, str, "os.PathLike[str]"]
Record = Dict[str, Any]


def _engine(model: ModelArg, rules: bool, threads: Optional[int]) -> "_nerlink.Engine":
    if model is None or model is True:
        found = default_model_dir()
        if found is None:
            raise FileNotFoundError(
                "the shipped model was not found (nerlink/models/vi-ner-e5s); "
                "pass model=PATH, or model=False for rules only"
            )
        model_dir: Optional[str] = str(found)
    elif model is False:
        model_dir = None
    else:
        model_dir = os.fspath(model)
    ort_lib: Optional[str] = None
    if model_dir is not None and not os.environ.get("ORT_DYLIB_PATH"):
        lib = onnxruntime_library()
        ort_lib = str(lib) if lib else None
    key = (model_dir, rules, threads)
    with _ENGINES_LOCK:
        engine = _ENGINES.get(key)
        if engine is None:
            engine = _nerlink.Engine(model=model_dir, ort_lib=ort_lib, threads=threads, rules=rules)
            _ENGINES[key] = engine
        return engine


def _id_of(value: Any) -> Optional[str]:
    """A record id as the CLI reads one: a string, or an integer in decimal."""
    if isinstance(value, str):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return None


def _meta_value(value: Any) -> Any:
    """A meta value as the Parquet reader of the CLI writes it (scalars; dates in ISO form;
    other types as None)."""
    if value is None or isinstance(value, (str, bool, int, float)):
        return value
    iso = getattr(value, "isoformat", None)
    if iso is not None:
        return iso()
    return None


def _meta_json(fields: Dict[str, Any]) -> Optional[str]:
    if not fields:
        return None
    return json.dumps(fields, ensure_ascii=False, default=lambda v: None)


class Pipeline:
    """A loaded nerlink pipeline.

    ``model``: None for the shipped model, a model directory (``model.onnx``,
    ``tokenizer.json``, ``config.json``), or False for the rule layer only (``--no-model``).
    ``rules``: run the rule layer's entity finders (False: model entities only, ``--no-rules``).
    ``threads``: total threads for this pipeline (None: all cores; in Spark or Ray give the
    cores of one task or actor).

    Pipelines are cached per process by their options: the model loads once.
    """

    def __init__(
        self,
        model: ModelArg = None,
        rules: bool = True,
        threads: Optional[int] = None,
    ) -> None:
        if threads is not None and threads < 1:
            raise ValueError("threads must be at least 1")
        self._engine = _engine(model, rules, threads)

    @property
    def model(self) -> Optional[Path]:
        m = self._engine.model
        return Path(m) if m is not None else None

    @property
    def threads(self) -> int:
        return int(self._engine.threads)

    def _items(self, inputs: Iterable[Union[str, bytes, Record]]) -> List[tuple]:
        items = []
        for i, x in enumerate(inputs):
            fallback = str(i)
            source = f"python:{i}"
            if isinstance(x, dict):
                rec = dict(x)
                rid = _id_of(rec.pop("id", None)) or fallback
                text = rec.pop("text", None)
                meta = {k: _meta_value(v) for k, v in rec.items()}
                items.append((rid, source, text, _meta_json(meta)))
            else:
                items.append((fallback, source, x, None))
        return items

    def extract_json(self, texts_or_records: Iterable[Union[str, bytes, Record]]) -> List[str]:
        """Like ``extract``, but each document as the exact JSON line ``nerlink extract``
        writes (no newline)."""
        return list(self._engine.extract_json(self._items(texts_or_records)))

    def extract(self, texts_or_records: Iterable[Union[str, bytes, Record]]) -> List[Dict[str, Any]]:
        """Process documents; one dict per input, in order.

        Each input is a ``str`` (id = its position), ``bytes`` (decoded as UTF-8, as the CLI
        decodes a file) or a record ``{"id", "text", ...}`` whose other fields go to ``meta``
        exactly as a JSONL input line's do. A bad document gets ``errors`` and no ``text``;
        it never raises. ``json.dumps(d, ensure_ascii=False, separators=(",", ":"))`` of a
        result is byte-identical to the CLI's line (``source`` is ``python:<position>``).
        """
        return [json.loads(line) for line in self.extract_json(texts_or_records)]

    def extract_arrow(self, data: Any, id_col: str = "id", text_col: str = "text") -> Any:
        """Process a ``pyarrow.Table`` or ``RecordBatch``: one output row per input row, in
        order, with the columns ``OUTPUT_COLUMNS`` (see ``arrow_schema``): ``id``, ``source``
        (``arrow:<row>``), ``ok``, and ``entities``/``relations``/``errors``/``meta`` as JSON
        text. Other input columns go to ``meta``. Returns a ``pyarrow.Table``."""
        import pyarrow as pa

        if isinstance(data, pa.RecordBatch):
            data = pa.Table.from_batches([data])
        if text_col not in data.column_names:
            raise KeyError(f"no {text_col!r} column in {data.column_names}")
        n = data.num_rows
        ids = data.column(id_col).to_pylist() if id_col in data.column_names else [None] * n
        texts = data.column(text_col).to_pylist()
        others = [c for c in data.column_names if c not in (id_col, text_col)]
        other_values = {c: data.column(c).to_pylist() for c in others}
        items = []
        for i in range(n):
            meta = {c: _meta_value(other_values[c][i]) for c in others}
            items.append(
                (_id_of(ids[i]) or str(i), f"arrow:{i}", texts[i], _meta_json(meta))
            )
        cols = self._engine.extract_columns(items)
        return pa.Table.from_arrays(
            [pa.array(c, type=t.type) for c, t in zip(cols, arrow_schema())],
            schema=arrow_schema(),
        )


def arrow_schema() -> Any:
    """The ``pyarrow.Schema`` of ``extract_arrow`` (and of the CLI's Parquet output)."""
    import pyarrow as pa

    return pa.schema(
        [
            pa.field("id", pa.string(), nullable=False),
            pa.field("source", pa.string(), nullable=False),
            pa.field("ok", pa.bool_(), nullable=False),
            pa.field("entities", pa.string(), nullable=False),
            pa.field("relations", pa.string(), nullable=False),
            pa.field("errors", pa.string(), nullable=False),
            pa.field("meta", pa.string(), nullable=False),
        ]
    )


class NerlinkUDF:
    """A callable for ``ray.data.Dataset.map_batches(NerlinkUDF, batch_format="pyarrow")``
    (and any engine that maps Arrow batches): the pipeline is built once per actor."""

    def __init__(
        self,
        model: ModelArg = None,
        rules: bool = True,
        threads: Optional[int] = 1,
        id_col: str = "id",
        text_col: str = "text",
    ) -> None:
        self.pipeline = Pipeline(model=model, rules=rules, threads=threads)
        self.id_col = id_col
        self.text_col = text_col

    def __call__(self, batch: Any) -> Any:
        return self.pipeline.extract_arrow(batch, id_col=self.id_col, text_col=self.text_col)


def map_arrow_batches(
    batches: Iterable[Any],
    model: ModelArg = None,
    rules: bool = True,
    threads: Optional[int] = 1,
    id_col: str = "id",
    text_col: str = "text",
) -> Iterable[Any]:
    """For Spark ``mapInArrow``: process an iterator of ``RecordBatch`` with this process's
    pipeline and yield output batches (``SPARK_SCHEMA``)."""
    pipeline = Pipeline(model=model, rules=rules, threads=threads)
    for batch in batches:
        if batch.num_rows:
            yield from pipeline.extract_arrow(batch, id_col=id_col, text_col=text_col).to_batches()


__all__.append("map_arrow_batches")
