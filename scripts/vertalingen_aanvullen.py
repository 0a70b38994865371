"""Fill untranslated entries of our catalogue from another one (allauth's Dutch).

Usage: vertalingen_aanvullen.py OURS.po OTHER.po [OTHER.po ...]
Only empty translations are filled; a translation of ours is never overwritten.
"""

import sys

import polib


def main(doel: str, *bronnen: str) -> None:
    po = polib.pofile(doel)
    vertaald = {}
    for bron in bronnen:
        for e in polib.pofile(bron).translated_entries():
            vertaald.setdefault((e.msgctxt, e.msgid, e.msgid_plural), e)
    aangevuld = 0
    for e in po.untranslated_entries():
        andere = vertaald.get((e.msgctxt, e.msgid, e.msgid_plural))
        if andere is None or "fuzzy" in andere.flags:
            continue
        if e.msgid_plural:
            e.msgstr_plural = dict(andere.msgstr_plural)
        else:
            e.msgstr = andere.msgstr
        aangevuld += 1
    po.save(doel)
    print(f"{aangevuld} translations taken from {', '.join(bronnen)}")


if __name__ == "__main__":
    main(*sys.argv[1:])
