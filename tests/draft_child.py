"""A counter that saves a request draft as the form does, says so, then waits to be killed.

Run by tests/ui/test_request_drafts.py: ``python -m tests.draft_child STORE``. Prints one
line per draft saved (the test SIGKILLs it after the line), then blocks on stdin.
"""

from __future__ import annotations

import sys
from pathlib import Path

from desktop.app import build_app
from tests.staff import sign_in

FIELDS = {"customer_name": "Trần Thị Ngọc Ánh", "address": "12 Hoàng Văn Thụ, phường Tân Sơn Hòa",
          "phone": "0909 123 456", "preferred_on": "", "note": "Nhà mới xây",
          "id_number": "079190001234",
          "details": {"purpose": "Sinh hoạt", "households": "2", "load_kw": "6",
                      "appliances": "", "wanted_on": ""},
          "papers": ["application"]}
KEY = "5b0e7c9e-2a51-4a8e-9d0e-3f1c2b7a8d10"


def main() -> None:
    app = build_app(Path(sys.argv[1]), create=False)
    actor = sign_in(app)
    app.drafts.save(actor, KEY, "new_supply", None, FIELDS)
    print("saved", flush=True)
    sys.stdin.read()  # killed here; the draft is already committed


if __name__ == "__main__":
    main()
