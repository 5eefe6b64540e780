"""The counter's search: the box, the line that says how many were found, the results.

Typing searches after a short pause (fast typing makes one query); Enter searches at once
and asks for the account when the query was an exact code (a barcode scan: the code and
Enter in a burst). Down moves into the results, Enter there opens the row, Esc goes back
to the box, and Esc in the box empties the screen for the next customer. Every query
runs on the store lane, and an answer to an older query than the newest is dropped.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from desktop.dto import AccountHit, LookupResult
from ui.counter import results
from ui.plumbing.errors import present_error
from ui.shell.tasks import LatestOnly
from ui.shell.window import ShellWindow
from ui.widgets.table_model import ItemRows

#: Pause after the last keystroke before searching, so fast typing makes one query. The
#: key's own handling and a loaded machine's wake-up come on top of it: 130 keeps the pause
#: a cashier feels within 150 ms (issue 31), still longer than a typist's gap between keys.
TYPING_PAUSE_MS = 130


class SearchPane(QWidget):
    results_shown = Signal(int)
    #: an account to open (Enter on a row, or a scan that found its exact code)
    open_requested = Signal(int)
    #: Enter in the box with this query (a scan: the window lets the last customer go)
    returned = Signal(str)
    #: typed into, or emptied with Esc: the last message is no longer the point
    edited = Signal()
    cleared = Signal()
    #: the row :meth:`highlighted` names may have changed (the list took or lost the
    #: keyboard, another row was chosen)
    highlight_changed = Signal()

    def __init__(self, window: ShellWindow) -> None:
        super().__init__()
        self._window = window
        self._latest = LatestOnly()
        self._open_on_result = False
        #: the ticket whose best matches are shown and whose rest is on its way
        self._completing: int | None = None
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        bar = QHBoxLayout()
        self.caption = QLabel()
        self.search = QLineEdit()
        self.search.setObjectName("searchBox")
        self.search.setClearButtonEnabled(True)
        self.search.setMaxLength(120)
        self.caption.setBuddy(self.search)
        self.result_info = QLabel("")
        self.result_info.setObjectName("resultInfo")
        bar.addWidget(self.caption)
        bar.addWidget(self.search, 1)
        bar.addWidget(self.result_info)
        column.addLayout(bar)
        self.model = ItemRows(results.headers(), right_aligned=(3,))
        self.results = results.results_view(self.model)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        # a coarse timer may fire up to 5 % late, on top of the loaded machine's wake-up
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(TYPING_PAUSE_MS)
        self._timer.timeout.connect(self.search_now)
        self.search.textEdited.connect(self._on_text_edited)
        self.search.returnPressed.connect(self._on_return)
        self.search.installEventFilter(self)
        self.results.activated.connect(self._open_row)
        self.results.doubleClicked.connect(self._open_row)
        self.results.installEventFilter(self)
        self.results.selectionModel().currentRowChanged.connect(
            lambda _now, _before: self.highlight_changed.emit())
        self.model.modelReset.connect(self.highlight_changed)  # what a row owes, read again
        self.retranslate()

    def retranslate(self) -> None:
        self.caption.setText(self.tr("Tìm khách hàng (F2):"))
        self.search.setPlaceholderText(self.tr(
            "Mã khách hàng, số điện thoại, số công tơ, hoặc tên và địa chỉ – không cần dấu"))
        self.model.set_headers(results.headers())

    def focus(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def highlighted(self) -> AccountHit | None:
        """The row chosen in the list, when the list has the keyboard."""
        row = self.results.currentIndex().row()
        if not self.results.hasFocus() or not 0 <= row < self.model.rowCount():
            return None
        hit: AccountHit = self.model.item(row)
        return hit

    def clear(self) -> None:
        """No query, no list, no answer still on its way."""
        self._timer.stop()
        self._latest.next()
        self.model.set_rows([], [])
        self.result_info.setText("")
        self.search.clear()

    def _on_text_edited(self, _text: str) -> None:
        self._open_on_result = False
        self.edited.emit()
        self._timer.start()

    def _on_return(self) -> None:
        self._timer.stop()
        self.returned.emit(self.search.text().strip())
        self._open_on_result = True
        self.search_now()

    def search_now(self, *, refresh: bool = False) -> None:
        self._search(self.search.text(), self._latest.next(), refresh=refresh, quick=True)

    def _search(self, query: str, ticket: int, *, refresh: bool, quick: bool) -> None:
        """``quick``: the best matches first when the rest takes longer (the rest is
        asked for under the same ticket once they are shown)."""
        w, latest = self._window, self._latest
        lookup, actor = w.app.lookup, w.actor
        w.runner.run(
            # a query still queued when a newer one arrives is not run at all
            lambda: lookup.search(query, actor=actor, quick=quick)
            if latest.is_current(ticket) else None,
            lambda result: self._on_result(ticket, result, refresh=refresh),
            lambda exc: self._on_error(ticket, exc),
        )

    def _on_result(self, ticket: int, result: LookupResult | None, *,
                   refresh: bool = False) -> None:
        if result is None or not self._latest.is_current(ticket):
            return  # a newer keystroke superseded this query
        if result.query.strip() and not self.search.text().strip():
            # the box was emptied meanwhile (a sign-out, Esc, backspaces): no count stays
            # beside an empty box (issue 29, found 7)
            self.result_info.setText("")
            return
        hits = result.hits
        row = self.results.currentIndex().row()
        results.show_hits(self.model, hits)
        if result.partial:
            # the best matches now, the rest of the page below them in a moment: the rows
            # shown stay where they are, and one chosen meanwhile stays chosen (a new
            # query starts at its first row: a row chosen in the last one is not this one's)
            self.results.selectRow(row if refresh and 0 <= row < len(hits) else 0)
            self.result_info.setText(self.tr("{n} kết quả, đang tìm thêm…").format(
                n=len(hits)))
            self._completing = ticket
            self.results_shown.emit(len(hits))
            self._search(result.query, ticket, refresh=refresh, quick=False)
            return
        completing, self._completing = self._completing == ticket, None
        # (the same query again, a payment having changed what is owed, or the rest of a
        # page whose best matches were shown: the row chosen stays chosen)
        keep = (refresh or completing) and 0 <= row < len(hits)
        if not result.query.strip():
            self.result_info.setText("")
        elif not hits:
            self.result_info.setText(self.tr("Không tìm thấy"))
        elif result.truncated:
            self.result_info.setText(self.tr("{n} kết quả đầu – gõ thêm để thu hẹp")
                                     .format(n=len(hits)))
        else:
            self.result_info.setText(self.tr("{n} kết quả").format(n=len(hits)))
        if keep:
            self.results.selectRow(row)
        elif hits and not refresh:
            self.results.selectRow(0)
        self.results_shown.emit(len(hits))
        if refresh:
            return
        if self._open_on_result and hits:
            self._open_on_result = False
            if len(hits) == 1 or hits[0].matched_by == "code":
                if self.search.hasFocus():
                    # the query is done with: the next scan starts the next one instead
                    # of lengthening this code into one that finds nobody
                    self.search.selectAll()
                self.open_requested.emit(hits[0].id)
            else:
                self.results.setFocus()

    def _on_error(self, ticket: int, exc: BaseException) -> None:
        if self._latest.is_current(ticket):
            present_error(self._window, exc)

    def _open_row(self, _index: object = None) -> None:
        row = self.results.currentIndex().row()
        if row >= 0:
            hit: AccountHit = self.model.item(row)
            self.open_requested.emit(hit.id)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.results and event.type() in (QEvent.Type.FocusIn,
                                                        QEvent.Type.FocusOut):
            self.highlight_changed.emit()
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            if watched is self.search and key == Qt.Key.Key_Down and self.model.rowCount():
                self.results.setFocus()
                if not self.results.currentIndex().isValid():
                    self.results.selectRow(0)
                return True
            if watched is self.results and key == Qt.Key.Key_Escape:
                self.focus()
                return True
            if watched is self.search and key == Qt.Key.Key_Escape:
                # Esc: the customer is done; the next one starts from an empty screen
                self.clear()
                self.cleared.emit()
                return True
            if watched is self.results and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._open_row()
                return True
        return super().eventFilter(watched, event)
