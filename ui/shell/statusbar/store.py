"""Which local store this window works on (support asks for it)."""

from __future__ import annotations

from pathlib import Path

from ui.shell.statusbar.part import Part


class StorePart(Part):
    priority = 10  # the bar's order of giving way (bar.py)

    def __init__(self, store_path: Path) -> None:
        super().__init__("storeStatus")
        self._name = store_path.name
        self.retranslate()

    def retranslate(self) -> None:
        self.setText(self.tr("Kho cục bộ: {name}").format(name=self._name))
