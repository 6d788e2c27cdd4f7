"""The tool on real agency pages: a private dev set of story folders with hand-made gold.

    .venv/bin/python benchmarks/real_pages.py DEVDIR [--pairs en-ru,en-be,ru-be]
        [--restructured] [--show-errors] [--no-preseg]

DEVDIR holds one folder per story (kept outside the repository: the texts are real pages, never
committed; benchmarks/real_pages/urls.tsv lists where they come from). Each folder has en.txt /
ru.txt / be.txt (a browser copy, one paragraph per line, page furniture included), story.toml,
and the gold:

    gold.segments.<lang>.tsv   KIND<TAB>SORT<TAB>TEXT per segment, in reading order; KIND is meta
                               (SORT says which furniture), dateline, title or body; TEXT is an
                               exact substring of the .txt (that is how it is located)
    gold.<src>-<tgt>.tsv       SRC_IDS<TAB>TGT_IDS<TAB>ROLE; ROLE title (headline with headline),
                               meta (furniture with its counterpart) or empty (content)

A second original of a language (ru-2.txt with gold.segments.ru-2.tsv) is joined to the first as
the story loader joins them (a blank line between); link ids count on through both.

What is measured (folders under restructured/ only with --restructured):

* segmentation: compare.segment.segment(text, lang) against the gold, per paragraph (line): a
  line is right when its segments have the gold's boundaries and the gold's class (structure =
  meta/dateline, title, body). "bounds" ignores the class.
* the story form, as `align STORY_DIR` runs it (the project's loader and pipeline, no MT, Apertium
  for ru-be when installed): predicted segments are mapped to gold segments by character overlap,
  and the content links (gold role empty) scored strict and lax with compare.evaluate. A predicted
  link counts as structure, not content, when every gold segment it covers is meta/dateline, and
  as a title link when its role is "title" or it covers headlines only. Title links are right when
  the gold has the same title link. "meta in content" counts meta/dateline gold segments inside
  scored content links (the bar is 0).
* flags on structure: compare.pipeline.compare_story's flags on links that touch a meta/dateline
  segment or pair two headlines the gold does not pair (the bar is 0).
* the presegmented form: DEVDIR/<story>/preseg/<lang>.txt (the gold body segments, one a line)
  and preseg/<src>-<tgt>.gold.tsv are written (kept current), aligned as `align --presegmented`
  does (its defaults), and scored strict.

--show-errors prints wrong links and wrong lines with the start of their text: page text on the
terminal, for the developer only (never paste it into a commit).
"""
from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from compare.evaluate import score  # noqa: E402
from compare.model import InputError, LANGS  # noqa: E402

STRUCTURE = {"meta", "dateline"}
PAIRS = ("en-ru", "en-be", "ru-be")


# ------------------------------------------------------------------ gold

@dataclass(frozen=True)
class GoldSegment:
    kind: str  # meta / dateline / title / body
    sort: str
    start: int
    end: int

    @property
    def cls(self) -> str:
        return "structure" if self.kind in STRUCTURE else self.kind


@dataclass
class GoldLink:
    src: tuple[int, ...]
    tgt: tuple[int, ...]
    role: str  # "" content / title / meta


@dataclass
class StoryGold:
    folder: Path
    texts: dict[str, str] = field(default_factory=dict)
    segments: dict[str, list[GoldSegment]] = field(default_factory=dict)
    links: dict[tuple[str, str], list[GoldLink]] = field(default_factory=dict)


def read_source_text(path: Path) -> str:
    """The text exactly as the story loader decodes and normalises it (offsets point into it)."""
    from compare.sources import normalise_newlines, read_text
    return normalise_newlines(read_text(path))


def locate(text: str, rows: list[tuple[str, str, str]], name: str) -> list[GoldSegment]:
    """Gold rows (kind, sort, text) → spans, found in reading order."""
    found, position = [], 0
    for number, (kind, sort, piece) in enumerate(rows, 1):
        start = text.find(piece, position)
        if start < 0:
            raise InputError(f"{name}: row {number} is not in the text after the previous row: {piece[:50]!r}")
        found.append(GoldSegment(kind, sort, start, start + len(piece)))
        position = start + len(piece)
    return found


