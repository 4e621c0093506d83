"""Segmentation rules as data (YAML files in this folder)."""

from __future__ import annotations

from functools import cache
from typing import Any

from debatt_nlp.data_files import read_data_yaml


@cache
def load_rules(name: str) -> dict[str, Any]:
    """Load `<name>.yaml` from this package (works from a source tree and an installed wheel)."""
    return read_data_yaml(__name__, f"{name}.yaml")
