"""A counter that saves a request draft as the form does, says so, then waits to be killed.

Run by tests/ui/test_request_drafts.py: ``python -m tests.draft_child STORE``. Attaches a
scanned paper as the form's Ctrl+O does, saves the draft with the fields the form writes
(``ServiceRequestDialog.draft_fields``: the consent tick and the papers' names included),
prints one line (the test SIGKILLs it after the line), then blocks on stdin.
"""

from __future__ import annotations

import sys
from pathlib import Path

from desktop.app import build_app
from tests.staff import sign_in

FIELDS = {"customer_name": "Trần Thị Ngọc Ánh", "address": "12 Hoàng Văn Thụ, phường Tân Sơn Hòa",
          "phone": "0909 123 456", "preferred_on": "", "note": "Nhà mới xây",
          "id_number": "079190001234", "personal_consent": True,
          "details": {"purpose": "Sinh hoạt", "households": "2", "load_kw": "6",
                      "appliances": ""},
          "papers": ["application"]}
KEY = "5b0e7c9e-2a51-4a8e-9d0e-3f1c2b7a8d10"
#: the scanned paper attached, by the name the cashier picked it under
PAPER_NAME = "giay-de-nghi-mua-dien.png"
PAPER = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"GIAY-DE-NGHI" * 200


def main() -> None:
    store = Path(sys.argv[1])
    app = build_app(store, create=False)
    actor = sign_in(app)
    scan = store.parent / PAPER_NAME
    scan.write_bytes(PAPER)
    doc = app.documents.add(scan)
    fields = {**FIELDS, "documents": [{"sha256": doc.sha256, "media_type": doc.media_type,
                                       "size": doc.size, "name": doc.name}]}
    app.drafts.save(actor, KEY, "new_supply", None, fields)
    print("saved", flush=True)
    sys.stdin.read()  # killed here; the draft is already committed


if __name__ == "__main__":
    main()
