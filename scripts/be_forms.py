#!/usr/bin/env python3
"""Generate compare/lexicon/be_forms.tsv: the word forms of every Belarusian word in the lexicon.

The force lexicon ships the forms it needs, so that the tool needs no Belarusian analyser at
run time. For each Belarusian word of concepts.tsv:
  1. hunspell-be (Debian's be_BY dictionary, read with spylls) gives its paradigm: every form
     that the dictionary's affix rules generate from an entry one of whose forms is the word
     (hunspell-be stores some verbs under the first person, «падкрэсліваю»); apertium-bel's
     generator adds the forms of its own paradigm of the word that hunspell also accepts;
  2. a word hunspell-be does not know (about one in eight of the corpus's word types) falls back
     to the earlier way: its lemma and part of speech from apertium-bel's analyser or its ending,
     forms by the paradigm rules written out below and by apertium's generator. Rules
     over-generate (both -ага and -ога): the review found a third of such forms are not words;
  3. the hand lists below (adverbs, particles, fixed forms, irregular paradigms) stay as they are.
Then every form is checked against apertium's analyser (the second opinion) and the ones it
assigns to a *different* lemma are printed for review (collisions), not dropped silently.

Run:  python scripts/be_forms.py            (writes compare/lexicon/be_forms.tsv)
      python scripts/be_forms.py --check    (exit 1 if the file is out of date)
"""
from __future__ import annotations

import argparse
import itertools
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from compare.analyze.lemmatize import tokenize  # noqa: E402
from compare.lexicon import LEXICON_DIR, load_lexicon  # noqa: E402

OUT = LEXICON_DIR / "be_forms.tsv"
HUNSPELL = Path("/usr/share/hunspell/be_BY")  # .aff and .dic, from Debian's hunspell-be
APERTIUM = Path("/usr/share/apertium/apertium-bel-rus")
ANALYSER = APERTIUM / "bel-rus.automorf.bin"
GENERATOR = APERTIUM / "rus-bel.autogen.bin"

# Words that do not inflect: adverbs, particles, prepositions, conjunctions, predicatives.
INVARIABLE = set("""
па паводле з са на у ў да за не ні што як бы б ці ж і а але
вельмі надта глыбока моцна украй надзвычай гранічна значна істотна прыкметна кардынальна радыкальна
абсалютна цалкам поўнасцю зусім занадта празмерна залішне асабліва даволі досыць крыху трохі злёгку
нязначна часткова параўнальна збольшага рэзка жорстка зацята рашуча цвёрда настойліва энергічна
катэгарычна наадрэз вядома зразумела натуральна сапраўды папраўдзе несумненна безумоўна бясспрэчна
абавязкова неадменна відавочна яўна ясна магчыма верагодна малаверагодна мабыць напэўна відаць падобна
здаецца нібыта быццам маўляў галаслоўна наўрад хутчэй усё ўсё мяркуючы спасылаючыся трэба неабходна
патрэбна варта нельга немагчыма можна ясна паведамляецца без гэтак сумна надзвычайна выключана
адкрыта адназначна высока груба добра крытычна максімальна нахабна наўмысна недвухсэнсоўна непазбежна
непрыхавана някепска прынцыпова свядома сур'ёзна тэарэтычна умерана шчыра чакаецца мяркуецца
жа нібы патэнцыйна патэнцыяльна бадай неверагодна больш-менш больш мацней безагаворачна прынамсі няма
""".split())

# Words that stand in a multiword expression in one fixed form («па словах», «у стане»,
# «на самай справе»): matched as written, never given a paradigm (the paradigm of «стане»
# would bring in «стаў», «стала» of the verb «стаць»).
FIXED = set("""
словах слоў звестак даных дадзеных паведамленнях паведамленняў ацэнак спасылкай стане увагу ўвагу
просьбай крытыцы крытыкай сумнення сумневу самай справе чынам пэўнай ступені меры чаргу здагадку
можа быць было так усім ўсім акцыі пратэсту дзяржавы інфармацыі карэнным тэорыі якім разе пры якіх
абставінах жыццёва ўсёй усёй верагоднасці сумненнем па-за мага
чутак чутках меркаванняў душой агаворак сябе трывогу рэзкай жорсткай вышэйшай нейкай самым пачатку канцы
ацэнках ацэнцы звестках прагнозах само сабой ўлады
шматкроць арыенціровачна разбору
""".split())

