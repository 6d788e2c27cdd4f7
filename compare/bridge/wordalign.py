"""Which words of a link correspond: a word alignment inside one linked pair of texts.

Evidence, strongest first: the same token on both sides (numbers, Latin-script words, 2025),
a dictionary rendering (the bridge: «переговоры» / talks), a name (the transliteration key of
compare.anchors.name_key: Лукашенко / Lukashenko), a cognate (the same first consonant
classes on a word of five letters or more: президент / president). Each word takes at most one
counterpart, best evidence first. Content words left without one are listed too (an app can
mark them faintly; a reader sees what the dictionary could not pair — not proof of an omission).
"""
from __future__ import annotations

from dataclasses import dataclass

from compare.analyze.lemmatize import Token, tokenize

STRENGTH = {"same": 1.0, "number": 1.0, "name": 0.95, "dictionary": 0.9, "cognate": 0.4}


@dataclass(frozen=True)
class WordLink:
    src: Token
    tgt: Token
    by: str  # same | number | name | dictionary | cognate
    score: float

    def to_dict(self) -> dict:
        return {"src": [self.src.start, self.src.end], "tgt": [self.tgt.start, self.tgt.end],
                "src_word": self.src.text, "tgt_word": self.tgt.text, "by": self.by,
                "score": round(self.score, 3)}


def _name_key(token: Token) -> str:
    from compare.anchors import name_key

    return name_key(token.text) if token.text[:1].isupper() and len(token.text) >= 3 else ""


def _cognate_key(token: Token) -> str:
    from compare.anchors import name_key

    if len(token.text) < 5 or token.text.isdigit():
        return ""
    key = name_key(token.text).replace("z", "s")[:3]
    return key if len(key) == 3 else ""


def align_words(src_text: str, src_lang: str, tgt_text: str, tgt_lang: str) -> tuple[list[WordLink], list[Token], list[Token]]:
    """(word links, source content words with no counterpart, target ones likewise)."""
    from compare.bridge import concepts, get_bridge, is_content

    src_tokens = _unique_spans(tokenize(src_text, src_lang))
    tgt_tokens = _unique_spans(tokenize(tgt_text, tgt_lang))
    bridge = get_bridge()
    src_concepts = concepts([t.norm for t in src_tokens], src_lang, bridge) if src_lang != tgt_lang else {}
    tgt_concepts = concepts([t.norm for t in tgt_tokens], tgt_lang, bridge) if src_lang != tgt_lang else {}
    candidates: list[tuple[float, int, int, str, float]] = []  # score, src, tgt, by, weight
    # the target's keys once, not once per source word (they cost more than the comparisons)
    tgt_names = [_name_key(t) for t in tgt_tokens]
    tgt_cognates = [_cognate_key(t) for t in tgt_tokens]
    for a, s in enumerate(src_tokens):
        s_name, s_cognate = _name_key(s), _cognate_key(s)
        s_found = src_concepts.get(s.norm, {})
        s_content = None
        for b, t in enumerate(tgt_tokens):
            if s.norm == t.norm and (s.norm.isdigit() or src_lang == tgt_lang or s.norm.isascii() == t.norm.isascii()):
                by = "number" if any(c.isdigit() for c in s.norm) else "same"
                candidates.append((STRENGTH[by], a, b, by, 1.0))
                continue
            t_found = tgt_concepts.get(t.norm, {})
            shared = set(s_found) & set(t_found)
            if shared:  # before names: a capitalised first word («Министр») is a word, not a name
                weight = max(s_found[f] * t_found[f] for f in shared)
                candidates.append((STRENGTH["dictionary"] * min(1.0, 0.5 + weight), a, b, "dictionary", weight))
                continue
            if s_name and s_name == tgt_names[b]:
                candidates.append((STRENGTH["name"], a, b, "name", 1.0))
                continue
            if s_cognate and s_cognate == tgt_cognates[b]:
                if s_content is None:
                    s_content = is_content(s.norm, src_lang)
                if s_content:
                    candidates.append((STRENGTH["cognate"], a, b, "cognate", 1.0))
    # strongest first; among equals the likelier rendering («мастер» 1.0 over «художник» 0.67 for
    # "craftsmen"), then the nearer position
    candidates.sort(key=lambda c: (-c[0], -c[4], abs(c[1] / max(len(src_tokens), 1) - c[2] / max(len(tgt_tokens), 1))))
    used_src, used_tgt, links = set(), set(), []
    for score, a, b, by, _ in candidates:
        if a in used_src or b in used_tgt:
            continue
        used_src.add(a)
        used_tgt.add(b)
        links.append(WordLink(src_tokens[a], tgt_tokens[b], by, score))
    links.sort(key=lambda link: link.src.start)
    lonely_src = [t for k, t in enumerate(src_tokens) if k not in used_src and is_content(t.norm, src_lang)]
    lonely_tgt = [t for k, t in enumerate(tgt_tokens) if k not in used_tgt and is_content(t.norm, tgt_lang)]
    return links, lonely_src, lonely_tgt


def _unique_spans(tokens: list[Token]) -> list[Token]:
    """A contraction gives two tokens over one span ("didn't" → did + not): keep the first."""
    seen, out = set(), []
    for token in tokens:
        if (token.start, token.end) not in seen:
            seen.add((token.start, token.end))
            out.append(token)
    return out


def word_alignment_record(src_text: str, src_lang: str, tgt_text: str, tgt_lang: str) -> dict:
    """JSON-ready: {"links": [...], "unmatched_src": [[start, end], ...], "unmatched_tgt": [...]}."""
    links, lonely_src, lonely_tgt = align_words(src_text, src_lang, tgt_text, tgt_lang)
    return {"links": [link.to_dict() for link in links],
            "unmatched_src": [[t.start, t.end] for t in lonely_src],
            "unmatched_tgt": [[t.start, t.end] for t in lonely_tgt]}
