"""Per-direction MT settings from the config file and the environment.

Precedence, strongest first: arguments (CLI flags) > environment > config file > registry.

Config file: TOML at $WIRE_COMPARE_CONFIG, else <user config dir>/wire-compare/config.toml
(platformdirs; on Linux ~/.config/wire-compare/config.toml):

    [translate]                 # every direction
    beam = 4
    threads = 2
    cache = "~/mt-cache.sqlite"  # translation cache file
    ct2_dir = "~/ct2-models"     # where converted CTranslate2 models go

    [translate.ru-en]           # one direction
    engine = "ct2"
    model = "~/models/opus-mt-ru-en"

Environment: WIRE_COMPARE_MT_<SRC>_<TGT>_ENGINE / _MODEL for one direction (e.g.
WIRE_COMPARE_MT_RU_EN_MODEL), WIRE_COMPARE_MT_BEAM / _THREADS / _BATCH_SIZE / _MAX_TOKENS for
every direction, WIRE_COMPARE_MT_CACHE for the cache file, WIRE_COMPARE_CT2_DIR.
"""
from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any, Callable, Mapping

from compare.model import InputError

APP_NAME = "wire-compare"
CONFIG_ENV = "WIRE_COMPARE_CONFIG"
ENV_PREFIX = "WIRE_COMPARE_MT_"

QUANTIZATIONS = ("int8", "int8_float32", "int8_float16", "int8_bfloat16", "int16", "float16",
                 "bfloat16", "float32")


def _positive_int(name: str, minimum: int = 1) -> Callable[[Any], int]:
    def parse(value: Any) -> int:
        try:
            number = int(value)
            if isinstance(value, float) or isinstance(value, bool):
                raise ValueError
        except (TypeError, ValueError):
            raise ValueError(f"{name} must be a whole number, not {value!r}") from None
        if number < minimum:
            raise ValueError(f"{name} must be at least {minimum}, not {number}")
        return number
    return parse


def _boolean(name: str) -> Callable[[Any], bool]:
    def parse(value: Any) -> bool:
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        if text in ("1", "true", "yes", "on"):
            return True
        if text in ("0", "false", "no", "off"):
            return False
        raise ValueError(f"{name} must be true or false, not {value!r}")
    return parse


def _choice(name: str, choices: tuple[str, ...]) -> Callable[[Any], str]:
    def parse(value: Any) -> str:
        if str(value) not in choices:
            raise ValueError(f"{name} must be one of {', '.join(choices)}, not {value!r}")
        return str(value)
    return parse


def _text(value: Any) -> str:
    return str(value)


def _column(value: Any) -> str | int:
    return value if isinstance(value, int) else str(value)


# Every option an engine understands, with its parser. Engines take the ones they use.
OPTIONS: Mapping[str, Callable[[Any], Any]] = {
    "engine": _text,
    "model": _text,
    "beam": _positive_int("beam"),
    "threads": _positive_int("threads"),
    "batch_size": _positive_int("batch_size"),
    "max_tokens": _positive_int("max_tokens", 8),
    "quantization": _choice("quantization", QUANTIZATIONS),
    "target_token": _text,
    "revision": _text,  # a hub model's branch, tag or commit (default: main)
    "ct2_dir": _text,
    "column": _column,
    "source_column": _column,
    "fallback": _boolean("fallback"),
    "mark_unknown": _boolean("mark_unknown"),
    "command": _text,
    "force_length": _positive_int("force_length"),  # benchmarks: outputs of exactly N tokens
}
GENERAL_ONLY = ("cache",)
ENV_GENERAL = ("beam", "threads", "batch_size", "max_tokens", "quantization")


def config_path(path: str | Path | None = None) -> Path:
    if path:
        return Path(path).expanduser()
    if os.environ.get(CONFIG_ENV):
        return Path(os.environ[CONFIG_ENV]).expanduser()
    import platformdirs

    return Path(platformdirs.user_config_dir(APP_NAME)) / "config.toml"