# Paradigms that rules cannot produce (stem vowel changes, irregular conjugation): lemma -> forms.
IRREGULAR: dict[str, str] = {
    "магчы": "магу можаш можа можам можаце могуць мог магла магло маглі можучы",
    "казаць": "кажу кажаш кажа кажам кажаце кажуць кажучы казаў казала казалі",
    "сказаць": "скажу скажаш скажа скажам скажаце скажуць сказаў сказала сказалі сказаўшы",
    "расказаць": "раскажу раскажа раскажам раскажуць расказаў расказала расказалі расказаўшы",
    "выказаць": "выкажу выкажа выкажам выкажуць выказаў выказала выказалі выказаўшы",
    "указаць": "укажу укажа укажам укажуць указаў указала указалі указаўшы",
    "абавязаць": "абавяжа абавяжуць абавязаў абавязала абавязалі",
    "дадаць": "дадам дадасі дадасць дададзім дададуць дадаў дадала дадалі дадаўшы",
    "дадаваць": "дадаю дадае дадаюць дадаваў дадавала дадавалі дадаючы",
    "прызнаваць": "прызнаю прызнае прызнаюць прызнаваў прызнавала прызнавалі прызнаючы",
    "прасіць": "прашу просіць просяць прасіў прасіла прасілі просячы",
    "папрасіць": "папрашу папросіць папросяць папрасіў папрасіла папрасілі папрасіўшы",
    "абвясціць": "абвяшчу абвесціць абвесцяць абвясціў абвясціла абвясцілі абвясціўшы",
    "зрабіць": "зраблю зробіць зробяць зрабіў зрабіла зрабілі зрабіўшы",
    "звярнуць": "зверне звернуць звярнуў звярнула звярнулі звярнуўшы",
    "звярнуцца": "звернецца звернуцца звярнуўся звярнулася звярнуліся звярнуўшыся",
    "абвергнуць": "абвергне абвергнуць абверг абвергла абвергнула абверглі абвергнулі абвергнуўшы",
    "падвергнуць": "падвергне падвергнуць падверг падвергла падвергнула падверглі падвергнулі падвергнуўшы",
    "перасцерагчы": "перасцеражэ перасцерагуць перасцярог перасцерагла перасцераглі",
    "паклясціся": "паклянуся паклянецца паклянуцца пакляўся паклялася паклаліся пакляліся",
    "клясціся": "клянуся клянецца клянуцца кляўся клялася кляліся клянучыся",
    "настаяць": "настаю настаіць настаяць настаяў настаяла настаялі настаяўшы настоіць настояць",
    "абрынуцца": "абрынецца абрынуцца абрынуўся абрынулася абрынуліся абрынуўшыся",
    "меркаваць": "мяркую мяркуеш мяркуе мяркуем мяркуеце мяркуюць мяркуючы меркаваў меркавала меркавалі",
    "мусіць": "мушу мусіш мусім мусіце мусяць мусіў мусіла мусілі",
    "уцякач": "уцекача уцекачу уцекачом уцекачы уцекачоў уцекачам уцекачамі уцекачах",
    "вайсковец": "вайскоўца вайскоўцу вайскоўцам вайскоўцы вайскоўцаў вайскоўцамі вайскоўцах",
    "выкрасці": "выкраду выкрадзе выкрадуць выкраў выкрала выкралі выкраўшы",
    "баяцца": "баюся баішся баіцца баімся баяцца баяўся баялася баяліся баючыся",
    "звесткі": "звестак звесткам звесткамі звестках",
    "чалавек": "чалавека чалавеку чалавекам чалавецы людзі людзей людзям людзьмі людзях",
    "людзі": "людзей людзям людзьмі людзях",
    "павінен": "павінна павінны павінна",
    "вайна": "вайны вайне вайну вайной вайною войны войнаў войнам войнамі войнах",
    "вораг": "ворага ворагу ворагам ворагі ворагаў ворагамі ворагах",
    "бой": "бою боем баі баёў баям баямі баях",
    "баец": "байца байцу байцом байцы байцоў байцам байцамі байцах",
    "мера": "меры меру мерай мерай мераю мер мерам мерамі мерах",
    "крок": "кроку крокам кроку крокі крокаў крокамі кроках",
    "ціск": "ціску ціскам",
    "гнеў": "гневу гневам гневе",
    "улада": "улады уладзе уладу уладай уладаю улад уладам уладамі уладах",
    "беспарадкі": "беспарадкаў беспарадкам беспарадкамі беспарадках",
    "хваляванні": "хваляванняў хваляванням хваляваннямі хваляваннях",
    "трэнні": "трэнняў трэнням трэннямі трэннях",
    "дзеянні": "дзеяння дзеянне дзеянню дзеяннем дзеянняў дзеянням дзеяннямі дзеяннях",
    "выпадак": "выпадку выпадкам выпадкі выпадкаў выпадкамі выпадках",
    "паўстанец": "паўстанца паўстанцу паўстанцам паўстанцы паўстанцаў паўстанцамі паўстанцах",
    "злачынца": "злачынцы злачынцу злачынцам злачынцаю злачынцаў злачынцамі злачынцах",
    "пратэстоўца": "пратэстоўцы пратэстоўцу пратэстоўцам пратэстоўцаў пратэстоўцамі пратэстоўцах",
    "калега": "калегі калегу калегам калегаю калег калегаў калегамі калегах",
    # adjectives in -чы (not verbs in -чы)
    "ваеннаслужачы": "ваеннаслужачага ваеннаслужачаму ваеннаслужачым ваеннаслужачыя ваеннаслужачых ваеннаслужачымі",
    "немінучы": "немінучая немінучае немінучага немінучай немінучую немінучыя немінучых немінучым немінучымі немінучаму",
}

