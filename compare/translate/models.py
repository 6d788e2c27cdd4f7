"""Where a model's files are: a local folder, or a snapshot in the Hugging Face cache.

Only the cache is looked at, never the network: a hub id that is not downloaded is reported
with the command that downloads it. Downloading (the one place that uses the network) is
`download`, called by `python -m compare models download`.
"""
from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

from compare.model import InputError
from compare.translate.base import TranslatorUnavailable

WEIGHT_FILES = ("model.safetensors", "pytorch_model.bin", "model.safetensors.index.json",
                "pytorch_model.bin.index.json")
TOKENIZER_FILES = ("tokenizer.json", "tokenizer_config.json", "source.spm", "vocab.json",
                   "sentencepiece.bpe.model", "spiece.model")
# Everything a translation model needs from a hub repository (not the TF/Flax/Rust copies).
DOWNLOAD_PATTERNS = ["*.json", "*.spm", "*.model", "*.txt", "model.safetensors"]


@dataclass(frozen=True)
class ModelFiles:
    name: str  # as the user named it: hub id or folder
    path: Path  # the folder that holds the files
    revision: str  # hub commit, or a fingerprint of a local folder's files
    where: str  # for people: "folder …" / "Hugging Face cache …"
    kind: str  # "transformers" or "ctranslate2"


def is_folder_reference(model: str) -> bool:
    """A folder path rather than a hub id ("org/name")."""
    if Path(model).expanduser().exists():
        return True
    return model.startswith(("/", ".", "~")) or model.count("/") > 1 or "\\" in model


def locate(model: str, src_lang: str, tgt_lang: str, revision: str | None = None) -> ModelFiles:
    """The files of a model, offline. revision: a hub branch, tag or commit (default: the
    snapshot `main` points at). Raises TranslatorUnavailable (not downloaded) or InputError (a
    folder that is not a model)."""
    if is_folder_reference(model):
        folder = Path(model).expanduser().resolve()
        if not folder.exists():
            raise InputError(f"model folder {model} does not exist")
        if not folder.is_dir():
            raise InputError(f"model {model} is a file, not a model folder")
        kind = check_folder(folder)
        return ModelFiles(str(folder), folder, "folder-" + fingerprint(folder),
                          f"folder {folder}", kind)
    snapshot = hub_snapshot(model, revision)
    if snapshot is None:
        at = f" --revision {revision}" if revision else ""
        how = f"python -m compare models download {model}{at}"
        raise TranslatorUnavailable(
            f"{src_lang}→{tgt_lang}: model {model}"
            + (f" at revision {revision}" if revision else "")
            + f" is not downloaded ({how}); or pass a local model folder with --model", how)
    try:
        kind = check_folder(snapshot)
    except InputError as problem:
        how = f"python -m compare models download {model}"
        raise TranslatorUnavailable(
            f"{src_lang}→{tgt_lang}: the download of {model} is incomplete ({problem}) "
            f"({how})", how) from None
    return ModelFiles(model, snapshot, snapshot.name, f"Hugging Face cache {snapshot}", kind)


def hub_snapshot(repo_id: str, revision: str | None = None) -> Path | None:
    """The cached snapshot folder of a hub repository (at a branch, tag or commit; default
    main), or None. Reads the cache only."""
    try:
        from huggingface_hub import try_to_load_from_cache
        found = try_to_load_from_cache(repo_id, "config.json", cache_dir=hub_cache_dir(),
                                       revision=revision or None)
    except Exception:  # an id the hub library rejects is simply not in the cache
        return None
    if not isinstance(found, str):
        return None
    return Path(found).parent


def _hub_constants():
    """huggingface_hub's own reading of the environment (HF_HOME, HF_HUB_CACHE, the older
    HUGGINGFACE_HUB_CACHE, XDG_CACHE_HOME, HF_HUB_OFFLINE, TRANSFORMERS_OFFLINE …), done once
    at its import: we use its answers rather than derive them again, so that this tool, the
    `hf` command and transformers always agree. None without the library (the [mt] extra)."""
    try:
        from huggingface_hub import constants
    except ImportError:
        return None
    return constants


def hub_cache_dir() -> Path:
    """The Hugging Face hub cache, as huggingface_hub resolves it."""
    constants = _hub_constants()
    if constants is None:  # no hub library: nothing can be loaded from its cache anyway
        base = os.environ.get("XDG_CACHE_HOME") or "~/.cache"
        return Path(base).expanduser() / "huggingface" / "hub"
    return Path(constants.HF_HUB_CACHE).expanduser()