def load_config(path: str | Path | None = None) -> dict[str, Any]:
    """The [translate] table of the config file ({} when there is no file). A file that is
    named explicitly (argument or $WIRE_COMPARE_CONFIG) must exist."""
    file = config_path(path)
    explicit = bool(path or os.environ.get(CONFIG_ENV))
    try:
        with file.open("rb") as handle:
            data = tomllib.load(handle)
    except FileNotFoundError:
        if explicit:
            raise InputError(f"config file {file} does not exist") from None
        return {}
    except tomllib.TOMLDecodeError as error:
        raise InputError(f"config file {file} is not valid TOML: {error}") from None
    except OSError as error:
        raise InputError(f"config file {file} cannot be read: {error.strerror}") from None
    table = data.get("translate", {})
    if not isinstance(table, dict):
        raise InputError(f"config file {file}: [translate] must be a table")
    return table | {"__file__": str(file)}


def check_options(settings: dict[str, Any], *, where: str) -> dict[str, Any]:
    """Parse every option in place; an unknown name or a bad value is an InputError that
    names where it came from."""
    for name, value in list(settings.items()):
        parser = OPTIONS.get(name)
        if parser is None:
            known = ", ".join(sorted(OPTIONS))
            raise InputError(f"{where}: unknown MT option '{name}' (known: {known})")
        try:
            settings[name] = parser(value)
        except ValueError as error:
            raise InputError(f"{where}: {error}") from None
    return settings


def direction_settings(src_lang: str, tgt_lang: str,
                       path: str | Path | None = None) -> dict[str, Any]:
    """Settings for one direction from the config file, then the environment on top."""
    table = load_config(path)
    file = table.pop("__file__", "config file")
    settings: dict[str, Any] = {}
    general = {k: v for k, v in table.items()
               if not isinstance(v, dict) and k not in GENERAL_ONLY}
    settings.update(check_options(general, where=f"config file {file} [translate]"))
    direction = table.get(f"{src_lang}-{tgt_lang}", {})
    if not isinstance(direction, dict):
        raise InputError(f"config file {file}: [translate.{src_lang}-{tgt_lang}] must be a table")
    settings.update(check_options(dict(direction),
                                  where=f"config file {file} [translate.{src_lang}-{tgt_lang}]"))
    settings.update(env_settings(src_lang, tgt_lang))
    for key in ("model", "ct2_dir"):
        if key in settings and _looks_like_path(settings[key]):
            settings[key] = str(Path(settings[key]).expanduser())
    return settings


def env_settings(src_lang: str, tgt_lang: str) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for name in ENV_GENERAL:
        variable = f"{ENV_PREFIX}{name.upper()}"
        if os.environ.get(variable):
            found.update(check_options({name: os.environ[variable]}, where=variable))
    for name in ("engine", "model", "target_token"):
        variable = f"{ENV_PREFIX}{src_lang.upper()}_{tgt_lang.upper()}_{name.upper()}"
        if os.environ.get(variable):
            found[name] = os.environ[variable]
    if os.environ.get("WIRE_COMPARE_CT2_DIR"):
        found["ct2_dir"] = os.environ["WIRE_COMPARE_CT2_DIR"]
    return found


def general_setting(name: str, path: str | Path | None = None) -> str | None:
    """A [translate] setting that is not per direction (e.g. cache)."""
    value = load_config(path).get(name)
    return None if value is None else str(value)


def _looks_like_path(value: Any) -> bool:
    return isinstance(value, str) and (value.startswith(("~", "/", ".")) or os.sep in value
                                       and Path(value).expanduser().exists())


def user_dir(kind: str) -> Path:
    """platformdirs' user data or cache folder for this tool."""
    import platformdirs

    if kind == "data":
        return Path(platformdirs.user_data_dir(APP_NAME))
    return Path(platformdirs.user_cache_dir(APP_NAME))
