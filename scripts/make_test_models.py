"""Make translation models with random weights, for tests and benchmarks (no download needed).

No MT weights can be downloaded on our machines, so the engines are proven on models made here:
the vocabulary is trained on the spot from text in the repository (tests/data/translate/), the
weights are random, and everything is written with save_pretrained so that the tool loads it
through the same code path as a real model from the hub. The translations these models produce
are word salad: they prove batching, language codes, caching, conversion and speed, not quality.

    python scripts/make_test_models.py                   # the tiny models into .models/test/
    python scripts/make_test_models.py --bench           # + opus-mt-en-ru-shaped model (300 MB)
    python scripts/make_test_models.py --out DIR --force

Models:
  tiny-marian       Marian, d_model 32, 2+2 layers, sentencepiece trained here, target tokens
                    >>bel<< >>rus<< >>ukr<< like opus-mt-tc-big-zle-zle (multi-target)
  tiny-m2m100       M2M100, d_model 32, language tokens __be__ __ru__ __en__ …
  tiny-nllb         M2M100 architecture with the NLLB tokenizer: codes bel_Cyrl, rus_Cyrl …
  opus-mt-en-ru-shape  exactly the shape of Helsinki-NLP/opus-mt-en-ru: d_model 512, 6+6 layers,
                    8 heads, ffn 2048, vocab 62,518, swish, scale_embedding, pad = decoder_start
                    = 62517, eos 0 (for benchmarks)
"""
from __future__ import annotations

import argparse
import csv
import io
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TEXT_FILE = REPO / "tests" / "data" / "translate" / "parallel.tsv"
DEFAULT_OUT = REPO / ".models" / "test"
BENCH_OUT = REPO / ".models" / "bench"
STAMP = "made-by-make_test_models.json"
RECIPE_VERSION = 1  # bump when a recipe changes so that cached models are remade
SEED = 1234

MARIAN_TARGET_TOKENS = (">>bel<<", ">>rus<<", ">>ukr<<")
# With the usual 0.02 a tiny random model says the same thing whatever the input; larger
# weights make its output depend on the input, which the order and batching tests need.
TINY_INIT_STD = 0.5


def training_sentences() -> list[str]:
    """Every sentence of the parallel test text, all three languages."""
    with TEXT_FILE.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    return [row[lang] for row in rows for lang in ("en", "ru", "be")]


def train_sentencepiece(vocab_size: int, *, model_type: str = "unigram",
                        control: dict[str, int] | None = None) -> bytes:
    """A sentencepiece model trained now on the repository text; returns the model bytes."""
    import sentencepiece as spm

    ids = {"unk_id": 0, "bos_id": 1, "eos_id": 2, "pad_id": -1}
    ids.update(control or {})
    buffer = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(training_sentences()), model_writer=buffer,
        vocab_size=vocab_size, model_type=model_type, character_coverage=1.0,
        hard_vocab_limit=False, minloglevel=2, num_threads=1, **ids)
    return buffer.getvalue()


def spm_pieces(model_bytes: bytes) -> list[str]:
    import sentencepiece as spm

    processor = spm.SentencePieceProcessor(model_proto=model_bytes)
    return [processor.id_to_piece(i) for i in range(processor.get_piece_size())
            if not (processor.is_control(i) or processor.is_unknown(i))]


def _save_model(model, out: Path) -> None:
    model.save_pretrained(out)


def _stamp(out: Path, name: str, started: float) -> None:
    (out / STAMP).write_text(json.dumps({
        "model": name, "recipe_version": RECIPE_VERSION, "seed": SEED,
        "weights": "random", "seconds": round(time.time() - started, 2)}, indent=1) + "\n")


def is_made(out: Path, name: str) -> bool:
    try:
        stamp = json.loads((out / STAMP).read_text())
    except (OSError, ValueError):
        return False
    return stamp.get("model") == name and stamp.get("recipe_version") == RECIPE_VERSION


# ---------------------------------------------------------------- Marian (tiny and full size)

