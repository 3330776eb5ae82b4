"""The compiled extension (python/src/lib.rs). Use the `nerlink` package API instead."""

from typing import Any, List, Optional, Tuple

__version__: str

_Item = Tuple[str, str, Any, Optional[str]]

class Engine:
    def __init__(
        self,
        model: Optional[str] = None,
        ort_lib: Optional[str] = None,
        threads: Optional[int] = None,
        rules: bool = True,
    ) -> None: ...
    @property
    def model(self) -> Optional[str]: ...
    @property
    def threads(self) -> int: ...
    def extract_json(self, items: List[_Item]) -> List[str]: ...
    def extract_columns(
        self, items: List[_Item]
    ) -> Tuple[List[str], List[str], List[bool], List[str], List[str], List[str], List[str]]: ...

def repo_model_dir() -> Optional[str]: ...
