"""Keys typed while a dialog opens go to the dialog, not nowhere (issue 31).

On X11 a new dialog has the keyboard only once the window manager gives it the focus,
some milliseconds after the key that opened it. Keys pressed meanwhile are addressed to
the window below, which the modal dialog blocks, and Qt drops them before any Python
filter sees them: F9 then "16" typed at once gave an amount of "6". While a modal dialog
waits for the focus, :class:`KeyRelay` reads those keys from the X events (a native event
filter, installed only for that moment) and hands them to the dialog's focused field, in
the order they were typed. The same holds the other way: as the dialog closes, the keys
typed before the window has the keyboard back (Esc, then the next customer's name) went to
the hidden dialog; they go to the window's focused field (the search).

Windows gives a dialog the keyboard as it is shown, in the same thread: nothing is lost
there and the relay is never armed (it acts on ``xcb`` only).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
from typing import Any

import shiboken6
from PySide6.QtCore import (
    QAbstractNativeEventFilter,
    QCoreApplication,
    QEvent,
    QKeyCombination,
    QObject,
    Qt,
    QTimer,
)
from PySide6.QtGui import QGuiApplication, QKeyEvent, QKeySequence, QShortcut, QWindow
from PySide6.QtWidgets import QApplication, QWidget

logger = logging.getLogger(__name__)

#: the attribute of a dialog whose early keys are its own (F9's amount). Not the lock or
#: an approval: what was typed into the window below is never a password's first letters.
EARLY_KEYS = "takes_early_keys"

#: how long a dialog may wait for the focus before the relay gives up (bounded)
ARM_MS = 1500

_KEY_PRESS, _KEY_RELEASE = 2, 3
# xcb_key_press_event_t: response_type (0), detail = keycode (1), state (28)
_DETAIL, _EVENT_WINDOW, _STATE = 1, 12, 28
_SHIFT, _LOCK, _CONTROL, _ALT, _NUM_LOCK = 0x1, 0x2, 0x4, 0x8, 0x10

#: X keysyms of the keys a field acts on besides text, and their Qt keys
_SPECIAL = {
    0xFF0D: Qt.Key.Key_Return, 0xFF8D: Qt.Key.Key_Enter, 0xFF1B: Qt.Key.Key_Escape,
    0xFF08: Qt.Key.Key_Backspace, 0xFFFF: Qt.Key.Key_Delete, 0xFF09: Qt.Key.Key_Tab,
}
_KEYPAD = range(0xFF80, 0xFFBE)
#: XK_F1; F2–F12 follow it
_XK_F1 = 0xFFBE


class _Keymap:
    """X keycodes to keysyms and text, through the X libraries Qt's xcb plugin loads."""

    def __init__(self) -> None:
        x11 = ctypes.CDLL(ctypes.util.find_library("X11") or "libX11.so.6")
        xkb = ctypes.CDLL(ctypes.util.find_library("xkbcommon") or "libxkbcommon.so.0")
        x11.XOpenDisplay.restype = ctypes.c_void_p
        x11.XOpenDisplay.argtypes = [ctypes.c_char_p]
        x11.XkbKeycodeToKeysym.restype = ctypes.c_ulong
        x11.XkbKeycodeToKeysym.argtypes = [ctypes.c_void_p, ctypes.c_ubyte, ctypes.c_int,
                                           ctypes.c_int]
        xkb.xkb_keysym_to_utf32.restype = ctypes.c_uint32
        xkb.xkb_keysym_to_utf32.argtypes = [ctypes.c_uint32]
        self._x11, self._xkb = x11, xkb
        self._display = x11.XOpenDisplay(None)
        if not self._display:
            raise OSError("no X display for the key relay")

    def function_key(self, keycode: int, state: int) -> int | None:
        """The Qt key of F1–F12 pressed alone, else None."""
        if state & (_CONTROL | _ALT | _SHIFT):
            return None
        sym = self._x11.XkbKeycodeToKeysym(self._display, keycode, (state >> 13) & 0x3, 0)
        if _XK_F1 <= sym <= _XK_F1 + 11:
            return int(Qt.Key.Key_F1.value) + sym - _XK_F1
        return None

    def translate(self, keycode: int, state: int) -> tuple[int, str, bool] | None:
        """(Qt key, text, from the keypad) of a key, or None for a key not relayed."""
        if state & (_CONTROL | _ALT):
            return None  # (a shortcut, not typing: the dialog's own keys say what they do)
        group = (state >> 13) & 0x3
        plain = self._x11.XkbKeycodeToKeysym(self._display, keycode, group, 0)
        if plain in _KEYPAD:
            level = 1 if state & _NUM_LOCK and not state & _SHIFT else 0
        else:
            level = 1 if state & _SHIFT else 0
        sym = self._x11.XkbKeycodeToKeysym(self._display, keycode, group, level) or plain
        if sym in _SPECIAL:
            return int(_SPECIAL[sym].value), "", plain in _KEYPAD
        code = self._xkb.xkb_keysym_to_utf32(sym)
        if code < 0x20 or code == 0x7F:
            return None  # (a function key, an arrow: not for a field's text)
        text = chr(code)
        if state & _LOCK and text.isalpha():
            text = text.swapcase() if state & _SHIFT else text.upper()
        upper = text.upper()
        key = ord(upper) if len(upper) == 1 else ord(text)
        return key, text, plain in _KEYPAD


