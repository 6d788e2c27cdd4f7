"""Our CAT exports in the hands of real consumers (issue 16, item 18).

- OmegaT (Debian `omegat`, console mode) pre-translates a project from our TMX, pairwise and
  three-way: every translatable segment of the source file comes out translated, with the text
  our memory holds; OmegaT reads our XLIFF 1.2 as a source file, one segment per unit.
- Every TMX is valid against LISA's TMX 1.4b DTD and every XLIFF 1.2 against OASIS's strict
  schema (the standards' own files: tests/data/schemas, checked against their packages).
- translate-toolkit reads every CAT export (TMX, XLIFF 1.2), xliff2po converts it with no empty
  msgid, and pocount counts the units we wrote.

One story, aligned once (one export through the CLI); OmegaT starts a JVM, so it runs four times in all.
The set-up (scripts/setup.sh, as root) installs omegat and translate-toolkit: in CI (CI set) a
missing one fails the test instead of skipping it.
"""
from __future__ import annotations

import hashlib
import io
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from standards import SCHEMAS, errors, lisa_tmx_dtd, xliff12_strict_schema

REPO = Path(__file__).resolve().parent.parent
STORY = REPO / "corpora" / "politics-talks-vitebsk"  # merges, an omission and an addition
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
X1 = "{urn:oasis:names:tc:xliff:document:1.2}"
OMEGAT_JAR = Path("/usr/share/omegat/OmegaT.jar")
SHA256 = {  # as recorded in tests/data/schemas/README.md
    "tmx14.dtd": "b55b69432676c1a330c1d4acf2db5f61d276ea83cda0180b7b3bc7018c459063",
    "xliff-core-1.2-strict.xsd": "be380cd73e632f358f8082b4304d435282494e5a01a3432639610568b323d552",
    "xml.xsd": "4811c301144dd763dca0cd9f8d0b4029c0a4ad1d84c73132c2531ec5f06ac340",
}


def needed(what: str, present: bool) -> None:
    """Skip on a machine without the tool; in CI the set-up installs it, so fail there."""
    if present:
        return
    message = f"{what} is not installed (scripts/setup.sh installs it as root)"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def export(out: Path, *options: str) -> Path:
    """The CLI, as a user runs it."""
    result = subprocess.run([sys.executable, "-m", "compare", "export", str(STORY), "--out",
                             str(out), *options], capture_output=True, text=True, cwd=REPO,
                            timeout=300)
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="module")
def exports(tmp_path_factory) -> dict[str, Path]:
    """One export through the CLI, as a user runs it; the others through the API (the CLI
    calls the same function) from the story aligned once."""
    from compare.commands.export import load_comparisons
    from compare.export import export_comparison
    from compare.export.options import creation_date

    folder = tmp_path_factory.mktemp("cat-exports")
    made = {"en-ru.tmx": export(folder / "en-ru.tmx", "--pair", "en-ru")}
    comparison, = load_comparisons([str(STORY)], warn=lambda message: None)
    for name, pair, include_null in [("three-way.tmx", None, None), ("ru-be.xlf", "ru-be", None),
                                     ("en-ru+null.tmx", "en-ru", True),
                                     ("ru-en+null.xlf", "ru-en", True)]:
        made[name] = folder / name
        export_comparison(comparison, None, made[name], pair=pair, include_null=include_null,
                          created=creation_date())
    return made


def tmx_units(path: Path) -> list[dict[str, str]]:
    root = etree.parse(str(path)).getroot()
    return [{tuv.get(XML_LANG): "".join(tuv.find("seg").itertext()) for tuv in tu.iter("tuv")}
            for tu in root.iter("tu")]


def xliff_units(path: Path) -> list[etree._Element]:
    return list(etree.parse(str(path)).getroot().iter(f"{X1}trans-unit"))


# ---------------------------------------------------------------- the standards' schemas

@pytest.mark.parametrize("name", sorted(SHA256))
def test_the_schema_copies_are_the_published_files(name):
    assert hashlib.sha256((SCHEMAS / name).read_bytes()).hexdigest() == SHA256[name]


