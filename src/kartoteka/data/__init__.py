"""Domain knowledge as data: organizations, ranks, event vocabulary, boilerplate."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml

# libyaml's parser reads the same YAML ten times faster than PyYAML's own, which
# every build worker would otherwise spend a second in.
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@cache
def load(name: str) -> Any:
    """Parse one bundled YAML file once per process."""
    text = resources.files(__package__).joinpath(name).read_text(encoding="utf-8")
    return yaml.load(text, Loader=LOADER)
