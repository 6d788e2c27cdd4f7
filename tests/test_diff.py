"""Word-level diff between a published text and MT: what the app highlights."""
import pytest

from compare.analyze.diff import changed_words, diff_ratio, side_tokens, word_diff


def ops(tokens, side):
    return [(t.text, t.op) for t in tokens if t.side == side]


# (a, b, lang, expected a-side changes, expected b-side changes); moves listed with op "move".
CASES = [
    # case and punctuation are not differences
    ("The minister said, on Monday, that talks were useful.",
     "the Minister said on Monday that talks were useful", "en", [], []),
    # Russian inflection is not a difference (lemma-aware)
    ("Министр заявила, что завод закроют в марте.",
     "Министр заявил, что завод закроют в марте.", "ru", [], []),
    # ё / е
    ("Всё решено, сообщил он.", "Все решено, сообщил он.", "ru", [], []),
    # Belarusian endings
    ("Міністр заявіла, што завод закрыюць у сакавіку.",
     "Міністр заявіў, што завод закрыюць у сакавіку.", "be", [], []),
    # a dropped hedge: the MT has it, the published English does not
    ("The plant will close in March.", "The plant will probably close in March.", "en",
     [], [("probably", "insert")]),
    # a reporting verb replaced
    ("The chairwoman said the festival had grown.",
     "The chairwoman stressed the festival had grown.", "en",
     [("said", "replace")], [("stressed", "replace")]),
    # words that moved are a move, not a deletion plus an insertion
    ("On Monday the minister opened the exhibition.",
     "The minister opened the exhibition on Monday.", "en",
     [("On", "move"), ("Monday", "move")], [("on", "move"), ("Monday", "move")]),
    ("Министр заявила, что завод закроют в марте.",
     "В марте завод закроют, заявил министр.", "ru",
     [("Министр", "move"), ("заявила", "move"), ("что", "delete"), ("в", "move"), ("марте", "move")],
     [("В", "move"), ("марте", "move"), ("заявил", "move"), ("министр", "move")]),
]


@pytest.mark.parametrize("a, b, lang, a_changes, b_changes", CASES,
                         ids=[f"{c[2]}:{c[0][:30]}" for c in CASES])
def test_word_diff_operations(a, b, lang, a_changes, b_changes):
    tokens = word_diff(a, b, lang)
    assert ops(tokens, "a") == a_changes
    assert ops(tokens, "b") == b_changes


@pytest.mark.parametrize("a, b, lang, a_changes, b_changes", CASES,
                         ids=[f"{c[2]}:{c[0][:30]}" for c in CASES])
def test_each_side_reads_back_in_order_with_offsets(a, b, lang, a_changes, b_changes):
    tokens = word_diff(a, b, lang)
    for side, text in (("a", a), ("b", b)):
        shown = side_tokens(tokens, side)
        spans = [(t.start, t.end) if t.side == side or side == "a" else (t.other_start, t.other_end)
                 for t in shown]
        words = [text[s:e] for s, e in spans]
        assert words == [t.text if (t.side == side or side == "a") else t.other for t in shown]
        assert spans == sorted(spans)  # reading order on each side


def test_replace_and_move_halves_share_a_group():
    tokens = word_diff("On Monday the chairwoman said the festival had grown.",
                       "The chairwoman stressed the festival had grown on Monday.", "en")
    groups = {}
    for t in tokens:
        if t.op in ("replace", "move"):
            groups.setdefault((t.op, t.group), set()).add(t.side)
    assert groups and all(sides == {"a", "b"} for sides in groups.values())


def test_single_function_word_is_not_reported_as_moved():
    # "the" alone changing place says nothing; "Minsk" alone does.
    tokens = word_diff("The talks in Minsk were useful", "Talks were useful in the Minsk", "en")
    assert ("The", "delete") in ops(tokens, "a") and ("the", "insert") in ops(tokens, "b")
    assert ("Minsk", "move") in ops(tokens, "a") and ("Minsk", "move") in ops(tokens, "b")


