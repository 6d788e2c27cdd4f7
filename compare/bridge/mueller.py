"""Parse a Mueller-style (mueller7, dictd) English–Russian entry into Russian renderings with
weights.

An entry looks like

    minister
       [↗mɪnɪstɜ]
       1. _n.
          1) министр; the ministers правительство
          2) _дип. посланник; советник посольства

Senses are numbered ("1.", "1)", "а)"). In each sense the renderings come first, separated by
commas and semicolons; the first piece that contains Latin letters starts the examples
("the ministers правительство"), and the rest of the sense is examples. Transcriptions ([...]),
labels (_n., _дип., _ам.), parentheses (context notes such as "(о болезни)", optional parts
such as "увеличивать(ся)") and cross-references ("от say 1", "см. ...", "= ...") are left out.

Weights: a word's first renderings count most; later senses and later renderings in a sense
count less, and a word of a multi-word rendering ("оказывать помощь") counts half.
FreeDict's eng-rus entries ("government /ˈɡʌvnmənt/" then a line of renderings) parse the
same way.
"""
from __future__ import annotations

import re

_TRANSCRIPTION = re.compile(r"\[[^\]]*\]|/[^/\n]*/")
_LABEL = re.compile(r"(?<![\w-])_[^\s.;,]+\.?")
_PARENS = re.compile(r"\([^()]*\)")
_REFLEXIVE = re.compile(r"([а-яё]+)\((ся|сь)\)")
_SENSE = re.compile(r"(?:^|(?<=\s))(\d+\.|\d+\)|[а-я]\))(?=\s)")
_LATIN = re.compile(r"[A-Za-z]")
# "кого-л.", "что-л.", "и т.п.", "и т. д.": placeholders, not renderings
_PLACEHOLDER = re.compile(r"\b[а-я]+-л\.?|\bи\s+т\.\s*[пд]\.|\bи\s+др\.|\bт\.\s*е\.|\bпр\.", re.IGNORECASE)
_CYRILLIC_WORD = re.compile(r"[а-яё]+(?:-[а-яё]+)*", re.IGNORECASE)
_REFERENCE = re.compile(r"^\s*(?:от|см\.?|=|тж\.?|ср\.?)(?:\s|$)")
# words of a multi-word rendering that carry no meaning of their own
_PHRASE_STOP = frozenset(
    "и или в во на с со к ко по о об от до из за для при без под над не ни что как кто быть "
    "который свой себя себе это этот тот такой очень что-то кто-то чей весь".split()
)

MULTIWORD_FACTOR = 0.5


def sense_texts(body: str) -> list[tuple[int, str]]:
    """(part-of-speech block, sense text) in order. The headword line is dropped."""
    lines = body.split("\n", 1)
    text = lines[1] if len(lines) > 1 else ""
    text = _TRANSCRIPTION.sub(" ", text)
    text = " ".join(text.split())
    pieces = _SENSE.split(text)
    senses: list[tuple[int, str]] = []
    block = 0
    # pieces: [before, marker, text, marker, text, ...]
    if pieces[0].strip():
        senses.append((block, pieces[0]))
    for k in range(1, len(pieces), 2):
        marker, chunk = pieces[k], pieces[k + 1] if k + 1 < len(pieces) else ""
        if marker.endswith(".") and marker[:-1].isdigit() and int(marker[:-1]) > 1:
            block += 1  # "2. _v." starts the verb's senses
        if chunk.strip():
            senses.append((block, chunk))
    return senses


def renderings(sense: str) -> list[list[str]]:
    """The renderings at the head of one sense, each as its list of Cyrillic words."""
    sense = _LABEL.sub(" ", sense)
    sense = _PLACEHOLDER.sub(" ", sense)
    sense = _REFLEXIVE.sub(r"\1, \1\2", sense)  # «увеличивать(ся)»: both verbs
    while _PARENS.search(sense):
        sense = _PARENS.sub("", sense)  # "увеличивать(ся)" -> "увеличивать"
    if _REFERENCE.match(sense):
        return []
    out: list[list[str]] = []
    for item in sense.split(";"):
        if _LATIN.search(item):
            break  # the examples begin
        for phrase in item.split(","):
            if _LATIN.search(phrase) or "=" in phrase:
                break
            words = _CYRILLIC_WORD.findall(phrase)
            if words:
                out.append(words)
    return out


_HOMOGRAPH = re.compile(r"(?:^|(?<=\s))_(?:I|II|III|IV|V|VI)(?=\s)")


def parse_entry(body: str) -> dict[str, float]:
    """Russian word -> weight (the highest it earns anywhere in the entry). Homographs
    ("state _I ... _II ...": condition; the state, a country) are parsed each on its own."""
    head, _, rest = body.partition("\n")
    weights: dict[str, float] = {}
    for number, part in enumerate(_HOMOGRAPH.split(rest)):
        if part.strip():
            _parse_homograph(head + "\n" + part, 0.9**max(number - 1, 0), weights)
    return weights


def _parse_homograph(body: str, factor: float, weights: dict[str, float]) -> None:
    rank_in_block: dict[int, int] = {}
    for block, sense in sense_texts(body):
        found = renderings(sense)
        if not found:
            continue
        rank = rank_in_block.get(block, 0)
        rank_in_block[block] = rank + 1
        base = factor * (0.8**block) / (1.0 + 0.5 * rank)
        for position, words in enumerate(found):
            weight = base * (0.85 ** min(position, 6))
            content = [w.lower() for w in words if w.lower() not in _PHRASE_STOP]
            if len(content) > 1 or len(words) > 1:
                weight *= MULTIWORD_FACTOR
            for word in content:
                if len(word) >= 2 and weights.get(word, 0.0) < weight:
                    weights[word] = round(weight, 3)