def test_the_tmx_dtd_is_the_one_omegat_ships():
    needed("omegat", OMEGAT_JAR.is_file())
    with zipfile.ZipFile(OMEGAT_JAR) as jar:
        assert jar.read("schemas/tmx14.dtd") == (SCHEMAS / "tmx14.dtd").read_bytes()


def test_every_tmx_is_valid_against_the_lisa_dtd(exports):
    dtd = lisa_tmx_dtd()
    for name, path in exports.items():
        if name.endswith(".tmx"):
            assert dtd.validate(etree.parse(str(path))), f"{name}: {errors(dtd)}"


def test_every_xliff_is_valid_against_the_oasis_strict_schema(exports):
    schema = xliff12_strict_schema()
    for name, path in exports.items():
        if name.endswith(".xlf"):
            tree = etree.parse(str(path))
            assert tree.getroot().get("version") == "1.2"  # the default
            assert schema.validate(tree), f"{name}: {errors(schema)}"


def test_the_strict_schema_refuses_what_cat_tools_refuse(exports):
    """The check can fail: a unit without <source>, a state no tool knows."""
    schema = xliff12_strict_schema()
    tree = etree.parse(str(exports["ru-be.xlf"]))
    unit = next(tree.getroot().iter(f"{X1}trans-unit"))
    unit.find(f"{X1}target").set("state", "approved")
    assert not schema.validate(tree)
    dtd = lisa_tmx_dtd()
    tree = etree.parse(str(exports["en-ru.tmx"]))
    del tree.getroot().find("header").attrib["srclang"]
    assert not dtd.validate(tree)


def test_cat_exports_leave_null_links_out_and_name_the_pairs_source(exports):
    units = tmx_units(exports["en-ru.tmx"])
    assert units and all(u.get("en") and u.get("ru") for u in units)
    assert len(tmx_units(exports["en-ru+null.tmx"])) > len(units)  # the story has null links
    header = etree.parse(str(exports["en-ru.tmx"])).getroot().find("header")
    assert header.get("srclang") == "en"  # --pair en-ru, though the original is Russian
    assert len(header.get("creationdate", "")) == 16  # YYYYMMDDThhmmssZ
    for unit in xliff_units(exports["ru-be.xlf"]):
        assert unit.findtext(f"{X1}source") and unit.findtext(f"{X1}target")
    with_null = xliff_units(exports["ru-en+null.xlf"])
    assert any(unit.find(f"{X1}target") is None for unit in with_null)


# ---------------------------------------------------------------- translate-toolkit

def toolkit():
    try:
        from translate.storage import factory  # noqa: F401
    except ImportError:
        needed("translate-toolkit", False)


def test_translate_toolkit_reads_every_cat_export(exports):
    toolkit()
    from translate.storage import factory

    for name, path in exports.items():
        store = factory.getobject(str(path))
        units = [u for u in store.units if u.istranslatable()]
        written = tmx_units(path) if name.endswith(".tmx") else xliff_units(path)
        assert len(units) == len(written), name
        if "+null" not in name:
            assert all(u.source and u.target for u in units), name


@pytest.mark.parametrize("name", ["ru-be.xlf", "ru-en+null.xlf"])
def test_xliff2po_and_pocount_take_our_xliff(exports, name):
    toolkit()
    from translate.convert import xliff2po
    from translate.storage import po
    from translate.tools import pocount

    out = io.BytesIO()
    with open(exports[name], "rb") as source:
        assert xliff2po.convertxliff(source, out, None) == 1
    entries = [u for u in po.pofile(out.getvalue()).units if not u.isheader()]
    assert entries and all(u.source for u in entries)  # no empty msgid
    assert pocount.calcstats(str(exports[name]))["total"] == len(xliff_units(exports[name]))


# ---------------------------------------------------------------- OmegaT, console mode

