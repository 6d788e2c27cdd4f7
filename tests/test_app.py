"""The review app's flows, driven through streamlit.testing.v1.AppTest (no browser).

Each AppTest is one browser session: a new one is what a reload (or a second user) gets. Every
test points the corrections store (WIRE_COMPARE_STORE) and the MT cache at its own tmp files.
"""
from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import lxml.html
import pytest
from streamlit.testing.v1 import AppTest

from compare import render
from compare.model import LANG_NAMES

REPO = Path(__file__).resolve().parent.parent
APP = str(REPO / "app.py")
CORPORA = REPO / "corpora"
STORIES = sorted(p.name for p in CORPORA.iterdir() if (p / "story.toml").exists())
AGRICULTURE = CORPORA / "agriculture-grain-harvest"


@pytest.fixture(autouse=True)
def private_stores(tmp_path, monkeypatch):
    monkeypatch.setenv("WIRE_COMPARE_STORE", str(tmp_path / "corrections.sqlite"))
    monkeypatch.setenv("WIRE_COMPARE_MT_CACHE", str(tmp_path / "mt-cache.sqlite"))
    monkeypatch.setenv("WIRE_COMPARE_RESULT_CACHE", str(tmp_path / "results"))
    return tmp_path


def session(**widgets) -> AppTest:
    """A fresh browser session on the app, run once."""
    at = AppTest.from_file(APP, default_timeout=90)
    at.run()
    assert not at.exception, at.exception
    return at


def table(at: AppTest):
    """The aligned view's rows as one tree (cut in two around a row whose actions are open)."""
    bodies = [h.value for h in at.html if '<table class="aligned">' in h.value]
    assert 1 <= len(bodies) <= 2, "the aligned table is missing"
    return lxml.html.fromstring("<div>" + "".join(bodies) + "</div>")


def rows(at: AppTest):
    return table(at).xpath("//tr[starts-with(@id, 'row-')]")


def messages(at: AppTest, kind: str) -> list[str]:
    return [element.value for element in getattr(at, kind)]


def no_failure(at: AppTest) -> None:
    assert not at.exception, at.exception
    assert not [m for m in messages(at, "error") if "Something went wrong" in m]


# ---------------------------------------------------------------- opening stories

@pytest.mark.parametrize("story_id", STORIES)
def test_every_bundled_story_renders(story_id):
    at = session()
    at.selectbox(key="bundled").set_value(str(CORPORA / story_id)).run()
    no_failure(at)
    assert not messages(at, "error")
    comparison = at.session_state["comparison"]
    assert comparison.story.id == story_id
    assert len(rows(at)) == len(comparison.rows) > 5
    headers = [th.text_content() for th in table(at).xpath("//th")]
    assert headers[1:4] == ["English", "Russian (original)", "Belarusian"] or "English" in headers[1]
    # every sentence of every version is on the page, once
    for lang, document in comparison.story.documents.items():
        shown = [cell.text_content() for cell in table(at).xpath(f"//td[@lang='{lang}']")]
        assert sum(sentence.text in " ".join(shown) for sentence in document.segments) == len(document)


def test_the_page_opens_on_a_sample_story_with_flags_and_charts():
    at = session()
    assert at.radio(key="source").value == "Sample story"
    tree = table(at)
    assert tree.xpath("//details[contains(@class,'badge')]//li")  # evidence one click away
    summary = [h.value for h in at.html if 'class="summary"' in h.value][0]
    assert 'href="#row-' in summary
    assert len(at.get("vega_lite_chart")) == 2  # flags per kind; the alignment path


# ---------------------------------------------------------------- finding problems

def test_filters_show_only_the_rows_asked_for():
    at = session()
    everything = len(rows(at))
    at.toggle(key="only_flagged").set_value(True).run()
    flagged = rows(at)
    assert 0 < len(flagged) < everything
    assert all(row.xpath(".//details[contains(@class,'badge')]") for row in flagged)

    at.multiselect(key="kinds").set_value(["date"]).run()
    dated = rows(at)
    assert dated and all(
        {d.get("class").split("kind-")[1] for d in row.xpath(".//details")} == {"date"} for row in dated)
    assert any("October" in row.text_content() for row in dated)  # 10 September → 10 October

    at.multiselect(key="kinds").set_value([]).run()
    at.selectbox(key="severity").set_value("high").run()
    assert all("sev-high" in d.get("class") for row in rows(at) for d in row.xpath(".//details"))

    at.toggle(key="by_divergence").set_value(True).run()
    numbers = [int(row.get("id").split("-")[1]) for row in rows(at)]
    assert numbers != sorted(numbers)  # most divergent first, not reading order
    no_failure(at)