def parse_ids(field_text: str) -> tuple[int, ...]:
    return tuple(int(x) for x in field_text.split(",") if x.strip())


def load_gold(folder: Path) -> StoryGold:
    gold = StoryGold(folder)
    # Several originals of one language (ru.txt, ru-2.txt …, each with its gold.segments.ru-2.tsv)
    # are joined as the story loader joins them: a blank line between, ids running on.
    parts: dict[str, list[str]] = {}
    for path in folder.glob("gold.segments.*.tsv"):
        key = path.name.split(".")[2]
        parts.setdefault(key.split("-")[0], []).append(key)
    for lang, keys in sorted(parts.items()):
        keys.sort(key=lambda k: (k != lang, len(k), k))
        text, segments = "", []
        for key in keys:
            path = folder / f"gold.segments.{key}.tsv"
            if text:
                text += "\n\n"
            offset = len(text)
            part = read_source_text(folder / f"{key}.txt")
            rows = []
            for line in path.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    kind, sort, piece = line.split("\t", 2)
                    rows.append((kind, sort, piece))
            segments += [GoldSegment(g.kind, g.sort, g.start + offset, g.end + offset)
                         for g in locate(part, rows, str(path))]
            text += part
        gold.texts[lang] = text
        gold.segments[lang] = segments
    for path in sorted(folder.glob("gold.*-*.tsv")):
        if path.name.startswith("gold.segments."):
            continue  # gold.segments.ru-2.tsv: a second original, read above
        src, tgt = path.name.split(".")[1].split("-")
        links = []
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            cells = line.split("\t")
            links.append(GoldLink(parse_ids(cells[0]), parse_ids(cells[1]),
                                  cells[2].strip() if len(cells) > 2 else ""))
        gold.links[(src, tgt)] = links
    return gold


# ------------------------------------------------------------------ segmentation

def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Each non-blank line, stripped: a paragraph of a browser copy."""
    spans, offset = [], 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            start = offset + line.find(stripped)
            spans.append((start, start + len(stripped)))
        offset += len(line) + 1
    return spans


def predicted_class(kind: str) -> str:
    return "structure" if kind in STRUCTURE else ("title" if kind == "title" else "body")


def line_results(text: str, gold: list[GoldSegment], predicted: list[tuple[int, int, str]]
                 ) -> list[tuple[int, bool, bool]]:
    """(line number, right with classes, right in boundaries) per paragraph. `predicted` holds
    (start, end, class) of the segmenter's segments."""
    results = []
    for number, (ls, le) in enumerate(paragraph_spans(text), 1):
        want = {(g.start, g.end, g.cls) for g in gold if g.start < le and g.end > ls}
        got = {(s, e, c) for s, e, c in predicted if s < le and e > ls}
        results.append((number, want == got, {(s, e) for s, e, _ in want} == {(s, e) for s, e, _ in got}))
    return results


# ------------------------------------------------------------------ alignment mapping

def overlap_map(pred_spans: list[tuple[int, int]], gold: list[GoldSegment]) -> list[tuple[int, ...]]:
    """For each predicted segment, the gold segments it overlaps (by at least one character)."""
    return [tuple(i for i, g in enumerate(gold) if g.start < e and g.end > s) for s, e in pred_spans]


def map_link(src_ids, tgt_ids, src_map, tgt_map) -> tuple[tuple[int, ...], tuple[int, ...]]:
    src = tuple(sorted({g for i in src_ids for g in src_map[i]}))
    tgt = tuple(sorted({g for j in tgt_ids for g in tgt_map[j]}))
    return src, tgt


@dataclass
class PairResult:
    gold: list = field(default_factory=list)  # content links of the gold
    test: list = field(default_factory=list)  # content links predicted (gold ids)
    title_right: int = 0
    title_wrong: int = 0
    title_missed: int = 0
    meta_in_content: int = 0
    flags_on_structure: int = 0
    errors: list = field(default_factory=list)  # (story, kind, src ids, tgt ids)


def classify(src: tuple[int, ...], tgt: tuple[int, ...], role: str,
             src_gold: list[GoldSegment], tgt_gold: list[GoldSegment]) -> str:
    kinds = [src_gold[i].cls for i in src] + [tgt_gold[j].cls for j in tgt]
    if not kinds:
        return "empty"
    if all(k == "structure" for k in kinds):
        return "structure"
    if role == "title" or all(k == "title" for k in kinds):
        return "title"
    return "content"


