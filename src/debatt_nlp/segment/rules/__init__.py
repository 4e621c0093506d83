"""Segmentation rules as data (YAML files in this folder)."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml


@cache
def load_rules(name: str) -> dict[str, Any]:
    """Load `<name>.yaml` from this package (works from a source tree and an installed wheel)."""
    source = resources.files(__name__).joinpath(f"{name}.yaml").read_text(encoding="utf-8")
    data: dict[str, Any] = yaml.safe_load(source)
    return data
