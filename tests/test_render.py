"""What the review page shows: escaped cells, gap labels, filters, badges with evidence, links.

compare/render.py builds every piece of HTML the app hands to st.html, so these tests read that
HTML back (lxml) instead of trusting string searches alone.
"""
from __future__ import annotations

import functools
from pathlib import Path

import lxml.html
import pytest
from lxml import etree

from compare import render
from compare.model import Flag, Row, Story, StoryMeta
from compare.pipeline import compare_story
from compare.sources import load_story, story_from_texts

CORPORA = Path(__file__).resolve().parent.parent / "corpora"
AGRICULTURE = "agriculture-grain-harvest"


@functools.lru_cache(maxsize=4)
def comparison_of(story_id: str):
    return compare_story(load_story(CORPORA / story_id))


def table_tree(html_text: str):
    return lxml.html.fromstring(f"<div>{html_text}</div>")


# ---------------------------------------------------------------- escaping

HOSTILE = [
    # (what a user pasted into a sentence, the text that must reach the page as text)
    "<script>window.__xss = 1</script>",
    '<img src=x onerror="window.__xss = 1">',
    '<a href="javascript:alert(1)">link</a>',
    "</td></tr></table><b>broken out</b>",
    '"><svg onload=alert(1)>',
    "Tom & Jerry's <b>bold</b> claim",
]


@pytest.mark.parametrize("payload", HOSTILE)
def test_user_text_reaches_the_table_as_text(payload):
    english = (f"The minister said the plan {payload} would be ready by May. "
               "Farmers in the region welcomed the decision.")
    russian = (f"Министр заявил, что план {payload} будет готов к маю. "
               "Аграрии региона приветствовали это решение.")
    comparison = compare_story(story_from_texts({"en": english, "ru": russian}, check_lang=False))
    views = render.row_views(comparison)
    page = render.rows_table_html(views, comparison.story.langs, "ru", show_mt=True)
    page += render.summary_html(views, [v.number for v in views])
    tree = table_tree(page)
    assert not tree.xpath("//script | //img | //svg | //b | //a[starts-with(@href, 'javascript')]")
    assert not [a for el in tree.iter() for a in el.attrib if a.lower().startswith("on")]
    assert len(tree.xpath("//table")) == 1  # the payload did not close the table
    cells = " ".join(td.text_content() for td in tree.xpath("//td[@lang='en']"))
    assert payload in cells  # shown as the user wrote it


@pytest.mark.parametrize("payload", HOSTILE)
def test_flag_evidence_is_escaped(payload):
    flag = Flag("number", "number", payload, "12", f"the source has {payload}", severity="high",
                rule=payload)
    evidence = render.flag_evidence(("ru", "en"), flag)
    assert "<" not in evidence and ">" not in evidence
    view = render.RowView(number=0, row=Row({"en": (0,), "ru": (0,)}),
                          texts={"en": f"It was {payload} and 12.", "ru": f"Было {payload} и 12."},
                          ids={"en": (0,), "ru": (0,)}, flags=((("ru", "en"), flag),), confidence=0.9)
    tree = table_tree(render.rows_table_html([view], ("en", "ru"), "ru"))
    assert not tree.xpath("//script | //img | //svg | //b")
    assert payload in tree.xpath("//details//li")[0].text_content()
    # the flag's term is marked in the original's cell, as text
    assert [m.text_content() for m in tree.xpath("//td[@lang='ru']//mark")] == [payload]


@pytest.mark.parametrize("text, marks, expected", [
    ("a <b> c", {"hl": [(2, 5)]}, 'a <mark class="hl">&lt;b&gt;</mark> c'),
    ("one two", {"hl": [(0, 7)], "mtdiff": [(4, 7)]},
     '<mark class="hl">one </mark><mark class="hl mtdiff">two</mark>'),
    ("x & y", {}, "x &amp; y"),
    ("quote\"s", {"hl": [(5, 7)]}, 'quote<mark class="hl">&quot;s</mark>'),
])
def test_mark_text_escapes_and_nests_overlaps(text, marks, expected):
    assert render.mark_text(text, marks) == expected


# ---------------------------------------------------------------- gaps

