"""Measurements run in a fresh interpreter, so their memory and caches are their own."""

from __future__ import annotations

import json
import subprocess
import sys


def in_fresh_interpreter(script: str, *args: str) -> dict[str, float]:
    """Run `script` with `args` in a new Python; its last line of output is JSON."""
    out = subprocess.run(
        [sys.executable, script, *args], check=True, capture_output=True, text=True
    ).stdout
    result: dict[str, float] = json.loads(out.strip().splitlines()[-1])
    return result
