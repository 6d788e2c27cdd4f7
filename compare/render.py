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
from typing import Callable, Iterable, Mapping, Sequence

from compare.align.threeway import moved_in_row, row_kind, summaries_in_row
from compare.analyze.summary import DIVERGENCE_SIGNATURE, divergence, fact_changed, rank_key
from compare.model import LANG_NAMES, Comparison, Flag, InputError, LinkAnalysis, Row, Story, Translation

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
    # flags the user marked or muted: ((original, translation), flag, mark, note), shown greyed,
    # never counted (compare.render_triage)
    set_aside: tuple = ()
    # for a "summary" row: each summary link as lang -> its ids (the sentence and its sources)
    summaries: tuple[Mapping[str, tuple[int, ...]], ...] = ()

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
            moved=moved_in_row(row, comparison.alignments) if kind == "moved" else {},
            summaries=tuple(summaries_in_row(row, comparison.alignments)) if kind == "summary" else ()))
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
        chosen.sort(key=_divergence_order)
    return chosen


def flag_counts(views: Iterable[RowView]) -> dict[str, int]:
    """flag kind → number of issues (one difference flagged in several pairs counts once, see
    compare.analyze.issues), in badge order."""
    from compare.analyze.issues import group_issues

    counts: dict[str, int] = {}
    for view in views:
        for issue in group_issues(view.flags):
            counts[issue.kind] = counts.get(issue.kind, 0) + 1
    order = list(BADGES)
    return dict(sorted(counts.items(), key=lambda kv: (order.index(kv[0]) if kv[0] in order else 99, kv[0])))


def most_divergent(views: Sequence[RowView], limit: int = 8) -> list[RowView]:
    flagged = [view for view in views if view.flags or view.confidence < LOW_LINK_CONFIDENCE]
    return sorted(flagged, key=_divergence_order)[:limit]


def _divergence_order(view: RowView) -> tuple:
    """Facts first (a changed number, date or name), then divergence, then reading order."""
    return (*rank_key(fact_changed(flag for _, flag in view.flags), view.divergence), view.number)


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


def summary_bar_html(views: Sequence[RowView], shown_numbers: Iterable[int], limit: int = 8) -> str:
    """One line above the table: the most divergent rows as jump links with their badge symbols,
    so that the table itself starts on the first screen (the full list is in an expander)."""
    shown = set(shown_numbers)
    links = []
    for view in most_divergent(views, limit):
        kinds = sorted(view.kinds, key=lambda k: list(BADGES).index(k) if k in BADGES else 99)
        symbols = "".join(BADGES.get(kind, ("•", kind))[0] for kind in kinds) or "?"
        names = ", ".join(BADGES.get(kind, ("", kind))[1] for kind in kinds) or "aligner unsure"
        hidden = "" if view.number in shown else " (hidden by the filters)"
        links.append(f'<a href="#row-{view.number}" title="{html.escape(names + hidden)}">'
                     f"row {view.number} <span class=\"sym\">{html.escape(symbols)}</span></a>")
    if not links:
        return '<div class="bar">No flags: the versions agree as far as the checks can tell.</div>'
    return f'<div class="bar"><b>Look here first:</b> {" · ".join(links)}</div>'


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


def mark_text(text: str, marks: Mapping[str, Iterable[tuple[int, int]]],
              titles: Mapping[str, str] | None = None,
              symbols: Mapping[str, str] | None = None) -> str:
    """Escape `text`, wrapping the spans of each css class in <mark class="…">.

    Spans may overlap (a flag term that MT also renders differently): a character carries every
    class whose spans cover it. `titles` (css → what the mark means) become the mark's title and
    aria-label, so a highlight names the badge it belongs to; `symbols` (css → the badge's
    symbol) go in data-sym, which the CSS shows as a small label (not colour alone)."""
    titles, symbols = titles or {}, symbols or {}
    keys: list[tuple[str, ...]] = [() for _ in text]
    for css, spans in marks.items():
        for start, end in spans:
            for i in range(max(0, start), min(len(text), end)):
                if css not in keys[i]:
                    keys[i] = tuple(sorted((*keys[i], css)))
    out, i = [], 0
    while i < len(text):
        j = i
        while j < len(text) and keys[j] == keys[i]:
            j += 1
        piece = html.escape(text[i:j])
        if keys[i]:
            names = " ".join(sorted({name for css in keys[i] for name in css.split()}))
            said = "; ".join(titles[css] for css in keys[i] if css in titles)
            sym = "".join(symbols[css] for css in keys[i] if css in symbols)
            attrs = (f' title="{html.escape(said)}" aria-label="{html.escape(said)}"' if said else "")
            attrs += f' data-sym="{html.escape(sym)}"' if sym else ""
            out.append(f'<mark class="{names}"{attrs}>{piece}</mark>')
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