# ---------------------------------------------------------------- correcting the alignment

def open_link(at: AppTest, pair: tuple[str, str], index: int) -> int:
    """Open the actions of the row that shows link `index` of `pair` (as a click on its row
    number does) with that link chosen; returns the row's number."""
    comparison = at.session_state["comparison"]
    number = next(n for n, row in enumerate(comparison.rows) if index in row.links.get(pair, ()))
    at.session_state["row_pick"] = number
    at.run()
    choices = [(p, i) for p in comparison.alignments for i in comparison.rows[number].links.get(p, ())]
    if len(choices) > 1:
        at.segmented_control(key=f"ra_pair_{number}").set_value(choices.index((pair, index))).run()
    return number


def choose_link(at: AppTest, pair: tuple[str, str], row_number: int) -> int:
    index = at.session_state["comparison"].rows[row_number].links[pair][0]
    open_link(at, pair, index)
    return index


ACTION_KEYS = {"confirm": "ra_confirm", "merge next": "ra_merge_next", "merge previous": "ra_merge_prev",
               "split": "ra_split", "moved": "ra_moved"}


def apply(at: AppTest, action: str, option=None) -> None:
    """Click one of the open row's actions: confirm, merge next / previous, split (option: the
    (src_at, tgt_at) boundary), move (option: (side, to)), moved (option: the counterpart)."""
    if action == "move":
        key = "ra_move_%s_%s" % option
    else:
        key = ACTION_KEYS[action]
        if option is not None:
            box = next(b for b in at.selectbox if (b.key or "").startswith(
                "ra_split_at_" if action == "split" else "ra_moved_to_"))
            box.set_value(option)
    at.button(key=key).click().run()
    no_failure(at)


def test_merge_is_saved_realigned_around_and_found_again_after_a_reload():
    at = session()
    choose_link(at, ("en", "ru"), 0)  # title ↔ title; merge it with the dateline sentence
    apply(at, "merge next")
    assert any(m.startswith("Saved: merge") and "en:0,1 ↔ ru:0,1 now pair" in m
               for m in messages(at, "success"))
    comparison = at.session_state["comparison"]
    merged = comparison.alignments[("en", "ru")].links[0]
    assert (merged.src, merged.tgt, merged.status) == ((0, 1), (0, 1), "confirmed")
    first = rows(at)[0]
    assert "✔ confirmed" in first.text_content()
    assert first.xpath("td[@lang='en']/span[@class='ids']")[0].text == "en:0,1"

    reloaded = session()  # a new session: the correction comes back from the store
    first = rows(reloaded)[0]
    assert "✔ confirmed" in first.text_content()
    assert first.xpath("td[@lang='en']/span[@class='ids']")[0].text == "en:0,1"
    record = next(json.loads(line) for line in render.export_bytes(
        reloaded.session_state["comparison"], render.EXPORT_CHOICES[3]).decode().splitlines()
        if json.loads(line).get("type") == "row")
    assert "MINSK" in record["text"]["en"]  # the exported row is the merged one
    en_ru = [link for link in record["links"] if link["pair"] == ["en", "ru"]]
    assert [(l["src"], l["tgt"], l["status"]) for l in en_ru] == [([0, 1], [0, 1], "confirmed")]

    reloaded.button(key="fix_undo").click().run()
    assert any(m.startswith("Undone: merge") for m in messages(reloaded, "success"))
    assert "✔" not in rows(reloaded)[0].text_content()
    assert reloaded.session_state["comparison"].alignments[("en", "ru")].links[0].src == (0,)


