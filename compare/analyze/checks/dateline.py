"""The dateline at the head of a lead sentence («МИНСК, 3 февраля (БЕЛТА) – …», «3 лютага, Мінск
/Кар. БЕЛТА/. …», "MINSK, 9 May (BelTA) – …"): where and when the story was filed, and by whom.

The checks read the sentence without it: its city, date and correspondent are page furniture, not
facts of the story that a translation must carry (the English often drops the correspondent,
or moves the date into the sentence: "… said on 2 July"). Its date still counts as the story's
day: a translation that writes that date has not added one.
"""
from __future__ import annotations

import re

_CITY = r"[A-ZА-ЯЁІЎ][\w'’.-]*(?:[ -][A-ZА-ЯЁІЎ][\w'’.-]*)?"
_DAY_MONTH = r"\d{1,2}(?:[-–]\d{1,2})?\s+[^\W\d_]+\.?"
_MONTH_DAY = r"[A-Z][a-z]+\.?\s+\d{1,2}"
_DATELINES = (
    # МИНСК, 3 февраля (БЕЛТА) – … ; MINSK, 9 May (BelTA) – … ; BEIJING, March 1 (Xinhua) -- …
    re.compile(rf"^\s*{_CITY},\s*(?:{_DAY_MONTH}|{_MONTH_DAY})\s*\([^()]{{2,40}}\)\s*(?:[-–—]{{1,2}}|:)\s*"),
    # МИНСК, 3 фев — Sputnik. …
    re.compile(rf"^\s*{_CITY},\s*{_DAY_MONTH}\s*[-–—]\s*[\w-]{{2,20}}\.\s*"),
    # 3 февраля, Минск /Корр. БЕЛТА/. … ; 2 июля, Минск /Имя Фамилия - БЕЛТА/. …
    re.compile(rf"^\s*{_DAY_MONTH},\s*{_CITY}\s*/[^/]{{2,80}}/\.?\s*"),
    # Минск, 3 февраля. …  (a news agency that puts the date first and a full stop after it)
    re.compile(rf"^\s*[A-ZА-ЯЁІЎ][a-zа-яёіў'’-]+,\s*{_DAY_MONTH}\.\s+(?=[A-ZА-ЯЁІЎ«\"“])"),
)


def split_dateline(text: str) -> tuple[str, str]:
    """(dateline, the rest) of a sentence; ("", text) when it opens with none."""
    for pattern in _DATELINES:
        match = pattern.match(text)
        if match and match.end() < len(text):
            return text[:match.end()], text[match.end():]
    return "", text
