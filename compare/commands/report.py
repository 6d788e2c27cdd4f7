"""`python -m compare report STORY_DIR`: a story's flags, with their evidence, and its summary.

    python -m compare report STORY_DIR [--format text|jsonl] [--gold] [--translate]
                                       [--no-apertium] [--min-severity low|medium|high] [--all]
                                       [--mark FLAG_ID false_alarm|checked [--note TEXT]]
                                       [--unmark FLAG_ID] [--mute KIND|TERM [--all-stories]]
                                       [--unmute KIND|TERM] [--mutes] [--undo-triage]
                                       [--redo-triage] [--no-triage]

text (default): the summary (flags per kind, verdicts per pair), then the flagged links, most
divergent first, each with its sentences and one line of evidence per flag (the terms, the
levels, the rule that fired).
jsonl: one object per link ({"type": "link", …}, pairs in order, links in reading order; only
flagged links unless --all), then one {"type": "summary", …} line.

Each pair is read original → translation (see compare.analyze.story.reading_order): a flag's
source_term is in the original's words. --gold uses the story's gold/<src>-<tgt>.tsv alignments
where they exist (the sample corpora) instead of aligning.
"""
from __future__ import annotations

import json
import shutil
import sys
import textwrap
from pathlib import Path

from compare.model import Comparison, Flag, InputError, LinkAnalysis

SEVERITIES = ("low", "medium", "high")
BADGES = {"sharpened": "▲", "softened": "▼", "omission": "∅", "addition": "+", "number": "#",
          "date": "@", "name": "Aa", "quote": "❝", "untranslated": "⚠", "merge": "⋈",
          "split": "⋔"}


def configure(parser) -> None:
    parser.add_argument("story", metavar="STORY_DIR",
                        help="a story folder: en.txt / ru.txt / be.txt (2 or 3 versions), story.toml")
    parser.add_argument("--format", choices=("text", "jsonl"), default="text",
                        help="text for reading (default), jsonl for tools")
    parser.add_argument("--gold", action="store_true",
                        help="use the folder's gold/<src>-<tgt>.tsv alignments where present")
    parser.add_argument("--translate", action="store_true",
                        help="run MT both ways (models must be available locally) and add scores")
    parser.add_argument("--min-severity", choices=SEVERITIES, default="low",
                        help="leave out flags below this severity")
    parser.add_argument("--all", action="store_true", help="list every link, flagged or not")
    parser.add_argument("--no-triage", action="store_true",
                        help="show every flag, those marked false alarm or checked included")
    parser.add_argument("--mark", nargs=2, metavar=("FLAG_ID", "MARK"),
                        help="mark a flag (its id is in the jsonl output) false_alarm or checked")
    parser.add_argument("--note", default="", help="a note stored with --mark")
    parser.add_argument("--unmark", metavar="FLAG_ID", help="undo the last triage change of a flag")
    parser.add_argument("--mute", metavar="KIND|TERM", action="append", default=[],
                        help="leave out every flag of a kind (softened, name …) or with a term "
                             "(term:WORD, or a word one of the story's flags names) in this story; "
                             "repeatable")
    parser.add_argument("--unmute", metavar="KIND|TERM", action="append", default=[],
                        help="remove a mute (this story's, else the one for all stories)")
    parser.add_argument("--all-stories", action="store_true",
                        help="with --mute / --unmute: the mute for every story")
    parser.add_argument("--mutes", action="store_true",
                        help="list the mutes in force for this story and the story's marks, then stop")
    parser.add_argument("--undo-triage", action="store_true",
                        help="take back this story's latest mark or mute")
    parser.add_argument("--redo-triage", action="store_true",
                        help="bring back the triage change --undo-triage took back")
    parser.add_argument("--gloss", action="store_true",
                        help="under each link, a word-by-word English dictionary gloss of its Russian or "
                             "Belarusian side (dictionary gloss — not a translation; needs the bridge's "
                             "dictionaries, see scripts/setup.sh)")
    parser.add_argument("--no-lang-check", action="store_true",
                        help="do not check that each file is in the language its name says")
    parser.add_argument("--flag-unused", action="store_true",
                        help="several originals of one language (ru.txt, ru-2.txt …): flag the lines the "
                             "English does not use as omissions (by default they are listed as unused)")
    from compare.commands.align import add_apertium_argument

    add_apertium_argument(parser)


