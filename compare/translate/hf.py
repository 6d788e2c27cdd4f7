"""transformers engine: any sequence-to-sequence model the Auto classes load (Marian, NLLB,
M2M100), from a hub id already in the cache or from a local folder.

What it takes care of:
- language codes: multi-target Marian models get the target token (`>>bel<<`) before the text;
  NLLB (bel_Cyrl …) and M2M100 (be …) get the source code set on the tokenizer and the target
  code forced as the first generated token;
- batches: segments sorted by token length, so that a batch pads little;
- threads: torch uses the cores this process may run on (up to 8), or `threads`;
- length: a segment longer than `max_tokens` is split at clause boundaries and the pieces'
  translations joined, never cut silently;
- failures: a batch that fails is retried one segment at a time; a segment that still fails
  is marked failed with the reason, and the others are kept.

The model is loaded on the first `translate` call, not before: a story found in the cache
never pays for it; once loaded it is kept for the process (up to MAX_LOADED models), so the
next story does not load it again.
"""
from __future__ import annotations

import os
import threading
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Mapping, Sequence

from compare.model import InputError, Translation
from compare.translate import models
from compare.translate.base import TranslatorUnavailable, language_name, languages
from compare.translate.text import split_to_fit

DEFAULT_BEAM = 4
DEFAULT_BATCH = 16
DEFAULT_MAX_TOKENS = 256


_LOADED: "OrderedDict[tuple, tuple[Any, Any]]" = OrderedDict()
_LOADED_LOCK = threading.Lock()
MAX_LOADED = 4  # models kept in memory per process (the app translates story after story)


def loaded(key: tuple, load: Callable[[], tuple[Any, Any]]) -> tuple[Any, Any]:
    """(tokenizer, model) for key, loaded once per process and shared by translators."""
    with _LOADED_LOCK:
        if key in _LOADED:
            _LOADED.move_to_end(key)
            return _LOADED[key]
        pair = load()
        _LOADED[key] = pair
        while len(_LOADED) > MAX_LOADED:
            _LOADED.popitem(last=False)
        return pair


def default_threads() -> int:
    try:
        available = len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        available = os.cpu_count() or 1
    return max(1, min(available, 8))


@dataclass(frozen=True)
class LanguageCodes:
    """How a model is told the languages of a direction."""

    convention: str  # "plain", "marian-multi", "nllb" or "m2m100"
    prefix: str = ""  # text prefix: the target token of a multi-target Marian model
    src_code: str = ""  # set on the tokenizer (NLLB, M2M100)
    tgt_code: str = ""  # token forced first in the output (NLLB, M2M100)

    def as_options(self) -> dict[str, str]:
        if self.prefix:
            return {"target_token": self.prefix.strip()}
        if self.tgt_code:
            return {"src_code": self.src_code, "tgt_code": self.tgt_code}
        return {}


def language_codes(folder: Path, name: str, src_lang: str, tgt_lang: str,
                   target_token: str | None = None) -> LanguageCodes:
    """Work out the model family's language convention from its files (no loading)."""
    tokenizer_class = str(models.read_json(folder / "tokenizer_config.json")
                          .get("tokenizer_class", ""))
    model_type = str(models.read_config(folder).get("model_type", ""))
    if "Nllb" in tokenizer_class:
        return LanguageCodes("nllb", src_code=_code("nllb", src_lang, name),
                             tgt_code=_code("nllb", tgt_lang, name))
    if "M2M100" in tokenizer_class or (model_type == "m2m_100" and not tokenizer_class):
        return LanguageCodes("m2m100", src_code=_code("m2m100", src_lang, name),
                             tgt_code="__" + _code("m2m100", tgt_lang, name) + "__")
    if "Marian" in tokenizer_class or model_type == "marian" or (folder / "source.spm").exists():
        vocab = models.read_json(folder / "vocab.json")
        present = [token for token in vocab if token.startswith(">>") and token.endswith("<<")]
        if target_token:
            if target_token not in vocab:
                listed = ", ".join(present[:8]) or "none"
                raise InputError(f"model {name} has no target token {target_token} "
                                 f"(its language tokens: {listed})")
            return LanguageCodes("marian-multi", prefix=target_token + " ")
        if present:
            for token in languages().get(tgt_lang, {}).get("marian", []):
                if token in vocab:
                    return LanguageCodes("marian-multi", prefix=token + " ")
            raise InputError(
                f"model {name} translates into several languages, but not into "
                f"{language_name(tgt_lang)} (its language tokens: {', '.join(present[:8])})")
    elif target_token:
        raise InputError(f"model {name} takes no target token (it is not a multi-target "
                         f"Marian model), so target_token {target_token} cannot apply")
    return LanguageCodes("plain")


def _code(family: str, lang: str, name: str) -> str:
    code = languages().get(lang, {}).get(family)
    if not code:
        raise InputError(f"no {family.upper()} language code is known for '{lang}' "
                         f"(model {name}); known languages: {', '.join(languages())}")
    return code


