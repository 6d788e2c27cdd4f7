"""Comparison → what the review page shows: rows, badges with evidence, highlighted words.

Pure functions returning data and HTML strings, so that the Streamlit page only lays them out
and the escaping can be tested without a browser. Every piece of user text goes through
html.escape here; the markup around it is ours.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from typing import Iterable, Sequence

from compare.model import LANG_NAMES, Comparison, Flag, Row

# Badge per flag kind: symbol, label, css class. Order = order shown in a row.
BADGES: dict[str, tuple[str, str]] = {
    "sharpened": ("▲", "sharpened"),
    "softened": ("▼", "softened"),
    "mixed": ("◆", "mixed"),
    "omission": ("∅", "omission"),
    "addition": ("+", "addition"),
    "number": ("#", "number"),
    "date": ("📅", "date"),
    "name": ("Aa", "name"),
    "quote": ("❝", "quote"),
    "untranslated": ("⚠", "untranslated"),
    "merge": ("⋈", "merge"),
    "split": ("⋔", "split"),
}
SEVERITY_WEIGHT = {"low": 0.25, "medium": 1.0, "high": 2.0}
SEVERITY_ORDER = ("low", "medium", "high")


@dataclass(frozen=True)
class RowView:
    """One row of the aligned view with everything the page needs to show and filter it."""

    number: int
    row: Row
    texts: dict[str, str]  # lang → the row's sentences of that version, joined
    ids: dict[str, tuple[int, ...]]
    flags: tuple[tuple[tuple[str, str], Flag], ...]  # ((src_lang, tgt_lang), flag)
    confidence: float  # lowest link confidence in the row
    scores: dict[str, float] = field(default_factory=dict)  # e.g. "ru→en chrF++"
    mt: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # lang → [(direction, text)]

    @property
    def kinds(self) -> set[str]:
        return {flag.kind for _, flag in self.flags}

    @property
    def divergence(self) -> float:
        """How much a reviewer should look here: flag weights, low confidence, low scores."""
        weight = sum(SEVERITY_WEIGHT.get(flag.severity, 1.0) for _, flag in self.flags)
        weight += 1.0 - self.confidence
        chrf = [value for name, value in self.scores.items() if "chrF" in name]
        if chrf:
            weight += (100.0 - min(chrf)) / 100.0
        return round(weight, 3)


def row_views(comparison: Comparison) -> list[RowView]:
    story = comparison.story
    views = []
    for number, row in enumerate(comparison.rows):
        texts = {lang: " ".join(story.documents[lang].segments[i].text for i in row.segments.get(lang, ()))
                 for lang in story.langs}
        flags: list[tuple[tuple[str, str], Flag]] = []
        confidences: list[float] = []
        scores: dict[str, float] = {}
        for pair, link_indices in row.links.items():
            alignment = comparison.alignments.get(pair)
            analyses = comparison.analyses.get(pair, ())
            for index in link_indices:
                if alignment is not None and index < len(alignment.links):
                    confidences.append(alignment.links[index].confidence)
                if index < len(analyses):
                    flags += [(pair, flag) for flag in analyses[index].flags]
                    for name, value in analyses[index].scores.items():
                        scores[f"{pair[0]}↔{pair[1]} {name}"] = value
        mt: dict[str, list[tuple[str, str]]] = {}
        for (src, tgt), items in comparison.translations.items():
            ids = row.segments.get(src, ())
            rendered = " ".join(items[i].text for i in ids if i < len(items) and not items[i].failed)
            if rendered:
                mt.setdefault(src, []).append((f"MT {src}→{tgt}", rendered))
        views.append(RowView(number=number, row=row, texts=texts,
                             ids={lang: tuple(row.segments.get(lang, ())) for lang in story.langs},
                             flags=tuple(_unique(flags)),
                             confidence=min(confidences) if confidences else 1.0,
                             scores=scores, mt=mt))
    return views


def _unique(flags: Iterable[tuple[tuple[str, str], Flag]]) -> list[tuple[tuple[str, str], Flag]]:
    seen, unique = set(), []
    for pair, flag in flags:
        key = (pair, flag.kind, flag.category, flag.source_term, flag.target_term)
        if key not in seen:
            seen.add(key)
            unique.append((pair, flag))
    return unique


def filter_rows(views: Sequence[RowView], *, only_flagged: bool = False,
                kinds: Iterable[str] | None = None, min_severity: str = "low",
                sort_by_divergence: bool = False) -> list[RowView]:
    threshold = SEVERITY_ORDER.index(min_severity) if min_severity in SEVERITY_ORDER else 0
    wanted = set(kinds) if kinds else None

    def visible_flags(view: RowView):
        return [flag for _, flag in view.flags
                if SEVERITY_ORDER.index(flag.severity if flag.severity in SEVERITY_ORDER else "medium")
                >= threshold and (wanted is None or flag.kind in wanted)]

    chosen = [view for view in views if not only_flagged or visible_flags(view)]
    if sort_by_divergence:
        chosen.sort(key=lambda view: -view.divergence)
    return chosen


def gap_label(lang: str, view: RowView, original: str) -> str:
    """What an empty cell means: the English lacks it, or the English added it."""
    if lang == "en":
        return "not in the English"
    present = [other for other, text in view.texts.items() if text]
    if present == ["en"]:
        return "added in the English"
    return f"not in the {LANG_NAMES.get(lang, lang)}"


def highlight(text: str, terms: Iterable[str], css: str = "hl") -> str:
    """Escape text, marking every occurrence of the terms (case-insensitive)."""
    terms = sorted({t for t in terms if t and t.strip()}, key=len, reverse=True)
    if not terms:
        return html.escape(text)
    pattern = re.compile("|".join(re.escape(t) for t in terms), re.IGNORECASE)
    out, last = [], 0
    for match in pattern.finditer(text):
        out.append(html.escape(text[last:match.start()]))
        out.append(f'<mark class="{css}">{html.escape(match.group(0))}</mark>')
        last = match.end()
    out.append(html.escape(text[last:]))
    return "".join(out)


def flag_evidence(pair: tuple[str, str], flag: Flag) -> str:
    """One line of evidence, escaped: what was found, where, and the rule that raised it."""
    levels = ""
    if flag.source_level is not None or flag.target_level is not None:
        levels = f" (level {_level(flag.source_level)} → {_level(flag.target_level)})"
    terms = f"«{flag.source_term}» → «{flag.target_term}»" if flag.source_term or flag.target_term else ""
    rule = f" [rule: {flag.rule}]" if flag.rule else ""
    return html.escape(f"{pair[0]}→{pair[1]} · {flag.category}: {terms}{levels} — "
                       f"{flag.explanation} · severity {flag.severity}{rule}")


def _level(value: float | None) -> str:
    return "–" if value is None else f"{value:g}"


def badges_html(view: RowView) -> str:
    by_kind: dict[str, list[tuple[tuple[str, str], Flag]]] = {}
    for pair, flag in view.flags:
        by_kind.setdefault(flag.kind, []).append((pair, flag))
    parts = []
    for kind in sorted(by_kind, key=lambda k: list(BADGES).index(k) if k in BADGES else 99):
        symbol, label = BADGES.get(kind, ("•", kind))
        worst = max((SEVERITY_ORDER.index(f.severity) if f.severity in SEVERITY_ORDER else 1)
                    for _, f in by_kind[kind])
        evidence = "".join(f"<li>{flag_evidence(pair, flag)}</li>" for pair, flag in by_kind[kind])
        parts.append(
            f'<details class="badge sev-{SEVERITY_ORDER[worst]} kind-{html.escape(kind)}">'
            f'<summary title="click for the evidence">{symbol} {html.escape(label)}'
            f' ×{len(by_kind[kind])}</summary><ul>{evidence}</ul></details>')
    return "".join(parts)


def _score_colour(value: float) -> str:
    """Red (0) → amber → green (100) for chrF-like scores."""
    value = max(0.0, min(100.0, value))
    hue = int(value * 1.2)  # 0 = red, 120 = green
    return f"hsl({hue}, 70%, 88%)"


def rows_table_html(views: Sequence[RowView], langs: Sequence[str], original: str = "ru", *,
                    show_mt: bool = False) -> str:
    """The aligned view as one HTML table (escaped)."""
    head = "".join(f"<th>{html.escape(LANG_NAMES[lang])}</th>" for lang in langs)
    body = []
    for view in views:
        cells = []
        for lang in langs:
            text = view.texts.get(lang, "")
            terms = [f.source_term for pair, f in view.flags if pair[0] == lang]
            terms += [f.target_term for pair, f in view.flags if pair[1] == lang]
            if text:
                ids = ",".join(str(i) for i in view.ids.get(lang, ()))
                cell = f'<span class="ids">{lang}:{ids}</span> {highlight(text, terms)}'
            else:
                cell = f'<span class="gap">— {html.escape(gap_label(lang, view, original))} —</span>'
            if show_mt:
                for name, rendered in view.mt.get(lang, []):
                    cell += (f'<div class="mt"><span class="mtname">{html.escape(name)}</span> '
                             f"{html.escape(rendered)}</div>")
            cells.append(f"<td>{cell}</td>")
        score_cell = ""
        if view.scores:
            score_cell = "".join(
                f'<div class="score" style="background:{_score_colour(value)}">'
                f"{html.escape(name)} {value:.1f}</div>" for name, value in sorted(view.scores.items())
                if "chrF" in name)
        confidence = (f'<div class="conf{" low" if view.confidence < 0.5 else ""}">'
                      f"confidence {view.confidence:.2f}</div>")
        body.append(f'<tr id="row-{view.number}"><td class="num">{view.number}</td>{"".join(cells)}'
                    f'<td class="flags">{badges_html(view)}{confidence}{score_cell}</td></tr>')
    return (f'<table class="aligned"><thead><tr><th>#</th>{head}<th>flags · evidence</th></tr></thead>'
            f"<tbody>{''.join(body)}</tbody></table>")


PAGE_CSS = """<style>
table.aligned{border-collapse:collapse;width:100%;font-size:0.92rem}
table.aligned th{background:#f0f2f6;text-align:left;padding:6px;position:sticky;top:0}
table.aligned td{border-top:1px solid #e3e5ea;padding:6px;vertical-align:top}
table.aligned td.num{color:#888;width:2.5em}
table.aligned td.flags{width:17em}
.ids{color:#999;font-size:0.75rem;margin-right:4px}
.gap{color:#b5403a;font-style:italic}
mark.hl{background:#ffe58a;padding:0 2px;border-radius:2px}
.mt{color:#555;font-size:0.85rem;border-left:3px solid #c9d3e6;padding-left:6px;margin-top:4px}
.mtname{color:#888;font-size:0.75rem}
details.badge{display:block;margin-bottom:3px}
details.badge summary{cursor:pointer;display:inline-block;padding:1px 7px;border-radius:10px;
  font-weight:600;font-size:0.8rem;background:#eef}
details.badge.kind-sharpened summary{background:#fde0dc;color:#a3281c}
details.badge.kind-softened summary{background:#dceafd;color:#1c4fa3}
details.badge.sev-low summary{opacity:0.65}
details.badge ul{margin:4px 0 6px 0;padding-left:18px;font-size:0.8rem;color:#333}
.conf{color:#888;font-size:0.75rem}.conf.low{color:#b5403a;font-weight:600}
.score{font-size:0.75rem;padding:0 4px;border-radius:3px;margin-top:2px;display:inline-block}
</style>"""