def run(args) -> int:
    from compare.analyze.summary import summarize
    from compare.pipeline import PipelineOptions, compare_story
    from compare.sources import load_story

    folder = Path(args.story)
    if not folder.exists():
        raise InputError(f"{args.story}: no such folder")
    if not folder.is_dir():
        raise InputError(f"{args.story}: not a folder (report takes a story folder with "
                         "en.txt, ru.txt and/or be.txt)")
    story = load_story(folder, check_lang=not args.no_lang_check)
    if args.mutes and not _changes(args):  # only the listing: no need to align
        from compare.triage import TriageStore

        store = TriageStore()
        try:
            _list_triage(*store.state(story))
        finally:
            store.close()
        return 0
    if args.gold:
        comparison = _gold_comparison(folder, story, args.translate)
    else:
        comparison = compare_story(story, PipelineOptions(
            translate=args.translate, apertium_alignment=not args.no_apertium,
            flag_unused_originals=args.flag_unused))
    if args.mark:  # an id that names no flag of this story is refused before anything is saved
        from compare.triage import link_flags

        if args.mark[0] not in {fid for *_, fid in link_flags(comparison)}:
            raise InputError(f"--mark {args.mark[0]}: no flag of story {story.id} has this id "
                             "(the ids are in `report --format jsonl`, field flags[].id)")
    comparison = _filtered(comparison, SEVERITIES.index(args.min_severity))
    comparison, hidden = _triaged(comparison, args)
    if args.mutes:  # the listing is the output
        return 0
    summary = summarize(comparison)
    gloss = getattr(args, "gloss", False)
    if args.format == "jsonl":
        _write_jsonl(comparison, summary, args.all, sys.stdout, hidden, gloss)
    else:
        _write_text(comparison, summary, args.all, sys.stdout, hidden, gloss)
    return 0


def _triaged(comparison: Comparison, args) -> tuple[Comparison, dict]:
    """Flags the user marked or muted (compare.triage) taken out of the analyses, so counts,
    verdicts and the order leave them out; returned apart, (pair, index) → [(flag, mark,
    note)], to be shown greyed. --mark / --unmark / --mute / --unmute / --undo-triage /
    --redo-triage change the store first (each says what it did on stderr); --no-triage
    changes nothing and shows every flag. A store that cannot be read is one line: an error
    when a change was asked for, else a warning and the report with every flag."""
    from compare.triage import TriageStore, apply_triage, parse_mute

    changes = _changes(args)
    if args.no_triage and not changes and not args.mutes:
        return comparison, {}
    story = comparison.story
    # every KIND|TERM is checked before anything is saved: one bad one changes nothing
    to_mute = [parse_mute(text, comparison) for text in args.mute]
    try:
        store = TriageStore()
    except InputError as error:
        if changes or args.mutes:
            raise
        print(f"warning: {_one_line(error)}; every flag is shown", file=sys.stderr)
        return comparison, {}
    try:
        muted = store.mutes(story) if args.unmute else []
        to_unmute = [parse_mute(text, comparison, muted) for text in args.unmute]
        if args.mark:
            store.mark(story, args.mark[0], args.mark[1], args.note)
            _said(f"marked {args.mark[1].replace('_', ' ')}: flag {args.mark[0]}")
        if args.unmark:
            now = store.undo(story, args.unmark)
            _said(f"flag {args.unmark}: " + (f"now {now.replace('_', ' ')}" if now else "unmarked"))
        for what, value in to_mute:
            _said(f"muted {store.mute(story, what, value, all_stories=args.all_stories, note=args.note).describe()}")
        for what, value in to_unmute:
            removed = store.unmute(story, what, value, all_stories=True if args.all_stories else None)
            _said(f"unmuted {removed.describe()}")
        if args.undo_triage:
            _said(f"undone: {store.undo_last(story) or 'nothing to undo'}")
        if args.redo_triage:
            _said(f"redone: {store.redo_last(story) or 'nothing to redo'}")
        marks, mutes = store.state(story)
    finally:
        store.close()
    if args.mutes:
        _list_triage(marks, mutes)
    if args.no_triage:
        return comparison, {}
    return apply_triage(comparison, marks, mutes)


def _changes(args) -> bool:
    return bool(args.mark or args.unmark or args.mute or args.unmute or args.undo_triage
                or args.redo_triage)


def _said(line: str) -> None:
    print(line, file=sys.stderr)


def _one_line(error: Exception) -> str:
    return " ".join(str(error).split())


def _list_triage(marks, mutes) -> None:
    out = sys.stdout
    out.write(f"{len(mutes)} mute(s) in force for this story:\n")
    for mute in mutes:
        note = f" — {mute.note}" if mute.note else ""
        out.write(f"  {mute.spec}\t{'all stories' if mute.all_stories else 'this story'}{note}\n")
    out.write(f"{len(marks)} flag(s) marked in this story:\n")
    for fid, (mark, note) in sorted(marks.items()):
        out.write(f"  {fid}\t{mark}{chr(9) + note if note else ''}\n")