@pytest.mark.parametrize("texts, lang, label", [
    ({"en": "", "ru": "Больше всего техники.", "be": "Найбольш тэхнікі."}, "en", "not in the English"),
    ({"en": "Added line.", "ru": "", "be": ""}, "ru", "added in the English"),
    ({"en": "Added line.", "ru": "", "be": ""}, "be", "added in the English"),
    ({"en": "A line.", "ru": "", "be": "Радок."}, "ru", "not in the Russian"),
    ({"en": "A line.", "ru": "Строка.", "be": ""}, "be", "not in the Belarusian"),
    ({"en": "Added line.", "ru": ""}, "ru", "added in the English"),
])
def test_gap_labels(texts, lang, label):
    view = render.RowView(0, Row({}), texts, {k: () for k in texts}, (), 1.0)
    assert render.gap_label(lang, view) == label
    assert f"— {label} —" in render.cell_html(view, lang, "ru")


def test_the_omitted_sentence_of_the_sample_is_a_labelled_gap():
    """agriculture: the English omits ru:8 / be:8 (story.toml notes)."""
    comparison = comparison_of(AGRICULTURE)
    views = render.row_views(comparison)
    gap_rows = [v for v in views if not v.texts["en"] and v.texts["ru"]]
    assert gap_rows and any("Минской и Могилевской" in v.texts["ru"] for v in gap_rows)
    tree = table_tree(render.rows_table_html(views, comparison.story.langs, "ru"))
    row = tree.xpath(f"//tr[@id='row-{gap_rows[0].number}']")[0]
    assert "not in the English" in row.xpath("td[@lang='en']")[0].text_content()
    assert "omission" in row.xpath("td[@class='flags']")[0].text_content()


# ---------------------------------------------------------------- badges and highlights

@pytest.mark.parametrize("original_word, english_word, kind", [
    ("отметил", "warned", "sharpened"),  # reporting verb, row of en:14
    ("39,6", "36.9", "number"),  # the changed yield
    ("сентября", "October", "date"),  # the moved deadline
])
def test_flag_terms_are_marked_in_the_cell_of_their_language(original_word, english_word, kind):
    """Flags read original → translation, while the alignment pair is en → ru: the original's
    term must be marked in the Russian cell and the English term in the English cell."""
    comparison = comparison_of(AGRICULTURE)
    views = render.row_views(comparison)
    view = next(v for v in views if english_word in v.texts["en"] and kind in v.kinds)
    tree = table_tree(render.rows_table_html([view], comparison.story.langs, "ru"))
    marked = {lang: " ".join(m.text_content() for m in tree.xpath(f"//td[@lang='{lang}']//mark"))
              for lang in comparison.story.langs}
    assert english_word in marked["en"]
    assert original_word in marked["ru"]
    badge = tree.xpath(f"//details[contains(@class, 'kind-{kind}')]")[0]
    assert kind in badge.xpath("summary")[0].text_content()
    evidence = badge.xpath(".//li")[0].text_content()
    assert evidence.startswith(("ru→en", "be→en")) and "rule:" in evidence


def test_every_flag_of_a_story_shows_in_a_badge_with_its_evidence():
    comparison = comparison_of(AGRICULTURE)
    views = render.row_views(comparison)
    tree = table_tree(render.rows_table_html(views, comparison.story.langs, "ru"))
    evidence = tree.xpath("//details[contains(@class,'badge')]//li")
    # one bullet per issue (the Russian and the Belarusian flagging the same English words are one)
    assert len(evidence) == sum(len(render.issues(v.flags)) for v in views) > 0
    assert len(evidence) < sum(len(v.flags) for v in views)
    assert all("severity" in li.text_content() for li in evidence)
    text = " ".join(li.text_content() for li in evidence)
    for view in views:  # every flag's words are still in some bullet
        for pair, flag in view.flags:
            assert f"{pair[0]}→{pair[1]}" in text and (flag.source_term or "—") in text


# ---------------------------------------------------------------- filters and summary

