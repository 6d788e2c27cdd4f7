"""Analysis of every link of an alignment: force shifts + QA checks + scores when MT ran.

One LinkAnalysis per link, in the alignment's order. Each link is read from the original to
the translation, whatever the alignment's order (the corpora align en → ru while Russian is the
original), so that "softened" always means "the translation is weaker than the original" and
"omission" always means "the translation leaves out" (see `reading_order`). Flags'
source_term is then the original's words; LinkAnalysis.note says when the reading was swapped.

One bad link never stops the others: its analysis is verdict "none" with a note.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Mapping, Sequence

from compare import anchors
from compare.analyze.checks import (drop_moved_facts, name_like_keys, name_variants, normalise,
                                    quoted_sentences, run_checks)
from compare.analyze.scores import score_pair
from compare.analyze.summary import StorySummary, summarize  # noqa: F401  (re-exported)
from compare.model import Alignment, Document, Flag, Link, LinkAnalysis, Story, Translation

# Below this link confidence the two sides are likely not translations of each other (a
# misalignment the user has not fixed): the QA checks are not run on the link, and its note says
# that the link looks wrong. On the real dev stories every check flag on a link under 0.65 was
# noise (misaligned sentences, page furniture); the ones above 0.8 were the ones worth reading. On
# the corpora's aligned stories it costs none of the 26 labelled fact, quote and omission shifts.
CHECK_MIN_CONFIDENCE = 0.65

# Link-type flags: a reviewer sees that sentences were merged or split.
_SCORE_LABELS = {"chrf": "chrF++", "bleu": "BLEU", "ter": "TER"}


@dataclass(frozen=True)
class _Side:
    lang: str
    doc: Document
    ids: tuple[int, ...]

    @property
    def text(self) -> str:
        return " ".join(self.doc.segments[i].text for i in self.ids if i < len(self.doc.segments))

    @property
    def furniture(self) -> bool:
        """Every sentence of this side is page furniture: the link is not checked at all (a
        meta line against a body sentence is a link to fix, not a missing sentence)."""
        segments = [self.doc.segments[i] for i in self.ids if i < len(self.doc.segments)]
        return bool(segments) and all(segment.is_structure for segment in segments)

    @property
    def headline(self) -> bool:
        """Every sentence of this side is a headline (kind "title")."""
        segments = [self.doc.segments[i] for i in self.ids if i < len(self.doc.segments)]
        return bool(segments) and all(segment.kind == "title" for segment in segments)

    @property
    def checked_text(self) -> str:
        """The text the QA checks read: page furniture (meta lines, datelines alone on their
        line) is never checked — a timestamp or the end mark is not a number of the story."""
        return " ".join(self.doc.segments[i].text for i in self.ids
                        if i < len(self.doc.segments) and not self.doc.segments[i].is_structure)


def analyze_alignment(story: Story, alignment: Alignment, *,
                      translations: Mapping[tuple[str, str], Sequence[Translation]] | None = None,
                      flag_unused_originals: bool = False) -> tuple[LinkAnalysis, ...]:
    """One analysis per link of `alignment` (same order). flag_unused_originals: the lines of
    one of several originals that the other version does not use are judged as omissions
    (by default they are listed as unused, not flagged)."""
    translations = translations or {}
    src_lang, tgt_lang = alignment.src_lang, alignment.tgt_lang
    orig_lang, trans_lang = reading_order(story, src_lang, tgt_lang)
    swapped = orig_lang != src_lang
    documents = story.documents
    known = {lang: _capitalised(documents[lang].text) for lang in (orig_lang, trans_lang)}
    # Which Belarusian capitalised words are names: the versions with a dictionary say.
    name_keys = name_like_keys({lang: doc.text for lang, doc in documents.items()
                                if lang in ("en", "ru")}) if orig_lang == "be" else None
    # The same name spelt two ways: looked for in the translation (the original is the reference
    # unless the story does not say which version is the original).
    variant_langs = [trans_lang] if story.meta.original else [src_lang, tgt_lang]
    variants = {lang: name_variants(documents[lang].texts, lang, known[lang]) for lang in variant_langs}

    # Sentences inside a quotation of several sentences carry no marks of their own.
    quoted = {lang: quoted_sentences([normalise(t) for t in documents[lang].texts])
              for lang in (orig_lang, trans_lang)}

    analyses = []
    from compare.align.parts import unused_original

    links = alignment.links
    for position, link in enumerate(links):
        unjudged = _not_judged(link)
        if not unjudged and not flag_unused_originals and unused_original(link, alignment, documents):
            unjudged = "not used by the other version (one of several originals): not flagged"
        if unjudged:
            analyses.append(LinkAnalysis("none", note=unjudged))
            continue
        orig_ids, trans_ids = (link.tgt, link.src) if swapped else (link.src, link.tgt)
        original = _Side(orig_lang, documents[orig_lang], orig_ids)
        translation = _Side(trans_lang, documents[trans_lang], trans_ids)
        try:
            analysis = analyze_link(original, translation, known, translations, name_keys,
                                    story.meta.date, quoted, checked=link.role != "meta",
                                    confidence=link.confidence,
                                    confirmed=link.status == "confirmed",
                                    gate=looks_wrong(link) or not_story_text(link, original, translation),
                                    context=_neighbours(links, position, swapped, documents,
                                                        orig_lang, trans_lang))
            extra = [flag for lang in variant_langs
                     for i in (orig_ids if lang == orig_lang else trans_ids)
                     if i < len(documents[lang].segments)
                     and not documents[lang].segments[i].is_structure
                     for flag in variants[lang].get(i, [])]
            if extra:
                analysis = replace(analysis, flags=analysis.flags + tuple(extra))
        except Exception as error:  # noqa: BLE001 — one bad link never stops the others
            analysis = LinkAnalysis("none", note=f"analysis failed on this link: "
                                                 f"{type(error).__name__}: {error}")
        if link.role == "summary":
            analysis = summary_flags(analysis, len(orig_ids))
        if swapped:
            note = f"read {orig_lang} → {trans_lang}"
            analysis = replace(analysis, note="; ".join(filter(None, [analysis.note, note])))
        analyses.append(analysis)
    return tuple(_without_moved_facts(analyses, alignment, documents, orig_lang, trans_lang, swapped))


def _without_moved_facts(analyses: list[LinkAnalysis], alignment: Alignment, documents,
                         orig_lang: str, trans_lang: str, swapped: bool) -> list[LinkAnalysis]:
    """A number, date or name the checks found missing from one link and present in the next
    one's other side moved with a clause the aligner put one sentence over: not flagged."""
    def text(lang: str, ids) -> str:
        segments = documents[lang].segments
        return " ".join(segments[i].text for i in ids
                        if i < len(segments) and not segments[i].is_structure)

    originals, translations = [], []
    for link in alignment.links:
        orig_ids, trans_ids = (link.tgt, link.src) if swapped else (link.src, link.tgt)
        originals.append(text(orig_lang, orig_ids))
        translations.append(text(trans_lang, trans_ids))
    kept = drop_moved_facts([a.flags for a in analyses], originals, translations,
                            orig_lang, trans_lang)
    return [analysis if len(flags) == len(analysis.flags) else replace(analysis, flags=tuple(flags))
            for analysis, flags in zip(analyses, kept)]