def score_pair_links(story_id: str, predicted: list[tuple[tuple[int, ...], tuple[int, ...], str]],
                     gold_links: list[GoldLink], src_gold: list[GoldSegment],
                     tgt_gold: list[GoldSegment], result: PairResult) -> None:
    """Add one story's pair to `result`: `predicted` holds links already mapped to gold ids."""
    gold_content = [(l.src, l.tgt) for l in gold_links if l.role == ""]
    gold_titles = {(l.src, l.tgt) for l in gold_links if l.role == "title" and l.src and l.tgt}
    test_content, test_titles = [], set()
    for src, tgt, role in predicted:
        what = classify(src, tgt, role, src_gold, tgt_gold)
        if what == "content":
            test_content.append((src, tgt))
            result.meta_in_content += sum(1 for i in src if src_gold[i].cls == "structure")
            result.meta_in_content += sum(1 for j in tgt if tgt_gold[j].cls == "structure")
        elif what == "title" and src and tgt:
            test_titles.add((src, tgt))
    result.title_right += len(test_titles & gold_titles)
    result.title_wrong += len(test_titles - gold_titles)
    result.title_missed += len(gold_titles - test_titles)
    result.gold.append(gold_content)
    result.test.append(test_content)
    gold_set = set(gold_content)
    for link in test_content:
        if link not in gold_set:
            result.errors.append((story_id, "wrong", link))
    test_set = set(test_content)
    for link in gold_content:
        if link not in test_set and link[0] and link[1]:
            result.errors.append((story_id, "missed", link))


def structure_flags(src_ids, tgt_ids, src_gold, tgt_gold, gold_titles, flags: int) -> int:
    """Flags that sit on structure: the link touches meta/dateline, or pairs headlines the gold
    does not pair."""
    if not flags:
        return 0
    touches = any(src_gold[i].cls == "structure" for i in src_ids) or any(
        tgt_gold[j].cls == "structure" for j in tgt_ids)
    titles_only = (src_ids and tgt_ids and all(src_gold[i].cls == "title" for i in src_ids)
                   and all(tgt_gold[j].cls == "title" for j in tgt_ids))
    if touches or (titles_only and (tuple(src_ids), tuple(tgt_ids)) not in gold_titles):
        return flags
    return 0


# ------------------------------------------------------------------ presegmented form

def preseg_files(gold: StoryGold, pairs: list[tuple[str, str]]) -> dict[str, Path]:
    """Write preseg/<lang>.txt (gold body segments) and preseg/<a>-<b>.gold.tsv; return the
    line files by language. Rewritten only when their content changes."""
    folder = gold.folder / "preseg"
    folder.mkdir(exist_ok=True)
    renumber, files = {}, {}
    for lang, segments in gold.segments.items():
        bodies = [i for i, g in enumerate(segments) if g.kind == "body"]
        renumber[lang] = {old: new for new, old in enumerate(bodies)}
        lines = [gold.texts[lang][segments[i].start:segments[i].end].replace("\n", " ") for i in bodies]
        files[lang] = folder / f"{lang}.txt"
        _write_if_changed(files[lang], "\n".join(lines) + "\n")
    for src, tgt in pairs:
        rows = []
        for link in gold.links[(src, tgt)]:
            if link.role == "":
                rows.append(",".join(str(renumber[src][i]) for i in link.src) + "\t"
                            + ",".join(str(renumber[tgt][j]) for j in link.tgt))
        _write_if_changed(folder / f"{src}-{tgt}.gold.tsv", "\n".join(rows) + "\n")
    return files


def _write_if_changed(path: Path, content: str) -> None:
    if not path.exists() or path.read_text(encoding="utf-8") != content:
        path.write_text(content, encoding="utf-8")


