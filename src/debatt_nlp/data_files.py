"""Rules, lexicons and gazetteers are data files inside the package; one reader for all of them.

`importlib.resources` finds them in a source tree and in an installed wheel alike.
"""

from __future__ import annotations

from importlib import resources
from typing import Any

import yaml


def read_data_text(package: str, *parts: str) -> str:
    """The text of the data file `parts` (path components) inside `package`."""
    return resources.files(package).joinpath(*parts).read_text(encoding="utf-8")


def read_data_yaml(package: str, *parts: str) -> dict[str, Any]:
    """A YAML data file inside `package`, which must hold a mapping."""
    data = yaml.safe_load(read_data_text(package, *parts))
    if not isinstance(data, dict):
        raise ValueError(f"{package}: {'/'.join(parts)} is not a YAML mapping")
    return data
