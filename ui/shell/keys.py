"""The bar of key caps at the bottom of every window (the shell's, ``ui/shell/window.py``).

A window says its keys once, as one translatable line (``"F9 thu tiền · F10 ca"``, the
word after the key, ``·`` between keys); the bar draws each key as a small raised cap with
its word beside it. Which of them work *now* the window says through :meth:`show_only`
(no customer open: no F9; the lock: no keys at all) — keys that do not work disappear
rather than grey out (SCREENS.md, "Keys you can see"). The keys the shell gives every window
(the sign-out) it says once through :meth:`KeyBar.set_shell_keys`: they follow the window's
own, so that no window can leave them out of its line.

A key whose button is disabled or off screen does not work either: :meth:`KeyBar.bind` ties
the key to its button, and the cap follows the button (the head cashier's Ctrl+P before a
slip is made). While a modal dialog covers the window, the window's keys do not work: the
shell puts the dialog's own keys on the bar (:meth:`KeyBar.cover`), or none when the dialog
names none (issue 29).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QLabel, QLayout, QLayoutItem, QStyle, QWidget


class FlowLayout(QLayout):
    """Left to right, wrapping to a new line when the window is narrow (at 150 % the
    counter's twelve keys take two lines rather than widening the window past the
    screen)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        #: heightForWidth's answers since the caps last changed
        self._heights: dict[int, int] = {}

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)
        self._heights.clear()

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        self._heights.clear()
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        # asked many times per layout pass for the same width: kept until the caps change
        height = self._heights.get(width)
        if height is None:
            height = self._heights[width] = self._place(QRect(0, 0, width, 0), move=False)
        return height

    def invalidate(self) -> None:
        self._heights.clear()
        super().invalidate()

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._place(rect, move=True)

    def sizeHint(self) -> QSize:
        return self.minimumSize()

    def minimumSize(self) -> QSize:
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        m = self.contentsMargins()
        return size + QSize(m.left() + m.right(), m.top() + m.bottom())

    def _place(self, rect: QRect, *, move: bool) -> int:
        m = self.contentsMargins()
        area = rect.adjusted(m.left(), m.top(), -m.right(), -m.bottom())
        x, y, line = area.x(), area.y(), 0
        gap = self.spacing()
        # a key and its word stay together: wrap before a cap whose pair would not fit
        visible = [it for it in self._items
                   if (w := it.widget()) is None or not w.isHidden()]
        for n, item in enumerate(visible):
            hint = item.sizeHint()
            width = hint.width()
            widget = item.widget()
            if widget is not None and widget.objectName() == "keyCap" and n + 1 < len(visible):
                width += gap + visible[n + 1].sizeHint().width()
            if x + width > area.right() + 1 and x > area.x():
                x, y, line = area.x(), y + line + gap, 0
            if move:
                item.setGeometry(QRect(QPoint(x, y), hint))
            x += hint.width() + gap
            line = max(line, hint.height())
        return y + line - rect.y() + m.bottom()

#: a key as written at the start of a hint: F1…F12, Enter, Esc, Ctrl/Shift/Alt+…, "Enter/F9"
_KEY = re.compile(r"^((?:(?:Ctrl|Shift|Alt)\+)*(?:F\d{1,2}|Enter|Esc|Tab|Del|[A-Z0-9↑↓])"
                  r"(?:/(?:(?:Ctrl|Shift|Alt)\+)*(?:F\d{1,2}|Enter|Esc|[A-Z0-9]))*):?\s+(.+)$")


def parse_keys(text: str) -> list[tuple[str, str]]:
    """``"F2 tìm · Ctrl+L: khóa"`` → ``[("F2", "tìm"), ("Ctrl+L", "khóa")]``; a hint with
    no key in front is kept whole as its word."""
    found: list[tuple[str, str]] = []
    for part in text.split("·"):
        part = part.strip()
        if not part:
            continue
        m = _KEY.match(part)
        found.append((m.group(1), m.group(2).strip()) if m else ("", part))
    return found


