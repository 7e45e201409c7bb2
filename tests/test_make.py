"""What `make demo` and `make test` tell a newcomer before they act.

The Makefile is run for real: dry runs (`make -n`) for what would be done, and the
Chromium step itself with an installer that fails, as on a machine without sudo.
"""

from __future__ import annotations

import shutil
import subprocess

import pytest
from conftest import ROOT


def make(*args: str) -> subprocess.CompletedProcess[str]:
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    return subprocess.run(
        ["make", "--no-print-directory", "-C", str(ROOT), *args],
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_the_demo_shows_the_corpus_and_where_to_click_not_the_scores() -> None:
    planned = make("-n", "-W", "pyproject.toml", "demo").stdout
    assert "kartoteka eval --gold" not in planned
    assert planned.index("Setting up .venv") < planned.index("pip install")
    assert "example sources in examples/corpus (agabekov.txt" in planned
    assert "open http://127.0.0.1:8000" in planned and "Review" in planned
    assert planned.index("open http://127.0.0.1:8000") < planned.index("serve")


def test_make_test_says_it_installs_chromium_and_goes_on_without_it() -> None:
    planned = make("-n", "test", "CHROMIUM=/nonexistent/chromium").stdout
    assert planned.index("need Chromium") < planned.index("apt-get install")
    done = make("chromium", "CHROMIUM=/nonexistent/chromium", "SUDO=false")
    assert done.returncode == 0, done.stderr
    assert "Installing Debian's chromium now" in done.stdout
    assert "could not be installed: the browser tests will be skipped" in done.stdout