def _gold_comparison(folder: Path, story, translate: bool) -> Comparison:
    """The story analysed over its gold alignments (as they are: nothing is re-aligned)."""
    from compare.analyze.story import analyze_alignment
    from compare.corpus import load_gold
    from compare.model import Alignment
    from compare.pipeline import PipelineOptions, translate_story

    alignments = {}
    for src in story.langs:
        for tgt in story.langs:
            if src != tgt and (folder / "gold" / f"{src}-{tgt}.tsv").is_file():
                alignments[(src, tgt)] = Alignment(src, tgt, tuple(load_gold(folder, src, tgt)),
                                                   signature={"aligner": "gold"})
    if not alignments:
        raise InputError(f"{folder}: --gold given but no gold/<src>-<tgt>.tsv alignment found")
    translations, notes = (translate_story(story, PipelineOptions(translate=True))
                           if translate else ({}, []))
    analyses = {pair: analyze_alignment(story, alignment, translations=translations)
                for pair, alignment in alignments.items()}
    return Comparison(story=story, alignments=alignments, analyses=analyses,
                      translations=translations, notes=tuple(notes))


def _filtered(comparison: Comparison, floor: int) -> Comparison:
    if floor == 0:
        return comparison
    from dataclasses import replace

    analyses = {pair: tuple(replace(a, flags=tuple(f for f in a.flags
                                                   if _severity_rank(f) >= floor))
                            for a in items)
                for pair, items in comparison.analyses.items()}
    return replace(comparison, analyses=analyses)


def _severity_rank(flag: Flag) -> int:
    return SEVERITIES.index(flag.severity) if flag.severity in SEVERITIES else 1


# --------------------------------------------------------------------------- shared


def _link_items(comparison: Comparison):
    """(pair, index, link, analysis, (original lang, its ids), (translation lang, its ids))."""
    from compare.analyze.story import reading_order

    for pair, alignment in comparison.alignments.items():
        analyses = comparison.analyses.get(pair, ())
        orig, trans = reading_order(comparison.story, *pair)
        for index, link in enumerate(alignment.links):
            analysis = analyses[index] if index < len(analyses) else LinkAnalysis("none")
            ids = {pair[0]: link.src, pair[1]: link.tgt}
            yield pair, index, link, analysis, (orig, ids[orig]), (trans, ids[trans])


def _texts(comparison: Comparison, lang: str, ids) -> str:
    segments = comparison.story.documents[lang].segments
    return " ".join(segments[i].text for i in ids if i < len(segments))


def _mt_diff(comparison: Comparison, orig: str, orig_ids, trans: str, trans_ids):
    """(MT of the original into the translation's language, word diff published → MT), or None
    when that MT did not run for every sentence of the link."""
    from compare.analyze.diff import word_diff

    items = comparison.translations.get((orig, trans))
    segments = comparison.story.documents[orig].segments
    if not items or not orig_ids or not trans_ids or len(items) != len(segments):
        return None
    chosen = [items[i] for i in orig_ids]
    if any(t.failed for t in chosen):
        return None
    mt = " ".join(t.text for t in chosen)
    return mt, word_diff(_texts(comparison, trans, trans_ids), mt, trans)


def _gloss(comparison: Comparison, orig: str, orig_ids, trans: str, trans_ids):
    """(lang, [(word, renderings)]) for the link's non-English side (the original first), glossed
    into English by the dictionary bridge; None when neither side can be glossed."""
    from compare.bridge import gloss

    for lang, ids in ((orig, orig_ids), (trans, trans_ids)):
        if lang in ("ru", "be") and ids:
            return lang, gloss(_texts(comparison, lang, ids), lang, "en")
    return None


def _flag_record(flag: Flag, texts: tuple[str, str] | None = None, mark=None) -> dict:
    from compare.triage import flag_id

    record = {"id": flag_id(flag, *texts)} if texts else {}
    if mark:
        record["triage"] = {"mark": mark[0], "note": mark[1]}
    return record | {"kind": flag.kind, "category": flag.category, "source_term": flag.source_term,
            "target_term": flag.target_term, "source_level": flag.source_level,
            "target_level": flag.target_level, "severity": flag.severity,
            "explanation": flag.explanation, "rule": flag.rule}


# --------------------------------------------------------------------------- jsonl