def test_realignment_honours_a_moved_sentence_and_keeps_every_sentence_once():
    """Move the last English sentence of the split row (en:7,8 ↔ ru:7) down to the next pair:
    the aligner must keep both confirmed links exactly and re-align the rest around them."""
    at = session()
    split_row = next(n for n, row in enumerate(at.session_state["comparison"].rows)
                     if row.segments["en"] == (7, 8))
    choose_link(at, ("en", "ru"), split_row)
    apply(at, "move", ("src", "next"))
    alignment = at.session_state["comparison"].alignments[("en", "ru")]
    confirmed = [(l.src, l.tgt) for l in alignment.links if l.status == "confirmed"]
    assert confirmed == [((7,), (7,)), ((8,), (8,))]
    for side, size in (("src", 21), ("tgt", 22)):
        ids = sorted(i for link in alignment.links for i in getattr(link, side))
        assert ids == list(range(size))  # never drop a sentence, never show one twice


def test_a_correction_that_cannot_apply_says_why():
    at = session()
    comparison = at.session_state["comparison"]
    last = len(comparison.alignments[("en", "ru")].links) - 1
    open_link(at, ("en", "ru"), last)  # the last row has no next row to merge with
    assert at.button(key="ra_merge_next").disabled and not at.button(key="ra_merge_prev").disabled
    from compare import corrections
    from compare.model import InputError

    with pytest.raises(InputError, match="no such row"):  # what the page never offers
        corrections.merge_with_next(comparison.alignments[("en", "ru")].links, [], last)


# ---------------------------------------------------------------- exports

def test_export_buttons_for_every_format():
    at = session()
    labels = {b.label for b in at.get("download_button")}
    assert labels == {c.label for c in render.EXPORT_CHOICES}
    assert {"TMX", "XLSX", "CSV", "JSONL", "XLIFF 2.0", "InterText"} <= labels


# ---------------------------------------------------------------- uploads, paste, folder

def docx_bytes(text: str) -> bytes:
    import docx

    document = docx.Document()
    for paragraph in text.split("\n\n"):
        document.add_paragraph(paragraph)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def upload(at: AppTest, files) -> AppTest:
    at.radio(key="source").set_value("Upload files").run()
    at.file_uploader(key="uploads").set_value(files).run()
    no_failure(at)
    return at


def story_text(lang: str, story: Path = AGRICULTURE) -> str:
    return (story / f"{lang}.txt").read_text("utf-8")


def test_upload_txt_docx_html_with_languages_identified_and_editable():
    html_page = ("<html><head><script>alert(1)</script></head><body><p>"
                 + story_text("be").replace("\n\n", "</p><p>") + "</p></body></html>")
    at = upload(session(), [("story-a.txt", story_text("en").encode(), "text/plain"),
                            ("story-b.docx", docx_bytes(story_text("ru")), "application/octet-stream"),
                            ("story-c.html", html_page.encode(), "text/html")])
    languages = {s.label: s.value for s in at.selectbox if s.label.startswith("Language of")}
    assert languages == {"Language of story-a.txt": "en", "Language of story-b.docx": "ru",
                         "Language of story-c.html": "be"}
    assert any("identified as Belarusian" in c.value for c in at.caption)
    assert at.session_state["comparison"].story.langs == ("en", "ru", "be")
    assert len(rows(at)) > 15 and "alert(1)" not in table(at).text_content()

    # the user overrides a language: two files are now "Russian" → two Russian originals of a
    # compiled story (said in the sidebar), not a traceback
    at.selectbox(key="lang-2-story-c.html").set_value("ru").run()
    no_failure(at)
    assert any("Russian: 2 originals (story-b.docx, story-c.html)" in c.value for c in at.caption)
    assert at.session_state["comparison"].story.documents["ru"].several


BAD_UPLOADS = [
    # (files, what the message must say)
    ([("huge.txt", b"a" * (20 * 1024 * 1024), "text/plain")], "larger than"),
    ([("empty.txt", b"", "text/plain"), ("ru.txt", story_text("ru").encode(), "text/plain")], "empty"),
    ([("article.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n", "text/plain")], "PDF"),
    ([("en.txt", story_text("en").encode(), "text/plain")]
     + [(f"{name}.txt", story_text("ru").encode(), "text/plain") for name in ("a", "b")],
     "the same text as another Russian original"),
    ([(f"{lang}{n}.txt", story_text(lang).encode(), "text/plain") for n, lang in
      enumerate(("en", "ru", "be") * 3)], "9 files uploaded"),
]