PROJECT = """<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<omegat>
    <project version="1.0">
        <source_dir>__DEFAULT__</source_dir>
        <target_dir>__DEFAULT__</target_dir>
        <tm_dir>__DEFAULT__</tm_dir>
        <glossary_dir>__DEFAULT__</glossary_dir>
        <glossary_file>__DEFAULT__</glossary_file>
        <dictionary_dir>__DEFAULT__</dictionary_dir>
        <source_lang>{src}</source_lang>
        <target_lang>{tgt}</target_lang>
        <source_tok>org.omegat.tokenizer.{src_tok}</source_tok>
        <target_tok>org.omegat.tokenizer.{tgt_tok}</target_tok>
        <sentence_seg>false</sentence_seg>
        <support_default_translations>true</support_default_translations>
        <remove_tags>false</remove_tags>
    </project>
</omegat>
"""
TOKENIZERS = {"en": "LuceneEnglishTokenizer", "ru": "LuceneRussianTokenizer",
              "be": "LuceneRussianTokenizer"}  # OmegaT 3.6 has no Belarusian tokenizer


def omegat_project(folder: Path, src: str, tgt: str) -> Path:
    for sub in ("source", "target", "tm/auto", "glossary", "dictionary", "omegat"):
        (folder / sub).mkdir(parents=True, exist_ok=True)
    (folder / "omegat.project").write_text(PROJECT.format(
        src=src, tgt=tgt, src_tok=TOKENIZERS[src], tgt_tok=TOKENIZERS[tgt]), encoding="utf-8")
    return folder


def run_omegat(project: Path, home: Path) -> str:
    needed("omegat", shutil.which("omegat") is not None)
    # HOME: OmegaT writes its preferences there; never the user's
    result = subprocess.run(["omegat", str(project), "--mode=console-translate"],
                            capture_output=True, text=True, timeout=300,
                            env={**os.environ, "HOME": str(home)})
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    return result.stdout + result.stderr


@pytest.mark.parametrize("memory, src, tgt", [
    ("en-ru.tmx", "en", "ru"),  # pairwise
    ("three-way.tmx", "ru", "en"),  # three-way, the original as source
    ("three-way.tmx", "ru", "be"),
])
def test_omegat_pretranslates_every_segment_from_our_tmx(exports, tmp_path, memory, src, tgt):
    """A source file made of the memory's source sentences, one paragraph each; OmegaT applies
    tm/auto's exact matches, and the target file holds our target for every one."""
    units = [u for u in tmx_units(exports[memory]) if u.get(src) and u.get(tgt)]
    assert len(units) >= 10
    targets: dict[str, set[str]] = {}
    for unit in units:
        targets.setdefault(unit[src], set()).add(unit[tgt])
    project = omegat_project(tmp_path / "project", src, tgt)
    shutil.copy(exports[memory], project / "tm" / "auto" / memory)
    sources = list(targets)
    # paragraphs apart by an empty line: OmegaT's text filter makes each one a segment
    (project / "source" / "story.txt").write_text("\n\n".join(sources) + "\n", encoding="utf-8")
    log = run_omegat(project, tmp_path / "home")
    assert "TF_TM_LOAD_ERROR" not in log
    out = (project / "target" / "story.txt").read_text(encoding="utf-8")
    translated = [line for line in out.splitlines() if line.strip()]
    assert len(translated) == len(sources)
    missing = [s for s, t in zip(sources, translated) if t not in targets[s]]
    assert not missing, f"{len(missing)} of {len(sources)} not pre-translated, e.g. {missing[0]!r}"


def test_omegat_reads_our_xliff_one_segment_per_unit(exports, tmp_path):
    project = omegat_project(tmp_path / "project", "ru", "be")
    shutil.copy(exports["ru-be.xlf"], project / "source" / "story.xlf")
    run_omegat(project, tmp_path / "home")
    stats = (project / "omegat" / "project_stats.txt").read_text(encoding="utf-8")
    total = next(line for line in stats.splitlines() if line.startswith("Total:"))
    assert int(total.split()[1]) == len(xliff_units(exports["ru-be.xlf"]))  # notes, contexts:
    # never segments
    assert (project / "target" / "story.xlf").is_file()
