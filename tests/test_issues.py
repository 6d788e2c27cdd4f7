"""One issue, one flag: the same difference flagged against both originals is one issue; a
dropped attribution-plus-hedge phrase is one issue with its reasons; ru ↔ be stays apart."""
from compare.analyze.issues import group_issues
from compare.model import Flag


def _flag(kind, category, src, tgt, rule, why="…"):
    return Flag(kind, category, src, tgt, why, rule=rule)


def test_the_same_english_difference_from_both_originals_is_one_issue():
    flags = [(("ru", "en"), _flag("sharpened", "hedge", "возможно", "", "possibly")),
             (("be", "en"), _flag("sharpened", "hedge", "магчыма", "", "possibly"))]
    (issue,) = group_issues(flags)
    assert issue.where == "in the Russian and the Belarusian" and len(issue.flags) == 2


def test_a_dropped_attribution_and_hedge_is_one_issue_with_its_reasons():
    flags = [(("ru", "en"), _flag("sharpened", "attribution", "по данным", "", "according_to", "attribution dropped")),
             (("ru", "en"), _flag("sharpened", "hedge", "предварительным", "", "preliminary", "hedge dropped"))]
    (issue,) = group_issues(flags)
    assert issue.reasons == ("attribution dropped", "hedge dropped")


def test_the_originals_compared_with_each_other_stay_apart():
    flags = [(("ru", "en"), _flag("softened", "reporting_verb", "подчеркнул", "said", "stress>say")),
             (("ru", "be"), _flag("softened", "reporting_verb", "подчеркнул", "сказаў", "stress>say"))]
    issues = group_issues(flags)
    assert len(issues) == 2 and [i.between_originals for i in issues] == [False, True]


def test_different_words_stay_different_issues():
    flags = [(("ru", "en"), _flag("softened", "reporting_verb", "подчеркнул", "said", "stress>say")),
             (("be", "en"), _flag("sharpened", "reporting_verb", "адзначыў", "warned", "note>warn"))]
    assert len(group_issues(flags)) == 2