@pytest.mark.parametrize("files, message", BAD_UPLOADS, ids=["20MB", "empty", "pdf-as-txt",
                                                             "same-text-twice", "nine-files"])
def test_bad_uploads_get_a_message_in_the_page(files, message):
    at = upload(session(), files)
    assert any(message in m for m in messages(at, "error")), messages(at, "error")
    assert not [h for h in at.html if '<table class="aligned">' in h.value]


def test_two_unrelated_articles_are_flagged_as_probably_not_translations():
    other = CORPORA / "security-border-detention"
    at = upload(session(), [("en.txt", story_text("en").encode(), "text/plain"),
                            ("ru.txt", story_text("ru", other).encode(), "text/plain")])
    assert any("may not be versions of the same story" in m for m in messages(at, "warning"))


def test_pasted_html_and_script_are_shown_as_text_never_as_markup():
    at = session()
    at.radio(key="source").set_value("Paste texts").run()
    assert any("Paste at least two" in m for m in messages(at, "info"))
    english = ("The minister said <script>window.__xss=1</script> the plan is ready. "
               'Farmers welcomed it <img src=x onerror="window.__xss=1"> on Monday.')
    russian = ("Министр заявил <script>window.__xss=1</script>, что план готов. "
               'Аграрии приветствовали его <img src=x onerror="window.__xss=1"> в понедельник.')
    at.text_area(key="paste-en").set_value(english)
    at.text_area(key="paste-ru").set_value(russian)
    at.button(key="paste-apply").click().run()  # the form applies both boxes at once
    no_failure(at)
    tree = table(at)
    assert not tree.xpath("//script | //img")
    assert "<script>window.__xss=1</script>" in tree.text_content()
    assert '<img src=x onerror="window.__xss=1">' in tree.text_content()


def test_folder_of_the_users_and_a_wrong_path(tmp_path, monkeypatch):
    monkeypatch.setenv("WIRE_COMPARE_FOLDER_ROOTS", str(tmp_path))  # the folder source's guard
    folder = tmp_path / "my story"
    shutil.copytree(AGRICULTURE, folder, ignore=shutil.ignore_patterns("gold", "*.tsv"))
    at = session()
    at.radio(key="source").set_value("Folder on this computer").run()
    at.text_input(key="folder").set_value(str(folder)).run()
    no_failure(at)
    assert at.session_state["comparison"].story.id == "my story"
    at.text_input(key="folder").set_value(str(tmp_path / "missing")).run()
    no_failure(at)
    assert any("not a folder" in m for m in messages(at, "error"))


def test_two_sessions_do_not_see_each_others_uploads_or_pending_corrections():
    first = upload(session(), [("en.txt", story_text("en").encode(), "text/plain"),
                               ("ru.txt", story_text("ru").encode(), "text/plain")])
    first.session_state["row_pick"] = 2
    first.run()
    second = session()
    assert second.radio(key="source").value == "Sample story"
    assert second.session_state["comparison"].story.id != "upload"
    assert not [b for b in second.button if b.key == "ra_confirm"]  # no row open there
    assert first.session_state["comparison"].story.id == "upload"


# ---------------------------------------------------------------- machine translation

def apertium_ready() -> bool:
    try:
        from compare.translate import direction_status

        return any(s.direction == "ru-be" and s.ready for s in direction_status())
    except Exception:  # noqa: BLE001 — no MT layer: the test below is skipped
        return False


def test_mt_section_gives_each_direction_its_state_and_the_commands_once():
    from compare.translate import direction_status

    at = session()
    lines = " ".join(m.value for m in at.sidebar.markdown)
    for status in direction_status():
        ready = status.ready or any(a.ready for a in status.alternatives)
        name = f"{LANG_NAMES[status.src_lang]} → {LANG_NAMES[status.tgt_lang]}"
        assert f"{'✔' if ready else '✖'} **{name}** · {'ready' if ready else ''}".rstrip() in lines
    commands = [option.how for status in direction_status() for option in (status, *status.alternatives)
                if not option.ready and option.how and not (status.ready or any(a.ready for a in status.alternatives))]
    code = " ".join(c.value for c in at.sidebar.code)
    assert all(code.count(how) == 1 for how in set(commands))
    captions = " ".join(c.value for c in at.sidebar.caption)
    assert not any(how in captions for how in commands)  # the terminal is a secondary hint, once
    if commands:  # a field for a local model folder per missing neural direction
        assert any(t.key.startswith("mt-folder-") for t in at.sidebar.text_input)


