"""The aligner on any input (hypothesis, fixed seed, bounded): one segment on either side, an
enormous segment, hundreds against a handful, confirmed links at the edges, random texts —
never a crash; every segment in exactly one link; links in order but for the two kinds that may
stand out of it (a "moved" link, a "summary" link's sources); confirmed links kept; confidences
in [0, 1]. WIRE_COMPARE_FUZZ_ALIGN_EXAMPLES=4000 runs the bar's size
(benchmarks/fuzz_bar.py); CI runs 150."""
import os

from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

from compare.align import align_documents
from compare.model import Document, Link, Segment

WORDS = ["0", "a", "Minsk", "12", "2024", "the", "Минск", "«цитата»", "—", "x" * 400, "3,5", "Лукашенко",
         " ".join(["enormous"] * 3000)]  # one enormous segment (about 27,000 characters)


def document(lines: list[str], paragraphs: list[int], lang: str) -> Document:
    segments, offset = [], 0
    for index, (line, paragraph) in enumerate(zip(lines, paragraphs)):
        segments.append(Segment(index, line, offset, offset + len(line), paragraph, lang=lang))
        offset += len(line) + 1
    return Document(lang, "\n".join(lines), tuple(segments))


sentence = st.lists(st.sampled_from(WORDS), min_size=1, max_size=8).map(" ".join)


@st.composite
def side(draw, sizes):
    n = draw(sizes)
    lines = draw(st.lists(sentence, min_size=n, max_size=n))
    paragraphs = sorted(draw(st.lists(st.integers(0, max(0, n // 2)), min_size=n, max_size=n)))
    return lines, paragraphs


@seed(20261202)
@settings(max_examples=int(os.environ.get("WIRE_COMPARE_FUZZ_ALIGN_EXAMPLES", "150")),
          deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(src=side(st.sampled_from([1, 1, 2, 3, 7, 40, 300])), tgt=side(st.sampled_from([1, 1, 2, 4, 26])),
       edge=st.sampled_from(["none", "first", "last"]))
def test_any_input_aligns_with_every_segment_once(src, tgt, edge):
    s, t = document(*src, "en"), document(*tgt, "ru")
    n, m = len(s.segments), len(t.segments)
    fixed = []
    if edge == "first":
        fixed = [Link((0,), (0,), status="confirmed")]
    elif edge == "last":
        fixed = [Link((n - 1,), (m - 1,), status="confirmed")]
    alignment = align_documents(s, t, fixed=fixed)
    links = alignment.links
    assert sorted(i for l in links for i in l.src) == list(range(n))
    assert sorted(j for l in links for j in l.tgt) == list(range(m))
    ordered = [l for l in links if l.role not in ("moved", "summary")]
    firsts_src = [l.src[0] for l in ordered if l.src]
    firsts_tgt = [l.tgt[0] for l in ordered if l.tgt]
    assert firsts_src == sorted(firsts_src) and firsts_tgt == sorted(firsts_tgt)
    for link in links:
        if link.role == "moved":  # a move is consecutive lines on both sides
            for ids in (link.src, link.tgt):
                assert ids and list(ids) == list(range(ids[0], ids[0] + len(ids)))
        if link.role == "summary":  # one sentence against 2-4 lines that do not all stand together
            one, many = sorted((link.src, link.tgt), key=len)
            assert len(one) == 1 and 2 <= len(many) <= 4 and list(many) != list(range(many[0], many[-1] + 1))
    for link in fixed:
        assert any(l.src == link.src and l.tgt == link.tgt and l.status == "confirmed" for l in links)
    assert all(0.0 <= l.confidence <= 1.0 for l in links)
    assert 0.0 <= alignment.confidence <= 1.0