def _write_jsonl(comparison: Comparison, summary, every_link: bool, out, hidden=None,
                 gloss: bool = False) -> None:
    from compare.analyze.summary import divergence

    hidden = hidden or {}
    for pair, index, link, analysis, (orig, orig_ids), (trans, trans_ids) in _link_items(comparison):
        marked = hidden.get((pair, index), [])
        if not analysis.flags and not marked and not every_link:
            continue
        texts = (_texts(comparison, orig, orig_ids), _texts(comparison, trans, trans_ids))
        record = {
            "type": "link", "pair": f"{pair[0]}-{pair[1]}", "index": index,
            "src": list(link.src), "tgt": list(link.tgt), "link_type": link.type,
            "confidence": link.confidence, "read": f"{orig}→{trans}",
            "original": {"lang": orig, "ids": list(orig_ids),
                         "text": _texts(comparison, orig, orig_ids)},
            "translation": {"lang": trans, "ids": list(trans_ids),
                            "text": _texts(comparison, trans, trans_ids)},
            "verdict": analysis.verdict, "divergence": divergence(link, analysis),
            "flags": [_flag_record(flag, texts) for flag in analysis.flags]
            + [_flag_record(flag, texts, (mark, note)) for flag, mark, note in marked],
            "scores": dict(analysis.scores), "signatures": dict(analysis.signatures),
            "note": analysis.note,
        }
        glossed = _gloss(comparison, orig, orig_ids, trans, trans_ids) if gloss else None
        if glossed:
            from compare.bridge import GLOSS_LABEL

            record["gloss"] = {"label": GLOSS_LABEL, "lang": glossed[0], "into": "en",
                               "words": [{"word": w, "renderings": r} for w, r in glossed[1]]}
        mt_diff = _mt_diff(comparison, orig, orig_ids, trans, trans_ids)
        if mt_diff:
            mt, tokens = mt_diff
            record["mt"] = {"direction": f"{orig}→{trans}", "text": mt,
                            "diff": [{"text": t.text, "op": t.op, "side": t.side,
                                      "group": t.group} for t in tokens if t.op != "equal"]}
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
    out.write(json.dumps({
        "type": "summary", "story": summary.story_id, "total_flags": summary.total_flags,
        "total_issues": summary.total_issues, "issues": dict(summary.issues),
        "counts": dict(summary.counts), "severities": dict(summary.severities),
        "counts_by_pair": {f"{a}-{b}": dict(c) for (a, b), c in summary.counts_by_pair.items()},
        "verdicts_by_pair": {f"{a}-{b}": dict(v) for (a, b), v in summary.verdicts_by_pair.items()},
        "most_divergent": [{"pair": f"{d.pair[0]}-{d.pair[1]}", "index": d.index,
                            "divergence": d.divergence, "kinds": list(d.kinds)}
                           for d in summary.divergent[:10]],
        "notes": list(summary.notes), "divergence_signature": summary.signature,
        # flags left out of every count above, by their mark (false_alarm, checked, muted)
        "set_aside": _set_aside_counts(hidden),
    }, ensure_ascii=False) + "\n")


def _set_aside_counts(hidden) -> dict[str, int]:
    from collections import Counter

    return dict(Counter(mark for items in (hidden or {}).values() for _, mark, _ in items))


# --------------------------------------------------------------------------- text