def _modifiers(state: int, keypad: bool) -> Qt.KeyboardModifier:
    mods = Qt.KeyboardModifier.NoModifier
    if state & _SHIFT:
        mods |= Qt.KeyboardModifier.ShiftModifier
    if keypad:
        mods |= Qt.KeyboardModifier.KeypadModifier
    return mods


class _ClosedDialogKeys(QObject):
    """After a dialog closed, the keys Qt still delivers to it (typed in the same moment
    as the key that closed it: the X events were read, and addressed to the dialog, before
    it closed) go to the window below: a function key or a Ctrl combination to its
    shortcut (F8, F9, Ctrl+L), typing to its focused field."""

    _KINDS = (QEvent.Type.KeyPress, QEvent.Type.KeyRelease)

    def __init__(self, relay: KeyRelay) -> None:
        super().__init__()
        self._relay = relay
        self._taken: set[int] = set()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() not in self._KINDS:
            return False
        try:
            return self._reroute(watched, event)
        except Exception:  # never in the way of a key: it steps aside, and says so
            logger.exception("key relay failed; a key typed as a dialog closed may be lost")
            self._relay.disarm()
            return False

    def _reroute(self, watched: QObject, event: QEvent) -> bool:
        back = self._relay.back_to
        if back is None or not shiboken6.isValid(back) or not isinstance(watched, QWidget) \
                or not isinstance(event, QKeyEvent) or not shiboken6.isValid(watched):
            return False
        top = watched.window()
        if not back.isVisible() or QApplication.activeModalWidget() is not None \
                or (top is back and back.isActiveWindow()) \
                or (top is not back and top.isVisible()):
            return False  # (a shown window's key: the keyboard is back where it belongs)
        key = event.key()
        if event.type() == QEvent.Type.KeyRelease:
            if key not in self._taken:
                return False
            self._taken.discard(key)
            return True
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        text = event.text()
        commands = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier \
            | Qt.KeyboardModifier.MetaModifier
        if text and text.isprintable() and not mods & commands:
            if top is back:
                return False  # (typing, already where it belongs)
            field = back.focusWidget() or back
            QApplication.sendEvent(field, QKeyEvent(event.type(), key, event.modifiers(),
                                                    text, event.isAutoRepeat()))
        else:
            # (to the closed dialog, or to the window before Qt counts it active: either
            # way its shortcut would not act)
            shortcut = _shortcut_for(back, QKeyCombination(mods, Qt.Key(key)))
            if shortcut is None:
                return False
            # acted on now, in the key's own turn, as Qt acts on a shortcut: what it opens
            # (F9's payment) holds the keys typed after it, which come next
            shortcut.activated.emit()
        self._taken.add(key)
        self._relay.relayed += 1
        return True