def make_marian(out: Path, *, name: str, d_model: int, layers: int, heads: int, ffn: int,
                vocab_size: int | None, spm_vocab: int, target_tokens: tuple[str, ...],
                init_std: float = 0.02) -> Path:
    """A Marian model with the opus-mt conventions: one shared sentencepiece model for source
    and target, vocab.json mapping pieces to ids, </s> = 0, <unk> = 1, <pad> = last id =
    decoder_start. vocab_size None: as many ids as pieces; else filled up to exactly that."""
    import torch
    from transformers import MarianConfig, MarianMTModel, MarianTokenizer

    started = time.time()
    spm_bytes = train_sentencepiece(spm_vocab)
    tokens = ["</s>", "<unk>", *target_tokens, *spm_pieces(spm_bytes)]
    if vocab_size is not None:
        # Real opus-mt vocabularies are far larger than what our text can train; fill the
        # table with placeholder pieces so that ids and matrix shapes are exactly the real ones.
        tokens += [f"▁filler{i}" for i in range(vocab_size - 1 - len(tokens))]
    tokens.append("<pad>")
    vocab = {token: index for index, token in enumerate(tokens)}
    pad = len(tokens) - 1

    with tempfile.TemporaryDirectory() as tmp:
        tmp_dir = Path(tmp)
        (tmp_dir / "source.spm").write_bytes(spm_bytes)
        (tmp_dir / "target.spm").write_bytes(spm_bytes)
        (tmp_dir / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False))
        tokenizer = MarianTokenizer(str(tmp_dir / "source.spm"), str(tmp_dir / "target.spm"),
                                    str(tmp_dir / "vocab.json"), model_max_length=512)
        out.mkdir(parents=True, exist_ok=True)
        tokenizer.save_pretrained(out)

    config = MarianConfig(
        vocab_size=len(tokens), d_model=d_model, encoder_layers=layers, decoder_layers=layers,
        encoder_attention_heads=heads, decoder_attention_heads=heads,
        encoder_ffn_dim=ffn, decoder_ffn_dim=ffn, activation_function="swish",
        scale_embedding=True, max_position_embeddings=512, pad_token_id=pad,
        decoder_start_token_id=pad, eos_token_id=0, bos_token_id=0,
        share_encoder_decoder_embeddings=True, tie_word_embeddings=True, init_std=init_std)
    torch.manual_seed(SEED)
    model = MarianMTModel(config).eval()
    model.generation_config.bad_words_ids = [[pad]]
    model.generation_config.max_length = 512
    model.generation_config.num_beams = 4
    _save_model(model, out)
    _stamp(out, name, started)
    return out


def make_tiny_marian(out: Path) -> Path:
    return make_marian(out, name="tiny-marian", d_model=32, layers=2, heads=2, ffn=64,
                       vocab_size=None, spm_vocab=600, target_tokens=MARIAN_TARGET_TOKENS,
                       init_std=TINY_INIT_STD)


def make_opus_mt_en_ru_shape(out: Path) -> Path:
    return make_marian(out, name="opus-mt-en-ru-shape", d_model=512, layers=6, heads=8,
                       ffn=2048, vocab_size=62518, spm_vocab=2000, target_tokens=())


# ---------------------------------------------------------------- M2M100 and NLLB (tiny)

def _m2m100_config(vocab_size: int, *, pad: int, bos: int, eos: int):
    from transformers import M2M100Config

    return M2M100Config(
        vocab_size=vocab_size, d_model=32, encoder_layers=1, decoder_layers=1,
        encoder_attention_heads=2, decoder_attention_heads=2, encoder_ffn_dim=64,
        decoder_ffn_dim=64, max_position_embeddings=512, pad_token_id=pad, bos_token_id=bos,
        eos_token_id=eos, decoder_start_token_id=eos, scale_embedding=True)