def test_only_flagged_rows_by_kind_and_severity():
    views = render.row_views(comparison_of(AGRICULTURE))
    flagged = render.filter_rows(views, only_flagged=True)
    assert 0 < len(flagged) < len(views)
    assert all(v.flags for v in flagged)

    numbers = render.filter_rows(views, only_flagged=True, kinds=["number"])
    assert numbers and all(v.kinds == {"number"} for v in numbers)

    high = render.filter_rows(views, only_flagged=True, min_severity="high")
    assert high and all(f.severity == "high" for v in high for _, f in v.flags)
    low_only = {f.kind for v in views for _, f in v.flags if f.severity == "low"}
    assert low_only and not any(k in {f.kind for v in high for _, f in v.flags if f.severity == "low"}
                                for k in low_only)

    everything = render.filter_rows(views, min_severity="low")
    assert [v.number for v in everything] == [v.number for v in views]


def test_sorting_by_divergence_puts_the_changed_figures_first():
    views = render.row_views(comparison_of(AGRICULTURE))
    ordered = render.filter_rows(views, sort_by_divergence=True)
    scores = [v.divergence for v in ordered]
    assert scores == sorted(scores, reverse=True)
    top = ordered[0]
    assert {"number", "sharpened"} <= top.kinds  # the yield 39.6 → 36.9 without its hedge


def test_summary_links_point_at_rows_of_the_table():
    comparison = comparison_of(AGRICULTURE)
    views = render.row_views(comparison)
    shown = render.filter_rows(views, only_flagged=True, kinds=["date"])
    summary = table_tree(render.summary_html(views, [v.number for v in shown]))
    table = table_tree(render.rows_table_html(views, comparison.story.langs, "ru"))
    targets = [a.get("href") for a in summary.xpath("//a")]
    assert targets and all(t.startswith("#row-") for t in targets)
    ids = set(table.xpath("//tr/@id"))
    assert all(t[1:] in ids for t in targets)
    # rows the filters hide say so, rather than jumping nowhere
    hidden = [li for li in summary.xpath("//li") if "hidden by the filters" in li.text_content()]
    assert len(hidden) == len(targets) - sum(1 for v in shown if f"#row-{v.number}" in targets)


def test_a_story_with_no_flags_says_so():
    assert "No flags" in render.summary_html([], [])
    assert "No row matches" in render.rows_table_html([], ("en", "ru"), "ru")


# ---------------------------------------------------------------- exports

def test_tmx_download_parses_without_entities_and_holds_every_version():
    comparison = comparison_of(AGRICULTURE)
    choice = next(c for c in render.EXPORT_CHOICES if c.fmt == "tmx")
    data = render.export_bytes(comparison, choice)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    root = etree.fromstring(data, parser)
    langs = {tuv.get("{http://www.w3.org/XML/1998/namespace}lang", "").lower()[:2]
             for tuv in root.iter("tuv")}
    assert {"en", "ru", "be"} <= langs
    texts = " ".join(seg.text or "" for seg in root.iter("seg"))
    assert "36.9 centners" in texts and "39,6 ц/га" in texts
    assert render.export_name(comparison, choice) == f"{AGRICULTURE}.tmx"


@pytest.mark.parametrize("fmt", [c.fmt for c in render.EXPORT_CHOICES])
def test_every_download_button_gives_a_file(fmt):
    comparison = comparison_of(AGRICULTURE)
    choice = next(c for c in render.EXPORT_CHOICES if c.fmt == fmt)
    data = render.export_bytes(comparison, choice, ("en", "ru"))
    assert len(data) > 200
    name = render.export_name(comparison, choice, ("en", "ru"))
    assert name.endswith("." + choice.suffix)
    assert (".en-ru." in name) == choice.bilingual


def test_original_language_is_read_from_the_story_or_assumed():
    story = comparison_of(AGRICULTURE).story
    assert render.original_lang(story) == "ru"
    bare = Story("x", StoryMeta(), {lang: story.documents[lang] for lang in ("en", "be")})
    assert render.original_lang(bare) == "be"


# ---------------------------------------------------------------- MT word diff

