"""transformers and CTranslate2 engines on tiny random-weight models (made once a session by
scripts/make_test_models.py). The weights are random, so the outputs are word salad: these
tests check what does not depend on weights — language codes reaching the model, batching
and order, long segments, conversion, errors."""
from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")  # nothing here may try the network

from compare.model import InputError  # noqa: E402
from compare.translate import TranslatorUnavailable, get_translator  # noqa: E402

import translate_helpers as helpers  # noqa: E402  (tests/ is on sys.path under pytest)

ROWS = helpers.parallel_rows()
RUSSIAN = [row["ru"] for row in ROWS]


@pytest.fixture(scope="session")
def tiny() -> dict[str, Path]:
    return helpers.tiny_models()


@pytest.fixture(scope="session")
def ct2_root(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("ct2")


@pytest.fixture(autouse=True)
def isolated(tmp_path, monkeypatch, ct2_root):
    """No user folders touched, no real hub cache consulted."""
    helpers.use_hub(monkeypatch, tmp_path / "hub")
    monkeypatch.setenv("WIRE_COMPARE_MT_CACHE", str(tmp_path / "cache.sqlite"))
    monkeypatch.setenv("WIRE_COMPARE_CT2_DIR", str(ct2_root))
    config = tmp_path / "config.toml"
    config.write_text("")
    monkeypatch.setenv("WIRE_COMPARE_CONFIG", str(config))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))


_spies: list["GenerateSpy"] = []


@pytest.fixture(autouse=True)
def unspy():
    """Loaded models are shared within the process: take every spy off after each test."""
    yield
    while _spies:
        spy = _spies.pop()
        del spy.model.generate


class GenerateSpy:
    """Wraps a loaded transformers model's generate and records what reached it."""

    def __init__(self, translator):
        translator.load()
        self.model = translator._model
        self.original = self.model.generate
        self.calls: list[dict] = []
        self.model.generate = self
        _spies.append(self)

    def __call__(self, **kwargs):
        self.calls.append(kwargs)
        return self.original(**kwargs)

    def first_tokens(self) -> set[int]:
        return {int(row[0]) for call in self.calls for row in call["input_ids"]}


# ---------------------------------------------------------------- language codes

@pytest.mark.parametrize("src, tgt, token", [
    ("ru", "be", ">>bel<<"),
    ("be", "ru", ">>rus<<"),
])
def test_marian_multi_target_token_is_first_in_every_input(tiny, src, tgt, token):
    translator = get_translator(src, tgt, engine="hf", model=str(tiny["tiny-marian"]), beam=1)
    spy = GenerateSpy(translator)
    results = translator.translate([row[src] for row in ROWS[:5]])
    token_id = translator._tokenizer.convert_tokens_to_ids(token)
    assert spy.first_tokens() == {token_id}
    assert all(r.options["target_token"] == token for r in results)
    assert not any(token in r.text for r in results)


def test_marian_target_token_is_chosen_from_the_vocabulary_when_not_given(tiny):
    # en→be has no registry entry for a local folder: the token comes from languages.toml
    translator = get_translator("en", "be", engine="hf", model=str(tiny["tiny-marian"]))
    assert translator.options["target_token"] == ">>bel<<"


def test_marian_model_without_the_target_language_says_so(tiny):
    with pytest.raises(InputError, match="not into English.*>>bel<<"):
        get_translator("ru", "en", engine="hf", model=str(tiny["tiny-marian"]))


@pytest.mark.parametrize("family, src_code, tgt_code", [
    ("tiny-nllb", "rus_Cyrl", "bel_Cyrl"),
    ("tiny-m2m100", "__ru__", "__be__"),
])
def test_nllb_and_m2m100_codes_reach_tokenizer_and_generate(tiny, family, src_code, tgt_code):
    translator = get_translator("ru", "be", engine="hf", model=str(tiny[family]), beam=2)
    spy = GenerateSpy(translator)
    results = translator.translate(RUSSIAN[:4])
    tokenizer = translator._tokenizer
    assert spy.first_tokens() == {tokenizer.convert_tokens_to_ids(src_code)}
    assert {c["forced_bos_token_id"] for c in spy.calls} == {
        tokenizer.convert_tokens_to_ids(tgt_code)}
    assert all(c["num_beams"] == 2 for c in spy.calls)
    assert not any(tgt_code in r.text or src_code in r.text for r in results)
    assert all(r.text for r in results)


