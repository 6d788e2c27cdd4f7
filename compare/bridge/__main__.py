"""`python -m compare.bridge`: build the bridge's cache now (scripts/setup.sh calls it, so that
the first alignment does not pay the ~30 s) and say what it holds."""
from __future__ import annotations

import sqlite3
import sys

from compare.bridge import get_bridge


def main() -> int:
    bridge = get_bridge()
    if bridge is None:
        print("bridge: off (see the note above)", file=sys.stderr)
        return 1
    connection = sqlite3.connect(f"file:{bridge.path}?mode=ro", uri=True)
    counts = {table: connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
              for table in ("en_ru", "en_form", "be_ru", "be_form")}
    connection.close()
    print(f"bridge: {bridge.describe()} at {bridge.path}: "
          + ", ".join(f"{table} {count}" for table, count in counts.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
