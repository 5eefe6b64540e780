"""The way to the sign-in screen loads only what the sign-in needs (issue 31, cold start).

The HTTP client, the sync, the contract's pydantic schemas, the first-run wizard and the
receipt printer's raster code load once the link starts or the screen that uses them
opens: each of them imported again on the way to the sign-in costs the cashier a
noticeable part of the ≤ 1 s start.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from desktop.app import build_app
from tests.staff import add_staff, pretend_enrolled

ROOT = Path(__file__).resolve().parents[2]

#: what the start must not import before the sign-in screen is shown
LATER = ("httpx", "pydantic", "pydantic_core", "rich", "desktop.link.sync",
         "desktop.link.token_store", "desktop.contract_schemas", "ui.setup", "PIL",
         "desktop.printing.receipts.escpos_out", "ui.counter", "ui.agent", "ui.office",
         "ui.collector")

#: the program's own start (``quaythu`` with no command), up to its sign-in screen: the
#: probe closes the screen once shown, the program then returns; what it loaded is listed
CHILD = """
import json, sys
from desktop.cli import main
code = main(["--data-dir", sys.argv[1]])
print(json.dumps({"code": code, "loaded": sorted(m for m in sys.modules
                                                 if m.startswith(tuple(sys.argv[2:])))}))
"""


def test_the_start_shows_the_sign_in_without_the_link_and_pydantic(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    app = build_app(data / "quaythu.db")
    try:
        # an enrolled counter whose central does not answer, with someone to sign in
        pretend_enrolled(app, 1)
        add_staff(app, "thungan", "cashier")
    finally:
        app.close()
    probe = tmp_path / "shown"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "QUAYTHU_STARTUP_PROBE": str(probe)}
    done = subprocess.run([sys.executable, "-c", CHILD, str(data), *LATER], env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=300)
    assert probe.exists(), done.stderr[-3000:]  # the sign-in screen was shown
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["loaded"] == []
    assert result["code"] == 1  # the probe closed the sign-in unanswered: nobody signed in
