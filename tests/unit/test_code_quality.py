"""ruff and mypy are part of the suite: a lint or type error fails CI."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("tool,args", [("ruff", ["check", "."]), ("mypy", [])])
def test_clean(tool: str, args: list[str]) -> None:
    if shutil.which(tool) is None and not (Path(sys.executable).parent / tool).exists():
        pytest.fail(f"{tool} is not installed: pip install -e '.[test]'")
    exe = shutil.which(tool) or str(Path(sys.executable).parent / tool)
    done = subprocess.run([exe, *args], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
