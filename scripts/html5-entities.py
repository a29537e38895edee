#!/usr/bin/env python3
"""Writes engine-local's html5-entities.txt (the entity table of the CLIP tokenizer's ftfy clean-up) to stdout:
   python3 scripts/html5-entities.py > engine-local/src/main/resources/com/maskfill/engine/local/text/html5-entities.txt"""
import html, html.entities as e
table = {}
for name, value in e.html5.items():
    if name.endswith(';'):
        table['&' + name] = value
        if name == name.lower() and html.unescape('&' + name.upper()) == '&' + name.upper():
            table['&' + name.upper()] = value.upper()
print("# The HTML entities ftfy 6.3's unescape_html decodes: HTML5's named references that end in ';' (Python 3.11.7's")
print("# html.entities.html5) and, for lower-case names, their upper-case form where that is no entity of its own.")
print("# Made with scripts/html5-entities.py; a line: name<TAB>code points in hex.")
for k in sorted(table):
    print(k[1:] + '\t' + ' '.join('%x' % ord(c) for c in table[k]))
