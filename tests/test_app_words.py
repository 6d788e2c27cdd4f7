"""The aligned view's word links and glosses through the app (AppTest, no browser): the toggle
above the table turns the cells into word links with their hover rules and a gloss per original."""
import lxml.html
import pytest
from streamlit.testing.v1 import AppTest

from compare.bridge import get_bridge
from test_app import APP, no_failure, private_stores  # noqa: F401  (the fixture keeps stores private)

pytestmark = pytest.mark.skipif(get_bridge() is None, reason="the dictionary bridge is off here")


def test_word_links_toggle_shows_linked_words_and_glosses():
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    no_failure(at)
    assert not any("tr:has(" in h.value for h in at.html)  # off by default: the flags' view
    at.toggle(key="word_links").set_value(True).run()
    no_failure(at)
    [page] = [h.value for h in at.html if '<table class="aligned">' in h.value]
    assert "tr:has(.w" in page and ":focus)" in page
    tree = lxml.html.fromstring(page[page.index("<table"):])
    rows = tree.xpath("//tr[starts-with(@id, 'row-')]")
    assert rows and tree.xpath("//td[@lang='en']//span[contains(@class, 'w ')]")
    assert tree.xpath("//td[@lang='ru']//details[@class='gloss']")
    assert "dictionary gloss — not a translation" in page
    assert not tree.xpath("//td[@lang='en']//details")  # the English needs no gloss
    at.toggle(key="word_links").set_value(False).run()
    assert not any("tr:has(" in h.value for h in at.html)
