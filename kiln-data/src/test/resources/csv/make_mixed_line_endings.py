#!/usr/bin/python3
"""A CSV file whose records mostly end in LF with one ending in CRLF, and how Python reads it.

Run from this directory with Debian's python3 (only the standard library's csv module):
    /usr/bin/python3 make_mixed_line_endings.py
It writes mixed-line-endings.csv and mixed-line-endings.json (the rows as csv.reader gives
them, header first). dev.kiln.data.read.MixedLineEndingsTest requires Kiln to read the same values.
"""
import csv
import json

ROWS = [
    ("id", "price", "name"),
    ("1", "2.5", "plain"),
    ("2", "3.25", "a, comma"),
    ("3", "4.0", 'a "quoted" word'),
    ("4", "5.5", "two\r\nlines"),
    ("5", "6.75", "after the break"),
    ("6", "7.5", "ends with crlf"),
    ("7", "8.0", "lf again"),
    ("8", "9.5", "last"),
]


def encode(field):
    if any(c in field for c in ',"\r\n'):
        return '"' + field.replace('"', '""') + '"'
    return field


with open("mixed-line-endings.csv", "w", newline="", encoding="utf-8") as f:
    for row in ROWS:
        f.write(",".join(encode(v) for v in row) + ("\r\n" if row[0] == "6" else "\n"))

with open("mixed-line-endings.csv", newline="", encoding="utf-8") as f:
    read = list(csv.reader(f))

with open("mixed-line-endings.json", "w", encoding="utf-8") as f:
    json.dump(read, f, indent=1)
    f.write("\n")