def test_the_english_is_diffed_against_mt_of_the_original():
    """The renderings below are written for this test (engine "fixture"), as a literal MT would
    give them: the English says "warned" where the original's rendering says "noted"."""
    from compare.model import Translation

    english = ("The harvest will be late, the minister warned. "
               "Farmers in the north have finished sowing.")
    russian = ("Урожай будет поздним, отметил министр. "
               "Аграрии на севере завершили сев.")
    literal = ["The harvest will be late, the minister noted.",
               "Farmers in the north have completed sowing."]
    story = story_from_texts({"en": english, "ru": russian}, meta=StoryMeta(original="ru"))
    translations = {("ru", "en"): tuple(Translation(text, "fixture", "hand-written", "ru", "en")
                                        for text in literal)}
    comparison = compare_story(story, translations=translations)
    views = render.row_views(comparison)
    tree = table_tree(render.rows_table_html(views, story.langs, "ru", show_mt=True))
    first = tree.xpath("//tr[@id='row-0']")[0]
    in_english = [m.text_content() for m in first.xpath("td[@lang='en']/mark[contains(@class,'mtdiff')]")]
    in_mt = [m.text_content() for m in first.xpath("td[@lang='en']/div[@class='mt']/mark")]
    assert in_english == ["warned"] and in_mt == ["noted"]
    second = tree.xpath("//tr[@id='row-1']")[0]
    assert [m.text_content() for m in second.xpath("td[@lang='en']/mark")] == ["finished"]
    assert "MT of the Russian" in first.xpath("td[@lang='en']/div[@class='mt']")[0].text_content()
    # the scores that MT made possible, coloured on the red → green scale
    scores = first.xpath(".//div[@class='score']")
    assert scores and "MT ru→en · chrF++" in scores[0].text_content()
    assert "hsl(" in scores[0].get("style")
    # without the toggle, no rendering is shown, the diff marks stay
    plain = table_tree(render.rows_table_html(views, story.langs, "ru", show_mt=False))
    assert not plain.xpath("//div[@class='mt']") and plain.xpath("//mark[contains(@class,'mtdiff')]")


def test_page_furniture_rows_are_greyed_and_named_headlines_labelled():
    from compare.pipeline import compare_story
    from compare.render import row_views, rows_table_html
    from compare.sources import story_from_texts

    story = story_from_texts({
        "en": "Posted: 14.10.2025 12:05:00\nHarvest nears its end in Gomel Oblast\n"
              "Farms have threshed 1.2 million tonnes of grain.\nPhoto: press service\n"
              "Work will end on 20 October.",
        "ru": "Уборка в Гомельской области близится к концу\nХозяйства намолотили 1,2 млн т зерна.\n"
              "Работы завершатся 20 октября.",
    }, check_lang=False)
    views = row_views(compare_story(story))
    page = rows_table_html(views, story.langs)
    meta = [v for v in views if v.kind == "meta"]
    assert [v.sorts for v in meta] == [("timestamp",), ("credit",)]
    assert page.count('class="meta"') == 2 and "page furniture: timestamp" in page
    assert "page furniture: credit" in page
    assert all(not v.flags for v in meta)
    assert "— not in the" not in page.split("page furniture: timestamp")[0]  # no omission shown for it


# ---------------------------------------------------------------- a layout for reading

from compare import contrast  # noqa: E402

PAGE_BACKGROUNDS = {"the page": "#ffffff", "a row jumped to": "#fff6d6", "a furniture row": "#fafafa",
                    "the table header": "#f0f2f6"}


def our_text_pairs():
    backgrounds = dict(PAGE_BACKGROUNDS)
    # The badge symbol after a highlighted word sits on that highlight's background.
    backgrounds.update({f"the {kind} highlight": style.split(";")[0].split(":")[1]
                        for kind, style in render.HIGHLIGHTS.items()})
    return contrast.text_pairs(render.PAGE_CSS, render.TEXT, backgrounds)


@pytest.mark.parametrize("fg, bg, expected", [
    ("#000000", "#ffffff", 21.0), ("#ffffff", "#ffffff", 1.0), ("#777", "#fff", 4.48),
    ("#999999", "#ffffff", 2.85), ("hsl(0, 0%, 100%)", "#000", 21.0),
])
def test_contrast_ratio_matches_wcag(fg, bg, expected):
    assert contrast.ratio(fg, bg) == pytest.approx(expected, abs=0.01)