def cell_marks(view: RowView, lang: str) -> dict[str, list[str]]:
    """flag kind → the words its flags point at in this language's cell."""
    marks: dict[str, list[str]] = {}
    for (orig, trans), flag in view.flags:
        if flag.kind in NOT_HIGHLIGHTED:
            continue
        if orig == lang:
            marks.setdefault(flag.kind, []).append(flag.source_term)
        if trans == lang:
            marks.setdefault(flag.kind, []).append(flag.target_term)
    return marks


def _mark_claimed(spans_by_kind: dict[str, list[tuple[int, int]]]) -> dict[str, list[tuple[int, int]]]:
    return {kind: spans for kind, spans in spans_by_kind.items() if spans}


def _span_text(ids: Sequence[int]) -> str:
    ids = sorted(ids)
    return f"sentence {ids[0]}" if len(ids) == 1 else f"sentences {ids[0]}–{ids[-1]}"


def cell_html(view: RowView, lang: str, original: str, *, show_mt: bool = False,
              text_html: Callable[[RowView, str], str] | None = None) -> str:
    """One cell: its ids, its text with the flags' highlights (or, given `text_html`, the text as
    that function writes it: the word links of compare.word_view), MT under it when asked."""
    text = view.texts.get(lang, "")
    if text and text_html is not None:
        ids = ",".join(str(i) for i in view.ids.get(lang, ()))
        cell = f'<span class="ids">{html.escape(lang)}:{ids}</span> {text_html(view, lang)}'
    elif text:
        ids = ",".join(str(i) for i in view.ids.get(lang, ()))
        marks, titles, symbols = {}, {}, {}
        for kind, terms in cell_marks(view, lang).items():
            css = f"hl k-{kind}"
            marks[css] = term_spans(text, terms)
            titles[css] = f"{badge_label(kind)} — see the {BADGES.get(kind, ('', kind))[1]} badge of row {view.number}"
            symbols[css] = BADGES.get(kind, ("•", kind))[0]
        if lang in view.mt_changed:
            marks["mtdiff"] = view.mt_changed[lang]
            titles["mtdiff"] = "the English and MT of the original differ here"
        cell = (f'<span class="ids">{html.escape(lang)}:{ids}</span> '
                f"{mark_text(text, _mark_claimed(marks), titles, symbols)}")
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


def issues(flags: Iterable[tuple[Pair, Flag]]) -> list[list[tuple[Pair, Flag]]]:
    """Flags grouped so that one issue is one bullet: the Russian and the Belarusian original
    flagging the same English words under the same rule (ru→en «подчеркнул» and be→en
    «падкрэсліў» → «noted») are one issue. A group takes one flag per original language, so
    two omitted sentences of one version stay two issues."""
    groups: list[list[tuple[Pair, Flag]]] = []
    keys: list[tuple] = []
    for pair, flag in flags:
        key = (flag.kind, flag.category, pair[1], (flag.target_term or "").strip().casefold(),
               flag.rule, flag.target_level)
        for group, other in zip(groups, keys):
            if other == key and pair[0] not in {p[0] for p, _ in group}:
                group.append((pair, flag))
                break
        else:
            groups.append([(pair, flag)])
            keys.append(key)
    return groups


def issue_evidence(group: Sequence[tuple[Pair, Flag]]) -> str:
    """One bullet, escaped: the first flag's evidence, the other originals' words beside it."""
    if len(group) == 1:
        return flag_evidence(*group[0])
    (pair, flag), rest = group[0], group[1:]
    worst = SEVERITY_ORDER[max(severity_rank(f) for _, f in group)]
    sources = " / ".join(f"{p[0]} «{f.source_term or '—'}»" for p, f in group)
    levels = ""
    if flag.source_level is not None or flag.target_level is not None:
        levels = f" (level {_level(flag.source_level)} → {_level(flag.target_level)})"
    rule = f" [rule: {flag.rule}]" if flag.rule else ""
    pairs = ", ".join(f"{p[0]}→{p[1]}" for p, _ in group)
    return html.escape(f"{pairs} · {flag.category}: {sources} → «{flag.target_term or '—'}»{levels} — "
                       f"{flag.explanation} · severity {worst}{rule}")


