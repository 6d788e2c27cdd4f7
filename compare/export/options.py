"""What a user can choose about an export; one object handed to every writer."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping

TOOL = "wire-compare"


@dataclass(frozen=True)
class ExportOptions:
    pair: tuple[str, str] | None = None  # None: three-way where the format allows
    # links with an empty side (omissions, additions); export_comparison/to_bytes choose per
    # format when not told (left out of TMX and XLIFF: compare.export.CAT_FORMATS)
    include_null: bool = True
    include_meta: bool = False  # page furniture (timestamps, credits …): only when asked
    min_confidence: float = 0.0  # links (rows) the aligner is less sure of are left out
    only_confirmed: bool = False  # only links the user confirmed or corrected
    strip_invisible: bool = False  # remove zero-width / bidi marks (kept and noted otherwise)
    keep_line_breaks: bool = False  # line breaks inside a segment (hard wraps) become spaces
    props: bool = True  # TMX/XLIFF: carry the whole record (False: a plain memory)
    lang_codes: Mapping[str, str] = field(default_factory=dict)  # en → en-US for CAT tools
    xliff_version: str = "1.2"  # what translate-toolkit and OmegaT 3.6 read; or "2.0"
    csv_delimiter: str = ","  # ";" for spreadsheet programs set to a comma-decimal locale
    # TMX creationdate (YYYYMMDDThhmmssZ); "" leaves it out, so that the API's bytes stay the
    # same from run to run (the CLI sets it: creation_date()).
    created: str = ""

    def code(self, lang: str) -> str:
        return self.lang_codes.get(lang, lang)


def tool_version() -> str:
    from compare import __version__

    return __version__


def creation_date() -> str:
    """Now in TMX's form, or $SOURCE_DATE_EPOCH's moment for reproducible builds."""
    import os
    import time

    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    moment = int(epoch) if epoch.isdigit() else time.time()
    return time.strftime("%Y%m%dT%H%M%SZ", time.gmtime(moment))
