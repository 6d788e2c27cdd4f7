"""Page furniture and headlines around the alignment (compare/align/structure.py).

The stories are the bundled ones with page furniture added as real pages carry it (our own
furniture lines): the content links must come out exactly as on the clean story, every meta
line in a row of its own kind, independent headlines unlinked and unflagged."""
from pathlib import Path

import pytest

from compare.align import align_story
from compare.align.threeway import row_kind
from compare.model import InputError, Link
from compare.pipeline import compare_story
from compare.sources import load_story, story_from_texts

REPO = Path(__file__).resolve().parent.parent
STORIES = sorted(p.name for p in (REPO / "corpora").iterdir() if (p / "story.toml").exists())

# Furniture per language: (lines above the headline, lines after the first paragraph, end)
FURNITURE = {
    "en": (["Posted: 14.10.2025 12:05:00", "Politics"], ["Photo: press service", "Read also"],
           ["Based on materials of the regional agency", "Share"]),
    "ru": (["14.10.2025 | 12:05", "Политика"], ["Фото: пресс-служба агентства"],
           ["Источник: пресс-служба агентства", "Подписывайтесь на наш Telegram-канал"]),
    "be": (["Апублікавана: 14.10.2025 12:05"], ["Фота БЕЛТА", "Чытайце таксама"],
           ["Паводле матэрыялаў агенцтва", "-0-"]),
}


def furnished(text: str, lang: str) -> str:
    """The story text with furniture lines put where pages put them."""
    top, middle, end = FURNITURE[lang]
    paragraphs = [p for p in text.split("\n") if p.strip()]
    return "\n".join(top + paragraphs[:2] + middle + paragraphs[2:] + end)


def content_links(story, alignments):
    """Each pair's links over body text, as (source texts, target texts)."""
    out = {}
    for (src, tgt), alignment in alignments.items():
        out[(src, tgt)] = [
            (tuple(story.documents[src].segments[i].text for i in l.src),
             tuple(story.documents[tgt].segments[j].text for j in l.tgt))
            for l in alignment.links if l.role == ""]
    return out


@pytest.mark.parametrize("name", STORIES)
def test_furniture_changes_no_content_link(name):
    clean = load_story(REPO / "corpora" / name, check_lang=False)
    texts = {lang: furnished(doc.text, lang) for lang, doc in clean.documents.items()}
    messy = story_from_texts(texts, story_id=name, meta=clean.meta, check_lang=False)
    clean_alignments, _, _ = align_story(clean)
    messy_alignments, rows, _ = align_story(messy)
    assert content_links(messy, messy_alignments) == content_links(clean, clean_alignments)
    # every meta line stands in a row of kind "meta", never inside a content row
    for row in rows:
        kinds = {messy.documents[lang].segments[i].kind for lang, ids in row.segments.items() for i in ids}
        if kinds & {"meta", "dateline"}:
            assert row_kind(row, messy.documents) == "meta", row
    # every segment of every version in exactly one link of each of its pairs
    for (src, tgt), alignment in messy_alignments.items():
        assert sorted(i for l in alignment.links for i in l.src) == list(range(len(messy.documents[src].segments)))
        assert sorted(j for l in alignment.links for j in l.tgt) == list(range(len(messy.documents[tgt].segments)))


def test_timestamps_above_the_story_pair_with_each_other():
    texts = {
        "en": "Posted: 14.10.2025 12:05:00\nHarvest nears its end in Gomel Oblast\n"
              "Farms have threshed 1.2 million tonnes of grain. Work will end on 20 October.",
        "ru": "Дата публикации: 14.10.2025 12:05\nУборка в Гомельской области близится к концу\n"
              "Хозяйства намолотили 1,2 млн т зерна. Работы завершатся 20 октября.",
    }
    story = story_from_texts(texts, check_lang=False)
    alignments, rows, _ = align_story(story)
    first = alignments[("en", "ru")].links[0]
    assert (first.src, first.tgt, first.role) == ((0,), (0,), "meta")
    assert row_kind(rows[0], story.documents) == "meta"


def test_headlines_written_apart_are_not_linked_nor_flagged():
    texts = {
        "en": "Allied goals and priorities\n"
              "The governor of Gomel Oblast met 40 farm managers on 3 October. "
              "They discussed the harvest of 2025.",
        "ru": "Губернатор провел совещание с аграриями\n"
              "Губернатор Гомельской области 3 октября встретился с 40 руководителями хозяйств. "
              "Они обсудили уборочную кампанию 2025 года.",
    }
    story = story_from_texts(texts, check_lang=False)
    comparison = compare_story(story)
    alignment = comparison.alignments[("en", "ru")]
    titles = [l for l in alignment.links if l.role == "title"]
    assert sorted((l.src, l.tgt) for l in titles) == [((), (0,)), ((0,), ())]
    analyses = comparison.analyses[("en", "ru")]
    for link, analysis in zip(alignment.links, analyses):
        if link.role == "title":
            assert analysis.flags == () and analysis.verdict == "none"
    assert "headlines written apart" in alignment.signature["structure"]


def test_a_confirmed_link_with_a_meta_line_is_refused():
    story = story_from_texts({
        "en": "Posted: 14.10.2025 12:05:00\nFarms threshed 1.2 million tonnes. Work ends on 20 October.",
        "ru": "Хозяйства намолотили 1,2 млн т. Работы завершатся 20 октября.",
    }, check_lang=False)
    with pytest.raises(InputError, match="meta line"):
        align_story(story, fixed={("en", "ru"): [Link((0, 1), (0,), status="confirmed")]})


def test_presegmented_lines_are_all_text(tmp_path):
    """The presegmented CLI keeps its contract: one line in is one segment, furniture or not."""
    from compare.sources import load_presegmented

    path = tmp_path / "en.txt"
    path.write_text("Posted: 16.04.2024 11:21:00\nPhoto: press service\nThe talks lasted two hours.\n",
                    encoding="utf-8")
    document = load_presegmented(path, "en", check_lang=False)
    assert [s.kind for s in document.segments] == ["body", "body", "body"]


def test_a_page_of_furniture_only_is_refused_with_one_line(tmp_path):
    from compare.sources import load_document

    path = tmp_path / "page.txt"
    path.write_text("Posted: 16.04.2024 11:21:00\nФото: БЕЛТА\nPhoto: press service\n-0-\nShare\n"
                    "17.06.2024 | 09:41\n", encoding="utf-8")
    with pytest.raises(InputError) as error:
        load_document(path, "en", check_lang=False)
    assert str(error.value) == (f"{path}: no story text: its 6 lines look like timestamps, credits, "
                                "end marks and share lines")