def test_a_wrong_model_folder_gets_one_line_and_the_field_keeps_it(tmp_path, monkeypatch):
    at = session()
    fields = [t for t in at.sidebar.text_input if t.key.startswith("mt-folder-")]
    if not fields:
        pytest.skip("every direction has a model here")
    fields[0].input("/etc").run()
    no_failure(at)
    assert any("outside the folders this app may open" in m for m in messages(at, "error"))
    assert at.text_input(key=fields[0].key).value == "/etc"  # remembered in the session
    assert at.session_state["comparison"]  # the review goes on


@pytest.mark.skipif(not apertium_ready(), reason="apertium rus-bel is not installed here")
def test_mt_renderings_scores_and_word_diff_with_apertium():
    at = session()
    at.toggle(key="translate").set_value(True).run()
    no_failure(at)
    comparison = at.session_state["comparison"]
    assert {("ru", "be"), ("be", "ru")} <= set(comparison.translations)
    assert any("MT not run for" in c.value for c in at.caption)  # the English directions
    at.toggle(key="show_mt").set_value(True).run()
    tree = table(at)
    assert tree.xpath("//td[@lang='be']//div[@class='mt']")
    assert any("chrF++" in s.text_content() for s in tree.xpath("//div[@class='score']"))
    assert "MT of the Russian" in tree.xpath("//td[@lang='be']//div[@class='mt']")[0].text_content()
    assert not tree.xpath("//td[@lang='be']//mark[contains(@class,'mtdiff')]")  # English only


# ---------------------------------------------------------------- layout and progress (issue 15)

def test_a_fresh_session_is_told_what_loads_and_the_message_goes_once_the_table_is_there():
    at = AppTest.from_file(APP, default_timeout=90)
    at.run()
    no_failure(at)
    assert not [m for m in messages(at, "info") if "Loading" in m]  # emptied: the table is on the page
    assert rows(at)
    source = Path(APP).read_text("utf-8")
    # the message is drawn before the package (the aligner, numpy) is imported
    assert source.index("_LOADING.info(") < source.index("from compare import")


def test_the_overview_is_one_line_of_jump_links_and_the_table_follows_the_filters():
    at = session()
    bar = [h.value for h in at.html if 'class="bar"' in h.value]
    assert len(bar) == 1
    links = lxml.html.fromstring(bar[0]).xpath("//div[@class='bar']//a")
    assert 1 <= len(links) <= 8 and all(a.get("href").startswith("#row-") for a in links)
    ids = {tr.get("id") for tr in rows(at)}
    assert {a.get("href")[1:] for a in links} <= ids
    # the long list, the chart and the path wait in one expander
    assert any(e.label.startswith("Overview") for e in at.expander)


def rows_or_none(at: AppTest):
    return [h for h in at.html if '<table class="aligned">' in h.value]


def test_pasted_texts_in_the_main_area_are_applied_by_the_button():
    at = session()
    at.radio(key="source").set_value("Paste texts").run()
    no_failure(at)
    assert not at.sidebar.text_area  # the boxes are in the main area, not the sidebar
    assert {a.key for a in at.main.text_area} == {"paste-en", "paste-ru", "paste-be"}
    at.text_area(key="paste-en").input(story_text("en"))
    at.text_area(key="paste-ru").input(story_text("ru"))
    at.run()
    assert at.session_state["paste-en"] == "" and not rows_or_none(at)  # typed, not yet applied
    at.text_area(key="paste-en").input(story_text("en"))
    at.text_area(key="paste-ru").input(story_text("ru"))
    at.button(key="paste-apply").click().run()
    no_failure(at)
    assert at.session_state["comparison"].story.id == "pasted"
    assert at.session_state["comparison"].story.langs == ("en", "ru")
    assert rows(at)