FORCE_KINDS = ("softened", "sharpened")


def summary_flags(analysis: LinkAnalysis, sources: int) -> LinkAnalysis:
    """A summary link (one sentence condensing several): a condensation drops hedges, epithets
    and attributions by nature, so a force flag stands only on strong evidence — a word on
    each side, of one concept, that differ by a high step; the other force flags are dropped
    and the note says so. The checks' flags (numbers, names, dates) stay as they are."""
    kept = tuple(f for f in analysis.flags if f.kind not in FORCE_KINDS
                 or (f.severity == "high" and f.source_term and f.target_term))
    dropped = len(analysis.flags) - len(kept)
    kinds = {f.kind for f in kept if f.kind in FORCE_KINDS}
    verdict = analysis.verdict if not dropped else ("mixed" if len(kinds) == 2 else (kinds.pop() if kinds else "none"))
    note = f"summary of {sources} sentences: force flags only on strong evidence" + (
        f" ({dropped} weaker one{'s' if dropped != 1 else ''} not shown)" if dropped else "")
    return replace(analysis, flags=kept, verdict=verdict,
                   note="; ".join(filter(None, [analysis.note, note])))


def _not_judged(link: Link) -> str:
    """Why a link is not analysed at all, or "": page furniture and a headline the other
    version does not translate are structure, not translation (no force or QA flags)."""
    if link.role == "meta":
        return "page furniture (meta line): not compared"
    if link.role == "title" and link.is_null:
        return "headline written on its own: not compared"
    return ""