VERB_ENDINGS = ("ць", "ці", "чы", "цца", "ціся", "чыся")
ADJ_SUFFIXES_HARD = ("ы", "ага", "ога", "аму", "ому", "ым", "ая", "ай", "ой", "ую", "аю", "ою", "ае", "ое",
                     "ыя", "ых", "ымі")
ADJ_SUFFIXES_SOFT = ("і", "ага", "ога", "яга", "аму", "ому", "яму", "ім", "ая", "яя", "ай", "ой", "яй", "ую",
                     "юю", "аю", "ае", "ое", "яе", "ія", "іх", "імі")
VELARS = "кгх"
VOWELS = "аеёіоуыэюя"  # an infinitive in -ць has a vowel before it (заявіць); a noun does not (занепакоенасць)


def _verb_forms(word: str) -> set[str]:
    """Infinitive → past, present/future (1pl, 2nd, 3rd persons), gerunds; reflexives derived."""
    for reflexive, base_end in (("цца", "ць"), ("ціся", "ці"), ("чыся", "чы")):
        if word.endswith(reflexive):
            base = word[: -len(reflexive)] + base_end
            return {word} | {_reflexive(form) for form in _verb_forms(base)}
    forms = {word}
    if not word.endswith("ць"):
        return forms  # -ці / -чы verbs are irregular: see IRREGULAR
    stem = word[:-2]  # заяві-, адзнача-, патрабава-
    forms |= {stem + "ў", stem + "ла", stem + "ло", stem + "лі", stem + "ўшы"}
    if stem.endswith(("і", "ы")) and not stem.endswith(("аві", "яві")) or word.endswith(("іць", "ыць")):
        # second conjugation: заявіць → заявіць, заявяць; адзначыць → адзначаць
        root, vowel = stem[:-1], stem[-1]
        plural = "яць" if vowel == "і" else "аць"
        forms |= {root + plural, stem + "м", stem + "це", stem + "ш", root + ("ячы" if vowel == "і" else "ачы")}
    if word.endswith(("аваць", "яваць")):
        # патрабаваць → патрабуе, патрабуюць, патрабуючы
        root = word[:-5]
        forms |= {root + "уе", root + "уюць", root + "уючы", root + "уем", root + "уеце", root + "ую"}
    if stem.endswith(("а", "я")):
        # first conjugation in -ае: адзначаць → адзначае, адзначаюць
        forms |= {stem + "е", stem + "юць", stem + "ючы", stem + "ем", stem + "еце", stem + "ю"}
    if word.endswith("уць"):
        root = word[:-3]
        forms |= {root + "е", root + "уць", root + "ем"}
    return forms


def _reflexive(form: str) -> str:
    """заявіць → заявіцца, рэкамендуе → рэкамендуецца, заявіў → заявіўся, заявіла → заявілася."""
    if form.endswith("ць"):
        return form[:-2] + "цца"
    if form.endswith("е"):  # present / future third person singular
        return form + "цца"
    return form + "ся"


