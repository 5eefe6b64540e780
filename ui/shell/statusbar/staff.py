"""Who works at this window: the role and the name."""

from __future__ import annotations

from desktop.staff.auth import Actor
from ui.shell.statusbar.part import Part


class StaffPart(Part):
    def __init__(self) -> None:
        super().__init__("staffStatus")

    def show_actor(self, actor: Actor) -> None:
        self.setText(f"{actor.role_label}: {actor.full_name}")

    def show_nobody(self) -> None:
        """Signed out: the last person's name leaves the screen with them."""
        self.setText(self.tr("Chưa đăng nhập"))
