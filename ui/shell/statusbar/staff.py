"""Who works at this window: the role and the name."""

from __future__ import annotations

from desktop.staff.auth import Actor
from ui.shell.statusbar.part import Part


class StaffPart(Part):
    priority = 90  # the bar's order of giving way (bar.py)

    def __init__(self) -> None:
        super().__init__("staffStatus")

    def show_actor(self, actor: Actor) -> None:
        self.setText(f"{actor.role_label}: {actor.full_name}")

    def forget(self) -> None:
        """Signed out: nobody's name stays on screen (issue 29)."""
        self.setText(self.tr("Chưa đăng nhập"))
