"""The theme's every text/background pair is readable (WCAG 2.2 AA, 4.5:1), in both
variants, and every state says its word (never colour alone)."""

from __future__ import annotations

import re

import pytest

from ui import theme


@pytest.mark.parametrize("palette", [theme.LIGHT, theme.HIGH_CONTRAST],
                         ids=["light", "high-contrast"])
def test_every_text_pair_reaches_aa(palette: theme.Palette) -> None:
    pairs = list(theme.text_pairs(palette))
    assert len(pairs) > 20
    poor = [(name, fg, bg, round(theme.contrast(fg, bg), 2)) for name, fg, bg in pairs
            if theme.contrast(fg, bg) < 4.5]
    assert poor == []


def test_high_contrast_has_no_grey_under_seven() -> None:
    p = theme.HIGH_CONTRAST
    for name in ("text", "text_secondary"):
        assert theme.contrast(getattr(p, name), p.background) >= 7, name


def test_contrast_formula_matches_wcag_reference_values() -> None:
    assert theme.contrast("#000000", "#FFFFFF") == pytest.approx(21)
    assert theme.contrast("#777777", "#FFFFFF") == pytest.approx(4.48, abs=0.01)
    # SCREENS.md's figures for its starting tokens
    assert theme.contrast("#1B1D21", "#FFFFFF") == pytest.approx(16.6, abs=0.3)
    assert theme.contrast("#4B5159", "#FFFFFF") == pytest.approx(8.1, abs=0.3)


def test_every_colour_the_sheet_uses_is_a_checked_token() -> None:
    """A colour written into the style sheet but not among the checked pairs' colours
    would be a pair nobody computed."""
    for palette, sheet in ((theme.LIGHT, theme.stylesheet()),
                           (theme.HIGH_CONTRAST, theme.stylesheet(high_contrast=True))):
        known = {c.upper() for c in vars(palette).values()}
        used = {c.upper() for c in re.findall(r"#[0-9A-Fa-f]{6}\b", sheet)}
        assert used <= known, used - known


def test_states_are_never_colour_alone() -> None:
    for state in theme.states().values():
        assert state.word.strip(), state.key
        assert state.word.upper() == state.word  # a badge's word, as SCREENS.md draws it
    words = [s.word for s in theme.states().values()]
    assert len(set(words)) == len(words)  # two states never share a word
    for needed in ("overdue", "cut", "paid", "offline", "disconnected", "locked"):
        assert needed in theme.states()


def test_type_scale_has_the_hero_sizes_and_large_text_scales_it() -> None:
    t = theme.TypeScale()
    assert t.amount >= 28 and t.change >= 40
    big = t.scaled(theme.LARGE_TEXT)
    assert big.body == pytest.approx(t.body * 1.25, abs=0.1)
    assert f"font-size: {big.amount}pt" in theme.stylesheet(large_text=True)
    sheet = theme.stylesheet()
    amount = re.search(r"QLabel#amountDue \{ font-size: ([\d.]+)pt", sheet)
    change = re.search(r"QLabel#change, QLabel#changeAmount \{ font-size: ([\d.]+)pt", sheet)
    assert amount and float(amount.group(1)) >= 28
    assert change and float(change.group(1)) >= 40
    assert re.search(r'\*\[role="error"\] \{ color: #B42318', sheet)


def test_no_font_changes_through_a_pseudo_state() -> None:
    """Qt sizes a widget without the font a pseudo-state (``:default``, ``:selected``)
    gives it: the sign-in button showed "ng nhập (Ent" with a bold ``:default``."""
    sheet = theme.stylesheet()
    for rule in re.findall(r"([^{}]+)\{([^{}]*)\}", sheet):
        selectors, body = rule
        if re.search(r":(default|selected|focus|hover|checked)\b", selectors) and \
                re.search(r"font-(size|weight)", body):
            raise AssertionError(selectors.strip())