def test_every_text_colour_of_the_page_css_reaches_aa_on_every_background_it_can_sit_on():
    pairs = our_text_pairs()
    assert len(pairs) > 40  # the checker reads the stylesheet (it would pass vacuously otherwise)
    weak = [(where, fg, bg, value) for where, fg, bg, value in pairs if value < contrast.AA]
    assert not weak, weak
    assert "opacity" not in render.PAGE_CSS  # faded text would dodge the colour check


def test_our_captions_in_streamlit_are_not_faded_below_aa():
    """Streamlit draws st.caption at 60 % opacity (3.9:1 measured in the page); APP_CSS sets a
    solid colour, read against the page and the sidebar's background."""
    pairs = contrast.text_pairs(render.APP_CSS, render.TEXT, {"the page": "#ffffff", "the sidebar": "#f0f2f6"})
    captions = [p for p in pairs if "stCaptionContainer" in p[0]]
    assert captions and all(value >= contrast.AA for *_, value in captions), captions
    assert "opacity:1" in render.APP_CSS


@pytest.mark.parametrize("score", [0, 10, 25, 40, 50, 60, 75, 90, 100])
def test_score_chips_keep_their_text_readable(score):
    assert contrast.ratio(render.TEXT, render.score_colour(score)) >= contrast.AA


def test_the_english_gets_the_widest_column_and_long_tokens_wrap():
    comparison = comparison_of(AGRICULTURE)
    tree = table_tree(render.rows_table_html(render.row_views(comparison), comparison.story.langs, "ru"))
    cols = tree.xpath("//colgroup/col")
    assert [c.get("class") for c in cols] == ["num", *(f"lang-{l}" for l in comparison.story.langs), "flags"]
    english = tree.xpath("//col[@class='lang-en']")[0].get("style")
    assert english == "width:35%"  # the other two share the rest after the row number and flags
    assert "table-layout:fixed" in render.PAGE_CSS and "overflow-wrap:anywhere" in render.PAGE_CSS
    # the header sticks below Streamlit's toolbar, not under it
    assert f"top:{render.HEADER_OFFSET}" in render.PAGE_CSS


def test_one_issue_is_one_bullet_whatever_the_number_of_originals_that_show_it():
    """Russian and Belarusian both flag «noted» for «подчеркнул»/«падкрэсліў»: one bullet naming
    both originals' words; a different rule on the same words stays its own bullet."""
    def flag(term, rule="stress>note", target="noted"):
        return Flag(kind="softened", category="reporting_verb", source_term=term, target_term=target,
                    explanation=f"{term} → {target}", severity="low", rule=rule)

    flags = (
        (("ru", "en"), flag("подчеркнул")), (("be", "en"), flag("падкрэсліў")),
        (("ru", "en"), flag("заявил", rule="state>note")),
        (("ru", "en"), flag("отметил", target="observed")),
    )
    view = render.RowView(number=3, row=Row(segments={}), texts={}, ids={}, flags=flags, confidence=1.0)
    tree = table_tree(render.badges_html(view))
    bullets = [li.text_content() for li in tree.xpath("//li")]
    assert len(bullets) == 3, bullets
    assert bullets[0].startswith("ru→en, be→en") and "ru «подчеркнул» / be «падкрэсліў» → «noted»" in bullets[0]
    assert "×3" in tree.xpath("//summary")[0].text_content()


@pytest.mark.parametrize("story_id", ["agriculture-grain-harvest", "politics-talks-vitebsk"])
def test_bundled_evidence_has_no_two_bullets_for_one_english_issue(story_id):
    comparison = comparison_of(story_id)
    for view in render.row_views(comparison):
        tree = table_tree(render.badges_html(view))
        for details in tree.xpath("//details"):
            lines = [li.text_content() for li in details.xpath(".//li")]
            english_sides = [line.split(" → «")[-1].split("»")[0] + line.split("[rule:")[-1] for line in lines]
            assert len(set(english_sides)) == len(english_sides), lines


