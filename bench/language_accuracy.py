#!/usr/bin/env python3
"""Scores page language guesses against what the pages' addresses and markup say.

usage: language_accuracy TSV_FROM_language_accuracy HTML_DIR

Truth: the country domain of the page's host (canonical URL, else the host in
the file name, "host.tld-rest.html") where the country has one main language;
else the primary tag of <html lang>. Prints accuracy of the stop-list guess
(mapped to ISO 639-1) and of the ISO code, on each subset and overall.
"""
import os
import re
import sys

CCTLD = {"de": "de", "at": "de", "fr": "fr", "it": "it", "es": "es", "nl": "nl",
         "pl": "pl", "cz": "cs", "ru": "ru", "jp": "ja", "cn": "zh", "tw": "zh",
         "kr": "ko", "br": "pt", "pt": "pt", "se": "sv", "dk": "da", "no": "no",
         "fi": "fi", "hu": "hu", "gr": "el", "tr": "tr", "ro": "ro", "sk": "sk",
         "si": "sl", "hr": "hr", "bg": "bg", "ua": "uk", "ir": "fa", "vn": "vi",
         "th": "th", "id": "id", "uk": "en", "au": "en", "nz": "en", "ie": "en",
         "mx": "es", "ar": "es", "cl": "es", "co": "es", "pe": "es", "ee": "et",
         "lv": "lv", "lt": "lt", "is": "is", "rs": "sr", "il": "he"}
STOP = {"Afrikaans": "af", "Albanian": "sq", "Arabic": "ar", "Armenian": "hy",
        "Azerbaijani": "az", "Basque": "eu", "Belarusian": "be", "Bengali": "bn",
        "Bosnian": "bs", "Breton": "br", "Bulgarian": "bg", "Catalan": "ca",
        "Croatian": "hr", "Czech": "cs", "Danish": "da", "Dutch": "nl",
        "English": "en", "Simple_English": "en", "Esperanto": "eo",
        "Estonian": "et", "Finnish": "fi", "French": "fr", "Galician": "gl",
        "Georgian": "ka", "German": "de", "Greek": "el", "Gujarati": "gu",
        "Hebrew": "he", "Hindi": "hi", "Hungarian": "hu", "Icelandic": "is",
        "Indonesian": "id", "Irish": "ga", "Italian": "it", "Javanese": "jv",
        "Kannada": "kn", "Kazakh": "kk", "Korean": "ko", "Kurdish": "ku",
        "Latin": "la", "Latvian": "lv", "Lithuanian": "lt",
        "Luxembourgish": "lb", "Macedonian": "mk", "Malay": "ms",
        "Malayalam": "ml", "Maltese": "mt", "Marathi": "mr", "Nepali": "ne",
        "Norwegian_Bokmal": "no", "Norwegian_Nynorsk": "no", "Persian": "fa",
        "Polish": "pl", "Portuguese": "pt", "Romanian": "ro", "Russian": "ru",
        "Serbian": "sr", "Slovak": "sk", "Slovenian": "sl", "Spanish": "es",
        "Swahili": "sw", "Swedish": "sv", "Tamil": "ta", "Telugu": "te",
        "Thai": "th", "Turkish": "tr", "Ukrainian": "uk", "Urdu": "ur",
        "Vietnamese": "vi", "Welsh": "cy", "Sundanese": "su", "Tagalog": "tl"}
SAME = {"nb": "no", "nn": "no"}


def norm(code):
    return SAME.get(code, code)


def main():
    rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1], encoding="utf-8")]
    stats = {}
    for name, stop, iso, canonical in rows:
        html = open(os.path.join(sys.argv[2], name), "rb").read(200000).decode("utf-8", "replace")
        host = re.sub(r"^https?://", "", canonical).split("/")[0] if canonical else name.split("-")[0]
        tld = host.rsplit(".", 1)[-1].lower()
        m = re.search(r"<html[^>]*\blang\s*=\s*[\"']?([A-Za-z]{2})(?![A-Za-z])", html, re.I)
        if tld in CCTLD:
            truth, kind = CCTLD[tld], "country domain"
        elif m:
            truth, kind = m.group(1).lower(), "<html lang>"
        else:
            continue
        s = stats.setdefault(kind, [0, 0, 0])
        s[0] += 1
        s[1] += norm(STOP.get(stop, stop)) == norm(truth)
        s[2] += norm(iso) == norm(truth)
    total = [sum(s[i] for s in stats.values()) for i in range(3)]
    for kind, (n, before, after) in list(stats.items()) + [("all", total)]:
        print(f"{kind:15s} pages {n:4d}  stop words {before / n:.3f} ({before})  CLD2 {after / n:.3f} ({after})")


main()
