"""Names: missing or replaced — and the renderings that are the same name.

Real-style wire sentence pairs about fictional people and events. (source, target, src_lang,
tgt_lang, expected {(kind, rule)}); an empty set: no flag at all."""
import pytest

from compare.analyze.checks import name_variants
from checks_helpers import assert_exact_flags, case_id  # noqa: E402  (tests/ is on sys.path)

CASES = [
    ("Жюри возглавил минский график Виктор Лемеш.",
     "The jury is chaired by Minsk graphic artist Viktor Kovalchuk.", "ru", "en",
     {("name", "checks.name.missing")}),
    ("По словам Ольги Шевчик, обследование займет 40 минут.",
     "According to Olga Shevchik, the examination will take 40 minutes.", "ru", "en", set()),
    ("Главврач Ольга Шевчик провела прием.",
     "Галоўны ўрач Вольга Шэўчык правяла прыём.", "ru", "be", set()),
    ("Делегация Китая прибыла в Минск.",
     "A delegation from China arrived in Minsk.", "ru", "en", set()),
    ("Об этом сообщили в Государственном пограничном комитете.",
     "This was reported by the State Border Committee.", "ru", "en", set()),
    ("Наряд задержал их в районе деревни Ольховка.",
     "Нарад затрымаў іх у раёне вёскі Вольхаўка.", "ru", "be", set()),
    ("Виталий Гурский встретился с Андреем Жолудевичем.",
     "Vitaly Gursky met Andrei Petrashko.", "ru", "en",
     {("name", "checks.name.missing")}),

    # --- a role for a name
    ("Александр Лукашенко поблагодарил организаторов.",
     "The head of state thanked the organisers.", "ru", "en", set()),
    ("Аляксандр Лукашэнка падзякаваў арганізатарам.",
     "The Belarusian leader thanked the organisers.", "be", "en", set()),
    ("Министр Виктор Лемеш открыл форум.", "The minister opened the forum.", "ru", "en", set()),
    ("Об этом сообщил Виктор Лемеш.", "Пра гэта паведаміў кіраўнік дзяржавы.", "ru", "be", set()),
    ("Президент встретился с Виктором Лемешем и Ольгой Шевчик.",
     "The President met Olga Shevchik.", "ru", "en",
     {("name", "checks.name.missing")}),  # the role is one of the two people: one still missing
    # --- the attribution after a quotation, dropped by the English (the story says who speaks)
    ("«Работа продолжится до конца года», – сказал Виктор Лемеш.",
     "“The work will continue until the end of the year.”", "ru", "en", set()),
    ("«Район стал примером для соседей», – говорится в поздравлении губернатора Ольги Шевчик.",
     "“The district has become an example for its neighbours,” the message of greetings reads.", "ru", "en", set()),
    ("«Мост откроют в мае», – приводит слова Виктора Лемеша агентство.",
     "“The bridge will open in May.”", "ru", "en", set()),
    ("«Работа продолжится до конца года», – сказал Виктор Лемеш.",
     "“The work will continue until the end of the year,” Andrei Petrashko said.", "ru", "en",
     {("name", "checks.name.missing")}),  # another speaker named in the English: still a flag
    # --- transcriptions of Chinese, Korean, Arabic names
    ("Премьер Госсовета КНР Ли Цян прибыл в Минск.",
     "Chinese Premier Li Qiang arrived in Minsk.", "ru", "en", set()),
    ("Мы активизировали сотрудничество вместе с Си Цзиньпином.",
     "Together with Xi Jinping, we have stepped up cooperation.", "ru", "en", set()),
    ("Сустрэча адбылася ў Цяньцзіні.", "The meeting took place in Tianjin.", "be", "en", set()),
    ("Делегацию возглавил Мун Чжэ Ин.", "The delegation was led by Moon Jae-in.", "ru", "en", set()),
    ("Переговоры провел шейх Мухаммед.", "Sheikh Muhammad held the talks.", "ru", "en", set()),
    ("Переговоры провел Чжао Лэцзи.", "The talks were held by Wang Yi.", "ru", "en",
     {("name", "checks.name.missing")}),
    # --- exonyms, official renamings, adjectives, capitals
    ("Делегация прибыла из Аомыня.", "The delegation arrived from Macau.", "ru", "en", set()),
    ("Товарооборот с Мьянмой вырос.", "Trade with Myanmar grew.", "ru", "en", set()),
    ("Посол Кот-д'Ивуара вручил верительные грамоты.",
     "The ambassador of Côte d'Ivoire presented his credentials.", "ru", "en", set()),
    ("Министр принял делегацию Казахстана.", "The minister received a Kazakh delegation.",
     "ru", "en", set()),
    ("Прибыла делегация Венгрии.", "A Hungarian delegation arrived.", "ru", "en", set()),
    ("Прыбыла дэлегацыя Венгрыі.", "A Hungarian delegation arrived.", "be", "en", set()),
    ("Минск и Пекин подписали соглашение.", "Belarus and China signed an agreement.",
     "ru", "en", set()),
    ("Об этом говорится в решении ЦК Коммунистической партии Китая.",
     "This is stated in the decision of the CPC Central Committee.", "ru", "en", set()),
    # --- stress marks and a Latin letter in a Cyrillic name
    ("По словам О́льги Ше́вчик, обследование займет 40 минут.",
     "According to Olga Shevchik, the examination will take 40 minutes.", "ru", "en", set()),
    ("Делегация прибыла в Минcк.", "The delegation arrived in Minsk.", "ru", "en", set()),
    # --- a patronymic English style leaves out
    ("Об этом сообщил Виктор Андреевич Лемеш.", "This was reported by Viktor Lemesh.",
     "ru", "en", set()),
    ("Пра гэта паведаміў Віктар Андрэевіч Лемеш.", "This was reported by Viktor Lemesh.",
     "be", "en", set()),
    ("Об этом сообщил Виктор Андреевич Лемеш.", "This was reported by Viktor Kovalchuk.",
     "ru", "en", {("name", "checks.name.missing")}),
    # --- a pronoun for a name in an attribution
    ("«Ганарымся нашымі героямі!» – падкрэсліў Аляксандр Лукашэнка.",
     "He stressed: “We are proud of our heroes!”", "be", "en", set()),
    ("Он встретился с Виктором Лемешем.", "He met Olga Shevchik.", "ru", "en",
     {("name", "checks.name.missing")}),
]


