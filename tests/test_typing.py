"""The core and the reader type-check under mypy --strict (settings in pyproject.toml).

The style guide aims at mypy-clean strict code; this keeps it so. mypy is pinned in the `test`
extra, so a new mypy release cannot fail the suite on its own.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_summarize_and_tui_pass_mypy_strict() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--no-incremental", "summarize", "tui"],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Success: no issues found" in result.stdout