def make_tiny_m2m100(out: Path) -> Path:
    """M2M100 conventions: language tokens __xx__ after the sentencepiece vocabulary; the
    source starts with __src__, generation is forced to start with __tgt__."""
    import torch
    from transformers import M2M100ForConditionalGeneration, M2M100Tokenizer

    started = time.time()
    spm_bytes = train_sentencepiece(500)
    tokens = ["<s>", "<pad>", "</s>", "<unk>", *spm_pieces(spm_bytes)]
    with tempfile.TemporaryDirectory() as tmp:
        tmp_dir = Path(tmp)
        (tmp_dir / "sentencepiece.bpe.model").write_bytes(spm_bytes)
        (tmp_dir / "vocab.json").write_text(
            json.dumps({t: i for i, t in enumerate(tokens)}, ensure_ascii=False))
        tokenizer = M2M100Tokenizer(str(tmp_dir / "vocab.json"),
                                    str(tmp_dir / "sentencepiece.bpe.model"))
        out.mkdir(parents=True, exist_ok=True)
        tokenizer.save_pretrained(out)
    torch.manual_seed(SEED)
    # The ids after the sentencepiece vocabulary: 100 language tokens, then 8 "madeup words".
    vocab_size = tokenizer.encoder_size + len(tokenizer.lang_token_to_id) + tokenizer.num_madeup_words
    config = _m2m100_config(vocab_size, pad=1, bos=0, eos=2)
    model = M2M100ForConditionalGeneration(config).eval()
    _save_model(model, out)
    _stamp(out, "tiny-m2m100", started)
    return out


def make_tiny_nllb(out: Path) -> Path:
    """NLLB conventions (the M2M100 architecture with the NLLB tokenizer): the source starts
    with its code (rus_Cyrl), generation is forced to start with the target code (bel_Cyrl)."""
    import torch
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers
    from transformers import M2M100ForConditionalGeneration, NllbTokenizer

    started = time.time()
    specials = ["<s>", "<pad>", "</s>", "<unk>"]
    bpe = Tokenizer(models.BPE(unk_token="<unk>"))
    bpe.pre_tokenizer = pre_tokenizers.Metaspace(replacement="▁", prepend_scheme="always")
    bpe.decoder = decoders.Metaspace(replacement="▁", prepend_scheme="always")
    bpe.train_from_iterator(training_sentences(), trainers.BpeTrainer(
        vocab_size=600, special_tokens=specials, show_progress=False))
    state = json.loads(bpe.to_str())["model"]
    merges = [tuple(m.split(" ")) if isinstance(m, str) else tuple(m) for m in state["merges"]]
    tokenizer = NllbTokenizer(vocab=state["vocab"], merges=merges)
    out.mkdir(parents=True, exist_ok=True)
    tokenizer.save_pretrained(out)
    torch.manual_seed(SEED)
    config = _m2m100_config(len(tokenizer), pad=tokenizer.pad_token_id,
                            bos=tokenizer.bos_token_id, eos=tokenizer.eos_token_id)
    model = M2M100ForConditionalGeneration(config).eval()
    _save_model(model, out)
    _stamp(out, "tiny-nllb", started)
    return out


TINY = {"tiny-marian": make_tiny_marian, "tiny-m2m100": make_tiny_m2m100,
        "tiny-nllb": make_tiny_nllb}
BENCH = {"opus-mt-en-ru-shape": make_opus_mt_en_ru_shape}


def make(name: str, root: Path, *, force: bool = False) -> Path:
    """Make model `name` under root/name unless an up-to-date one is there; returns its folder.

    Written into a temporary folder beside it and renamed, so that a run stopped half-way or
    two runs at once never leave a half-written model."""
    recipe = {**TINY, **BENCH}[name]
    out = root / name
    if is_made(out, name) and not force:
        return out
    root.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{name}-", dir=root))
    try:
        recipe(staging)
        staging.chmod(0o755)  # mkdtemp makes it private; a model folder is ordinary data
        if out.exists():
            shutil.rmtree(out, ignore_errors=True)
        try:
            os.replace(staging, out)
        except OSError:
            if not is_made(out, name):  # another run finished the same model first: fine
                raise
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, help=f"folder for the models (default {DEFAULT_OUT} "
                        f"for the tiny ones, {BENCH_OUT} for the benchmark one)")
    parser.add_argument("--bench", action="store_true", help="also the full-size benchmark model")
    parser.add_argument("--only", choices=sorted({**TINY, **BENCH}), action="append",
                        help="make only this model (repeatable)")
    parser.add_argument("--force", action="store_true", help="remake even if up to date")
    args = parser.parse_args(argv)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    names = args.only or [*TINY, *(BENCH if args.bench else {})]
    for name in names:
        root = args.out or (BENCH_OUT if name in BENCH else DEFAULT_OUT)
        started = time.time()
        folder = make(name, root, force=args.force)
        print(f"{name}: {folder} ({time.time() - started:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
