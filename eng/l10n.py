#!/usr/bin/env python3
"""Adds or changes a UI text in both languages at once, keeping the .resx files sorted.

usage: eng/l10n.py KEY "中文" "English"      (add or replace)
       eng/l10n.py --check                   (fail when a key is in one language only)
"""
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "src/Yunwei.Web/Resources"
FILES = {"zh": ROOT / "SharedResource.resx", "en": ROOT / "SharedResource.en.resx"}
HEADER = """<?xml version="1.0" encoding="utf-8"?>
<root>
  <resheader name="resmimetype"><value>text/microsoft-resx</value></resheader>
  <resheader name="version"><value>2.0</value></resheader>
  <resheader name="reader"><value>System.Resources.ResXResourceReader, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
  <resheader name="writer"><value>System.Resources.ResXResourceWriter, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
"""


def load(path):
    if not path.exists():
        return {}
    return {d.get("name"): (d.findtext("value") or "") for d in ET.parse(path).getroot().findall("data")}


def save(path, entries):
    def esc(s):
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    body = "".join(
        f'  <data name="{esc(k)}" xml:space="preserve"><value>{esc(v)}</value></data>\n'
        for k, v in sorted(entries.items())
    )
    path.write_text(HEADER + body + "</root>\n", encoding="utf-8")


def main(argv):
    tables = {lang: load(p) for lang, p in FILES.items()}
    if argv[:1] == ["--check"]:
        missing = set(tables["zh"]) ^ set(tables["en"])
        for key in sorted(missing):
            print(f"key in one language only: {key}")
        return 1 if missing else 0
    if len(argv) % 3 != 0 or not argv:
        print(__doc__)
        return 2
    for i in range(0, len(argv), 3):
        key, zh, en = argv[i:i + 3]
        tables["zh"][key] = zh
        tables["en"][key] = en
    for lang, path in FILES.items():
        save(path, tables[lang])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