def _adjective_forms(word: str) -> set[str]:
    if word.endswith(("ыя", "ія", "ая", "ае", "ое")) and len(word) > 3:
        # a plural, feminine or neuter written in the lexicon: узброеныя, крывавая → the masculine
        word = word[:-2] + ("і" if word[-3] in VELARS or word.endswith("ія") else "ы")
    base = word[:-1]
    soft = word.endswith("і")
    suffixes = ADJ_SUFFIXES_SOFT if soft else ADJ_SUFFIXES_HARD
    return {word} | {base + suffix for suffix in suffixes}


def _noun_forms(word: str) -> set[str]:
    forms = {word}
    last = word[-1]
    if last == "а":  # вайна, хунта, атака, група
        base = word[:-1]
        forms |= {base + s for s in ("ы", "і", "е", "у", "ай", "аю", "ой", "ою", "аў", "ам", "амі", "ах", "")}
        alternation = {"к": "цы", "г": "зе", "х": "се", "т": "це", "д": "дзе", "р": "ры", "л": "ле", "н": "не"}
        if base[-1] in alternation:
            forms.add(base[:-1] + alternation[base[-1]] if base[-1] in "кгхтд" else base + alternation[base[-1]][-1])
        return forms
    if last == "я":  # агрэсія, аперацыя, бойня
        base = word[:-1]
        return forms | {base + s for s in ("і", "ю", "яй", "яю", "й", "яў", "ям", "ямі", "ях")}
    if word.endswith("ць"):  # занепакоенасць
        base = word[:-1]
        return forms | {base + s for s in ("і", "ю", "ей", "ям", "ямі", "ях")}
    if last == "е":  # дзеянне, абурэнне
        base = word[:-1]
        return forms | {base + s for s in ("я", "ю", "ем", "і", "яў", "ям", "ямі", "ях")}
    if last == "о":
        base = word[:-1]
        return forms | {base + s for s in ("а", "у", "ам", "е", "ы", "аў", "амі", "ах")}
    if last in "йь":  # неспакой, непрыяцель
        base = word[:-1]
        return forms | {base + s for s in ("я", "ю", "ем", "ём", "і", "яў", "ей", "ям", "ямі", "ях")}
    # consonant-final masculine: тэрарыст, баявік, інцыдэнт
    stems = {word}
    if word.endswith("ец"):
        stems.add(word[:-2] + ("йц" if word[-3] in "аоуэ" else "ц"))
    if word.endswith(("ак", "ок")):
        stems.add(word[:-2] + "к")
    for stem in stems:
        plural = "і" if stem[-1] in VELARS else "ы"
        forms |= {stem + s for s in ("а", "у", "ам", "ом", "е", plural, "аў", "оў", "амі", "ах")}
        if stem.endswith("т"):
            forms.add(stem[:-1] + "це")
        if stem.endswith("д"):
            forms.add(stem[:-1] + "дзе")
    forms.discard(word[:-2] + "к") if word.endswith(("ак", "ок")) else None
    return forms


def _apertium(binary: Path, lines: list[str], generate: bool = False) -> list[str]:
    if not shutil.which("lt-proc") or not binary.exists():
        return [""] * len(lines)
    args = ["lt-proc", "-g", str(binary)] if generate else ["lt-proc", str(binary)]
    # one item a line, so that output lines line up with input lines
    text = "\n".join(lines) + "\n"
    out = subprocess.run(args, input=text, capture_output=True, text=True).stdout
    return (out.split("\n") + [""] * len(lines))[: len(lines)]


def _analyses(words: list[str]) -> dict[str, list[str]]:
    """word -> apertium analyses like 'баявік<n><m><nn><pl><nom>' (empty when unknown)."""
    result = {}
    for word, line in zip(words, _apertium(ANALYSER, words)):
        parts = line.strip().strip("^$").split("/")[1:]
        result[word] = [p for p in parts if not p.startswith("*")]
    return result


