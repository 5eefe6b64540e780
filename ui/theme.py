"""QuayThu's one look: the tokens (type scale, spacing, palette) and the Qt style sheet
generated from them, applied to the whole application (``ui/main.py``).

Every window and dialog takes its look from here, by object name or by a dynamic
property (``[state="overdue"]``, ``[role="error"]``, ``[alert="true"]``), never from a
``setStyleSheet`` of its own: one place to change, and one place the contrast test
(``tests/unit/test_theme_contrast.py``) reads every text/background pair from.

Chosen otherwise than ``SCREENS.md``'s starting tokens: the body is 11 pt, not 12 pt —
at 1366×768 and Windows' 125 % the counter window's status bar, bills table and key bar
did not fit at 12 pt; the large-text setting (×1.25) gives the 12–14 pt body to whoever
wants it. Amounts (28 pt) and the change (44 pt) are as the brief says.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # Qt only when the look is applied: the tokens load without it
    from PySide6.QtGui import QPalette
    from PySide6.QtWidgets import QApplication


@dataclasses.dataclass(frozen=True)
class Palette:
    background: str = "#F4F5F7"
    surface: str = "#FFFFFF"
    text: str = "#1B1D21"
    text_secondary: str = "#4B5159"
    border: str = "#C9CDD3"
    primary: str = "#0A58CA"
    on_primary: str = "#FFFFFF"
    primary_soft: str = "#E7F0FD"
    danger: str = "#B42318"
    danger_soft: str = "#FDECEA"
    on_danger: str = "#FFFFFF"
    cut: str = "#7A1A12"          # the power cut: darker than overdue
    success: str = "#15803D"
    success_soft: str = "#F0F9F2"
    on_success: str = "#FFFFFF"
    warning: str = "#8A4B00"
    warning_soft: str = "#FFF3DC"
    offline: str = "#4B5563"
    offline_soft: str = "#E5E7EB"
    locked: str = "#1B1D21"
    on_locked: str = "#FFFFFF"
    keycap: str = "#FFFFFF"
    keycap_border: str = "#8C939D"
    key_bar: str = "#E9EBEF"
    focus: str = "#0A58CA"
    primary_dark: str = "#0B3D91"  # the usage chart's latest bar, beside primary's others


LIGHT = Palette()
#: black on white, no grey under 7:1, a 3 px yellow focus ring (SCREENS.md's variant)
HIGH_CONTRAST = dataclasses.replace(
    LIGHT, background="#FFFFFF", text="#000000", text_secondary="#1B1D21", border="#000000",
    key_bar="#FFFFFF", keycap_border="#000000", offline="#1F2937", focus="#FFD400")


@dataclasses.dataclass(frozen=True)
class TypeScale:
    """Points: caption · body · heading · title · amount · change."""

    caption: float = 10
    body: float = 11
    heading: float = 14
    title: float = 18
    amount: float = 28
    change: float = 44

    def scaled(self, factor: float) -> TypeScale:
        return TypeScale(*(round(v * factor, 1) for v in dataclasses.astuple(self)))


#: the 8 px grid and the corner radius
SPACE = 8
RADIUS = 6
#: the large-text setting's factor (SCREENS.md: everything ×1.25)
LARGE_TEXT = 1.25


@dataclasses.dataclass(frozen=True)
class State:
    """A state shown by colour AND word (never colour alone): the badge's text and colours."""

    key: str
    word: str
    fg: str
    bg: str


def states(p: Palette = LIGHT) -> dict[str, State]:
    """Every state a badge can show, with the word it says."""
    found = (
        State("overdue", "QUÁ HẠN", p.on_danger, p.danger),
        State("cut", "ĐÃ CẮT ĐIỆN", p.on_danger, p.cut),
        State("paid", "ĐÃ THANH TOÁN", p.on_success, p.success),
        State("online", "TRỰC TUYẾN", p.success, p.success_soft),
        State("offline", "NGOẠI TUYẾN", p.offline, p.offline_soft),
        State("disconnected", "MẤT KẾT NỐI", p.danger, p.danger_soft),
        State("locked", "ĐÃ KHÓA", p.on_locked, p.locked),
        State("attention", "CẦN XỬ LÝ", p.warning, p.warning_soft),
    )
    return {s.key: s for s in found}


