#!/usr/bin/env python3
"""Writes every character the UI can show, one text file for pyftsubset (--text-file): printable
ASCII, and each non-ASCII character in the string tables and core's enumeration labels.
Usage: glyph_text.py OUT FILE...   (the files to scan: app/i18n/*, core/*.cpp)"""
import sys

chars = {chr(c) for c in range(0x20, 0x7F)}
chars.update('\u2026\u00b2\u00b7\u2013\u2014\u00d7\u2264\u2265\u25cf\ufffd')  # … ² · – — × ≤ ≥ ● and the box
for path in sys.argv[2:]:
    with open(path, encoding='utf-8') as f:
        chars.update(c for c in f.read() if ord(c) > 0x7F)
with open(sys.argv[1], 'w', encoding='utf-8') as out:
    out.write(''.join(sorted(chars)))