def align_presegmented(src_path: Path, tgt_path: Path, src: str, tgt: str) -> list:
    """As `python -m compare align --presegmented` runs with its defaults."""
    from compare.align import align_documents
    from compare.commands.align import APERTIUM_BY_DEFAULT, apertium_evidence, read_presegmented
    a = read_presegmented(str(src_path), src, check_lang=False)
    b = read_presegmented(str(tgt_path), tgt, check_lang=False)
    mt = mt_reverse = None
    label = "file"
    if APERTIUM_BY_DEFAULT:
        mt, mt_reverse, label = apertium_evidence(a, b, str(src_path), str(tgt_path), label)
    alignment = align_documents(a, b, mt=mt, mt_reverse=mt_reverse, mt_label=label)
    return [(tuple(l.src), tuple(l.tgt)) for l in alignment.links]


# ------------------------------------------------------------------ running

def story_folders(devdir: Path, restructured: bool) -> list[Path]:
    folders = [p for p in sorted(devdir.iterdir()) if p.is_dir() and p.name != "restructured"]
    if restructured and (devdir / "restructured").is_dir():
        folders += sorted(p for p in (devdir / "restructured").iterdir() if p.is_dir())
    return [p for p in folders if any(p.glob("gold.segments.*.tsv"))]


def clip(text: str, width: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[:width - 1] + "…"


def run(devdir: Path, pairs: list[tuple[str, str]], restructured: bool, show_errors: bool,
        preseg: bool) -> int:
    from compare.pipeline import PipelineOptions, compare_story
    from compare.segment import segment
    from compare.sources import load_story

    seg = {lang: [0, 0, 0] for lang in LANGS}  # lines, right, right in bounds
    seg_errors: list[str] = []
    results = {pair: PairResult() for pair in pairs}
    preseg_gold = {pair: [] for pair in pairs}
    preseg_test = {pair: [] for pair in pairs}
    sizes = {"stories": 0, "segments": {lang: 0 for lang in LANGS}}
    notes: list[str] = []

    for folder in story_folders(devdir, restructured):
        story_id = folder.name
        gold = load_gold(folder)
        sizes["stories"] += 1
        for lang, segments in gold.segments.items():
            sizes["segments"][lang] += len(segments)
            text = gold.texts[lang]
            predicted = [(s.start, s.end, predicted_class(s.kind)) for s in segment(text, lang)]
            for number, right, bounds in line_results(text, segments, predicted):
                seg[lang][0] += 1
                seg[lang][1] += right
                seg[lang][2] += bounds
                if not right and show_errors:
                    ls, le = paragraph_spans(text)[number - 1]
                    want = [(g.kind, text[g.start:g.end]) for g in segments if g.start < le and g.end > ls]
                    got = [(c, text[s:e]) for s, e, c in predicted if s < le and e > ls]
                    seg_errors.append(f"  {story_id} {lang}.txt:{number}\n"
                                      f"    gold {[(k, clip(t, 40)) for k, t in want]}\n"
                                      f"    got  {[(k, clip(t, 40)) for k, t in got]}")
        wanted = [p for p in pairs if p in gold.links]
        if not wanted:
            continue
        try:
            story = load_story(folder)
        except InputError as error:  # a short page the language check doubts: say so, go on
            notes.append(f"{story_id}: {error}; loaded without the language check")
            story = load_story(folder, check_lang=False)
        comparison = compare_story(story, PipelineOptions())
        for pair in wanted:
            src, tgt = pair
            alignment = comparison.alignments[pair]
            analyses = comparison.analyses.get(pair, ())
            src_doc, tgt_doc = story.documents[src], story.documents[tgt]
            if src_doc.text != gold.texts[src] or tgt_doc.text != gold.texts[tgt]:
                raise SystemExit(f"{story_id}: the loader's text differs from the file's")
            src_map = overlap_map([(s.start, s.end) for s in src_doc.segments], gold.segments[src])
            tgt_map = overlap_map([(s.start, s.end) for s in tgt_doc.segments], gold.segments[tgt])
            mapped = []
            gold_titles = {(l.src, l.tgt) for l in gold.links[pair] if l.role == "title"}
            for number, link in enumerate(alignment.links):
                s, t = map_link(link.src, link.tgt, src_map, tgt_map)
                mapped.append((s, t, getattr(link, "role", "")))
                flags = len(analyses[number].flags) if number < len(analyses) else 0
                results[pair].flags_on_structure += structure_flags(
                    s, t, gold.segments[src], gold.segments[tgt], gold_titles, flags)
            score_pair_links(story_id, mapped, gold.links[pair], gold.segments[src],
                             gold.segments[tgt], results[pair])
            if preseg:
                files = preseg_files(gold, wanted)
                bodies = {lang: [g for g in gold.segments[lang] if g.kind == "body"] for lang in pair}
                if bodies[src] and bodies[tgt]:
                    preseg_test[pair].append(align_presegmented(files[src], files[tgt], src, tgt))
                    gold_rows = (folder / "preseg" / f"{src}-{tgt}.gold.tsv").read_text().splitlines()
                    preseg_gold[pair].append([(parse_ids(r.split("\t")[0]), parse_ids(r.split("\t")[1]))
                                              for r in gold_rows if r.strip()])
            if show_errors:
                texts = {lang: gold.texts[lang] for lang in pair}
                for sid, what, (s, t) in [e for e in results[pair].errors if e[0] == story_id]:
                    left = " | ".join(clip(texts[src][gold.segments[src][i].start:gold.segments[src][i].end]) for i in s)
                    right = " | ".join(clip(texts[tgt][gold.segments[tgt][j].start:gold.segments[tgt][j].end]) for j in t)
                    print(f"  {sid} {src}-{tgt} {what} {list(s)}:{list(t)}\n    {src}: {left or '-'}\n    {tgt}: {right or '-'}")

    print(f"\nreal pages: {sizes['stories']} stories under {devdir}"
          + (" (restructured included)" if restructured else ""))
    print("gold segments: " + ", ".join(f"{lang} {n}" for lang, n in sizes["segments"].items() if n))
    print("\nsegmentation (paragraphs = lines; right = gold boundaries and class)")
    for lang in LANGS:
        lines, right, bounds = seg[lang]
        if lines:
            print(f"  {lang}: {right}/{lines} = {right / lines:.1%}   bounds only {bounds / lines:.1%}")
    print("\nalignment, story form (content links)      strict P/R/F1        lax F1   "
          "gold  titles ok/wrong/missed  meta-in-content  flags-on-structure  preseg strict F1")
    for pair in pairs:
        r = results[pair]
        if not r.gold:
            continue
        s = score(r.gold, r.test)
        pre = score(preseg_gold[pair], preseg_test[pair]) if preseg_test[pair] else None
        pre_text = f"{pre.f1_strict:.3f}" if pre else "-"
        print(f"  {pair[0]}-{pair[1]} ({len(r.gold):2d} stories)  "
              f"{s.precision_strict:.3f}/{s.recall_strict:.3f}/{s.f1_strict:.3f}   {s.f1_lax:.3f}  "
              f"{s.gold:5d}   {r.title_right}/{r.title_wrong}/{r.title_missed}"
              f"{'':18}{r.meta_in_content:3d}{'':17}{r.flags_on_structure:3d}{'':16}{pre_text}")
    if show_errors and seg_errors:
        print("\nsegmentation errors:")
        print("\n".join(seg_errors))
    for note in notes:
        print(f"note: {note}", file=sys.stderr)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("devdir", type=Path)
    parser.add_argument("--pairs", default=",".join(PAIRS), help="comma-separated, e.g. en-ru,ru-be")
    parser.add_argument("--restructured", action="store_true", help="also the folders under restructured/")
    parser.add_argument("--show-errors", action="store_true")
    parser.add_argument("--no-preseg", action="store_true", help="skip the presegmented form")
    args = parser.parse_args(argv)
    if not args.devdir.is_dir():
        print(f"{args.devdir}: not a folder", file=sys.stderr)
        return 2
    pairs = []
    for item in args.pairs.split(","):
        a, _, b = item.strip().partition("-")
        if a not in LANGS or b not in LANGS or a == b:
            print(f"--pairs: {item!r} is not a pair of en, ru, be (e.g. en-ru)", file=sys.stderr)
            return 2
        pairs.append((a, b))
    try:
        return run(args.devdir, pairs, args.restructured, args.show_errors, not args.no_preseg)
    except InputError as error:
        print(error, file=sys.stderr)
        return 2


if __name__ == "__main__":
    raise SystemExit(main())