def check_folder(folder: Path) -> str:
    """'transformers' or 'ctranslate2' if the folder holds a model; else InputError that says
    what is wrong. Cheap: reads config.json and lists files, loads nothing."""
    config_file = folder / "config.json"
    if not config_file.is_file():
        raise InputError(f"{folder} is not a model folder: it has no config.json")
    try:
        config = json.loads(config_file.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as error:
        raise InputError(f"{config_file} is not valid JSON: {error}") from None
    if not isinstance(config, dict):
        raise InputError(f"{config_file} is not a model configuration")
    if (folder / "model.bin").is_file() and "model_type" not in config:
        return "ctranslate2"
    if "model_type" not in config:
        raise InputError(f"{config_file} is not a transformers model configuration "
                         f"(no model_type)")
    if not any((folder / name).is_file() for name in WEIGHT_FILES):
        raise InputError(f"{folder} has no model weights (model.safetensors or "
                         f"pytorch_model.bin)")
    if not any((folder / name).is_file() for name in TOKENIZER_FILES):
        raise InputError(f"{folder} has no tokenizer files (tokenizer.json, source.spm, …)")
    return "transformers"


def read_config(folder: Path) -> dict:
    try:
        return json.loads((folder / "config.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def read_json(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def fingerprint(folder: Path) -> str:
    """A short hash of the folder's files (names, sizes, modification times): it changes when
    the model is replaced, so cached translations of an old model are not reused."""
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.iterdir() if p.is_file()):
        stat = path.stat()
        digest.update(f"{path.name}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()[:12]


def hub_offline() -> bool:
    """huggingface_hub's offline mode (HF_HUB_OFFLINE, TRANSFORMERS_OFFLINE)."""
    constants = _hub_constants()
    if constants is None:
        return False
    is_offline = getattr(constants, "is_offline_mode", None)
    return bool(is_offline() if callable(is_offline) else constants.HF_HUB_OFFLINE)


def download(repo_id: str, *, progress: bool = True, revision: str | None = None) -> Path:
    """Download a hub model (at a branch, tag or commit; default main) into the Hugging Face
    cache, with a progress bar. Any failure is one InputError line: offline mode, no network,
    no such model or revision."""
    if hub_offline():
        raise InputError(f"cannot download {repo_id}: HF_HUB_OFFLINE is set, so the Hugging "
                         f"Face hub is not contacted (unset it to download)")
    try:
        from huggingface_hub import snapshot_download
        from huggingface_hub.errors import (
            EntryNotFoundError, GatedRepoError, HfHubHTTPError, LocalEntryNotFoundError,
            RepositoryNotFoundError, RevisionNotFoundError)
    except ImportError as error:
        raise InputError(f"cannot download {repo_id}: {error}") from None
    kwargs: dict = {"repo_id": repo_id, "etag_timeout": 10, "cache_dir": hub_cache_dir()}
    if revision:
        kwargs["revision"] = revision
    if not progress:
        from huggingface_hub.utils import disable_progress_bars
        disable_progress_bars()
    try:
        folder = snapshot_download(allow_patterns=DOWNLOAD_PATTERNS, **kwargs)
        if not any((Path(folder) / name).is_file() for name in WEIGHT_FILES):
            # Older repositories have only the PyTorch pickle.
            folder = snapshot_download(allow_patterns=[*DOWNLOAD_PATTERNS, "pytorch_model.bin"],
                                       **kwargs)
    except RevisionNotFoundError:
        raise InputError(f"cannot download {repo_id}: it has no revision {revision!r} "
                         f"(a branch, tag or commit)") from None
    except RepositoryNotFoundError:
        raise InputError(f"cannot download {repo_id}: no such model on the Hugging Face hub "
                         f"(or it is private)") from None
    except GatedRepoError:
        raise InputError(f"cannot download {repo_id}: the model is gated; log in with "
                         f"`hf auth login` after accepting its terms") from None
    except (LocalEntryNotFoundError, EntryNotFoundError, HfHubHTTPError, OSError) as error:
        raise InputError(
            f"cannot download {repo_id}: the Hugging Face hub is not reachable from here "
            f"({_first_line(error)}); copy the model folder from a machine with network and "
            f"pass --model FOLDER") from None
    except Exception as error:  # network stacks raise their own types
        raise InputError(f"cannot download {repo_id}: {_first_line(error)}") from None
    return Path(folder)


def _first_line(error: BaseException) -> str:
    text = str(error).strip().splitlines()
    return (text[0] if text else type(error).__name__)[:200]