GERMAN = ("Die Landwirte in Belarus haben in diesem Jahr mehr als sieben Millionen Tonnen Getreide "
          "geerntet, teilte der Vorsitzende der Erntekommission am Donnerstag in Minsk mit. Die "
          "Ernte sei wegen des trockenen Frühjahrs schwieriger gewesen als im vergangenen Jahr.")


def test_a_file_in_a_language_a_story_cannot_use_is_named_with_that_language():
    at = upload(session(), [("english.txt", story_text("en").encode(), "text/plain"),
                            ("german.txt", GERMAN.encode(), "text/plain")])
    errors = messages(at, "error")
    assert any(m.startswith("german.txt is in German") and "a story takes English, Russian and Belarusian" in m
               for m in errors), errors
    assert not any("files are in English" in m for m in errors)
    assert at.selectbox(key="lang-1-german.txt").value is None  # no language assumed for it
    assert not rows_or_none(at)


def test_the_language_check_the_message_offers_is_a_switch_on_the_page():
    """A Belarusian text in the Russian box: the message names the switch, which is there; with
    it off, the texts are compared."""
    at = session()
    at.radio(key="source").set_value("Paste texts").run()
    at.text_area(key="paste-en").input(story_text("en"))
    at.text_area(key="paste-ru").input(story_text("be"))
    at.button(key="paste-apply").click().run()
    no_failure(at)
    errors = messages(at, "error")
    assert any("The Russian text: declared Russian but the text reads as Belarusian" in m
               and "untick *Check each text's language*" in m for m in errors), errors
    assert at.checkbox(key="paste-check-lang").label == "Check each text's language"
    at.text_area(key="paste-en").input(story_text("en"))
    at.text_area(key="paste-ru").input(story_text("be"))
    at.checkbox(key="paste-check-lang").uncheck()
    at.button(key="paste-apply").click().run()
    no_failure(at)
    assert not messages(at, "error") and rows(at)


def test_exports_choose_a_source_language_and_filters_in_the_page():
    at = session()
    pair = at.selectbox(key="export_pair")
    assert pair.value == ("ru", "en")  # the original into English: a CAT project's usual direction
    assert pair.options[:2] == ["Russian → English", "Belarusian → English"]
    assert {"English → Russian", "Belarusian → Russian", "Russian → Belarusian"} <= set(pair.options)
    assert at.checkbox(key="export_skip_null").value is True
    caption = lambda: next(c.value for c in at.sidebar.caption if "pass these settings" in c.value
                           or "nothing to export" in c.value)
    every = int(caption().split()[0])
    at.slider(key="export_confidence").set_value(0.9).run()
    sure = int(caption().split()[0])
    assert 0 < sure < every
    at.checkbox(key="export_confirmed").check().run()
    no_failure(at)
    assert caption().startswith("0 pair")  # nothing confirmed yet: the buttons are off
    assert all(b.proto.disabled for b in at.get("download_button"))


def test_a_second_pasted_original_shows_where_each_english_paragraph_came_from():
    """A compiled English story: the lead paragraphs of one story and of another, each original
    pasted in its own Russian box; the sources expander names both and what is unused."""
    other = CORPORA / "security-border-detention"
    first, second = story_text("en").split("\n\n"), story_text("en", other).split("\n\n")
    at = session()
    at.radio(key="source").set_value("Paste texts").run()
    at.checkbox(key="paste-several").check().run()
    no_failure(at)
    at.text_area(key="paste-en").input("\n\n".join(first[:4] + second[1:3]))
    at.text_area(key="paste-ru").input(story_text("ru"))
    at.text_area(key="paste-ru-2").input(story_text("ru", other))
    at.button(key="paste-apply").click().run()
    no_failure(at)
    story = at.session_state["comparison"].story
    assert [p.key for p in story.documents["ru"].parts] == ["ru", "ru-2"]
    expander = next(e for e in at.expander if e.label.startswith("Sources — the English draws on 2 Russian originals"))
    frames = [f.value for f in expander.dataframe]
    assert list(frames[0]["file"]) == ["<Russian text>", "<Russian text 2>"]
    sources = " ".join(frames[1]["from"])
    assert "<Russian text> (" in sources and "<Russian text 2> (" in sources
    assert "sentences" in frames[2].columns  # the unused stretches, listed