def test_nllb_codes_follow_the_direction(tiny):
    translator = get_translator("be", "en", engine="hf", model=str(tiny["tiny-nllb"]))
    assert (translator.codes.src_code, translator.codes.tgt_code) == ("bel_Cyrl", "eng_Latn")


# ---------------------------------------------------------------- batching and order

def test_batches_are_sorted_by_length_and_results_keep_input_order(tiny):
    translator = get_translator("ru", "be", engine="hf", model=str(tiny["tiny-marian"]),
                                beam=1, batch_size=4)
    texts = RUSSIAN[:12]
    spy = GenerateSpy(translator)
    forward = [r.text for r in translator.translate(texts)]
    assert len(set(forward)) >= 10, "the tiny model must answer different inputs differently"
    lengths = [[int(mask.sum()) for mask in call["attention_mask"]] for call in spy.calls]
    assert len(spy.calls) == 3
    assert all(max(a) <= min(b) for a, b in zip(lengths, lengths[1:]))

    backward = [r.text for r in translator.translate(texts[::-1])]
    assert backward == forward[::-1]


def test_beam_size_reaches_generate_and_is_recorded(tiny):
    default = get_translator("ru", "be", engine="hf", model=str(tiny["tiny-marian"]))
    draft = get_translator("ru", "be", engine="hf", model=str(tiny["tiny-marian"]), beam=1)
    spy = GenerateSpy(draft)
    result = draft.translate(RUSSIAN[:1])[0]
    assert default.options["beam"] == "4"
    assert result.options["beam"] == "1" and spy.calls[0]["num_beams"] == 1


def test_empty_segments_come_back_empty_and_never_load_the_model(tiny):
    translator = get_translator("ru", "be", engine="hf", model=str(tiny["tiny-marian"]))
    results = translator.translate(["", "   ", "\n"])
    assert [r.text for r in results] == ["", "", ""]
    assert all(r.note == "empty segment" and not r.failed for r in results)
    assert translator._model is None


def test_a_5000_character_segment_is_split_at_clause_boundaries_not_truncated(tiny):
    long_text = " ".join(RUSSIAN * 3)[:5000].rsplit(" ", 1)[0]
    assert len(long_text) > 4900
    translator = get_translator("ru", "be", engine="hf", model=str(tiny["tiny-marian"]),
                                beam=1, max_tokens=200, force_length=8)  # short outputs: quick
    spy = GenerateSpy(translator)
    short = RUSSIAN[3]
    results = translator.translate([short, long_text])
    assert results[1].text and not results[1].failed
    assert "split into" in results[1].note and "clause boundaries" in results[1].note
    assert results[0].note == ""
    sent = [int(mask.sum()) for call in spy.calls for mask in call["attention_mask"]]
    assert max(sent) <= 200
    # every token of the text went to the model (none cut off): the pieces add up to at
    # least the whole text's tokens (each piece adds its own target token and </s>)
    whole = len(translator._encode([long_text])[0])
    short_tokens = len(translator._encode([short])[0])
    assert sum(sent) - short_tokens >= whole


def test_one_failing_segment_does_not_cost_the_batch(tiny, monkeypatch):
    translator = get_translator("ru", "be", engine="hf", model=str(tiny["tiny-marian"]), beam=1)
    translator.load()
    bad = translator._encode([RUSSIAN[1]])[0]
    original = translator._generate

    def generate(batch):
        if bad in batch:
            raise RuntimeError("simulated out-of-memory")
        return original(batch)

    monkeypatch.setattr(translator, "_generate", generate)
    results = translator.translate(RUSSIAN[:4])
    assert [r.failed for r in results] == [False, True, False, False]
    assert "simulated out-of-memory" in results[1].note
    assert all(r.text for i, r in enumerate(results) if i != 1)


# ---------------------------------------------------------------- CTranslate2

