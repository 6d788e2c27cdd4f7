"""What every table of check cases asserts (tests/ is on sys.path under pytest)."""
from compare.analyze.checks import normalise, run_checks


def case_id(case) -> str:
    return f"{case[2]}-{case[3]}:{(case[0] or case[1])[:30]}"


def assert_exact_flags(source, target, src_lang, tgt_lang, expected, **kwargs):
    """run_checks raises exactly `expected` {(kind, rule)} — an empty set: no flag at all —
    and every flag shows its evidence: a one-line explanation, the terms from the texts."""
    flags = run_checks(source, target, src_lang, tgt_lang, src_ids=(3,), tgt_ids=(3,), **kwargs)
    assert {(f.kind, f.rule) for f in flags} == expected
    for flag in flags:
        assert flag.explanation and "\n" not in flag.explanation
        assert flag.rule.startswith("checks.")
        assert flag.severity in ("low", "medium", "high")
        assert flag.source_term or flag.target_term  # the words that raised it
        texts = " ".join((normalise(source) + " " + normalise(target)).split())
        for term in (flag.source_term, flag.target_term):  # terms come from the texts
            assert not term or " ".join(term.rstrip("…").split()) in texts
    return flags
