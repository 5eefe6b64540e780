"""The link to central: online or not, the last sync, what waits to be sent, what needs a
supervisor (F5 syncs now, F6 lists the issues). The loop is the core's (``app.link``);
this part reads its status (``app.sync``) after each turn."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from desktop import labels
from desktop.app import App
from desktop.dto import SyncStatus
from desktop.events import SyncFinished
from ui.shell.core_events import CoreEvents
from ui.shell.statusbar.part import Part
from ui.shell.tasks import Tasks
from ui.widgets.badge import StateBadge


def status_text(st: SyncStatus) -> str:
    if not st.enrolled:
        return QCoreApplication.translate("SyncView", "Chưa đăng ký với máy chủ trung tâm")
    if st.online is None:
        state = QCoreApplication.translate("SyncView", "Đang kết nối…")
    elif st.online:
        state = QCoreApplication.translate("SyncView", "Trực tuyến")
    else:
        state = QCoreApplication.translate("SyncView", "Ngoại tuyến")
    if st.last_sync_at:
        last = QCoreApplication.translate("SyncView", "đồng bộ {0}").format(
            labels.age(st.last_sync_at))
    else:
        last = QCoreApplication.translate("SyncView", "chưa đồng bộ lần nào")
    text = QCoreApplication.translate("SyncView", "{0} · {1} · chờ gửi {2}").format(
        state, last, st.pending)
    if st.rejected or st.open_issues:
        text += QCoreApplication.translate("SyncView", " · cần xử lý {0}").format(
            st.open_issues)
    return text


class SyncPart(Part):
    priority = 40  # the bar's order of giving way (bar.py)

    def __init__(self, app: App, runner: Tasks, events: CoreEvents, *, online: bool,
                 offline: str = "") -> None:
        super().__init__("syncStatus")
        self._app, self._runner, self.online = app, runner, online
        #: the link's state by colour and word (the status bar puts it beside this part)
        self.badge = StateBadge("" if online else "offline")
        if online:
            self.setText(self.tr("Đang kết nối máy chủ trung tâm…"))
            events.sync_finished.connect(self._finished)
            for signal in (events.payment_committed, events.payment_voided,
                           events.request_taken):
                signal.connect(lambda _e: self.refresh())
        else:
            # what working without the link means in this window, or the general words
            self.setText(offline or self.tr("Không kết nối máy chủ trung tâm (dữ liệu cục bộ)"))

    def syncing(self) -> None:
        self.setText(self.tr("Đang đồng bộ…"))

    def refresh(self, error: str | None = None) -> None:
        if self.online:
            self._runner.run(self._app.sync.status, lambda st: self._show(st, error))

    def _finished(self, event: SyncFinished) -> None:
        self.refresh(event.error)

    def _show(self, status: SyncStatus, error: str | None = None) -> None:
        text = status_text(status)
        if error:
            text += f" · {error}"
        self.setText(text + self.tr(" · F5 đồng bộ · F6 cần xử lý"))
        self.set_alert(bool(status.online is False or status.open_issues))
        self.badge.set_state("online" if status.online else
                             "disconnected" if status.online is False else "")