@pytest.mark.parametrize("family", ["tiny-marian", "tiny-nllb", "tiny-m2m100"])
def test_ct2_conversion_decodes_like_transformers_at_float32(tiny, family):
    """Same weights, same greedy search: the same tokens, language codes included. (A random
    model never says </s>: transformers spends its last step on the </s> that the configs
    force, so its output may be one token shorter.)"""
    hf = get_translator("ru", "be", engine="hf", model=str(tiny[family]), beam=1)
    ct2 = get_translator("ru", "be", engine="ct2", model=str(tiny[family]), beam=1,
                         quantization="float32")
    hf.load()
    ct2.load()
    batch = hf._encode(RUSSIAN[:8])
    assert ct2._encode(RUSSIAN[:8]) == batch
    tokenizer = hf._tokenizer
    special = {tokenizer.pad_token_id, tokenizer.eos_token_id}
    for expected, got in zip(hf._generate(batch), ct2._generate(batch)):
        # ids the tokenizer has no token for (M2M100's "madeup words") read back as <unk>
        expected = [tokenizer.convert_tokens_to_ids(tokenizer.convert_ids_to_tokens(i))
                    for i in expected if i not in special]
        got = [i for i in got if i not in special]
        assert len(expected) >= 20
        assert got[:len(expected)] == expected
    results = ct2.translate(RUSSIAN[:8])
    assert all(r.text and r.engine == "ct2" and r.options["quantization"] == "float32"
               for r in results)
    assert not any(code in r.text for r in results for code in ("bel_Cyrl", "__be__", ">>bel<<"))


def test_ct2_int8_is_converted_once_and_reused(tiny, ct2_root):
    first = get_translator("ru", "be", engine="ct2", model=str(tiny["tiny-marian"]), beam=1)
    assert first.options["quantization"] == "int8"
    first.translate(RUSSIAN[:2])
    stamp = first.folder / "converted-by-wire-compare.json"
    made = stamp.stat().st_mtime_ns
    assert json.loads(stamp.read_text())["quantization"] == "int8"
    second = get_translator("ru", "be", engine="ct2", model=str(tiny["tiny-marian"]), beam=1)
    assert "converted:" in second.where
    results = second.translate(RUSSIAN[:2])
    assert stamp.stat().st_mtime_ns == made
    assert all(r.text and not r.failed for r in results)
    # and the converted folder can be named directly
    direct = get_translator("ru", "be", engine="ct2", model=str(first.folder), beam=1)
    assert [r.text for r in direct.translate(RUSSIAN[:2])] == [r.text for r in results]


# ---------------------------------------------------------------- bad models

def test_a_folder_that_is_not_a_model_is_a_clear_error(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(InputError, match="is not a model folder: it has no config.json"):
        get_translator("ru", "en", engine="hf", model=str(empty))
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "config.json").write_text("{not json")
    with pytest.raises(InputError, match="config.json is not valid JSON"):
        get_translator("ru", "en", engine="hf", model=str(broken))
    with pytest.raises(InputError, match="does not exist"):
        get_translator("ru", "en", engine="hf", model=str(tmp_path / "nowhere"))


def test_a_model_that_is_not_a_translation_model_says_what_it_is(tiny, tmp_path):
    from transformers import BertConfig, BertModel

    folder = tmp_path / "bert"
    BertModel(BertConfig(vocab_size=50, hidden_size=8, num_hidden_layers=1,
                         num_attention_heads=2, intermediate_size=8)).save_pretrained(folder)
    for name in ("source.spm", "target.spm", "vocab.json", "tokenizer_config.json"):
        shutil.copy(tiny["tiny-marian"] / name, folder / name)
    translator = get_translator("ru", "be", engine="hf", model=str(folder))
    with pytest.raises(InputError, match="is a bert model, not a translation"):
        translator.translate(["Погода хорошая."])


def test_a_hub_model_that_is_not_downloaded_names_the_command():
    with pytest.raises(TranslatorUnavailable,
                       match=r"ru→en: model Helsinki-NLP/opus-mt-ru-en is not downloaded "
                             r"\(python -m compare models download Helsinki-NLP/opus-mt-ru-en\)"):
        get_translator("ru", "en")


def test_a_model_in_the_hub_cache_becomes_the_default(tiny, tmp_path):
    """be→ru: once opus-mt-tc-big-zle-zle is in the Hugging Face cache it wins over Apertium,
    with its target token >>rus<< from the registry (the tiny model stands in for it)."""
    repo = tmp_path / "hub" / "models--Helsinki-NLP--opus-mt-tc-big-zle-zle"
    commit = "0123456789abcdef0123456789abcdef01234567"
    shutil.copytree(tiny["tiny-marian"], repo / "snapshots" / commit)
    (repo / "refs").mkdir()
    (repo / "refs" / "main").write_text(commit)
    translator = get_translator("be", "ru")
    assert (translator.engine, translator.model) == ("hf", "Helsinki-NLP/opus-mt-tc-big-zle-zle")
    assert translator.revision == commit
    assert translator.options["target_token"] == ">>rus<<"
    assert translator.translate([ROWS[0]["be"]])[0].text