def test_each_flag_kind_has_its_own_highlight_that_names_its_badge():
    comparison = comparison_of(AGRICULTURE)
    views = render.row_views(comparison)
    tree = table_tree(render.rows_table_html(views, comparison.story.langs, "ru"))
    marks = tree.xpath("//td[@lang='en']//mark[contains(@class,'hl')]")
    kinds = {cls[2:] for m in marks for cls in m.get("class").split() if cls.startswith("k-")}
    assert {"sharpened", "number", "date"} <= kinds
    for mark in marks:
        kind = next(cls[2:] for cls in mark.get("class").split() if cls.startswith("k-"))
        row = mark.xpath("ancestor::tr")[0].get("id").split("-")[1]
        assert mark.get("title") == mark.get("aria-label")
        assert render.BADGES[kind][1] in mark.get("title") and f"row {row}" in mark.get("title")
        assert mark.get("data-sym") == render.BADGES[kind][0]
    # each style differs from every other in more than colour: its line or border is its own
    shapes = {kind: ";".join(p for p in style.split(";") if not p.startswith("background"))
              for kind, style in render.HIGHLIGHTS.items()}
    assert len(set(shapes.values())) == len(shapes)


# ---------------------------------------------------------------- exports from the page

def xliff_units(data: bytes):
    """The app's XLIFF download: 1.2, as the CLI's (what translate-toolkit and OmegaT read)."""
    tree = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
    ns = {"x": "urn:oasis:names:tc:xliff:document:1.2"}
    assert tree.get("version") == "1.2"
    return tree, ns, tree.xpath("//x:trans-unit", namespaces=ns)


def test_every_direction_of_every_pair_is_offered_the_original_into_english_first():
    comparison = comparison_of(AGRICULTURE)
    directions = render.export_directions(comparison)
    assert directions[0] == ("ru", "en")
    assert {("ru", "en"), ("en", "ru"), ("be", "en"), ("en", "be"), ("ru", "be"), ("be", "ru")} <= set(directions)


@pytest.mark.parametrize("pair", [("ru", "en"), ("be", "en"), ("en", "ru")])
def test_xliff_takes_the_chosen_source_language_and_skips_null_links(pair):
    comparison = comparison_of(AGRICULTURE)
    xliff = next(c for c in render.EXPORT_CHOICES if c.fmt == "xliff")
    tree, ns, units = xliff_units(render.export_bytes(comparison, xliff, pair, include_null=False))
    file = tree.find("{urn:oasis:names:tc:xliff:document:1.2}file")
    assert (file.get("source-language"), file.get("target-language")) == pair
    sources = [" ".join(u.xpath(".//x:source//text()", namespaces=ns)).strip() for u in units]
    targets = [" ".join(u.xpath(".//x:target//text()", namespaces=ns)).strip() for u in units]
    assert units and all(sources) and all(targets)
    russian = (CORPORA / AGRICULTURE / f"{pair[0]}.txt").read_text("utf-8")
    assert sum(s in russian for s in sources) == len(sources)  # the source really is that language
    _, _, with_null = xliff_units(render.export_bytes(comparison, xliff, pair, include_null=True))
    assert len(with_null) > len(units)  # the omitted sentence of the sample was a unit


def test_minimum_confidence_and_confirmed_only_leave_links_out():
    comparison = comparison_of(AGRICULTURE)
    pair = ("ru", "en")
    every = render.export_count(comparison, pair)
    sure = render.export_count(comparison, pair, min_confidence=0.9)
    assert 0 < sure < every
    assert render.export_count(comparison, pair, only_confirmed=True) == 0  # nothing confirmed yet
    confidences = sorted(l.confidence for l in comparison.alignments[("en", "ru")].links)
    assert sure == sum(c >= 0.9 for c in confidences)


@pytest.mark.parametrize("fmt", ["tmx", "xliff", "jsonl"])
def test_no_server_path_in_file_headers(fmt):
    comparison = comparison_of(AGRICULTURE)
    choice = next(c for c in render.EXPORT_CHOICES if c.fmt == fmt)
    data = render.export_bytes(comparison, choice, ("ru", "en")).decode("utf-8")
    assert str(CORPORA) not in data and "/corpora/" not in data
    assert "en.txt" in data  # the file is still named