def text_pairs(p: Palette = LIGHT) -> Iterator[tuple[str, str, str]]:
    """Every (name, text colour, background) the style sheet below puts text on: the
    contrast test checks each one, so a new pair here is a pair checked."""
    for surface_name in ("background", "surface"):
        bg = getattr(p, surface_name)
        for fg_name in ("text", "text_secondary", "primary", "danger", "success", "warning",
                        "offline"):
            yield f"{fg_name} on {surface_name}", getattr(p, fg_name), bg
    yield "text on key bar", p.text, p.key_bar
    yield "secondary on key bar", p.text_secondary, p.key_bar
    yield "key cap", p.text, p.keycap
    yield "primary button", p.on_primary, p.primary
    yield "selected row", p.on_primary, p.primary
    yield "danger banner", p.danger, p.danger_soft
    yield "done banner", p.success, p.success_soft
    yield "warning banner", p.warning, p.warning_soft
    yield "primary on soft", p.primary, p.primary_soft
    yield "text on soft", p.text, p.primary_soft
    for s in states(p).values():
        yield f"badge {s.key}", s.fg, s.bg
    yield "disabled button", p.text_secondary, p.offline_soft
    yield from _palette_text_pairs(p)


#: The application's QPalette, role by role, from the same tokens as the style sheet: what
#: the sheet does not reach (message boxes, Qt's file dialog, menus, tooltips, a platform
#: style's own drawing, a Windows dark mode) takes the theme from here. Active and Inactive
#: take these; the Disabled group takes them with ``DISABLED_ROLES`` over them.
PALETTE_ROLES: dict[str, str] = {
    "Window": "background", "WindowText": "text",
    "Base": "surface", "AlternateBase": "background", "Text": "text",
    "PlaceholderText": "text_secondary",
    "Button": "surface", "ButtonText": "text", "BrightText": "on_danger",
    "Highlight": "primary", "HighlightedText": "on_primary",
    "ToolTipBase": "surface", "ToolTipText": "text",
    "Link": "primary", "LinkVisited": "primary",
    "Light": "surface", "Midlight": "background", "Mid": "border", "Dark": "keycap_border",
    "Shadow": "text_secondary",
}
#: the Disabled group: greyed words on the same grounds (the sheet's disabled button too)
DISABLED_ROLES: dict[str, str] = {
    "WindowText": "text_secondary", "Text": "text_secondary", "ButtonText": "text_secondary",
    "Button": "offline_soft", "Base": "background", "PlaceholderText": "text_secondary",
    "Highlight": "offline", "HighlightedText": "on_primary",
}
#: the palette's (text role, ground role) pairs a widget draws words with
PALETTE_TEXT_ON: tuple[tuple[str, str], ...] = (
    ("WindowText", "Window"), ("Text", "Base"), ("Text", "AlternateBase"),
    ("PlaceholderText", "Base"), ("ButtonText", "Button"), ("HighlightedText", "Highlight"),
    ("ToolTipText", "ToolTipBase"), ("Link", "Base"), ("Link", "Window"))


def palette_colours(p: Palette = LIGHT) -> dict[tuple[str, str], str]:
    """``(group, role) → #RRGGBB`` for the application's QPalette (built by
    ``apply_to``); groups are Active, Inactive and Disabled."""
    found: dict[tuple[str, str], str] = {}
    for group in ("Active", "Inactive", "Disabled"):
        for role, token in PALETTE_ROLES.items():
            if group == "Disabled":
                token = DISABLED_ROLES.get(role, token)
            found[group, role] = getattr(p, token)
    return found


def _palette_text_pairs(p: Palette) -> Iterator[tuple[str, str, str]]:
    colours = palette_colours(p)
    for group in ("Active", "Disabled"):
        for fg, bg in PALETTE_TEXT_ON:
            yield f"palette {group} {fg} on {bg}", colours[group, fg], colours[group, bg]


def _channel(c: int) -> float:
    v = c / 255
    return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4