def _write_text(comparison: Comparison, summary, every_link: bool, out, hidden=None,
                gloss: bool = False) -> None:
    hidden = hidden or {}
    story = comparison.story
    width = max(60, min(120, shutil.get_terminal_size((100, 20)).columns))
    title = f" — {story.meta.title}" if story.meta.title else ""
    out.write(f"Story {story.id}{title}\n")
    original = story.meta.original or "not stated"
    out.write(f"versions: {' '.join(story.langs)}; original: {original}\n")
    counts = ", ".join(f"{kind} {n}" for kind, n in summary.counts.items()) or "none"
    out.write(f"\n{summary.total_flags} flags: {counts}\n")
    issues = ", ".join(f"{kind} {n}" for kind, n in summary.issues.items()) or "none"
    out.write(f"{summary.total_issues} issues (one difference flagged in several pairs counts once): "
              f"{issues}\n")
    n_hidden = sum(len(v) for v in hidden.values())
    if n_hidden:
        from collections import Counter

        why = Counter(mark.replace("_", " ") for items in hidden.values() for _, mark, _ in items)
        said = ", ".join(f"{n} {mark}" for mark, n in why.items())
        out.write(f"({n_hidden} more left out of the counts: {said}; --no-triage shows them as "
                  f"new, --mutes lists the mutes)\n")
    from compare.analyze.story import reading_order

    for pair, n_links in summary.links_by_pair.items():
        orig, trans = reading_order(story, *pair)
        verdicts = ", ".join(f"{v} {n}" for v, n in summary.verdicts_by_pair[pair].items())
        kinds = ", ".join(f"{k} {n}" for k, n in summary.counts_by_pair[pair].items()) or "no flags"
        out.write(f"  {orig} → {trans}: {n_links} links; verdicts: {verdicts}; {kinds}\n")
    for note in summary.notes:
        out.write(f"note: {note}\n")

    items = {(pair, index): rest for pair, index, *rest in _link_items(comparison)}
    if every_link:
        order = list(items)
    else:
        order = [(d.pair, d.index) for d in summary.divergent if items[(d.pair, d.index)][1].flags]
    if not order:
        out.write("\nNo flags: nothing to review.\n")
        return
    out.write("\nLinks, most divergent first:\n" if not every_link else "\nLinks:\n")
    from compare.analyze.summary import divergence

    signatures: dict[str, str] = {}
    for number, key in enumerate(order, 1):
        link, analysis, (orig, orig_ids), (trans, trans_ids) = items[key]
        where = f"{_where(orig, orig_ids)} → {_where(trans, trans_ids)}"
        out.write(f"\n[{number}] {where}  verdict {analysis.verdict}, "
                  f"divergence {divergence(link, analysis):.2f}\n")
        for lang, ids in ((orig, orig_ids), (trans, trans_ids)):
            text = _texts(comparison, lang, ids) or "(nothing)"
            out.write(textwrap.fill(text, width, initial_indent=f"    {lang}  ",
                                    subsequent_indent=" " * 8, max_lines=4,
                                    placeholder=" …") + "\n")
        glossed = _gloss(comparison, orig, orig_ids, trans, trans_ids) if gloss else None
        if glossed:
            from compare.bridge import format_gloss

            out.write(textwrap.fill(format_gloss(glossed[1]), width, initial_indent=f"    gloss {glossed[0]}→en  ",
                                    subsequent_indent=" " * 8) + "\n")
        for flag in analysis.flags:
            out.write(textwrap.fill(_evidence(flag), width, initial_indent="    ",
                                    subsequent_indent=" " * 6) + "\n")
        for flag, mark, note in hidden.get(key, []):
            why = f"[{mark.replace('_', ' ')}{': ' + note if note else ''}] "
            out.write(textwrap.fill(why + _evidence(flag), width, initial_indent="    ",
                                    subsequent_indent=" " * 6) + "\n")
        mt_diff = _mt_diff(comparison, orig, orig_ids, trans, trans_ids)
        if mt_diff:
            from compare.analyze.diff import changed_words

            mt, tokens = mt_diff
            out.write(textwrap.fill(mt, width, initial_indent=f"    MT {orig}→{trans}  ",
                                    subsequent_indent=" " * 8, max_lines=3, placeholder=" …") + "\n")
            only_published = ", ".join(changed_words(tokens, "a")) or "—"
            only_mt = ", ".join(changed_words(tokens, "b")) or "—"
            out.write(textwrap.fill(f"words only in the published {trans}: {only_published}; "
                                    f"only in MT: {only_mt}", width, initial_indent="    ",
                                    subsequent_indent=" " * 6) + "\n")
        if analysis.scores:
            out.write("    scores: " + " · ".join(
                f"{name} {value:.1f}" for name, value in sorted(analysis.scores.items())) + "\n")
            signatures.update(analysis.signatures)
        if analysis.note:
            out.write(f"    note: {analysis.note}\n")
    if signatures:
        out.write("\nScore settings (sacrebleu signatures):\n")
        for metric in ("chrF++", "BLEU", "TER"):
            used = sorted({sig for name, sig in signatures.items() if name.startswith(metric)})
            for sig in used:
                out.write(f"  {metric}: {sig}\n")
    out.write(f"\nDivergence: {summary.signature}\n")


def _where(lang: str, ids) -> str:
    return f"{lang}:{','.join(map(str, ids))}" if ids else f"{lang}:—"


def _evidence(flag: Flag) -> str:
    badge = BADGES.get(flag.kind, "•")
    terms = f"«{flag.source_term or '—'}» → «{flag.target_term or '—'}»"
    levels = ""
    if flag.kind in ("softened", "sharpened", "mixed") and (
            flag.source_level is not None or flag.target_level is not None):
        levels = f" level {_level(flag.source_level)} → {_level(flag.target_level)};"
    rule = f" [{flag.rule}]" if flag.rule else ""
    return (f"{badge} {flag.kind} ({flag.category}, {flag.severity}): {terms};{levels} "
            f"{flag.explanation}{rule}")


def _level(value: float | None) -> str:
    return "—" if value is None else f"{value:g}"
