"""CTranslate2 engine: the same models as the transformers engine, converted once (int8 by
default) into a local folder, then run by CTranslate2 — several times faster on a CPU.

The converted folder lives under <user cache dir>/wire-compare/ct2/ (or `ct2_dir`), named
after the model, its revision and the quantization, with the tokenizer files copied in, so it
is self-contained. The first translation converts when the folder is missing
(`python -m compare models convert` does it ahead of time). A CTranslate2 folder can also be
given directly as the model.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any, Mapping

from compare.model import InputError
from compare.translate import models
from compare.translate.config import user_dir
from compare.translate.hf import HFTranslator, _first_line, _quiet_transformers, loaded

DEFAULT_QUANTIZATION = "int8"
STAMP = "converted-by-wire-compare.json"
# Tokenizer files copied next to the converted weights (config.json is CTranslate2's own).
TOKENIZER_COPY = ("tokenizer.json", "tokenizer_config.json", "special_tokens_map.json",
                  "vocab.json", "target_vocab.json", "source.spm", "target.spm",
                  "sentencepiece.bpe.model", "spiece.model", "generation_config.json")


def ct2_root(ct2_dir: str | Path | None = None) -> Path:
    if ct2_dir:
        return Path(ct2_dir).expanduser()
    if os.environ.get("WIRE_COMPARE_CT2_DIR"):
        return Path(os.environ["WIRE_COMPARE_CT2_DIR"]).expanduser()
    return user_dir("cache") / "ct2"


def converted_folder(files: models.ModelFiles, quantization: str,
                     ct2_dir: str | Path | None = None) -> Path:
    safe = re.sub(r"[^A-Za-z0-9._-]+", "_", files.name.strip("/"))[-80:]
    return ct2_root(ct2_dir) / f"{safe}-{files.revision[-12:]}-{quantization}"


def is_converted(folder: Path) -> bool:
    return (folder / "model.bin").is_file() and (folder / STAMP).is_file()


def convert(files: models.ModelFiles, quantization: str = DEFAULT_QUANTIZATION,
            ct2_dir: str | Path | None = None, *, force: bool = False) -> Path:
    """Convert a transformers model folder to CTranslate2; returns the converted folder.

    Converted in a staging folder and renamed into place, so that an interrupted conversion
    or two processes converting at once never leave a half-written model."""
    target = converted_folder(files, quantization, ct2_dir)
    if is_converted(target) and not force:
        return target
    if files.kind != "transformers":
        raise InputError(f"{files.name} is not a transformers model folder; only those "
                         f"can be converted to CTranslate2")
    _quiet_transformers()
    try:
        from ctranslate2.converters import TransformersConverter
    except ImportError as error:
        raise InputError(f"cannot convert {files.name}: CTranslate2 is not installed "
                         f"({error}); pip install ctranslate2") from None
    _fix_m2m100_vocabulary()
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".converting-", dir=target.parent))
    started = time.time()
    try:
        copy = [name for name in TOKENIZER_COPY if (files.path / name).is_file()]
        converter = TransformersConverter(str(files.path), copy_files=copy)
        converter.convert(str(staging), quantization=quantization, force=True)
        (staging / STAMP).write_text(json.dumps({
            "model": files.name, "revision": files.revision, "source": str(files.path),
            "quantization": quantization, "seconds": round(time.time() - started, 1),
            "ctranslate2": _version("ctranslate2"), "transformers": _version("transformers"),
        }, indent=1) + "\n")
        staging.chmod(0o755)
        if target.exists() and force:
            shutil.rmtree(target)
        try:
            os.replace(staging, target)
        except OSError:
            if not is_converted(target):  # not another process finishing first
                raise
    except InputError:
        raise
    except Exception as error:
        raise InputError(f"cannot convert {files.name} to CTranslate2: "
                         f"{_first_line(error)}") from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return target


def _version(package: str) -> str:
    try:
        from importlib.metadata import version
        return version(package)
    except Exception:
        return "unknown"


_M2M100_FIXED = False


def _fix_m2m100_vocabulary() -> None:
    """CTranslate2's M2M100 loader looks for the language tokens under the tokenizer's
    `additional_special_tokens`, which transformers 5 no longer fills for M2M100Tokenizer: the
    converted vocabulary then lacks __en__ … and conversion fails on the size check. Give it
    the language tokens in id order (NLLB's tokenizer lists them itself and is unaffected).

    Through the converter's public extension point, `register_loader` (documented as the way
    to add or replace a loader), over its public `M2M100Loader` — not its private table.
    ctranslate2 is pinned (constraints.txt; < 5 in pyproject.toml) and
    tests/test_translate_engines.py converts a generated M2M100 model with it."""
    global _M2M100_FIXED
    from ctranslate2.converters import transformers as ct2_transformers

    base = getattr(ct2_transformers, "M2M100Loader", None)
    register = getattr(ct2_transformers, "register_loader", None)
    if _M2M100_FIXED or base is None or register is None:
        return

    @register("M2M100Config")
    class M2M100Loader(base):  # type: ignore[misc, valid-type]
        def get_vocabulary(self, model, tokenizer):
            lang_ids = getattr(tokenizer, "lang_token_to_id", None)
            if not lang_ids:
                return super().get_vocabulary(model, tokenizer)
            tokens = [token for token, _ in sorted(tokenizer.encoder.items(),
                                                   key=lambda item: item[1])]
            tokens += [token for token, _ in sorted(lang_ids.items(), key=lambda item: item[1])]
            madeup = model.config.vocab_size - len(tokens)
            tokens += [f"madeupword{i}" for i in range(max(0, madeup))]
            return tokens

    _M2M100_FIXED = True


class CT2Translator(HFTranslator):
    engine = "ct2"
    OPTION_NAMES = HFTranslator.OPTION_NAMES + ("quantization", "ct2_dir")

    def __init__(self, model: str, src_lang: str, tgt_lang: str, *,
                 quantization: str = DEFAULT_QUANTIZATION, ct2_dir: str | None = None,
                 **options: Any):
        self.quantization = quantization
        self.ct2_dir = ct2_dir
        super().__init__(model, src_lang, tgt_lang, **options)
        if self.files.kind == "ctranslate2":
            self.folder = self.files.path
            self.where = f"CTranslate2 folder {self.folder}"
        else:
            self.folder = converted_folder(self.files, quantization, ct2_dir)
            state = ("converted: " + str(self.folder) if is_converted(self.folder) else
                     "converted on first use, or now with: python -m compare models convert "
                     f"{self.model}")
            self.where = f"{self.files.where}; CTranslate2 {quantization} {state}"

    def _locate(self, model: str) -> models.ModelFiles:
        return models.locate(model, self.src_lang, self.tgt_lang, self.hub_revision)

    def _extra_options(self) -> dict[str, str]:
        if self.files.kind == "ctranslate2":
            stamp = models.read_json(self.files.path / STAMP)
            return {"quantization": str(stamp.get("quantization", "as converted"))}
        return {"quantization": self.quantization}

    def load(self) -> None:
        if self._model is not None:
            return
        if self.files.kind == "transformers":
            convert(self.files, self.quantization, self.ct2_dir)
        self._tokenizer, self._model = loaded(
            (self.engine, str(self.folder), self.threads),
            lambda: (self._load_tokenizer(self.folder), self._load_translator()))

    def _load_translator(self) -> Any:
        import ctranslate2

        try:
            # One worker per thread, each single-threaded: at the batch sizes of a story
            # (8-16 short segments per step) the int8 GEMMs are too small to split across
            # cores well, so running half-batches side by side is ~25% faster than one
            # two-threaded worker (benchmarks/bench_mt.py). The workers share the weights.
            return ctranslate2.Translator(str(self.folder), device="cpu",
                                          intra_threads=1, inter_threads=self.threads)
        except Exception as error:
            raise InputError(f"cannot load the CTranslate2 model {self.folder}: "
                             f"{_first_line(error)}") from None

    @property
    def max_input_tokens(self) -> int:
        positions = models.read_config(self.files.path).get("max_position_embeddings") or 512
        return max(8, min(self.max_tokens, int(positions) - 2))

    def _generate(self, batch: list[list[int]]) -> list[list[int]]:
        tokenizer = self._tokenizer
        source = [tokenizer.convert_ids_to_tokens(ids) for ids in batch]
        prefix = [[self.codes.tgt_code] for _ in batch] if self.codes.tgt_code else None
        length = self._max_new_tokens(max(map(len, batch)))
        # Split the batch evenly over the workers; CTranslate2 runs the parts in parallel.
        per_worker = -(-len(batch) // self.threads)
        results = self._model.translate_batch(
            source, target_prefix=prefix, beam_size=self.beam, max_batch_size=per_worker,
            max_decoding_length=length,
            min_decoding_length=self.force_length or 1)
        return [tokenizer.convert_tokens_to_ids(result.hypotheses[0]) for result in results]


def describe(folder: Path) -> Mapping[str, Any]:
    return models.read_json(folder / STAMP)