def reading_order(story: Story, src_lang: str, tgt_lang: str) -> tuple[str, str]:
    """(original, translation) for a pair: the story's original first when it is in the pair;
    otherwise the English last (the English is what the tool checks, e.g. be → en when both
    were translated from Russian); otherwise the alignment's order."""
    original = story.meta.original
    if original == tgt_lang or (original not in (src_lang, tgt_lang) and src_lang == "en"):
        return tgt_lang, src_lang
    return src_lang, tgt_lang


# Links the aligner is this unsure of (and the user has not confirmed) get no softened /
# sharpened flags: on a misaligned pair every difference in wording looks like a shift. Wrong
# links have a median confidence of 0.78, right ones 0.99 (README, link confidence); below
# 0.5 a link is far more often wrong than right. Cost on the corpus shifts: see README.
FORCE_MIN_CONFIDENCE = 0.5


def looks_wrong(link: Link) -> str:
    """A note when the link is too unsure for force flags, else ''."""
    if link.status == "confirmed" or not link.src or not link.tgt:
        return ""
    if link.confidence < FORCE_MIN_CONFIDENCE:
        return (f"the link looks wrong (confidence {link.confidence:.2f} < {FORCE_MIN_CONFIDENCE:g}): "
                f"no softened/sharpened flags until it is fixed or confirmed")
    return ""


def not_story_text(link: Link, original: _Side, translation: _Side) -> str:
    """A note when the link pairs headlines written anew, or page furniture: no force flags.
    A headline pair the aligner marked as translating each other (role "title") is analysed."""
    kinds = {side.doc.segments[i].kind for side in (original, translation) for i in side.ids
             if i < len(side.doc.segments)}
    if not kinds or "body" in kinds or "dateline" in kinds:
        return ""
    if "meta" in kinds:
        return "page furniture (meta lines): not analysed for softened/sharpened"
    if link.role == "title":
        return ""
    return "headlines are written anew, not translated: not analysed for softened/sharpened"


def _neighbours(links: Sequence[Link], position: int, swapped: bool, documents,
                orig_lang: str, trans_lang: str) -> tuple[str, str]:
    """(original, translation) text of the one-sided rows next to a link: a sentence one version
    split off («…» → "… . It was cynical.") still renders what the link's other side says."""
    texts: tuple[list[str], list[str]] = ([], [])
    for near in (position - 1, position + 1):
        if not 0 <= near < len(links) or (links[near].src and links[near].tgt):
            continue
        orig_ids, trans_ids = (links[near].tgt, links[near].src) if swapped else (links[near].src, links[near].tgt)
        for bucket, lang, ids in ((texts[0], orig_lang, orig_ids), (texts[1], trans_lang, trans_ids)):
            segments = documents[lang].segments
            bucket += [segments[i].text for i in ids if i < len(segments)]
    return " ".join(texts[0]), " ".join(texts[1])


def analyze_link(original: _Side, translation: _Side, known: Mapping[str, frozenset[str]],
                 translations: Mapping[tuple[str, str], Sequence[Translation]],
                 name_keys: frozenset[str] | None = None, story_date: str = "",
                 quoted: Mapping[str, frozenset[int]] | None = None,
                 checked: bool = True, confidence: float = 1.0,
                 gate: str = "", context: tuple[str, str] = ("", ""),
                 confirmed: bool = False) -> LinkAnalysis:
    source, target = original.text, translation.text
    unsure = bool(original.ids and translation.ids) and confidence < CHECK_MIN_CONFIDENCE
    force = LinkAnalysis("none", note=gate) if gate else _force(source, target, original.lang,
                                                                  translation.lang, context)
    flags = list(force.flags)
    # A headline with no counterpart: agencies write their headlines anew, it is not an omission.
    lone_headline = (original.headline and not translation.ids) or (translation.headline and not original.ids)
    if checked and not unsure and not lone_headline and not (original.furniture or translation.furniture):
        flags += run_checks(original.checked_text, translation.checked_text,
                            original.lang, translation.lang,
                            src_ids=original.ids, tgt_ids=translation.ids,
                            src_known=known[original.lang], tgt_known=known[translation.lang],
                            name_keys=name_keys, story_date=story_date,
                            src_quoted=_inside(original, quoted), tgt_quoted=_inside(translation, quoted))
        if not gate and not (original.headline or translation.headline):
            # headlines are written to their own length: a shorter one drops nothing
            flags = _with_partial(flags, original, translation, confidence, confirmed)
    flags += link_type_flags(original, translation)
    scores, signatures = _scores(original, translation, translations)
    notes = [force.note] if force.note else []
    if unsure:
        notes.append(f"the link looks wrong (confidence {confidence:.2f}): numbers, dates, names "
                     f"and quotes not checked — fix the alignment")
    return LinkAnalysis(force.verdict, tuple(flags), scores, "; ".join(notes),
                        signatures=signatures)