@pytest.mark.parametrize("source, target, src_lang, tgt_lang, expected", CASES,
                         ids=[case_id(c) for c in CASES])
def test_names_checks_raise_exactly_the_expected_flags(source, target, src_lang, tgt_lang, expected):
    assert_exact_flags(source, target, src_lang, tgt_lang, expected)


# The same name spelt two ways in one version: (sentences, lang, {index: (reference, variant)}).
VARIANTS = [
    (["Chief physician Olga Shevchik presented the programme.",
      "Shevchik said the screening was free.",
      "According to Olga Shevchyk, 40 doctors take part."], "en",
     {2: [("Shevchik", "Shevchyk")]}),
    (["Governor Andrei Zholudevich met the minister.",
      "The talks were constructive, Zholudzevich said."], "en",
     {1: [("Zholudevich", "Zholudzevich")]}),
    (["Ivan Petrov and Anna Petrova met journalists.", "Petrov thanked the organisers."],
     "en", {}),
    (["Vitebsk Oblast and Ordania signed a road map.", "The Ordanian side proposed a forum."],
     "en", {}),
    (["The Minister arrived in Minsk.", "The Ministry confirmed the visit."], "en", {}),
    (["Андрей Жолудевич провел переговоры.", "По словам Андрея Жолудевича, визит важен.",
      "Жолудевичу вручили награду."], "ru", {}),
    (["Андрэй Жалудзевіч правёў перамовы.", "Па словах Андрэя Жалудзевіча, візіт важны.",
      "Беларусь і Орданія падпісалі дамову.", "Пагадненне з Беларуссю ўступіць у сілу."],
     "be", {}),
    (["Главврач Ольга Шевчик представила программу.", "Ольга Шевчык отметила, что прием бесплатный."],
     "ru", {1: [("Шевчик", "Шевчык")]}),
    # one first name of two people, spelt their own ways: two names, not one spelt two ways
    (["Governor Aleksandr Petrenko met Mayor Aleksandar Jović in Minsk.",
      "Aleksandar Jović thanked Aleksandr Petrenko for the visit."], "en", {}),
    (["Губернатор Олег Петренко открыл завод.", "Олег Петринко поблагодарил рабочих."],
     "ru", {1: [("Петренко", "Петринко")]}),
]


@pytest.mark.parametrize("sentences, lang, expected", VARIANTS,
                         ids=[f"{v[1]}:{v[0][0][:25]}" for v in VARIANTS])
def test_name_spelt_two_ways(sentences, lang, expected):
    flags = name_variants(sentences, lang)
    got = {index: [(f.source_term, f.target_term) for f in items] for index, items in flags.items()}
    assert got == expected