def _shortcut_for(window: QWidget, keys: QKeyCombination) -> QShortcut | None:
    """The window's enabled shortcut for a key combination (F8, Ctrl+L), if it has one."""
    wanted = QKeySequence(keys)
    for shortcut in window.findChildren(QShortcut):
        if shortcut.isEnabled() and shortcut.key().matches(wanted) \
                == QKeySequence.SequenceMatch.ExactMatch:
            found: QShortcut = shortcut
            return found
    return None


class KeyRelay(QAbstractNativeEventFilter):
    """While armed: a key Qt would drop (addressed to a window a modal dialog blocks, the
    dialog not yet given the focus) goes to the dialog's focused field instead."""

    def __init__(self, qapp: QApplication, keymap: Any = None) -> None:
        super().__init__()
        self._qapp = qapp
        self._keymap = keymap
        self._installed = False
        #: the presses relayed, so their releases follow them
        self._pressed: set[int] = set()
        self._timer = QTimer()
        self._timer.setSingleShot(True)
        self._timer.setInterval(ARM_MS)
        self._timer.timeout.connect(self.disarm)
        QGuiApplication.instance().focusWindowChanged.connect(self._focus_moved)  # type: ignore[union-attr]
        self.relayed = 0
        #: the window a dialog closed over: the keys typed before it has the keyboard back
        #: are its own (they went to the hidden dialog, or nowhere)
        self._back_to: QWidget | None = None
        self._closed_dialog_keys = _ClosedDialogKeys(self)

    @property
    def back_to(self) -> QWidget | None:
        return self._back_to

    @property
    def armed(self) -> bool:
        return self._installed

    def arm(self) -> None:
        """A modal dialog is opening over a window: its keys wait for it (bounded)."""
        self._back_to = None
        self._install()

    def arm_back(self, window: QWidget) -> None:
        """A modal dialog closed over ``window``: the keys typed before the window manager
        gives it the keyboard back go to it (the search, for the next customer), not to
        the hidden dialog (bounded)."""
        self._back_to = window
        self._install()

    def _install(self) -> None:
        if QGuiApplication.platformName() != "xcb" and self._keymap is None:
            return
        if self._keymap is None:
            try:
                self._keymap = _Keymap()
            except OSError as exc:  # (no X libraries: keys in that moment stay dropped)
                logger.info("key relay unavailable: %s", exc)
                return
        if not self._installed:
            self._qapp.installNativeEventFilter(self)
            self._qapp.installEventFilter(self._closed_dialog_keys)
            self._installed = True
        self._timer.start()

    def disarm(self) -> None:
        self._timer.stop()
        self._pressed.clear()
        self._back_to = None
        if self._installed:
            self._qapp.removeNativeEventFilter(self)
            self._qapp.removeEventFilter(self._closed_dialog_keys)
            self._installed = False

    def _focus_moved(self, window: QWindow | None) -> None:
        if self._back_to is not None:
            # (Qt gives the window the focus as the dialog hides, before the X server
            # does: a key addressed to a shown window says the keyboard is back)
            return
        modal = QApplication.activeModalWidget()
        if modal is None or (window is not None and window is modal.windowHandle()):
            self.disarm()  # the dialog has the keyboard: Qt delivers to it from now on

    def nativeEventFilter(self, event_type: Any, message: Any) -> tuple[bool, int]:
        try:
            return self._filter(event_type, message)
        except Exception:  # never in the way of the X events: it steps aside, and says so
            logger.exception("key relay failed; keys typed as a dialog opens may be lost")
            self.disarm()
            return False, 0

    def _filter(self, event_type: Any, message: Any) -> tuple[bool, int]:
        if bytes(event_type) != b"xcb_generic_event_t":
            return False, 0
        address = int(message)
        kind = ctypes.c_uint8.from_address(address).value & 0x7F
        if kind not in (_KEY_PRESS, _KEY_RELEASE):
            return False, 0
        target = self._target(ctypes.c_uint32.from_address(address + _EVENT_WINDOW).value)
        if target is None:
            return False, 0
        keycode = ctypes.c_uint8.from_address(address + _DETAIL).value
        state = ctypes.c_uint16.from_address(address + _STATE).value
        if kind == _KEY_RELEASE:
            if keycode not in self._pressed:
                return False, 0
            self._pressed.discard(keycode)
            press = self._keymap.translate(keycode, state) if self._keymap else None
            if press is not None:
                key, text, keypad = press
                self._deliver(target, QKeyEvent(
                    QEvent.Type.KeyRelease, key, _modifiers(state, keypad), text))
            return True, 0
        press = self._keymap.translate(keycode, state) if self._keymap else None
        if press is None:
            shortcut = self._window_shortcut(keycode, state)
            if shortcut is None:
                return False, 0  # (not a field's key: dropped, as Qt would)
            # F8 typed with the Esc that closed a dialog: the window's own key, acted on
            # once this X event's turn is over (a dialog it opens is not opened in here)
            self._pressed.add(keycode)
            self.relayed += 1
            QTimer.singleShot(0, shortcut.activated.emit)
            return True, 0
        key, text, keypad = press
        self._pressed.add(keycode)
        self.relayed += 1
        self._deliver(target, QKeyEvent(
            QEvent.Type.KeyPress, key, _modifiers(state, keypad), text))
        return True, 0

    def _deliver(self, target: QObject, event: QKeyEvent) -> None:
        if self._back_to is None:
            # delivered now, inside the X event's turn: a key the dialog gets straight
            # after the focus moves is queued behind it, so the digits keep their order
            QApplication.sendEvent(target, event)
        else:
            # queued: behind a window shortcut typed before it (Esc, F9, then the amount:
            # F9 acts first, and its dialog takes the digits)
            QCoreApplication.postEvent(target, event)

    def _window_shortcut(self, keycode: int, state: int) -> QShortcut | None:
        """After a dialog closed, the window's enabled shortcut for a function key."""
        function_key = getattr(self._keymap, "function_key", None)
        if self._back_to is None or function_key is None:
            return None
        key = function_key(keycode, state)
        return None if key is None else _shortcut_for(
            self._back_to, QKeyCombination(Qt.KeyboardModifier.NoModifier, Qt.Key(key)))

    def _target(self, x_window: int) -> QObject | None:
        """The dialog's focused field, while the keyboard is still elsewhere; after a
        dialog closed, its window's, while the X server still sends the keys to a window
        no longer shown (the closed dialog's)."""
        modal = QApplication.activeModalWidget()
        if self._back_to is not None:
            back = self._back_to
            if modal is not None or not back.isVisible():
                return None
            addressed = QWidget.find(x_window) if x_window else None
            if addressed is not None and addressed.isVisible():
                self.disarm()  # the keyboard is with a shown window again: Qt delivers
                return None
            widget: QWidget = back.focusWidget() or back
            return widget
        if modal is None or not modal.isVisible() or not getattr(modal, EARLY_KEYS, False):
            return None
        focus = QGuiApplication.focusWindow()
        if focus is None or focus is modal.windowHandle():
            return None
        field: QWidget = modal.focusWidget() or modal
        return field


_relay: KeyRelay | None = None


def install(qapp: QApplication) -> KeyRelay:
    """The application's one relay (armed by the windows a dialog opens over)."""
    global _relay
    if _relay is None:
        _relay = KeyRelay(qapp)
    return _relay


def relay() -> KeyRelay | None:
    return _relay