def _with_partial(flags: list[Flag], original: _Side, translation: _Side, confidence: float,
                  confirmed: bool) -> list[Flag]:
    """The link's flags with its partial omission / addition (compare.analyze.partial). One
    issue, one flag: the length check's vaguer "part of the source may be left out" in the same
    direction gives way to the run the words show."""
    from compare.analyze.partial import check_partial

    if not (original.ids and translation.ids):
        return flags
    found = check_partial(original.checked_text, translation.checked_text, original.lang,
                          translation.lang, confidence=confidence, confirmed=confirmed,
                          src_ids=original.ids, tgt_ids=translation.ids)
    if not found:
        return flags
    kinds = {flag.kind for flag in found}
    kept = [flag for flag in flags if not (flag.rule == "checks.length" and flag.kind in kinds)]
    return kept + found


def _inside(side: _Side, quoted: Mapping[str, frozenset[int]] | None) -> bool:
    return bool(quoted) and any(i in quoted.get(side.lang, ()) for i in side.ids)


def link_type_flags(original: _Side, translation: _Side) -> list[Flag]:
    """Merged or split sentences (a 2-1 or 1-2 link read from the original)."""
    n_orig, n_trans = len(original.ids), len(translation.ids)
    if not n_orig or not n_trans or n_orig == n_trans:
        return []
    kind = "merge" if n_orig > n_trans else "split"
    verb = "merged into" if kind == "merge" else "split into"
    return [Flag(kind, "link_type", _ids(original), _ids(translation),
                 f"{n_orig} sentence(s) of the original {verb} {n_trans} of the translation",
                 severity="low", source_level=float(n_orig), target_level=float(n_trans),
                 rule=f"link.{n_orig}-{n_trans}")]


@lru_cache(maxsize=64)
def _capitalised(text: str) -> frozenset[str]:
    """Words capitalised mid-sentence in a document (a story's documents serve three pairs)."""
    return frozenset(anchors.capitalised_words(text))


@lru_cache(maxsize=1)
def _force_analyzer():
    try:
        from compare.analyze.force import analyze_force
    except ImportError:
        return None
    return analyze_force


def _force(source: str, target: str, src_lang: str, tgt_lang: str,
           context: tuple[str, str] = ("", "")) -> LinkAnalysis:
    if not source.strip() or not target.strip():
        return LinkAnalysis("none")  # a null link: the checks say what is missing
    analyze_force = _force_analyzer()
    if analyze_force is None:
        return LinkAnalysis("none", note="force analysis not available in this version")
    if any(context):
        return analyze_force(source, target, src_lang, tgt_lang, context=context)
    return analyze_force(source, target, src_lang, tgt_lang)


def _scores(original: _Side, translation: _Side,
            translations: Mapping[tuple[str, str], Sequence[Translation]]
            ) -> tuple[dict[str, float], dict[str, str]]:
    """MT(original → translation's language) against the translation, and MT back against the
    original, when that MT ran for every sentence of the link."""
    scores: dict[str, float] = {}
    signatures: dict[str, str] = {}
    for side, other in ((original, translation), (translation, original)):
        mt = _mt_text(translations.get((side.lang, other.lang)), side)
        if mt is None:
            continue
        for metric, score in score_pair(mt, other.text).items():
            name = f"{_SCORE_LABELS[metric]} MT {side.lang}→{other.lang}"
            scores[name] = score.value
            signatures[name] = score.signature
    return scores, signatures


def _mt_text(items: Sequence[Translation] | None, side: _Side) -> str | None:
    if not items or not side.ids or len(items) != len(side.doc.segments):
        return None
    chosen = [items[i] for i in side.ids]
    if any(t.failed for t in chosen):
        return None
    return " ".join(t.text for t in chosen)


def _ids(side: _Side) -> str:
    return ", ".join(f"{side.lang}:{i}" for i in side.ids)
