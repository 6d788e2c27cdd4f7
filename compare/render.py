"""Comparison → what the review page shows: rows, badges with evidence, highlighted words.

Pure functions returning data and HTML strings, so that the Streamlit page only lays them out
and the escaping can be tested without a browser. Every piece of user text goes through
html.escape here (`mark_text` is the one place cell text becomes HTML); the markup around it
is ours.

Flags are shown in reading order — original → translation (compare.analyze.story reads every
link that way) — so a flag's source_term is looked for in the original's cell and its
target_term in the translation's cell, whatever the order of the alignment pair.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass, field, replace
from typing import Iterable, Mapping, Sequence

from compare.analyze.summary import DIVERGENCE_SIGNATURE, divergence
from compare.align.threeway import moved_in_row, row_kind
from compare.model import LANG_NAMES, Comparison, Flag, LinkAnalysis, Row, Story, Translation

Pair = tuple[str, str]

# Badge per flag kind: symbol, label. Order = order shown in a row.
BADGES: dict[str, tuple[str, str]] = {
    "sharpened": ("▲", "sharpened"),
    "softened": ("▼", "softened"),
    "mixed": ("◆", "mixed"),
    "omission": ("∅", "omission"),
    "addition": ("+", "addition"),
    "number": ("#", "number"),
    "date": ("◷", "date"),
    "name": ("Aa", "name"),
    "quote": ("❝", "quote"),
    "untranslated": ("⚠", "untranslated"),
    "length": ("↔", "length"),
    "merge": ("⋈", "merged sentences"),
    "split": ("⋔", "split sentence"),
}
SEVERITY_ORDER = ("low", "medium", "high")
# Flags whose terms are whole sentences or sentence ids: the gap label or the ids say it already.
NOT_HIGHLIGHTED = frozenset({"omission", "addition", "merge", "split", "length"})
LOW_LINK_CONFIDENCE = 0.5  # a row whose weakest link is under this is marked "aligner unsure"
SCORE_SHOWN = "chrF++"  # the score with the colour scale; BLEU and TER go in its tooltip


def badge_label(kind: str) -> str:
    symbol, label = BADGES.get(kind, ("•", kind))
    return f"{symbol} {label}"


@dataclass(frozen=True)
class MTLine:
    """A machine rendering shown under a cell: MT(from_lang → the cell's language)."""

    from_lang: str
    text: str
    changed: tuple[tuple[int, int], ...] = ()  # spans of MT words the published text lacks


@dataclass(frozen=True)
class RowView:
    """One row of the aligned view with everything the page needs to show and filter it."""

    number: int
    row: Row
    texts: dict[str, str]  # lang → the row's sentences of that version, joined by a space
    ids: dict[str, tuple[int, ...]]
    flags: tuple[tuple[Pair, Flag], ...]  # ((original, translation), flag), reading order
    confidence: float  # lowest link confidence in the row
    divergence: float = 0.0  # highest divergence of the row's links (analyze.summary)
    scores: dict[str, float] = field(default_factory=dict)  # e.g. "chrF++ MT ru→en" → 41.2
    mt: dict[str, tuple[MTLine, ...]] = field(default_factory=dict)  # cell lang → renderings
    mt_changed: dict[str, tuple[tuple[int, int], ...]] = field(default_factory=dict)
    # cell lang → spans of published words its MT reference lacks (the word diff)
    mt_reference: dict[str, str] = field(default_factory=dict)  # cell lang → MT from which lang
    confirmed: bool = False  # the user confirmed (or made) a link of this row
    kind: str = ""  # "meta" (page furniture), "title" (headlines) or the row's shape ("1-1-1")
    sorts: tuple[str, ...] = ()  # for a meta row: what furniture it is (timestamp, credit …)
    # for a "moved" row: lang -> its segments there, which stand elsewhere in that version's order
    moved: Mapping[str, tuple[int, ...]] = field(default_factory=dict)

    @property
    def kinds(self) -> set[str]:
        return {flag.kind for _, flag in self.flags}


# ---------------------------------------------------------------- building the views

def reading_pair(story: Story, pair: Pair) -> Pair:
    """(original, translation) of an alignment pair, as the analysis reads it."""
    from compare.analyze.story import reading_order

    return reading_order(story, *pair)


def original_lang(story: Story) -> str:
    """The story's original; when story.toml does not say, Russian (the agency's desk), else
    the first non-English version."""
    if story.meta.original in story.langs:
        return story.meta.original
    others = [lang for lang in story.langs if lang != "en"]
    return "ru" if "ru" in others else (others[0] if others else story.langs[0])


def row_views(comparison: Comparison) -> list[RowView]:
    story = comparison.story
    original = original_lang(story)
    readings = {pair: reading_pair(story, pair) for pair in comparison.alignments}
    views = []
    for number, row in enumerate(comparison.rows):
        texts = {lang: " ".join(story.documents[lang].segments[i].text
                                for i in row.segments.get(lang, ()))
                 for lang in story.langs}
        flags: list[tuple[Pair, Flag]] = []
        confidences: list[float] = []
        divergences: list[float] = [0.0]
        scores: dict[str, float] = {}
        confirmed = False
        for pair, link_indices in row.links.items():
            alignment = comparison.alignments.get(pair)
            analyses = comparison.analyses.get(pair, ())
            for index in link_indices:
                if alignment is None or index >= len(alignment.links):
                    continue
                link = alignment.links[index]
                confidences.append(link.confidence)
                confirmed |= link.status == "confirmed"
                analysis = analyses[index] if index < len(analyses) else LinkAnalysis("none")
                divergences.append(divergence(link, analysis))
                flags += [(readings[pair], flag) for flag in analysis.flags]
                scores.update(analysis.scores)
        mt, changed, reference = _machine_renderings(comparison, row, texts, original)
        kind = row_kind(row, story.documents, comparison.alignments)
        sorts = tuple(dict.fromkeys(
            story.documents[lang].segments[i].sort or story.documents[lang].segments[i].kind
            for lang, ids in row.segments.items() for i in ids)) if kind == "meta" else ()
        views.append(RowView(
            number=number, row=row, texts=texts,
            ids={lang: tuple(row.segments.get(lang, ())) for lang in story.langs},
            flags=tuple(_unique(flags)), confidence=min(confidences) if confidences else 1.0,
            divergence=max(divergences), scores=scores, mt=mt, mt_changed=changed,
            mt_reference=reference, confirmed=confirmed, kind=kind, sorts=sorts,
            moved=moved_in_row(row, comparison.alignments) if kind == "moved" else {}))
    return views


def _unique(flags: Iterable[tuple[Pair, Flag]]) -> list[tuple[Pair, Flag]]:
    seen, unique = set(), []
    for pair, flag in flags:
        key = (pair, flag.kind, flag.category, flag.source_term, flag.target_term)
        if key not in seen:
            seen.add(key)
            unique.append((pair, flag))
    return unique


def _row_mt(items: Sequence[Translation] | None, ids: Sequence[int]) -> str | None:
    if not items or not ids or any(i >= len(items) or items[i].failed for i in ids):
        return None
    return " ".join(items[i].text for i in ids)


def _machine_renderings(comparison: Comparison, row: Row, texts: Mapping[str, str], original: str):
    """Under each cell, the other versions machine-translated into the cell's language. The
    word diff is drawn for the English only (what the tool checks): its words that MT(original
    → English) does not have, and that rendering's words the English lacks — compare.analyze.diff,
    content words only. (Diffs between the Russian and Belarusian and their MT mostly show the
    MT engine's own wording, so they are left out.)"""
    if not comparison.translations:
        return {}, {}, {}
    from compare.analyze.diff import word_diff
    from compare.analyze.words import is_function_word

    mt: dict[str, tuple[MTLine, ...]] = {}
    changed: dict[str, tuple[tuple[int, int], ...]] = {}
    reference: dict[str, str] = {}
    for lang in texts:
        sources = [other for other in texts if other != lang and texts[other]]
        lines = []
        for other in sources:
            rendered = _row_mt(comparison.translations.get((other, lang)), row.segments.get(other, ()))
            if rendered is None:
                continue
            spans: tuple[tuple[int, int], ...] = ()
            if lang == "en" and other == original and texts[lang]:
                tokens = word_diff(texts[lang], rendered, lang)
                differs = [t for t in tokens if t.op in ("delete", "insert", "replace")
                           and not is_function_word(t.text, lang)]
                changed[lang] = tuple((t.start, t.end) for t in differs if t.side == "a")
                spans = tuple((t.start, t.end) for t in differs if t.side == "b")
                reference[lang] = other
            lines.append(MTLine(other, rendered, spans))
        if lines:
            mt[lang] = tuple(lines)
    return mt, changed, reference


# ---------------------------------------------------------------- finding the problems

def severity_rank(flag: Flag) -> int:
    return SEVERITY_ORDER.index(flag.severity) if flag.severity in SEVERITY_ORDER else 1


def filter_rows(views: Sequence[RowView], *, only_flagged: bool = False,
                kinds: Iterable[str] | None = None, min_severity: str = "low",
                sort_by_divergence: bool = False) -> list[RowView]:
    """The rows to show. Kinds and severity filter the flags each row shows; with only_flagged,
    rows left with no flag are hidden. Sorting keeps reading order among equal divergences."""
    threshold = SEVERITY_ORDER.index(min_severity) if min_severity in SEVERITY_ORDER else 0
    wanted = set(kinds) if kinds else None
    chosen = []
    for view in views:
        visible = tuple((pair, flag) for pair, flag in view.flags
                        if severity_rank(flag) >= threshold and (wanted is None or flag.kind in wanted))
        if only_flagged and not visible:
            continue
        chosen.append(view if visible == view.flags else replace(view, flags=visible))
    if sort_by_divergence:
        chosen.sort(key=lambda view: (-view.divergence, view.number))
    return chosen


def flag_counts(views: Iterable[RowView]) -> dict[str, int]:
    """flag kind → number of flags, in badge order."""
    counts: dict[str, int] = {}
    for view in views:
        for _, flag in view.flags:
            counts[flag.kind] = counts.get(flag.kind, 0) + 1
    order = list(BADGES)
    return dict(sorted(counts.items(), key=lambda kv: (order.index(kv[0]) if kv[0] in order else 99, kv[0])))


def most_divergent(views: Sequence[RowView], limit: int = 8) -> list[RowView]:
    flagged = [view for view in views if view.flags or view.confidence < LOW_LINK_CONFIDENCE]
    return sorted(flagged, key=lambda view: (-view.divergence, view.number))[:limit]


def summary_html(views: Sequence[RowView], shown_numbers: Iterable[int], limit: int = 8) -> str:
    """The most divergent rows as links to their place in the table (#row-N)."""
    shown = set(shown_numbers)
    items = []
    for view in most_divergent(views, limit):
        kinds = sorted(view.kinds, key=lambda k: list(BADGES).index(k) if k in BADGES else 99)
        tags = "".join(f'<span class="tag kind-{html.escape(kind)}">{html.escape(badge_label(kind))}</span>'
                       for kind in kinds) or '<span class="tag">aligner unsure</span>'
        snippet = next((text for lang, text in view.texts.items() if lang == "en" and text), "") or \
            next((text for text in view.texts.values() if text), "")
        if len(snippet) > 90:
            snippet = snippet[:88].rstrip() + "…"
        hidden = "" if view.number in shown else ' <span class="hidden">(hidden by the filters)</span>'
        items.append(f'<li><a href="#row-{view.number}" title="divergence {view.divergence:.2f} '
                     f'({html.escape(DIVERGENCE_SIGNATURE)})">Row {view.number}</a> {tags} '

                     f'<span class="snippet">{html.escape(snippet)}</span>{hidden}</li>')
    if not items:
        return '<div class="summary">No flags: the versions agree as far as the checks can tell.</div>'
    return f'<ol class="summary">{"".join(items)}</ol>'


# ---------------------------------------------------------------- cells

def gap_label(lang: str, view: RowView, original: str = "") -> str:
    """What an empty cell means: the English lacks it, or the English added it."""
    if lang == "en":
        return "not in the English"
    present = [other for other, text in view.texts.items() if text]
    if present == ["en"]:
        return "added in the English"
    return f"not in the {LANG_NAMES.get(lang, lang)}"


def term_spans(text: str, terms: Iterable[str]) -> list[tuple[int, int]]:
    """Where the terms occur in the text (case-insensitive, longest first)."""
    terms = sorted({t.strip() for t in terms if t and t.strip()}, key=len, reverse=True)
    if not terms or not text:
        return []
    pattern = re.compile("|".join(re.escape(t) for t in terms), re.IGNORECASE)
    return [(m.start(), m.end()) for m in pattern.finditer(text)]


def mark_text(text: str, marks: Mapping[str, Iterable[tuple[int, int]]]) -> str:
    """Escape `text`, wrapping the spans of each css class in <mark class="…">.

    Spans may overlap (a flag term that MT also renders differently): a character carries every
    class whose spans cover it."""
    classes: list[set[str]] = [set() for _ in text]
    for css, spans in marks.items():
        for start, end in spans:
            for i in range(max(0, start), min(len(text), end)):
                classes[i].add(css)
    out, i = [], 0
    while i < len(text):
        j = i
        while j < len(text) and classes[j] == classes[i]:
            j += 1
        piece = html.escape(text[i:j])
        if classes[i]:
            names = " ".join(sorted(classes[i]))
            out.append(f'<mark class="{names}">{piece}</mark>')
        else:
            out.append(piece)
        i = j
    return "".join(out)


def highlight(text: str, terms: Iterable[str], css: str = "hl") -> str:
    """Escape text, marking every occurrence of the terms (case-insensitive)."""
    return mark_text(text, {css: term_spans(text, terms)})


def cell_terms(view: RowView, lang: str) -> list[str]:
    """The words the row's flags point at in this language's cell."""
    terms = []
    for (orig, trans), flag in view.flags:
        if flag.kind in NOT_HIGHLIGHTED:
            continue
        if orig == lang:
            terms.append(flag.source_term)
        if trans == lang:
            terms.append(flag.target_term)
    return terms


def _span_text(ids: Sequence[int]) -> str:
    ids = sorted(ids)
    return f"sentence {ids[0]}" if len(ids) == 1 else f"sentences {ids[0]}–{ids[-1]}"


def cell_html(view: RowView, lang: str, original: str, *, show_mt: bool = False) -> str:
    text = view.texts.get(lang, "")
    if text:
        ids = ",".join(str(i) for i in view.ids.get(lang, ()))
        marks = {"hl": term_spans(text, cell_terms(view, lang))}
        if lang in view.mt_changed:
            marks["mtdiff"] = view.mt_changed[lang]
        cell = f'<span class="ids">{html.escape(lang)}:{ids}</span> {mark_text(text, marks)}'
    elif view.kind in ("meta", "title"):
        cell = '<span class="gap structure">—</span>'  # furniture or a headline one page lacks
    else:
        cell = f'<span class="gap">— {html.escape(gap_label(lang, view, original))} —</span>'
    if show_mt:
        for line in view.mt.get(lang, ()):
            source = LANG_NAMES.get(line.from_lang, line.from_lang)
            cell += (f'<div class="mt"><span class="mtname">MT of the {html.escape(source)}:</span> '
                     f"{mark_text(line.text, {'mtdiff': line.changed})}</div>")
    return cell


# ---------------------------------------------------------------- badges and evidence

def flag_evidence(pair: Pair, flag: Flag) -> str:
    """One line of evidence, escaped: what was found, where, and the rule that raised it."""
    levels = ""
    if flag.source_level is not None or flag.target_level is not None:
        levels = f" (level {_level(flag.source_level)} → {_level(flag.target_level)})"
    terms = (f"«{flag.source_term or '—'}» → «{flag.target_term or '—'}»"
             if flag.source_term or flag.target_term else "")
    rule = f" [rule: {flag.rule}]" if flag.rule else ""
    return html.escape(f"{pair[0]}→{pair[1]} · {flag.category}: {terms}{levels} — "
                       f"{flag.explanation} · severity {flag.severity}{rule}")


def _level(value: float | None) -> str:
    return "–" if value is None else f"{value:g}"


def badges_html(view: RowView) -> str:
    by_kind: dict[str, list[tuple[Pair, Flag]]] = {}
    for pair, flag in view.flags:
        by_kind.setdefault(flag.kind, []).append((pair, flag))
    parts = []
    for kind in sorted(by_kind, key=lambda k: list(BADGES).index(k) if k in BADGES else 99):
        worst = SEVERITY_ORDER[max(severity_rank(f) for _, f in by_kind[kind])]
        evidence = "".join(f"<li>{flag_evidence(pair, flag)}</li>" for pair, flag in by_kind[kind])
        count = f" ×{len(by_kind[kind])}" if len(by_kind[kind]) > 1 else ""
        parts.append(
            f'<details class="badge sev-{worst} kind-{html.escape(kind)}">'
            f'<summary title="{worst} severity — click for the evidence">'
            f"{html.escape(badge_label(kind))}{count}</summary><ul>{evidence}</ul></details>")
    return "".join(parts)


def score_colour(value: float) -> str:
    """Red (0) → amber → green (100) for chrF-like scores."""
    value = max(0.0, min(100.0, value))
    return f"hsl({int(value * 1.2)}, 70%, 86%)"  # hue 0 = red, 120 = green


def scores_html(view: RowView) -> str:
    """chrF++ of each MT direction against the published text, coloured; BLEU/TER in the title."""
    parts = []
    for name, value in sorted(view.scores.items()):
        if not name.startswith(SCORE_SHOWN):
            continue
        direction = name[len(SCORE_SHOWN):].strip()  # "MT ru→en"
        others = ", ".join(f"{other.split(' MT')[0]} {v:.1f}" for other, v in sorted(view.scores.items())
                           if other.endswith(direction) and other != name)
        parts.append(f'<div class="score" style="background:{score_colour(value)}" '
                     f'title="{html.escape(others)}">{html.escape(direction)} · {SCORE_SHOWN} '
                     f"{value:.0f}</div>")
    return "".join(parts)


def rows_table_html(views: Sequence[RowView], langs: Sequence[str], original: str = "ru", *,
                    show_mt: bool = False) -> str:
    """The aligned view as one HTML table (escaped). Each row has the anchor id row-N."""
    head = "".join(f"<th>{html.escape(LANG_NAMES.get(lang, lang))}"
                   f"{' (original)' if lang == original else ''}</th>" for lang in langs)
    body = []
    for view in views:
        cells = "".join(f'<td lang="{html.escape(lang)}">{cell_html(view, lang, original, show_mt=show_mt)}</td>'
                        for lang in langs)
        notes = ""
        if view.kind == "meta":
            notes += (f'<div class="structure" title="page furniture: kept in the story, not aligned, '
                      f'scored or flagged">page furniture: {html.escape(", ".join(s.replace("_", " ") for s in view.sorts))}</div>')
        elif view.kind == "title":
            notes += '<div class="structure" title="headlines are compared only when they translate each other">headline</div>'
        elif view.kind == "moved":
            where = "; ".join(f"in the {LANG_NAMES.get(lang, lang)} this stands at {_span_text(ids)}"
                              for lang, ids in view.moved.items())
            notes += (f'<div class="structure" title="a passage the desk moved: linked where it '
                      f'stands, not an omission plus an addition">moved: {html.escape(where)}</div>')
        if view.confirmed:
            notes += '<div class="confirmed" title="a link you confirmed or corrected">✔ confirmed</div>'
        if view.confidence < LOW_LINK_CONFIDENCE:
            notes += (f'<div class="conf low" title="the lowest confidence among this row\'s links; '
                      f'check the pairing; confirm or correct it in the sidebar">aligner unsure '
                      f"({view.confidence:.2f})</div>")
        row_class = f' class="{view.kind}"' if view.kind in ("meta", "title") else ""
        body.append(f'<tr id="row-{view.number}"{row_class}><td class="num">{view.number}</td>{cells}'
                    f'<td class="flags">{badges_html(view)}{notes}{scores_html(view)}</td></tr>')
    if not body:
        body.append(f'<tr><td colspan="{len(langs) + 2}" class="empty">No row matches the filters.</td></tr>')
    return (f'<table class="aligned"><thead><tr><th>Row</th>{head}<th>Flags (click for evidence)</th>'
            f"</tr></thead><tbody>{''.join(body)}</tbody></table>")


LEGEND_HTML = (
    '<div class="legend">'
    '<mark class="hl">word</mark> a flag points here · '
    '<mark class="mtdiff">word</mark> the English and MT of the original differ here (when MT ran) · '
    '<span class="gap">— not in the English —</span> a sentence one version lacks · '
    "▲ the translation is sharper than the original · ▼ softer · "
    "each row holds the sentences the aligner paired across the versions</div>")


PAGE_CSS = """<style>
table.aligned{border-collapse:collapse;width:100%;font-size:0.92rem}
table.aligned th{background:#f0f2f6;text-align:left;padding:6px;position:sticky;top:0;z-index:1}
table.aligned td{border-top:1px solid #e3e5ea;padding:6px;vertical-align:top}
table.aligned tr{scroll-margin-top:7rem}  /* a jump lands below the page and table headers */
table.aligned tr:target td{background:#fff6d6}
table.aligned td.num{color:#888;width:3em}
table.aligned td.flags{width:16em}
table.aligned td.empty{color:#888;font-style:italic}
table.aligned tr.meta td{color:#5f6368;font-size:0.8rem;background:#fafafa}
table.aligned tr.title td{font-weight:600}
.structure{color:#5f6368;font-size:0.75rem;font-style:italic}
.ids{color:#999;font-size:0.72rem;margin-right:4px}
.gap{color:#b5403a;font-style:italic}
mark.hl{background:#ffe58a;padding:0 2px;border-radius:2px}
mark.mtdiff{background:none;text-decoration:underline dotted #7a5af5 2px;text-underline-offset:3px}
mark.hl.mtdiff{background:#ffe58a}
.mt{color:#555;font-size:0.85rem;border-left:3px solid #c9d3e6;padding-left:6px;margin-top:4px}
.mtname{color:#888;font-size:0.75rem}
details.badge{display:block;margin-bottom:3px}
details.badge summary{cursor:pointer;display:inline-block;padding:1px 8px;border-radius:10px;
  font-weight:600;font-size:0.8rem;background:#eceef4}
details.badge.kind-sharpened summary{background:#fde0dc;color:#a3281c}
details.badge.kind-softened summary{background:#dceafd;color:#1c4fa3}
details.badge.sev-high summary{box-shadow:inset 0 0 0 1px #b5403a}
details.badge.sev-low summary{opacity:0.6}
details.badge ul{margin:4px 0 6px 0;padding-left:18px;font-size:0.8rem;color:#333}
.conf.low{color:#b5403a;font-size:0.75rem;font-weight:600}
.confirmed{color:#1b7f3b;font-size:0.78rem;font-weight:600}
.score{font-size:0.75rem;padding:0 5px;border-radius:3px;margin-top:2px;display:inline-block}
ol.summary{margin:0;padding-left:1.4em;font-size:0.88rem}
ol.summary li{margin-bottom:2px}
ol.summary .div{color:#888;font-size:0.75rem;margin:0 4px}
ol.summary .snippet{color:#555}
ol.summary .hidden{color:#999;font-size:0.75rem}
.tag{font-size:0.75rem;padding:0 6px;border-radius:8px;background:#eceef4;margin-right:3px}
.tag.kind-sharpened{background:#fde0dc;color:#a3281c}.tag.kind-softened{background:#dceafd;color:#1c4fa3}
.legend{font-size:0.8rem;color:#555;margin:2px 0 6px 0}
</style>"""


# ---------------------------------------------------------------- downloads

@dataclass(frozen=True)
class ExportChoice:
    label: str
    fmt: str  # compare.export format name
    suffix: str
    mime: str
    bilingual: bool = False  # holds one language pair


EXPORT_CHOICES: tuple[ExportChoice, ...] = (
    ExportChoice("TMX", "tmx", "tmx", "application/x-tmx+xml"),
    ExportChoice("XLSX", "xlsx", "xlsx",
                 "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ExportChoice("CSV", "csv", "csv", "text/csv"),
    ExportChoice("JSONL", "jsonl", "jsonl", "application/jsonl"),
    ExportChoice("XLIFF 2.0", "xliff", "xlf", "application/xliff+xml", bilingual=True),
    ExportChoice("InterText", "intertext", "zip", "application/zip", bilingual=True),
)


def export_name(comparison: Comparison, choice: ExportChoice, pair: Pair | None = None) -> str:
    stem = re.sub(r"[^\w.-]+", "-", comparison.story.id).strip("-") or "story"
    if choice.bilingual and pair:
        stem += f".{pair[0]}-{pair[1]}"
    return f"{stem}.{choice.suffix}"


def export_bytes(comparison: Comparison, choice: ExportChoice, pair: Pair | None = None) -> bytes:
    """The file a download button hands over: the whole story (TMX, sheets and JSONL hold every
    version), or one pair for the bilingual formats."""
    from compare.export import to_bytes

    return to_bytes(comparison, choice.fmt, pair=pair if choice.bilingual else None)
