"""QA checks on real-style wire sentence pairs (fictional people and events): what a reviewer
is shown, and — as important — what a faithful translation must not set off."""
import pytest

from compare.analyze.checks import name_variants, quotations, run_checks

# The tables of cases per kind are in tests/test_checks_<kind>.py; here what spans the kinds.


def test_changed_number_names_both_values():
    (flag,) = run_checks("Экспорт составил 48,6 млн долларов.", "Exports totalled $46.8 million.",
                         "ru", "en")
    assert (flag.source_term, flag.target_term) == ("48,6 млн", "46.8 million")
    assert (flag.source_level, flag.target_level) == (48_600_000, 46_800_000)
    assert flag.severity == "high"


def test_null_link_names_the_sentence_ids():
    (flag,) = run_checks("Для этого не требуется направление врача.", "", "ru", "en",
                         src_ids=(16,))
    assert "ru:16" in flag.explanation and flag.source_term.startswith("Для этого")


# Bad input: never a crash, never a spurious alarm on nothing.
@pytest.mark.parametrize("source, target, expected_kinds", [
    ("", "", set()),
    ("...", "!!!", set()),
    ("— «» –", "", set()),
    ("2025", "2025", set()),
    ("12 345", "12 345", set()),
    ("Hello мир, это mixed строка.", "Mixed line, hello world.", None),
    ("Слово " * 1000, "Word " * 1000, None),
    ("а" * 5000, "b" * 5000, None),
])
def test_bad_input_never_crashes(source, target, expected_kinds):
    flags = run_checks(source, target, "ru", "en")
    if expected_kinds is not None:
        assert {f.kind for f in flags} == expected_kinds