def _generation_requests(lemma: str, tags: str) -> list[str]:
    """Apertium generator requests for every form of a lemma with these part-of-speech tags."""
    if tags.startswith("<n>"):
        gender, animacy = [tag.strip("<>") for tag in tags[3:].split("><")[:2]]
        return [f"^{lemma}<n><{gender}><{animacy}><{n}><{c}>$"
                for n, c in itertools.product(("sg", "pl"), ("nom", "gen", "dat", "acc", "ins", "loc"))]
    if tags.startswith("<adj>"):
        return [f"^{lemma}<adj><{g}><{a}><{n}><{c}>$" for g, a, n, c in itertools.product(
            ("m", "f", "nt", "mfn"), ("an", "aa", "nn"), ("sg", "pl"), ("nom", "gen", "dat", "acc", "ins", "loc"))]
    if tags.startswith("<vblex>"):
        aspect = tags.split("><")[1].strip("<>")
        tense = "fut" if aspect == "perf" else "pres"
        requests = [f"^{lemma}<vblex><{aspect}><inf>$", f"^{lemma}<vblex><{aspect}><pp><adv>$",
                    f"^{lemma}<vblex><{aspect}><pprs><adv>$"]
        requests += [f"^{lemma}<vblex><{aspect}><past><{g}><{n}>$"
                     for g, n in (("m", "sg"), ("f", "sg"), ("nt", "sg"), ("mfn", "pl"))]
        requests += [f"^{lemma}<vblex><{aspect}><{tense}><{p}><{n}>$"
                     for p, n in itertools.product(("p1", "p2", "p3"), ("sg", "pl"))]
        return requests
    return []


def _generate(requests: list[str]) -> list[set[str]]:
    """Forms apertium generates for each request ('#…' = it cannot; '/' separates variants)."""
    results = []
    for output in _apertium(GENERATOR, requests, generate=True):
        output = output.strip()
        if not output or output.startswith("#") or "<" in output:
            results.append(set())
        else:
            results.append({form for form in output.split("/") if form and not form.startswith("#")})
    return results


def _hunspell():
    from spylls.hunspell import Dictionary

    return Dictionary.from_files(str(HUNSPELL))


def _unmunch(dictionary, entry) -> set[str]:
    """Every form hunspell's suffix rules make of a dictionary entry (and one more suffix level
    where a rule carries continuation flags)."""
    sfx = dictionary.aff.SFX
    forms = {entry.stem}
    stack = [(entry.stem, entry.flags, 0)]
    while stack:
        word, flags, depth = stack.pop()
        for flag in sorted(flags):
            for rule in sfx.get(flag, ()):
                if word.endswith(rule.strip) and rule.cond_regexp.search(word):
                    form = word[: len(word) - len(rule.strip)] + rule.add
                    forms.add(form)
                    if rule.flags and depth == 0:
                        stack.append((form, rule.flags, 1))
    return forms


def hunspell_paradigms(words: list[str]) -> dict[str, set[str]]:
    """word → every form of the hunspell-be entries that generate it (only words it knows)."""
    dictionary = _hunspell()
    wanted = set(words)
    heads = {word[:3] for word in words}
    paradigms: dict[str, set[str]] = {}
    for entry in dictionary.dic.words:
        if entry.stem[:3].lower() not in heads:
            continue
        forms = {form.lower() for form in _unmunch(dictionary, entry)}
        for word in forms & wanted:
            paradigms.setdefault(word, set()).update(_same_voice(word, forms))
    return paradigms


_REFLEXIVE = ("ся", "цца")


def _same_voice(word: str, forms: set[str]) -> set[str]:
    """hunspell-be derives a verb's reflexive forms from the same entry (разлічваць →
    разлічвацца, выказаць → выказацца): another verb, another meaning. A verb keeps the forms of
    its own voice only."""
    if not word.endswith(("ць", "ці", "чы", *_REFLEXIVE)):
        return forms
    reflexive = word.endswith(_REFLEXIVE)
    return {form for form in forms if form.endswith(_REFLEXIVE) == reflexive}


def lexicon_words() -> list[str]:
    words = set()
    for concept in load_lexicon().concepts:
        for variant in concept.variants.get("be", ()):
            for token in tokenize(variant.removesuffix("@v").removesuffix("+"), "be"):
                words.add(token.text.lower())
    return sorted(words)