def badges_html(view: RowView) -> str:
    """Compact badges, one per kind; the evidence opens in a popover (a <details> whose list
    floats over the row), one bullet per issue."""
    by_kind: dict[str, list[tuple[Pair, Flag]]] = {}
    for pair, flag in view.flags:
        by_kind.setdefault(flag.kind, []).append((pair, flag))
    parts = []
    for kind in sorted(by_kind, key=lambda k: list(BADGES).index(k) if k in BADGES else 99):
        worst = SEVERITY_ORDER[max(severity_rank(f) for _, f in by_kind[kind])]
        grouped = issues(by_kind[kind])
        evidence = "".join(f"<li>{issue_evidence(group)}</li>" for group in grouped)
        count = f" ×{len(grouped)}" if len(grouped) > 1 else ""
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
                    show_mt: bool = False, text_html: Callable[[RowView, str], str] | None = None,
                    row_extra: Callable[[RowView], str] | None = None) -> str:
    """The aligned view as one HTML table (escaped). Each row has the anchor id row-N.
    `text_html` writes a cell's text instead of the flag highlights and `row_extra` adds HTML
    to the row's number cell (compare.word_view: word links, their stylesheet, the gloss)."""
    from compare.render_triage import set_aside_html

    head = "".join(f"<th>{html.escape(LANG_NAMES.get(lang, lang))}"
                   f"{' (original)' if lang == original else ''}</th>" for lang in langs)
    body = []
    for view in views:
        cells = "".join(f'<td lang="{html.escape(lang)}">'
                        f'{cell_html(view, lang, original, show_mt=show_mt, text_html=text_html)}</td>'
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
        elif view.kind == "summary":
            for group in view.summaries:
                (one, ids), (many, sources) = sorted(group.items(), key=lambda item: len(item[1]))
                what = (f"the {LANG_NAMES.get(one, one)} {_span_text(ids)} sums up the "
                        f"{LANG_NAMES.get(many, many)} sentences {', '.join(str(i) for i in sources)}")
                notes += (f'<div class="structure" title="one sentence condensing several that do not '
                          f'stand together: linked as one, force flags only on strong evidence">'
                          f'summary: {html.escape(what)}</div>')
        if view.confirmed:
            notes += '<div class="confirmed" title="a link you confirmed or corrected">✔ confirmed</div>'
        if view.confidence < LOW_LINK_CONFIDENCE:
            notes += (f'<div class="conf low" title="the lowest confidence among this row\'s links; '
                      f'check the pairing; confirm or correct it in the sidebar">aligner unsure '
                      f"({view.confidence:.2f})</div>")
        row_class = f' class="{view.kind}"' if view.kind in ("meta", "title") else ""
        extra = row_extra(view) if row_extra is not None else ""
        body.append(f'<tr id="row-{view.number}"{row_class}><td class="num">{view.number}{extra}</td>{cells}'
                    f'<td class="flags">{badges_html(view)}{set_aside_html(view)}{notes}'
                    f'{scores_html(view)}</td></tr>')
    if not body:
        body.append(f'<tr><td colspan="{len(langs) + 2}" class="empty">No row matches the filters.</td></tr>')
    return (f'<table class="aligned">{colgroup(langs)}<thead><tr><th>Row</th>{head}'
            f'<th>Flags <span class="hint">(click)</span></th>'
            f"</tr></thead><tbody>{''.join(body)}</tbody></table>")


def colgroup(langs: Sequence[str]) -> str:
    """Column widths: the English — the text under review — gets the widest column, the other
    versions share what is left after the row number and the compact flags column."""
    share = {1: 100.0, 2: 50.0, 3: 35.0}.get(len(langs), 100.0 / max(1, len(langs)))
    cols = ['<col class="num">']
    for lang in langs:
        width = f' style="width:{share:g}%"' if lang == "en" and len(langs) > 1 else ""
        cols.append(f'<col class="lang-{html.escape(lang)}"{width}>')
    cols.append('<col class="flags">')
    return f"<colgroup>{''.join(cols)}</colgroup>"


# Each flag kind's highlight: its own background *and* line or border style (not colour alone),
# plus the badge's symbol as a small label after the word (mark[data-sym]::after).
HIGHLIGHTS: dict[str, str] = {
    "sharpened": "background:#fde0dc;border-bottom:2px solid #a3281c",
    "softened": "background:#dceafd;border-bottom:2px dashed #1c4fa3",
    "mixed": "background:#efe3fb;border-bottom:2px dotted #6b2fa3",
    "number": "background:#ffe58a;box-shadow:inset 0 0 0 1px #7a5c00",
    "date": "background:#ffe8cc;border-bottom:3px double #8a4b00",
    "name": "background:#d9f2e3;border-bottom:2px dotted #1b6b3b",
    "quote": "background:#f1e4d4;text-decoration:underline wavy #7a4a1c;text-underline-offset:3px",
    "untranslated": "background:#e8e8ee;box-shadow:inset 0 0 0 1px #444;border-radius:0",
}


def legend_html(kinds: Iterable[str] = ()) -> str:
    """What the marks mean; the flag kinds of this story each shown in their own style."""
    shown = [kind for kind in BADGES if kind in set(kinds) and kind in HIGHLIGHTS]
    samples = " ".join(
        f'<mark class="hl k-{kind}" data-sym="{html.escape(BADGES[kind][0])}">'
        f"{html.escape(BADGES[kind][1])}</mark>" for kind in shown)
    return ('<div class="legend">'
            + (f"{samples} words a flag points at (hover for its badge) · " if samples else "")
            + '<mark class="mtdiff">word</mark> the English and MT of the original differ · '
            '<span class="gap">— not in the English —</span> a sentence one version lacks · '
            "▲ the translation is sharper than the original · ▼ softer</div>")


LEGEND_HTML = legend_html(HIGHLIGHTS)

TEXT = "#31333f"  # Streamlit's body text, which our cells inherit
HEADER_OFFSET = "3.75rem"  # Streamlit's fixed toolbar: the sticky table header stops below it

PAGE_CSS = ("""<style>
table.aligned{border-collapse:collapse;width:100%;font-size:0.92rem;table-layout:fixed;color:#31333f}
table.aligned col.num{width:2.6em}
table.aligned col.flags{width:8.8em}
table.aligned th{background:#f0f2f6;color:#31333f;text-align:left;padding:6px;position:sticky;
  top:HEADER_OFFSET;z-index:2;box-shadow:0 1px 0 #c9ccd4}
table.aligned th .hint{font-weight:400;color:#4f535c;font-size:0.75rem}
table.aligned td{border-top:1px solid #e3e5ea;padding:6px;vertical-align:top;
  overflow-wrap:anywhere;word-break:normal}  /* a pasted URL wraps instead of widening the table */
table.aligned tr{scroll-margin-top:8rem}  /* a jump lands below the page and table headers */
table.aligned tr:target td{background:#fff6d6}
table.aligned td.num{color:#5f6368}
table.aligned td.empty{color:#5f6368;font-style:italic}
table.aligned tr.meta td{color:#51565c;font-size:0.8rem;background:#fafafa}
table.aligned tr.title td{font-weight:600}
.structure{color:#51565c;font-size:0.75rem;font-style:italic}
.ids{color:#5f6368;font-size:0.72rem;margin-right:4px}
.gap{color:#a3281c;font-style:italic}
mark.hl{background:#ffe58a;color:#31333f;padding:0 1px;border-radius:2px}
mark.hl[data-sym]::after{content:attr(data-sym);font-size:0.62rem;vertical-align:super;
  margin-left:1px;color:#31333f}
"""
    + "".join(f"mark.hl.k-{kind}{{{style}}}\n" for kind, style in HIGHLIGHTS.items())
    + """mark.mtdiff{background:none;color:#31333f;text-decoration:underline dotted #5b3fd6 2px;text-underline-offset:3px}
mark.hl.mtdiff{text-decoration:underline dotted #5b3fd6 2px}
.mt{color:#4f535c;font-size:0.85rem;border-left:3px solid #c9d3e6;padding-left:6px;margin-top:4px}
.mtname{color:#5f6368;font-size:0.75rem}
details.badge{display:inline-block;position:relative;margin:0 3px 3px 0;vertical-align:top}
details.badge summary{cursor:pointer;list-style:none;display:inline-block;padding:0 6px;border-radius:9px;
  font-weight:600;font-size:0.76rem;background:#eceef4;color:#31333f;white-space:nowrap}
details.badge summary::-webkit-details-marker{display:none}
details.badge.kind-sharpened summary{background:#fde0dc;color:#8c2218}
details.badge.kind-softened summary{background:#dceafd;color:#1c4fa3}
details.badge.sev-high summary{box-shadow:inset 0 0 0 1px #a3281c}
details.badge.sev-low summary{font-weight:400;box-shadow:inset 0 0 0 1px #b8bcc6}
details.badge[open] summary{outline:2px solid #1c4fa3}
details.badge ul{position:absolute;right:0;top:1.5em;z-index:5;width:24em;max-width:70vw;
  margin:0;padding:6px 8px 6px 22px;font-size:0.8rem;color:#31333f;background:#ffffff;
  border:1px solid #c9ccd4;border-radius:4px;box-shadow:0 4px 14px rgba(0,0,0,.18);
  overflow-wrap:anywhere;white-space:normal}
.conf.low{color:#a3281c;font-size:0.75rem;font-weight:600}
.confirmed{color:#17692f;font-size:0.78rem;font-weight:600}
.score{font-size:0.75rem;color:#31333f;padding:0 5px;border-radius:3px;margin-top:2px;display:inline-block}
ol.summary{margin:0;padding-left:1.4em;font-size:0.88rem;color:#31333f}
ol.summary li{margin-bottom:2px}
ol.summary a{color:#1c4fa3}
ol.summary .snippet{color:#4f535c;overflow-wrap:anywhere}
ol.summary .hidden{color:#5f6368;font-size:0.75rem}
.tag{font-size:0.75rem;padding:0 6px;border-radius:8px;background:#eceef4;color:#31333f;margin-right:3px}
.tag.kind-sharpened{background:#fde0dc;color:#8c2218}.tag.kind-softened{background:#dceafd;color:#1c4fa3}
.legend{font-size:0.8rem;color:#4f535c;margin:2px 0 6px 0}
.bar{font-size:0.85rem;color:#31333f;margin:0 0 4px 0;overflow-wrap:anywhere}
.bar a{color:#1c4fa3;white-space:nowrap}
.legend mark{font-size:0.78rem}
</style>""").replace("HEADER_OFFSET", HEADER_OFFSET)


# Streamlit's own chrome, adjusted so the table starts on the first screen and a long story
# title shows whole in the sidebar's picker. Test ids are Streamlit's (checked with 1.4x–1.6x);
# a rule that no longer matches only loses the adjustment.
APP_CSS = """<style>
[data-testid="stMainBlockContainer"]{padding:3.2rem 2.5rem 2rem 2.5rem}
[data-testid="stMainBlockContainer"] h1{font-size:1.6rem;padding:0.4rem 0 0.2rem 0}
[data-testid="stCaptionContainer"]{opacity:1;color:#55595f}  /* our captions: 60 % opacity read 3.9:1 */
[role="listbox"] [role="option"]{height:auto;min-height:2.2rem;padding-top:4px;padding-bottom:4px}
[role="listbox"] [role="option"] > div{white-space:normal;overflow:visible;text-overflow:clip;line-height:1.3}
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


def export_directions(comparison: Comparison) -> list[Pair]:
    """Every source → target a bilingual export can take, both ways of each aligned pair
    (a memoQ or Trados project from Russian into English needs ru → en); the original into
    English first."""
    original = original_lang(comparison.story)
    directions = [d for pair in comparison.alignments for d in (pair, (pair[1], pair[0]))]
    return sorted(dict.fromkeys(directions), key=lambda d: (d != (original, "en"), d[1] != "en", d))


def export_count(comparison: Comparison, pair: Pair, **options) -> int:
    """How many links of the pair an export with these options holds (nothing is written);
    0 when none passes, never an error for that."""
    from compare.export import ExportOptions, build_exports

    try:
        stories = build_exports([comparison], "xliff", ExportOptions(pair=pair, **options), [])
    except InputError as error:
        if str(error).startswith("nothing to export: no link"):
            return 0
        raise
    return sum(len(story.records) for story in stories)


def export_bytes(comparison: Comparison, choice: ExportChoice, pair: Pair | None = None,
                 **options) -> bytes:
    """The file a download button hands over: the whole story (TMX, sheets and JSONL hold every
    version), or one pair for the bilingual formats, source language first. options:
    include_null, min_confidence, only_confirmed (compare.export.ExportOptions)."""
    from compare.export import to_bytes
    from compare.export.options import creation_date

    if choice.fmt == "tmx":  # a memory says when it was made, as the CLI's does
        options.setdefault("created", creation_date())
    return to_bytes(comparison, choice.fmt, pair=pair if choice.bilingual else None, **options)