class HFTranslator:
    engine = "hf"
    cacheable = True
    OPTION_NAMES = ("beam", "threads", "batch_size", "max_tokens", "target_token", "force_length",
                    "revision")

    @classmethod
    def accepted(cls, settings: Mapping[str, Any]) -> dict[str, Any]:
        return {k: v for k, v in settings.items() if k in cls.OPTION_NAMES}

    def __init__(self, model: str, src_lang: str, tgt_lang: str, *, beam: int = DEFAULT_BEAM,
                 threads: int | None = None, batch_size: int = DEFAULT_BATCH,
                 max_tokens: int = DEFAULT_MAX_TOKENS, target_token: str | None = None,
                 force_length: int | None = None, revision: str | None = None):
        self.src_lang, self.tgt_lang = src_lang, tgt_lang
        self.hub_revision = revision  # asked for; self.revision is the snapshot found
        self.files = self._locate(model)
        self.model = self.files.name
        self.revision = self.files.revision
        self.where = self.files.where
        self.codes = language_codes(self.files.path, self.model, src_lang, tgt_lang,
                                    target_token)
        self.beam = int(beam)
        self.threads = int(threads or default_threads())
        self.batch_size = int(batch_size)
        self.max_tokens = int(max_tokens)
        # Benchmarks only: every output exactly this many tokens (min = max length).
        self.force_length = force_length
        self.options: dict[str, str] = {
            "beam": str(self.beam), "max_tokens": str(self.max_tokens),
            **self.codes.as_options(), **self._extra_options(), "revision": self.revision}
        if force_length:
            self.options["force_length"] = str(force_length)
        self._tokenizer: Any = None
        self._model: Any = None
        self.engine_calls = 0  # batches sent to the model (tests and benchmarks read it)

    def _locate(self, model: str) -> models.ModelFiles:
        files = models.locate(model, self.src_lang, self.tgt_lang, self.hub_revision)
        if files.kind != "transformers":
            raise InputError(f"{model} is a CTranslate2 model, not a transformers one: "
                             f"use --engine ct2")
        return files

    def _extra_options(self) -> dict[str, str]:
        return {}

    # ------------------------------------------------------------------ loading

    def load(self) -> None:
        if self._model is None:
            self._tokenizer, self._model = loaded(
                (self.engine, str(self.files.path), self.revision, self.threads),
                lambda: (self._load_tokenizer(self.files.path), self._load_model()))

    def _load_tokenizer(self, folder: Path) -> Any:
        _quiet_transformers()
        from transformers import AutoTokenizer

        try:
            return AutoTokenizer.from_pretrained(str(folder), local_files_only=True)
        except Exception as error:
            raise InputError(f"cannot load the tokenizer of {self.model}: "
                             f"{_first_line(error)}") from None

    def _load_model(self) -> Any:
        import torch
        from transformers import AutoModelForSeq2SeqLM

        torch.set_num_threads(self.threads)
        try:
            model = AutoModelForSeq2SeqLM.from_pretrained(
                str(self.files.path), local_files_only=True, dtype=torch.float32)
        except ValueError as error:
            if "Unrecognized configuration class" in str(error):
                kind = models.read_config(self.files.path).get("model_type", "unknown")
                raise InputError(f"{self.model} is a {kind} model, not a translation "
                                 f"(sequence-to-sequence) model") from None
            raise InputError(f"cannot load {self.model}: {_first_line(error)}") from None
        except Exception as error:
            raise InputError(f"cannot load {self.model}: {_first_line(error)}") from None
        _single_token_bans_as_suppression(model)
        return model.eval()

    @property
    def max_input_tokens(self) -> int:
        positions = models.read_config(self.files.path).get("max_position_embeddings") or 512
        return max(8, min(self.max_tokens, int(positions) - 2))

    # ------------------------------------------------------------------ translating

    def translate(self, texts: Sequence[str]) -> list[Translation]:
        results: list[Translation | None] = [None] * len(texts)
        pieces: list[tuple[int, list[int]]] = []  # (text index, token ids)
        piece_counts: dict[int, int] = {}
        for index, text in enumerate(texts):
            clean = " ".join(str(text).split())
            if not clean:
                results[index] = self._record("", note="empty segment")
                continue
            if self._model is None:
                self.load()
            encoded = self._encode([clean])[0]
            if len(encoded) <= self.max_input_tokens:
                parts = [encoded]
            else:
                limit = self.max_input_tokens
                chunks = split_to_fit(clean, lambda s: len(self._encode([s])[0]) <= limit)
                parts = self._encode(chunks)
            piece_counts[index] = len(parts)
            pieces += [(index, ids) for ids in parts]

        outputs = self._translate_pieces([ids for _, ids in pieces])
        joined: dict[int, list[str]] = {}
        failures: dict[int, str] = {}
        for (index, _), (text, error) in zip(pieces, outputs):
            if error:
                failures.setdefault(index, error)
            joined.setdefault(index, []).append(text)
        for index, parts_out in joined.items():
            if index in failures:
                results[index] = self._record("", failed=True,
                                              note=f"{self.engine} failed: {failures[index]}")
                continue
            note = ""
            if piece_counts[index] > 1:
                note = (f"longer than {self.max_input_tokens} tokens: split into "
                        f"{piece_counts[index]} pieces at clause boundaries")
            results[index] = self._record(" ".join(p for p in parts_out if p), note=note)
        return [r if r is not None else self._record("", failed=True, note="not translated")
                for r in results]

    def _record(self, text: str, *, note: str = "", failed: bool = False) -> Translation:
        return Translation(text=text, engine=self.engine, model=self.model,
                           src_lang=self.src_lang, tgt_lang=self.tgt_lang,
                           options=self.options, failed=failed, note=note)

    def _translate_pieces(self, pieces: list[list[int]]) -> list[tuple[str, str]]:
        """(text, error) per piece, in order; batches are formed by length."""
        order = sorted(range(len(pieces)), key=lambda i: len(pieces[i]))
        out: list[tuple[str, str]] = [("", "")] * len(pieces)
        for start in range(0, len(order), self.batch_size):
            batch = order[start:start + self.batch_size]
            for i, result in zip(batch, self._translate_batch([pieces[i] for i in batch])):
                out[i] = result
        return out

    def _translate_batch(self, batch: list[list[int]]) -> list[tuple[str, str]]:
        try:
            self.engine_calls += 1
            return [(self._decode(ids), "") for ids in self._generate(batch)]
        except (RuntimeError, ValueError, IndexError, MemoryError) as error:
            if len(batch) == 1:
                return [("", _first_line(error))]
        # One segment must not cost the batch: try them one by one.
        return [self._translate_batch([ids])[0] for ids in batch]

    def _encode(self, texts: Sequence[str]) -> list[list[int]]:
        tokenizer = self._tokenizer
        if self.codes.src_code:
            tokenizer.src_lang = self.codes.src_code
        encoded = tokenizer([self.codes.prefix + t for t in texts], add_special_tokens=True,
                            truncation=False)
        return [list(ids) for ids in encoded["input_ids"]]

    def _max_new_tokens(self, longest: int) -> int:
        if self.force_length:
            return self.force_length
        # Translations between these languages run up to ~1.5× the source in tokens.
        return min(int(longest * 1.5) + 10, 512)

    def _generate(self, batch: list[list[int]]) -> list[list[int]]:
        import torch

        torch.set_num_threads(self.threads)
        padded = self._tokenizer.pad({"input_ids": batch}, return_tensors="pt")
        kwargs: dict[str, Any] = {"num_beams": self.beam, "do_sample": False,
                                  "max_new_tokens": self._max_new_tokens(max(map(len, batch)))}
        if self.force_length:
            kwargs["min_new_tokens"] = self.force_length
        if self.codes.tgt_code:
            kwargs["forced_bos_token_id"] = self._tokenizer.convert_tokens_to_ids(
                self.codes.tgt_code)
        with torch.inference_mode():
            output = self._model.generate(input_ids=padded["input_ids"],
                                          attention_mask=padded["attention_mask"], **kwargs)
        return output.tolist()

    def _decode(self, ids: list[int]) -> str:
        drop = {self._tokenizer.pad_token_id, self._tokenizer.eos_token_id}
        if self.codes.tgt_code:
            # M2M100's language tokens are not "special" to its tokenizer: drop the forced one.
            drop.add(self._tokenizer.convert_tokens_to_ids(self.codes.tgt_code))
        kept = [i for i in ids if i not in drop]
        return " ".join(self._tokenizer.decode(kept, skip_special_tokens=True).split())


def _single_token_bans_as_suppression(model: Any) -> None:
    """opus-mt generation configs ban <pad> with bad_words_ids=[[pad]]; transformers 5 checks
    bad words so slowly that it makes generation ~9x slower on a CPU. A ban of single tokens
    is exactly what suppress_tokens does, cheaply: move them there."""
    config = getattr(model, "generation_config", None)
    banned = getattr(config, "bad_words_ids", None)
    if not banned or any(len(sequence) != 1 for sequence in banned):
        return
    config.suppress_tokens = sorted({*(config.suppress_tokens or []),
                                     *(sequence[0] for sequence in banned)})
    config.bad_words_ids = None


def _quiet_transformers() -> None:
    """No progress bars or advice on stderr: the CLI and the app show their own progress."""
    try:
        from transformers.utils import logging as hf_logging
        hf_logging.set_verbosity_error()
        hf_logging.disable_progress_bar()
    except ImportError:
        pass


def _first_line(error: BaseException) -> str:
    lines = str(error).strip().splitlines()
    return (lines[0] if lines else type(error).__name__)[:300]


__all__ = ["HFTranslator", "LanguageCodes", "language_codes", "default_threads",
           "TranslatorUnavailable"]
