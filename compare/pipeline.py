"""Story → Comparison: translate (optional) → align → analyze.

The app and the CLI call this and only render; no linguistics lives above it. MT is a layer
that lights up when a model is ready: a direction that cannot be translated becomes a note in
the Comparison, and everything else (alignment, force analysis, checks, export) still runs.
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
    from compare.align import align_story
    from compare.analyze.story import analyze_alignment

    notes: list[str] = []
    found: dict[Direction, tuple[Translation, ...]] = {
        direction: tuple(items) for direction, items in (translations or {}).items()}
    if options.translate:
        produced, mt_notes = translate_story(story, options, progress)
        for direction, items in produced.items():
            found.setdefault(direction, items)
        notes += mt_notes

    mt_signal = None
    if options.mt_in_alignment and found:
        mt_signal = {direction: [t.text for t in items] for direction, items in found.items()
                     if not any(t.failed for t in items)}
    alignments, rows, disagreements = align_story(story, mt=mt_signal, fixed=fixed)
    analyses = {pair: analyze_alignment(story, alignment, translations=found)
                for pair, alignment in alignments.items()}
    for alignment in alignments.values():
        notes += [f"{alignment.src_lang}↔{alignment.tgt_lang}: {w}" for w in alignment.warnings]
    return Comparison(story=story, alignments=alignments, disagreements=disagreements, rows=rows,
                      analyses=analyses, translations=found, notes=tuple(notes))
