"""`python -m compare models list|download|convert|check`: which MT directions are ready
offline, fetch a model where a network exists, convert one to CTranslate2, try one out.

    python -m compare models list [--json]      # every direction: engine, model, ready or how
    python -m compare models download ru-en     # the registry's model for ru→en (or a hub id)
    python -m compare models convert ru-en      # CTranslate2 int8 copy, once
    python -m compare models check ru-en        # load it and translate a probe sentence
"""
from __future__ import annotations

import argparse
import json
import sys
import time

from compare import console
from compare.model import InputError


def configure(parser: argparse.ArgumentParser) -> None:
    from compare.commands.translate import add_engine_arguments

    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    listing = actions.add_parser("list", help="which directions are ready offline")
    listing.add_argument("--all", action="store_true", help="also the other candidates and "
                         "alternative models")
    listing.add_argument("--config", metavar="PATH", help="config file")
    listing.add_argument("--json", action="store_true",
                         help="one JSON object: every direction with its engine, model, whether "
                              "it is ready, where the model is or how to get it")

    download = actions.add_parser("download", help="download models into the Hugging Face cache")
    download.add_argument("what", nargs="*", metavar="DIRECTION|HUB_ID",
                          help="e.g. ru-en, or Helsinki-NLP/opus-mt-ru-en")
    download.add_argument("--all", action="store_true", help="every registered direction")
    download.add_argument("--revision", help="a branch, tag or commit of the hub repository "
                          "(default: main); translate --revision uses it")
    download.add_argument("--config", metavar="PATH", help="config file")

    convert = actions.add_parser("convert", help="convert a transformers model to CTranslate2")
    convert.add_argument("what", metavar="DIRECTION|MODEL", help="e.g. ru-en, a hub id or a folder")
    convert.add_argument("--quantization", default="int8", help="int8 (default), float32, …")
    convert.add_argument("--ct2-dir", help="where converted models go")
    convert.add_argument("--force", action="store_true", help="convert again")
    convert.add_argument("--config", metavar="PATH", help="config file")

    check = actions.add_parser("check", help="load a direction's model and translate a probe")
    check.add_argument("directions", nargs="*", metavar="DIRECTION",
                       help="e.g. ru-en (default: every registered direction)")
    add_engine_arguments(check)


def run(args: argparse.Namespace) -> int:
    return {"list": run_list, "download": run_download, "convert": run_convert,
            "check": run_check}[args.action](args)


def parse_direction(text: str) -> tuple[str, str] | None:
    from compare.translate.base import registry_directions

    for sep in ("-", "→", ">", ":"):
        if sep in text and "/" not in text:
            src, tgt = (part.strip() for part in text.split(sep, 1))
            if (src, tgt) in registry_directions():
                return src, tgt
            raise InputError(f"'{text}' is not a known direction (known: "
                             f"{', '.join(f'{s}-{t}' for s, t in registry_directions())})")
    return None


def run_list(args: argparse.Namespace) -> int:
    from compare.translate import direction_status
    from compare.translate.base import registry

    statuses = direction_status(args.config)
    if args.json:
        print(json.dumps(_as_json(statuses, registry() if args.all else None),
                         ensure_ascii=False, indent=2))
        return 0
    width = max(len(s.model) for s in statuses)
    for status in statuses:
        mark = "ready  " if status.ready else "missing"
        print(f"{status.direction:6} {mark} {status.engine:8} {status.model:{width}}  "
              f"{status.detail if status.ready else status.how or status.detail}")
        if args.all:
            for other in status.alternatives:
                mark = "ready  " if other.ready else "missing"
                print(f"{'':6} {mark} {other.engine:8} {other.model:{width}}  "
                      f"{other.detail if other.ready else other.how or other.detail}")
    ready = sum(s.ready for s in statuses)
    print(f"{ready} of {len(statuses)} directions ready offline", file=sys.stderr)
    if args.all:
        print("\nother models for these languages (use with --model):")
        for model, description in registry().get("alternatives", {}).items():
            print(f"  {model}: {description}")
    return 0