def build() -> tuple[dict[str, set[str]], list[str]]:
    words = lexicon_words()
    analyses = _analyses(words)
    paradigms = hunspell_paradigms(words)
    dictionary = _hunspell()
    table: dict[str, set[str]] = {}  # forms from a resource (or hand-written)
    ruled: dict[str, set[str]] = {}  # forms made by the rules, kept only if a resource accepts them
    notes: list[str] = []
    requests: list[tuple[str, str, str]] = []  # (lexicon word, apertium lemma, generator request)
    for word in words:
        table.setdefault(word, set())
        if word in INVARIABLE or word in FIXED or any(a.endswith("<adv>") for a in analyses[word]):
            continue
        if word in IRREGULAR:
            table[word] |= set(IRREGULAR[word].split())
            continue
        table[word] |= paradigms.get(word, set())
        if word.endswith(VERB_ENDINGS) and not (word.endswith("ць") and word[-3] not in VOWELS):
            forms = _verb_forms(word)
        elif not analyses[word] and word.endswith(("цыя", "рыя", "сія", "зія", "нія")):
            forms = _noun_forms(word)  # дэзінфармацыя, істэрыя: a noun apertium does not know, not an adjective plural
        elif word.endswith(("ы", "і", "ыя", "ія", "ая", "ае", "ое")) and not any(a.startswith(word) and "<n>" in a for a in analyses[word]):
            forms = _adjective_forms(word)
        else:
            forms = _noun_forms(word)
        ruled[word] = forms
        for analysis in analyses[word]:
            lemma, _, tags = analysis.partition("<")
            for request in _generation_requests(lemma.rstrip("²³"), "<" + tags):
                requests.append((word, lemma.rstrip("²³"), request))
    # Apertium's own paradigm of the lemma, where the lexicon word is one of its forms.
    generated: dict[tuple[str, str], set[str]] = {}
    for (word, lemma, _), forms in zip(requests, _generate([r for _, _, r in requests])):
        generated.setdefault((word, lemma), set()).update(forms)
    for (word, lemma), forms in generated.items():
        if lemma == word:  # only the word's own paradigm: «стане» must not bring in «стаць»
            table[word] |= forms
    # Rule-made forms: kept when hunspell-be accepts them or apertium analyses them as this
    # word's form (the review found a third of them are not words); a word neither resource
    # knows keeps them all (nothing to check them against).
    candidates = sorted({form for forms in ruled.values() for form in forms})
    known = _analyses(candidates)
    for word, forms in ruled.items():
        own = {a.partition("<")[0].rstrip("²³") for a in analyses[word]} | {word}
        if word not in paradigms and not analyses[word]:
            table[word] |= forms
            continue
        # … and the past gerund in -ўшы(ся) of a verb, which both resources often lack
        # («заявіўшы»), and which the rules form right for either aspect.
        table[word] |= {form for form in forms if dictionary.lookup(form)
                        or {a.partition("<")[0].rstrip("²³") for a in known[form]} & own
                        or form.endswith(("ўшы", "ўшыся"))}
    for word in table:
        table[word].discard(word)
    all_forms = sorted({form for forms in table.values() for form in forms})
    known = _analyses(all_forms)
    # Review: forms apertium knows only as another lemma's.
    owner = {form: lemma for lemma, forms in table.items() for form in forms}
    for form in all_forms:
        lemmas = {a.partition("<")[0].rstrip("²³") for a in known[form]}
        if lemmas and owner[form] not in lemmas and not any(owner[form].startswith(l[:4]) for l in lemmas):
            notes.append(f"{form}: generated for {owner[form]}, apertium says {', '.join(sorted(lemmas))}")
    return table, notes


def render(table: dict[str, set[str]]) -> str:
    lines = [
        "# Belarusian word forms for the force lexicon: lemma<TAB>forms separated by spaces.",
        "# Generated by scripts/be_forms.py (hunspell-be, apertium-bel, rules for the rest); edit the script, not this file.",
    ]
    for lemma in sorted(table):
        lines.append(f"{lemma}\t{' '.join(sorted(table[lemma]))}")
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if be_forms.tsv is out of date")
    parser.add_argument("--review", action="store_true", help="print forms apertium assigns to other lemmas")
    args = parser.parse_args()
    table, notes = build()
    text = render(table)
    if args.review:
        print("\n".join(notes) or "no collisions")
    if args.check:
        current = OUT.read_text(encoding="utf-8") if OUT.exists() else ""
        if current != text:
            print(f"{OUT} is out of date: run python scripts/be_forms.py", file=sys.stderr)
            return 1
        return 0
    OUT.write_text(text, encoding="utf-8")
    print(f"{OUT}: {len(table)} lemmas, {sum(len(f) for f in table.values())} forms; {len(notes)} to review")
    return 0


if __name__ == "__main__":
    sys.exit(main())
