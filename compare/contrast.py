"""WCAG 2 contrast of the colours our page CSS uses (compare.render.PAGE_CSS).

A small checker rather than a browser measurement, so a test can hold every text colour we
set to ≥ 4.5:1 (WCAG AA for body text) against every background it can sit on.
"""
from __future__ import annotations

import colorsys
import re

AA = 4.5
_RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
_HEX = re.compile(r"#([0-9a-fA-F]{6}|[0-9a-fA-F]{3})\b")
_HSL = re.compile(r"hsl\(\s*([\d.]+)\s*,\s*([\d.]+)%\s*,\s*([\d.]+)%\s*\)")


def parse_colour(value: str) -> tuple[float, float, float] | None:
    """#rgb, #rrggbb or hsl(h, s%, l%) → (r, g, b) in 0..1; None for anything else."""
    value = value.strip()
    match = _HEX.fullmatch(value) or _HEX.match(value)
    if match:
        digits = match.group(1)
        if len(digits) == 3:
            digits = "".join(ch * 2 for ch in digits)
        return tuple(int(digits[i:i + 2], 16) / 255 for i in (0, 2, 4))  # type: ignore[return-value]
    match = _HSL.match(value)
    if match:
        h, s, l = (float(g) for g in match.groups())
        return colorsys.hls_to_rgb(h / 360, l / 100, s / 100)
    return None


def luminance(rgb: tuple[float, float, float]) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def ratio(foreground: str, background: str) -> float:
    """WCAG contrast ratio of two CSS colours (1 … 21)."""
    fg, bg = parse_colour(foreground), parse_colour(background)
    if fg is None or bg is None:
        raise ValueError(f"not a colour this checker reads: {foreground!r} / {background!r}")
    light, dark = sorted((luminance(fg), luminance(bg)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def rules(css: str) -> list[tuple[str, dict[str, str]]]:
    """(selector, {property: value}) for each rule of a flat stylesheet (no @media)."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S).replace("<style>", "").replace("</style>", "")
    found = []
    for selector, body in _RULE.findall(css):
        props = {}
        for declaration in body.split(";"):
            if ":" in declaration:
                name, value = declaration.split(":", 1)
                props[name.strip()] = value.strip()
        found.append((" ".join(selector.split()), props))
    return found


def text_pairs(css: str, text: str, backgrounds: dict[str, str]) -> list[tuple[str, str, str, float]]:
    """Every (selector, text colour, background, ratio) the stylesheet can put on screen: a rule
    with its own background is read against it; a rule with a text colour only, against every
    background in `backgrounds` (name → colour: the page, a targeted row, a furniture row …);
    a rule with a background only, with the inherited text colour."""
    pairs = []
    for selector, props in rules(css):
        colour = props.get("color")
        background = props.get("background") or props.get("background-color")
        if background and parse_colour(background) is None:
            background = None  # "none": sits on whatever is behind it
        if colour is None and background is None:
            continue
        fg = colour or text
        if parse_colour(fg) is None:
            continue
        grounds = {"own": background} if background else backgrounds
        for name, bg in grounds.items():
            pairs.append((f"{selector} on {name}", fg, bg, round(ratio(fg, bg), 2)))
    return pairs