def _status_json(status) -> dict:
    return {"direction": status.direction, "src": status.src_lang, "tgt": status.tgt_lang,
            "engine": status.engine, "model": status.model, "ready": status.ready,
            "detail": status.detail, "how": status.how}


def _as_json(statuses, registry) -> dict:
    out = {"directions": [{**_status_json(s), "alternatives": [_status_json(a) for a in
                                                               s.alternatives]}
                          for s in statuses],
           "ready": sum(s.ready for s in statuses), "total": len(statuses)}
    if registry is not None:
        out["other_models"] = dict(registry.get("alternatives", {}))
    return out


def _hub_ids(args: argparse.Namespace) -> list[str]:
    from compare.translate.base import candidates, registry_directions

    wanted = list(args.what)
    if args.all:
        wanted += [f"{s}-{t}" for s, t in registry_directions()]
    if not wanted:
        raise InputError("name what to download: a direction (ru-en), a hub id, or --all")
    ids: list[str] = []
    for item in wanted:
        direction = parse_direction(item)
        if direction is None:
            ids.append(item)
            continue
        hub = [c.model for c in candidates(*direction) if c.engine == "hf"]
        if not hub:
            print(f"{item}: no downloadable model is registered (it uses "
                  f"{candidates(*direction)[0].engine})", file=sys.stderr)
        ids += hub
    return list(dict.fromkeys(ids))


def run_download(args: argparse.Namespace) -> int:
    from compare.translate import models

    ids = _hub_ids(args)
    for repo_id in ids:
        if models.is_folder_reference(repo_id):
            raise InputError(f"{repo_id} is a folder, not a hub id: nothing to download")
        started = time.time()
        folder = models.download(repo_id, progress=sys.stderr.isatty(), revision=args.revision)
        console.info(f"{repo_id}: {folder} ({time.time() - started:.0f} s)")
    return 0


def _model_for(what: str, config_path) -> tuple[str, str, str]:
    """(model, src, tgt) for a direction or a model name."""
    direction = parse_direction(what)
    if direction is None:
        return what, "", ""
    from compare.translate.base import _registry_model
    from compare.translate.config import direction_settings

    settings = direction_settings(*direction, config_path)
    model = settings.get("model") or _registry_model(*direction, "hf")[0]
    return model, *direction


def run_convert(args: argparse.Namespace) -> int:
    from compare.translate import ct2, models

    model, src, tgt = _model_for(args.what, args.config)
    files = models.locate(model, src or "?", tgt or "?")
    if files.kind == "ctranslate2":
        print(f"{model} is already a CTranslate2 model")
        return 0
    started = time.time()
    folder = ct2.convert(files, args.quantization, args.ct2_dir, force=args.force)
    console.info(f"{model} → {folder} ({args.quantization}, {time.time() - started:.1f} s)")
    return 0


def run_check(args: argparse.Namespace) -> int:
    from compare.commands.translate import engine_options
    from compare.translate import get_translator
    from compare.translate.base import languages, registry_directions

    directions = [parse_direction(d) for d in args.directions] or registry_directions()
    bad = 0
    for direction in directions:
        if direction is None:
            raise InputError("name directions like ru-en")
        src, tgt = direction
        probe = languages().get(src, {}).get("probe", "")
        try:
            started = time.time()
            translator = get_translator(src, tgt, engine=args.engine, model=args.model,
                                        config_path=args.config, **engine_options(args))
            load = getattr(translator, "load", None)
            if load:
                load()
            loaded = time.time()
            result = translator.translate([probe])[0]
        except InputError as problem:
            print(f"{src}-{tgt}  FAIL  {problem}")
            bad += 1
            continue
        if result.failed:
            print(f"{src}-{tgt}  FAIL  {translator.engine} {translator.model}: {result.note}")
            bad += 1
            continue
        print(f"{src}-{tgt}  ok    {translator.engine} {translator.model} (load "
              f"{loaded - started:.1f} s, translate {time.time() - loaded:.2f} s)\n"
              f"        {probe}\n     →  {result.text}"
              + (f"\n        ({result.note})" if result.note else ""))
    return 1 if bad else 0
