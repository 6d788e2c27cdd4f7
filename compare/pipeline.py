"""Story → Comparison: translate (optional) → align → analyze.

The app and the CLI call this and only render; no linguistics lives above it. MT is a layer
that lights up when a model is ready: a direction that cannot be translated becomes a note in
the Comparison, and everything else (alignment, force analysis, checks, export) still runs.

MT as alignment evidence: each pair is aligned with whatever MT is at hand for it, both ways
(the source translated into the target language as `mt`, the target into the source language
as `mt_reverse`). A segment whose translation failed gets an empty line: it carries no MT
evidence, and the segments translated still count. For ru↔be, when Apertium is installed, its
be→ru translation of the Belarusian version (reliable and fast, cached like any MT) is the
reverse signal even when MT is off; every alignment's signature says which MT fed it ("mt").
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Mapping, Sequence

from compare.model import Comparison, InputError, Link, Story, Translation

Direction = tuple[str, str]
Progress = Callable[[str, int, int], None]  # (what, done, total)


@dataclass(frozen=True)
class PipelineOptions:
    translate: bool = False  # run MT both ways between the versions present
    engines: Mapping[Direction, str] = field(default_factory=dict)  # direction → engine name
    models: Mapping[Direction, str] = field(default_factory=dict)  # direction → model id/folder
    mt_in_alignment: bool = True  # feed MT to the aligner as a similarity signal
    # ru↔be: Apertium be→ru of the Belarusian version as the aligner's reverse MT, when installed
    apertium_alignment: bool = True
    # several originals: the lines of an original that the other version does not use raise an
    # omission flag only when asked (a compiled story leaves most of each original unused)
    flag_unused_originals: bool = False


APERTIUM_PAIR: tuple[str, str] = ("ru", "be")  # the pair whose alignment Apertium helps


def translation_directions(story: Story) -> list[Direction]:
    """Every ordered pair of the versions present: both ways, as users compare both ways."""
    return [(a, b) for a in story.langs for b in story.langs if a != b]


def translate_story(story: Story, options: PipelineOptions, progress: Progress | None = None
                    ) -> tuple[dict[Direction, tuple[Translation, ...]], list[str]]:
    """MT of every segment, both ways; a direction that cannot run becomes a note."""
    from compare.translate import translate_segments

    translations: dict[Direction, tuple[Translation, ...]] = {}
    notes: list[str] = []
    for src, tgt in translation_directions(story):
        texts = story.documents[src].texts
        step = None
        if progress:
            def step(done: int, total: int, what: str = f"{src}→{tgt}") -> None:
                progress(what, done, total)
        try:
            translations[(src, tgt)] = tuple(translate_segments(
                texts, src, tgt, engine=options.engines.get((src, tgt)),
                model=options.models.get((src, tgt)), progress=step))
        except InputError as error:  # TranslatorUnavailable is one: say it, go on without
            notes.append(f"MT {src}→{tgt} not run: {error}")
    return translations, notes


def compare_story(story: Story, options: PipelineOptions = PipelineOptions(), *,
                  translations: Mapping[Direction, Sequence[Translation]] | None = None,
                  fixed: Mapping[Direction, Sequence[Link]] | None = None,
                  progress: Progress | None = None) -> Comparison:
    """Align every pair of versions and analyse every link.

    translations: MT already at hand (e.g. imported); otherwise run when options.translate.
    fixed: links the user confirmed, per pair; they are kept and the rest re-aligned around them."""
    from compare.analyze.story import analyze_alignment

    notes: list[str] = []
    found: dict[Direction, tuple[Translation, ...]] = {
        direction: tuple(items) for direction, items in (translations or {}).items()}
    if options.translate:
        produced, mt_notes = translate_story(story, options, progress)
        for direction, items in produced.items():
            found.setdefault(direction, items)
        notes += mt_notes

    alignments, rows, disagreements, align_notes = align_with_mt(story, options, found, fixed,
                                                                 progress)
    notes += align_notes
    analyses = {pair: analyze_alignment(story, alignment, translations=found,
                                        flag_unused_originals=options.flag_unused_originals)
                for pair, alignment in alignments.items()}
    from compare.align.parts import describe_alignment

    for alignment in alignments.values():
        notes += [f"{alignment.src_lang}↔{alignment.tgt_lang}: {w}" for w in alignment.warnings + alignment.notes]
        described = describe_alignment(alignment, story.documents)
        if described and any(story.documents[lang].several for lang in (alignment.src_lang, alignment.tgt_lang)):
            # a compiled story: what the pair is, with the share each original gives
            notes.append(f"{alignment.src_lang}↔{alignment.tgt_lang}: {described}")
    return Comparison(story=story, alignments=alignments, disagreements=disagreements, rows=rows,
                      analyses=analyses, translations=found, notes=tuple(notes))


def align_with_mt(story: Story, options: PipelineOptions = PipelineOptions(),
                  translations: Mapping[Direction, Sequence[Translation]] | None = None,
                  fixed: Mapping[Direction, Sequence[Link]] | None = None,
                  progress: Progress | None = None):
    """Every pair of versions aligned with the MT at hand (translations) and, for ru↔be, Apertium
    be→ru when installed and not switched off. Returns (alignments, rows, disagreements, notes)."""
    found = translations or {}
    mt_sources: dict[Direction, Sequence[Translation]] = {}
    why_none: dict[Direction, str] = {}
    notes: list[str] = []
    if options.mt_in_alignment:
        mt_sources.update(found)
        extra, why, failure = apertium_for_alignment(story, options, found, progress)
        mt_sources.update(extra)
        if why:
            why_none[APERTIUM_PAIR] = why
        if failure:  # not installed or switched off is no news; a failure is
            notes.append(f"{APERTIUM_PAIR[0]}↔{APERTIUM_PAIR[1]}: aligned without {failure}")
    alignments, rows, disagreements = align_pairs(story, mt_sources, fixed, why_none)
    return alignments, rows, disagreements, notes


def apertium_for_alignment(story: Story, options: PipelineOptions,
                           found: Mapping[Direction, Sequence[Translation]],
                           progress: Progress | None = None
                           ) -> tuple[dict[Direction, tuple[Translation, ...]], str, str]:
    """Apertium be→ru of the Belarusian version, for the ru↔be alignment only (it is not added
    to the story's translations: the user did not ask for MT). Through the translation cache,
    so a story opened again makes no Apertium call. Nothing when it is switched off, when the
    story lacks ru or be, when be→ru MT is already at hand, or when Apertium is not installed.
    Returns (direction → translations, why there are none, what failed: '' when nothing)."""
    src, tgt = APERTIUM_PAIR
    direction = (tgt, src)
    if src not in story.langs or tgt not in story.langs or usable_lines(found.get(direction)):
        return {}, "", ""
    if not options.apertium_alignment:
        return {}, f"Apertium {tgt}→{src} switched off", ""
    from compare.translate import translate_segments
    from compare.translate.apertium import check_installed

    if check_installed(tgt, src):  # not installed: aligned as before, without it
        return {}, f"Apertium {tgt}→{src} not installed", ""
    step = None
    if progress:
        def step(done: int, total: int) -> None:
            progress(f"{tgt}→{src} (Apertium, for the alignment)", done, total)
    try:
        items = tuple(translate_segments(story.documents[tgt].texts, tgt, src,
                                         engine="apertium", progress=step))
    except (InputError, OSError) as error:
        failure = f"Apertium {tgt}→{src}: {error}"
        return {}, failure, failure
    if usable_lines(items) is None:
        failure = f"Apertium {tgt}→{src}: no segment translated"
        return {}, failure, failure
    return {direction: items}, "", ""


def usable_lines(items: Sequence[Translation] | None) -> list[str] | None:
    """MT lines for the aligner: a failed segment's line is empty, so that it carries no MT
    evidence while the others count; None when no segment was translated."""
    if not items or all(t.failed for t in items):
        return None
    return ["" if t.failed else t.text for t in items]


def describe_mt(direction: Direction, items: Sequence[Translation]) -> str:
    """'be→ru apertium:bel-rus[revision], 2/40 failed': what fed the aligner, for the signature."""
    done = next(t for t in items if not t.failed)
    revision = done.options.get("revision", "")
    failed = sum(1 for t in items if t.failed)
    return (f"{direction[0]}→{direction[1]} {done.engine}:{done.model}"
            + (f"[{revision}]" if revision else "")
            + (f", {failed}/{len(items)} failed" if failed else ""))


def align_pairs(story: Story, mt: Mapping[Direction, Sequence[Translation]],
                fixed: Mapping[Direction, Sequence[Link]] | None = None,
                why_none: Mapping[Direction, str] | None = None):
    """compare.align.align_story with the MT of each pair both ways (the source translated as
    `mt`, the target as `mt_reverse`) and the MT used recorded in each alignment's signature
    (why_none: pair → why a signal one might expect is absent)."""
    from dataclasses import replace

    from compare.align import align_story
    from compare.align.threeway import story_pairs

    forward_lines, reverse_lines, labels, used = {}, {}, {}, {}
    for src, tgt in story_pairs(story.langs):
        forward, reverse = mt.get((src, tgt)), mt.get((tgt, src))
        forward_lines[(src, tgt)], reverse_lines[(src, tgt)] = usable_lines(forward), usable_lines(reverse)
        labels[(src, tgt)] = mt_label(forward, reverse)
        used[(src, tgt)] = (
            [describe_mt((src, tgt), forward)] if forward_lines[(src, tgt)] is not None else []) + (
            [describe_mt((tgt, src), reverse)] if reverse_lines[(src, tgt)] is not None else [])
    alignments, rows, disagreements = align_story(
        story, mt=forward_lines, mt_reverse=reverse_lines, mt_labels=labels, fixed=fixed)
    doubled = doubled_sources(story)
    for pair, alignment in alignments.items():
        why = (why_none or {}).get(pair)
        signature = {**alignment.signature,
                     "mt": "; ".join(used[pair]) or ("none" + (f" ({why})" if why else ""))}
        alignments[pair] = replace(alignment, signature=signature)
        warned = [w for lang in pair for w in doubled.get(lang, ())]
        if warned:  # a described problem, not a confident alignment
            alignments[pair] = replace(alignments[pair], warnings=alignments[pair].warnings + tuple(warned),
                                       confidence=min(alignments[pair].confidence, DOUBLED_CONFIDENCE))
    return alignments, rows, disagreements


# the overall confidence of a pair whose originals say the same text twice: under the warning
# line (AlignSettings.low_confidence), as its links to one copy or the other are guesses
DOUBLED_CONFIDENCE = 0.3


def doubled_sources(story: Story) -> dict[str, list[str]]:
    """lang -> one line per original of that language that repeats an earlier one."""
    from compare.align.parts import doubled_originals

    return {lang: found for lang, document in story.documents.items()
            if document.several and (found := doubled_originals(document))}


def mt_label(*directions: Sequence[Translation] | None) -> str:
    """The engines that made the MT, as the aligner's signal label ('apertium:bel-rus')."""
    labels = []
    for items in directions:
        done = next((t for t in items or () if not t.failed), None)
        if done is not None and f"{done.engine}:{done.model}" not in labels:
            labels.append(f"{done.engine}:{done.model}")
    return "+".join(labels) or "file"
