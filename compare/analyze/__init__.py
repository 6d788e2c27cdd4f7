"""Per-link analysis of aligned versions: what differs between an original and its translation.

  words.py     words with offsets, and the lemma keys they are compared by
  diff.py      word-level diff (published text against MT), as data
  scores.py    chrF++ / BLEU / TER with sacrebleu, typography normalised, signatures kept
  force.py     softened / sharpened analysis over the force lexicon
  checks/      QA checks, one module per kind: numbers, dates, names, quotes, length, untranslated
  story.py     all of it over an alignment: one LinkAnalysis per link
  summary.py   a story at a glance: counts per kind, most divergent links first
"""
