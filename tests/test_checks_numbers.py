"""Numbers: changed, missing, qualified otherwise — and what a faithful translation writes differently.

Real-style wire sentence pairs about fictional people and events. (source, target, src_lang,
tgt_lang, expected {(kind, rule)}); an empty set: no flag at all."""
import pytest
from checks_helpers import assert_exact_flags, case_id  # noqa: E402  (tests/ is on sys.path)

CASES = [
    # an ordinal in digits written as a word by the other side («3-го пленума» / "the third")
    ("По итогам 3-го пленума совета программа получила развитие.",
     "As a result of the third plenary session of the council the programme developed.", "ru", "en", set()),
    ("Гэта ўжо 5-я выстава майстроў.", "This is already the fifth exhibition of the craftsmen.", "be", "en", set()),
    ("Открыли 3 школы.", "They opened the third school.", "ru", "en", {("number", "checks.number.missing")}),
    ("Главная выставка объединила более 320 работ.",
     "The main exhibition brings together more than 230 works.", "ru", "en",
     {("number", "checks.number.changed")}),
    ("Работы отбирались почти из 1,5 тыс. заявок.",
     "The works were selected from almost 1,500 applications.", "ru", "en", set()),
    ("В акции приняли участие около 2 тыс. человек.",
     "More than 2,000 people took part in the campaign.", "ru", "en",
     {("number", "checks.number.qualifier")}),
    ("Аб'ём інвестыцый склаў 48,6 млн долараў.",
     "Investment totalled $48.6 million.", "be", "en", set()),
    ("На модернизацию направят Br310 млн.",
     "Br130 million will be spent on modernisation.", "ru", "en",
     {("number", "checks.number.changed")}),
    ("Средняя зарплата в концерне выросла за год на 18%.",
     "The average salary at the concern grew by 18% year-on-year.", "ru", "en", set()),
    ("Сярэдні заробак у канцэрне вырас за год на 16%.",
     "Средняя зарплата в концерне выросла за год на 18%.", "be", "ru",
     {("number", "checks.number.changed")}),
    ("Билеты на выставку стоят 5 рублей.", "Tickets to the exhibition cost five roubles.",
     "ru", "en", set()),  # a small number written as a word: not compared

    # --- the same number said another way
    ("Акцию поддержали сотни волонтеров.", "Hundreds of volunteers supported the campaign.",
     "ru", "en", set()),
    ("Акцыю падтрымалі сотні валанцёраў.", "Hundreds of volunteers supported the campaign.",
     "be", "en", set()),
    ("На форум приехали десятки делегаций.", "Dozens of delegations came to the forum.",
     "ru", "en", set()),
    ("На форум прыехалі дзясяткі дэлегацый.", "Dozens of delegations came to the forum.",
     "be", "en", set()),
    ("Выставку посетили тысячи горожан.", "Thousands of residents visited the exhibition.",
     "ru", "en", set()),
    ("Выставу наведалі тысячы гараджан.", "Thousands of residents visited the exhibition.",
     "be", "en", set()),
    ("Выставку посетили сотни тысяч горожан.",
     "Hundreds of thousands of residents visited the exhibition.", "ru", "en", set()),
    ("Выставку посетили сотни горожан.", "Thousands of residents visited the exhibition.",
     "ru", "en", {("number", "checks.number.vague_changed")}),
    ("Город строился более тысячи лет.", "The town was built over more than 1,000 years.",
     "ru", "en", set()),  # «тысячи» after a qualifier is one thousand
    ("Завод выпустит пять тысяч тракторов.", "The plant will make thousands of tractors.",
     "ru", "en", {("number", "checks.number.missing")}),
    # --- page furniture and times are not numbers
    ("Работы завершат до конца года.-0-", "The work will be completed by the end of the year.",
     "ru", "en", set()),
    ("Работы завершат до конца года. -0-", "The work will be completed by the end of the year.",
     "ru", "en", set()),
    ("Церемония началась в Минске.", "The ceremony began in Minsk • 14:05",
     "ru", "en", set()),
    # --- stress marks and look-alike letters change nothing
    ("Экспорт соста́вил 48,6 млн до́лларов.", "Exports totalled $48.6 million.", "ru", "en", set()),
    ("Экспорт составил 48,6 млн долларов.", "Exports totalled $46.8 million.", "ru", "en",
     {("number", "checks.number.changed")}),
    # --- numbers written in words, Roman centuries, named periods
    ("Товарооборот составил почти 900 млн долларов.",
     "Trade stood at almost nine hundred million dollars.", "ru", "en", set()),
    ("Было двадцать пять участников.", "There were 25 participants.", "ru", "en", set()),
    ("Это вызов XXI века.", "This is a challenge of the 21st century.", "ru", "en", set()),
    ("Гэта выклік ХХІ стагоддзя.", "This is a challenge of the 21st century.", "be", "en", set()),
    ("Это вызов XX века.", "This is a challenge of the 21st century.", "ru", "en",
     {("number", "checks.number.changed")}),
    ("Визит ожидается во втором полугодии 2027 года.",
     "The visit is expected in H2 2027.", "ru", "en", set()),
    ("Мы близки к рубежу в $1 млрд.", "We are close to the $1bn threshold.", "ru", "en", set()),
]


@pytest.mark.parametrize("source, target, src_lang, tgt_lang, expected", CASES,
                         ids=[case_id(c) for c in CASES])
def test_numbers_checks_raise_exactly_the_expected_flags(source, target, src_lang, tgt_lang, expected):
    assert_exact_flags(source, target, src_lang, tgt_lang, expected)