@pytest.mark.parametrize("a, b", [("", ""), ("...", "!!!"), ("", "Some words."),
                                  ("2025", "2025"), ("слово " * 900, "word " * 900)])
def test_bad_input_gives_a_diff_not_a_crash(a, b):
    tokens = word_diff(a, b, "ru")
    assert 0.0 <= diff_ratio(tokens) <= 1.0


def test_diff_ratio_orders_similarity():
    close = word_diff("The plant will close in March.", "The plant will close in March.", "en")
    far = word_diff("The plant will close in March.", "Exports grew by 12% in nine months.", "en")
    assert diff_ratio(close) == 1.0 and diff_ratio(far) < 0.3


# Two Belarusian texts of one story (the published one and MT en→be, or two editions) differ in
# letters the orthography itself chooses: «ў»/«у» at the start of a word after a vowel, the
# vowel variants of prepositions, «й»/«і». The editor must not see those as changed words.
# (a, b, lang, expected a-side changes, expected b-side changes)
ORTHOGRAPHIC_CASES = [
    ("Па факце затрымання ўзбуджана крымінальная справа па артыкулах аб незаконным "
     "перасячэнні дзяржаўнай мяжы.",
     "Па факце затрымання узбуджана крымінальная справа па артыкулах аб незаконным "
     "перасячэнні дзяржаўнай мяжы.", "be", [], []),
    ("Пасля Полацка выстава адправіцца ў Мінск, а восенню будзе паказана ў Гродне і Брэсце.",
     "Пасля Полацка выстава адправіцца у Мінск, а восенню будзе паказана у Гродне і Брэсце.",
     "be", [], []),
    ("Праграма да канца года будзе працаваць ва ўсіх раёнах Гомельскай вобласці.",
     "Праграма да канца года будзе працаваць у ўсіх раёнах Гомельскай вобласці.", "be", [], []),
    ("Старшыня аргкамітэта сустрэлася са школьнікамі і выкладчыкамі.",
     "Старшыня аргкамітэта сустрэлася з школьнікамі і выкладчыкамі.", "be", [], []),
    ("Калона вайсковай тэхнікі павольна йдзе да мяжы, і ў горадзе спакойна.",
     "Калона вайсковай тэхнікі павольна ідзе да мяжы, й у горадзе спакойна.", "be", [], []),
    ("Министр встретился со студентами во всех районах области.",
     "Министр встретился с студентами в всех районах области.", "ru", [], []),
    # real differences next to an alternation are still shown
    ("Перамовы прайшлі ў Мінску, паведаміла Ірына Сташкевіч.",
     "Перамовы прайшлі у Віцебску, папярэдзіла Ірына Сташкевіч.", "be",
     [("Мінску", "replace"), ("паведаміла", "replace")],
     [("Віцебску", "replace"), ("папярэдзіла", "replace")]),
    # the Belarusian rules stay Belarusian: Russian «у» and «в» are two prepositions
    ("У завода есть заказы на квартал.", "В заводе есть заказы на квартал.", "ru",
     [("У", "replace")], [("В", "replace")]),
]


@pytest.mark.parametrize("a, b, lang, a_changes, b_changes", ORTHOGRAPHIC_CASES,
                         ids=[f"{c[2]}:{c[0][:30]}" for c in ORTHOGRAPHIC_CASES])
def test_orthographic_alternations_are_not_differences(a, b, lang, a_changes, b_changes):
    tokens = word_diff(a, b, lang)
    assert ops(tokens, "a") == a_changes
    assert ops(tokens, "b") == b_changes
    if not a_changes:
        assert diff_ratio(tokens) == 1.0
        # the renderer still gets each side's own spelling
        assert [t.other for t in tokens] == [w for w in b.replace(",", " ").replace(".", " ").split()]
