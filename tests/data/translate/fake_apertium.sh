#!/bin/sh
# A stand-in for the `apertium` command that crashes like apertium bug #223, to test crash
# isolation whatever Apertium version is installed. It "translates" by upper-casing; a line
# with 💥 kills it, and, like the real tagger, it loses the output it still held in its
# buffer (the last three lines before the crash). -l lists the mode fake-fake; -V a version.
case " $* " in
  *" -l "*) echo "  fake-fake"; exit 0 ;;
  *" -V "*) echo "Fake apertium 1.0"; exit 0 ;;
esac
exec awk '
  /💥/ { crashed = 1; exit 0 }
  { lines[++n] = toupper($0) }
  END {
    last = crashed ? n - 3 : n
    for (i = 1; i <= last; i++) print lines[i]
  }'