class KeyBar(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("keyBar")
        # the bar's background from the style sheet (a plain QWidget paints none otherwise)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.row = FlowLayout(self)
        # in line with the content above it, whose layout has the style's margins
        side = self.style().pixelMetric(QStyle.PixelMetric.PM_LayoutLeftMargin)
        self.row.setContentsMargins(side, 4, side, 4)
        self.row.setSpacing(4)
        self._text = ""
        self._shell_text = ""
        self._keys: list[tuple[str, str]] = []
        self._only: set[str] | None = None
        self._caps: list[tuple[str, QLabel, QLabel]] = []
        #: every cap and word the bar has made, those past ``_caps`` hidden
        self._pool: list[tuple[QLabel, QLabel]] = []
        #: a key that works only while its button does (enabled and on its page)
        self._bound: dict[str, QWidget] = {}
        #: the keys of what covers the window (a modal dialog), None while nothing does
        self._cover: list[tuple[str, str]] | None = None
        self._cover_text: str | None = None
        self._cover_bound: dict[str, QWidget] = {}

    def set_keys(self, text: str) -> None:
        """The window's keys, all of them (the line its translators see)."""
        self._text = text
        self._parse()

    def set_shell_keys(self, text: str) -> None:
        """The keys every window has (the shell's), after the window's own; a key the
        window already names keeps the window's place and word."""
        if text != self._shell_text:
            self._shell_text = text
            self._parse()

    def _parse(self) -> None:
        own = parse_keys(self._text)
        named = {key for key, _w in own if key}
        self._keys = own + [(key, word) for key, word in parse_keys(self._shell_text)
                            if key not in named]
        self._rebuild()

    def bind(self, key: str, button: QWidget) -> None:
        """``key`` is shown only while ``button`` works: enabled and on screen in its
        window (a button on a page not shown, or greyed out, says its key does nothing)."""
        self._bound[key] = button
        self._watch(button)
        self._apply()

    def cover(self, text: str | None, buttons: dict[str, QWidget] | None = None) -> None:
        """What covers the window says its keys (``text``, as :meth:`set_keys`; ``""``: a
        dialog that names none, an empty bar); ``None``: the window's own keys again."""
        buttons = dict(buttons or {})
        if text == self._cover_text and buttons == self._cover_bound:
            return
        self._cover_text = text
        self._cover = None if text is None else parse_keys(text)
        self._cover_bound = buttons
        for button in buttons.values():
            self._watch(button)
        self._rebuild()

    @property
    def covered(self) -> bool:
        return self._cover is not None

    def _watch(self, button: QWidget) -> None:
        button.removeEventFilter(self)
        button.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.EnabledChange, QEvent.Type.Show, QEvent.Type.Hide,
                            QEvent.Type.ShowToParent, QEvent.Type.HideToParent):
            self._apply()
        return False

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._apply()  # a button's page may have changed while the window was not shown

    def show_only(self, keys: Iterable[str] | None) -> None:
        """Only these keys work now (``None``: all of them; empty: none)."""
        self._only = None if keys is None else set(keys)
        self._apply()

    def _rebuild(self) -> None:
        # the labels are kept and given new words (a dialog's keys come and go at every
        # F9, F8 or approval): a new label is styled and laid out from the style sheet,
        # which cost a covering dialog tens of milliseconds before it showed (issue 31)
        keys = self._keys if self._cover is None else self._cover
        while len(self._pool) < len(keys):
            cap = QLabel(self)  # a child at once: never a top-level window for a moment
            cap.setObjectName("keyCap")
            word = QLabel(self)
            word.setObjectName("keyWord")
            self.row.addWidget(cap)
            self.row.addWidget(word)
            self._pool.append((cap, word))
        self._caps = []
        for (key, text), (cap, word) in zip(keys, self._pool, strict=False):
            if cap.text() != key:
                cap.setText(key)
            if word.text() != text:
                word.setText(text)
            self._caps.append((key, cap, word))
        for cap, word in self._pool[len(keys):]:
            cap.setVisible(False)
            word.setVisible(False)
        self._apply()

    def _works(self, key: str) -> bool:
        if self._cover is None and self._only is not None and key not in self._only:
            return False
        button = (self._bound if self._cover is None else self._cover_bound).get(key)
        if button is None:
            return True
        try:
            return button.isEnabled() and button.isVisibleTo(button.window())
        except RuntimeError:  # (the button's dialog is gone)
            return False

    def _apply(self) -> None:
        # each button's show, hide and enabling comes here: only a cap whose state
        # changes is touched (setting every cap at each of them was a tenth of what
        # opening a customer cost the window, issue 31)
        changed = False
        for key, cap, word in self._caps:
            on = not key or self._works(key)
            for label, visible in ((cap, on and bool(key)), (word, on)):
                if label.isHidden() == visible:
                    label.setVisible(visible)
                    changed = True
        if changed:
            self.row.invalidate()

    def all_keys(self) -> list[str]:
        """Every key the window named, shown now or not."""
        return [key for key, _w in self._keys if key]

    def visible_keys(self) -> list[str]:
        """The keys shown now, in order (what the person sees on the caps)."""
        return [key for key, cap, _w in self._caps if not cap.isHidden()]

    def text(self) -> str:
        """What the bar says now, as one line (keys and words)."""
        return " · ".join(f"{key} {word.text()}".strip() for key, cap, word in self._caps
                          if not word.isHidden())


def keys_changed(widget: QWidget) -> None:
    """A dialog whose keys changed (the payment's change screen): the window it covers says
    them again (its ``show_keys_now``)."""
    owner = widget.parentWidget()
    while owner is not None and not hasattr(owner, "show_keys_now"):
        owner = owner.parentWidget()
    if owner is not None:
        owner.show_keys_now()