def luminance(colour: str) -> float:
    """WCAG 2.2 relative luminance of ``#RRGGBB``."""
    h = colour.lstrip("#")
    r, g, b = (int(h[i:i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast(fg: str, bg: str) -> float:
    """WCAG contrast ratio (1…21)."""
    a, b = sorted((luminance(fg), luminance(bg)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def stylesheet(*, large_text: bool = False, high_contrast: bool = False) -> str:
    """The application's style sheet, generated from the tokens."""
    p = HIGH_CONTRAST if high_contrast else LIGHT
    t = TypeScale().scaled(LARGE_TEXT if large_text else 1.0)
    focus_w = 3 if high_contrast else 2
    s, r = SPACE, RADIUS
    badges = "\n".join(
        f'QLabel[badge="{st.key}"] {{ color: {st.fg}; background: {st.bg}; }}'
        for st in states(p).values())
    return f"""
/* QuayThu – generated by ui/theme.py from its tokens; do not edit by hand. */
QWidget {{ font-size: {t.body}pt; color: {p.text}; }}
QMainWindow, QDialog, QWizard {{ background: {p.background}; }}
QStackedWidget > QWidget, QScrollArea > QWidget > QWidget {{ background: transparent; }}
QGroupBox {{ font-weight: bold; background: {p.surface}; border: 1px solid {p.border};
  border-radius: {r}px; margin-top: {s + 6}px; padding: {s}px {s}px {s // 2}px {s}px; }}
QGroupBox::title {{ subcontrol-origin: margin; left: {s}px; padding: 0 4px;
  color: {p.text_secondary}; }}
QLineEdit, QSpinBox, QDoubleSpinBox, QComboBox, QDateEdit, QPlainTextEdit, QTextEdit {{
  background: {p.surface}; border: 1px solid {p.keycap_border}; border-radius: {r - 2}px;
  padding: 3px 6px; min-height: 1.4em; selection-background-color: {p.primary};
  selection-color: {p.on_primary}; }}
QLineEdit:focus, QSpinBox:focus, QDoubleSpinBox:focus, QComboBox:focus, QDateEdit:focus,
QPlainTextEdit:focus, QTextEdit:focus {{ border: {focus_w}px solid {p.focus};
  padding: {4 - focus_w}px {7 - focus_w}px; }}
/* the thicker border takes its width from the padding: a field keeps its height as the focus
   comes, where a layout sized it without the focus (the head cashier's count rows showed
   the focused field's lower border clipped) */
QLineEdit[invalid="true"], QSpinBox[invalid="true"] {{ border: 2px solid {p.danger};
  padding: 2px 5px; }}
/* a bordered box's arrow drawn by the sheet (the platform style drew a black corner on it):
   Qt's own arrow image, inside QtWidgets wherever the application runs */
QComboBox::drop-down, QDateEdit::drop-down {{ subcontrol-origin: padding;
  subcontrol-position: center right; width: 24px; border: none; }}
QComboBox::down-arrow, QDateEdit::down-arrow {{
  image: url(:/qt-project.org/styles/commonstyle/images/arrow-down-16.png);
  width: 12px; height: 12px; }}
QPushButton {{ background: {p.surface}; border: 1px solid {p.keycap_border};
  border-radius: {r}px; padding: 5px {s * 2}px; min-height: 1.5em; }}
QPushButton:hover {{ background: {p.primary_soft}; }}
QPushButton:focus {{ border: {focus_w}px solid {p.focus}; }}
/* no font change through a pseudo-state (":default", ":selected"): Qt sizes the widget
   without it and the word is cut; colour and border carry the emphasis */
QPushButton:default, QPushButton[primary="true"] {{ background: {p.primary};
  color: {p.on_primary}; border: 1px solid {p.primary}; }}
QPushButton:default:focus, QPushButton[primary="true"]:focus {{
  border: {focus_w}px solid {p.text}; }}
QPushButton:disabled {{ color: {p.text_secondary}; background: {p.offline_soft};
  border-color: {p.border}; }}
QTableView, QListView, QTreeView, QListWidget, QTableWidget {{ background: {p.surface};
  border: 1px solid {p.border}; border-radius: {r}px; gridline-color: {p.offline_soft};
  alternate-background-color: {p.background}; }}
QHeaderView::section {{ background: {p.background}; color: {p.text_secondary};
  border: none; border-bottom: 1px solid {p.border}; padding: 4px 6px; font-weight: bold; }}
QTableView::item:selected, QListView::item:selected {{
  background: {p.primary}; color: {p.on_primary}; }}
/* a list of check boxes (the deposit's turn-ins): the style draws the tick in the row's
   word colour, white on the white box of a dark selected row, so the ticked row looked
   unticked; its selected row is soft, its words dark */
QListWidget::item:selected {{ background: {p.primary_soft}; color: {p.text};
  border-left: 3px solid {p.primary}; }}
QTabWidget::pane {{ background: {p.surface}; border: 1px solid {p.border};
  border-radius: {r}px; }}
QTabBar::tab {{ padding: 6px {s * 2}px; color: {p.text_secondary}; }}
QTabBar::tab:selected {{ color: {p.primary}; border-bottom: 3px solid {p.primary}; }}
QStatusBar {{ background: {p.surface}; border-top: 1px solid {p.border};
  font-size: {t.caption}pt; }}
QStatusBar QLabel {{ color: {p.text_secondary}; padding: 0 {s // 2}px;
  font-size: {t.caption}pt; }}
QStatusBar QLabel[alert="true"] {{ color: {p.danger}; font-weight: bold; }}

QLineEdit#searchBox {{ font-size: {t.heading}pt; padding: 6px {s}px;
  border: 2px solid {p.primary}; border-radius: {r}px; }}
QLabel#accountTitle {{ font-size: {t.title}pt; font-weight: bold; color: {p.text}; }}
QLabel#accountSubtitle {{ color: {p.text_secondary}; }}
QLabel#unpaidTotal {{ font-size: {t.title}pt; font-weight: bold; color: {p.danger}; }}
QLabel#unpaidTotal[state="clear"] {{ color: {p.success}; }}
QLabel#cacheAge {{ color: {p.text_secondary}; font-style: italic; font-size: {t.caption}pt; }}
QLabel[alert="true"] {{ color: {p.danger}; font-weight: bold; }}
*[role="error"] {{ color: {p.danger}; font-weight: bold; }}
/* a fact for whoever can act on it, no danger: calm words, never red */
*[role="note"] {{ color: {p.text_secondary}; }}
QTableView#results {{ font-size: {t.body}pt; }}
QLabel#toolsError {{ color: {p.danger}; font-weight: bold; }}
QLabel#verdict {{ font-size: {t.heading}pt; font-weight: bold; }}
QLabel#verdict[state="ok"] {{ color: {p.success}; }}
QLabel#verdict[state="alert"] {{ color: {p.danger}; }}
QLabel#calcTotal, QLabel#estTotal {{ font-size: {t.title}pt; font-weight: bold;
  color: {p.primary}; }}
QLabel#toolsHeader {{ font-weight: bold; color: {p.primary}; }}

QDialog#paymentDialog QLabel#amountDue, QLabel#amountDue {{ font-size: {t.amount}pt;
  font-weight: bold; color: {p.text}; }}
QLineEdit#tendered {{ font-size: {t.title + 4}pt; padding: 6px {s}px; }}
QLabel#change, QLabel#changeAmount {{ font-size: {t.change}pt; font-weight: bold;
  color: {p.success}; }}
QLabel#changeAmount[short="true"] {{ color: {p.danger}; }}
QPushButton[quickCash="true"], QPushButton#exact, QPushButton#vietqr {{
  font-size: {t.body}pt; font-weight: bold; min-height: 2.4em; padding: 4px 6px; }}
QPushButton#confirmPayment {{ font-size: {t.title}pt; min-height: 2.4em;
  background: {p.primary}; color: {p.on_primary}; border: 1px solid {p.primary};
  font-weight: bold; }}
QPushButton#confirmPayment:disabled {{ background: {p.offline_soft};
  color: {p.text_secondary}; border-color: {p.border}; }}
QLabel#paymentMessage, QLabel#shiftMessage {{ font-size: {t.body}pt; }}
QLabel#changeCredit {{ font-size: {t.heading}pt; font-weight: bold; color: {p.success}; }}
QLabel#agentAmount {{ font-size: {t.amount}pt; font-weight: bold; color: {p.text}; }}
QLabel#agentLimit[state="exhausted"] {{ color: {p.danger}; font-weight: bold; }}
QLabel#agentLimit[state="warn"] {{ color: {p.warning}; font-weight: bold; }}
QLabel#collectorProgress {{ font-weight: bold; }}
QLabel#officeTitle {{ font-size: {t.title}pt; font-weight: bold; }}
QLabel#depositTitle {{ font-size: {t.heading}pt; font-weight: bold; }}

QWidget#customerDisplay {{ background: {p.surface}; }}
QLabel#displayCustomer {{ font-size: {t.title + 2}pt; }}
QLabel#displayAmount {{ font-size: {t.change - 4}pt; font-weight: bold; color: {p.primary}; }}
/* a strip beside the cashier's dialog on one screen: the amount steps down until it fits */
QLabel#displayAmount[fit="1"] {{ font-size: {t.change - 12}pt; }}
QLabel#displayAmount[fit="2"] {{ font-size: {t.change - 16}pt; }}
QLabel#displayAmount[fit="3"] {{ font-size: {t.change - 22}pt; }}
QLabel#displayChange {{ font-size: {t.change - 4}pt; font-weight: bold; color: {p.success}; }}
QLabel#displayNote {{ font-size: {t.title - 2}pt; color: {p.text_secondary}; }}

QLabel#banner {{ background: {p.danger_soft}; color: {p.danger}; font-weight: bold;
  padding: 6px {s}px; border: 1px solid {p.danger}; border-radius: {r}px; }}
QLabel#banner[kind="done"] {{ background: {p.success_soft}; color: {p.success};
  border-color: {p.success}; }}

QWidget#keyBar {{ background: {p.key_bar}; border-top: 1px solid {p.border}; }}
QLabel#keyCap {{ background: {p.keycap}; color: {p.text}; border: 1px solid {p.keycap_border};
  border-bottom: 3px solid {p.keycap_border}; border-radius: 4px; padding: 1px 6px;
  font-weight: bold; font-size: {t.caption}pt; }}
QLabel#keyWord {{ color: {p.text}; font-size: {t.caption}pt; padding-right: {s}px; }}
QLabel#keyHints {{ color: {p.text_secondary}; font-size: {t.caption}pt; }}

QLabel#stateBadge {{ border-radius: {r + 2}px; padding: 1px {s}px; font-weight: bold;
  font-size: {t.caption}pt; }}
{badges}

QWidget#signInScreen {{ background: {p.background}; }}
QFrame#signInCard {{ background: {p.surface}; border: 1px solid {p.border};
  border-radius: {r * 2}px; }}
QLabel#signInUnit {{ font-size: {t.title}pt; font-weight: bold; color: {p.text}; }}
QLabel#signInCounter {{ font-size: {t.heading}pt; color: {p.text_secondary}; }}
QDialog#signInDialog QLineEdit {{ font-size: {t.heading}pt; padding: 6px {s}px; }}
QDialog#signInDialog QPushButton {{ font-size: {t.heading}pt; min-height: 2em; }}
QPushButton#signInButton {{ font-weight: bold; padding: 6px 24px; }}
QDialog#signInDialog QLabel {{ font-size: {t.heading}pt; }}
QDialog#signInDialog QLabel#signInUnit {{ font-size: {t.title + 4}pt; }}
QLabel#lockedPage {{ font-size: {t.title}pt; color: {p.text_secondary}; }}
"""


#: the device's large-text choice, read where the application starts (ui/main.py)
ENV_LARGE_TEXT = "QUAYTHU_LARGE_TEXT"


def qpalette(*, high_contrast: bool = False) -> QPalette:
    """The application's QPalette from the theme's tokens (``palette_colours``)."""
    from PySide6.QtGui import QColor, QPalette

    palette = QPalette()
    for (group, role), colour in palette_colours(
            HIGH_CONTRAST if high_contrast else LIGHT).items():
        palette.setColor(getattr(QPalette.ColorGroup, group), getattr(QPalette.ColorRole, role),
                         QColor(colour))
    return palette


def apply_to(qapp: QApplication, *, large_text: bool = False,
             high_contrast: bool = False) -> None:
    """The look on the whole application: its palette, its font and its style sheet, from
    the same tokens. The one place in ``ui/`` that sets a style sheet
    (tests/unit/test_no_local_styles.py)."""
    from PySide6.QtGui import QFont
    from PySide6.QtWidgets import QToolTip

    palette = qpalette(high_contrast=high_contrast)
    qapp.setPalette(palette)
    QToolTip.setPalette(palette)  # a tooltip keeps a palette of its own
    # the application's font is the body's, large text included: what the sheet gives no
    # size (a tooltip, a platform style's own drawing, a font taken from the application)
    # grows with the setting too, not only the sheet's sizes
    font = QFont(qapp.font())
    font.setPointSizeF(TypeScale().scaled(LARGE_TEXT if large_text else 1.0).body)
    qapp.setFont(font)
    QToolTip.setFont(font)
    qapp.setStyleSheet(stylesheet(large_text=large_text, high_contrast=high_contrast))
