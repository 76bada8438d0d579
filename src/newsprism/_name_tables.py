"""The name tables analysis and comparison share, and the key both read a name by.

Analysis groups the mentions of one article with them (``US`` / ``the United States`` are one
entity, ``Kyiv`` is a place, not a surname); comparison resolves entities across articles and
tells whose side a speaker speaks for with the same tables, so both stages read a name the same
way. They live here, outside both stages, so neither imports the other for them. Russian
spellings («США», «Киев», «Уилан») are in one versioned table, ``lexicons/names_ru.tsv``
(:func:`newsprism.comparison._translit.name_table`).
"""

from __future__ import annotations

import unicodedata

__all__ = ["ALIASES", "DEMONYMS", "DEPARTMENTS", "NAME_SUFFIXES", "PLACES", "fold_case", "norm_key", "plain_letters"]


def _wordset(text: str) -> frozenset[str]:
    """Return the whitespace-separated words of ``text`` (keeps long word lists readable)."""
    return frozenset(text.split())


# Departments named in titles ("Finance Minister", "Secretary of State"); spaCy tags them ORG.
DEPARTMENTS = _wordset(
    """
    state defense defence interior treasury finance affairs homeland security commerce energy health trade economy
    economic agriculture education culture labor labour transport environment industry justice foreign home
    emergency emergencies digital development
    """
)
NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})

# Common abbreviations and alternative names -> (canonical name, type). Keys as norm_key() gives them.
ALIASES: dict[str, tuple[str, str]] = {
    name: (canonical, etype)
    for names, canonical, etype in (
        ("us|usa|united states|united states of america|america", "United States", "GPE"),
        ("uk|britain|great britain|united kingdom", "United Kingdom", "GPE"),
        ("russia|russian federation", "Russia", "GPE"),
        ("ussr|soviet union", "Soviet Union", "GPE"),
        ("china|prc|people's republic of china", "China", "GPE"),
        ("uae|united arab emirates", "United Arab Emirates", "GPE"),
        ("north korea|dprk", "North Korea", "GPE"),
        ("south korea|rok", "South Korea", "GPE"),
        ("kyiv|kiev", "Kyiv", "GPE"),
        ("eu|european union", "European Union", "ORG"),
        ("un|united nations", "United Nations", "ORG"),
        ("nato|north atlantic treaty organization", "NATO", "ORG"),
        # The armed group under its English, Arabic-acronym, French, German and Spanish names.
        ("islamic state|islamic state group|is|isis|isil|daesh|islamic state of iraq and syria|"
         "islamic state of iraq and the levant|état islamique|etat islamique|islamischer staat|estado islámico",
         "Islamic State", "ORG"),
    )
    for name in names.split("|")
}

# Places that are never a person's surname in the news, so a lone mention is not joined to a
# person and a PERSON/ORG label on it is corrected to GPE.
PLACES = _wordset(
    """
    afghanistan albania algeria argentina armenia australia austria azerbaijan belarus belgium bosnia brazil
    bulgaria cambodia canada chile china colombia croatia cuba cyprus czechia denmark egypt estonia ethiopia finland
    france georgia germany greece hungary india indonesia iran iraq ireland israel italy japan kazakhstan kenya
    kosovo kyrgyzstan laos latvia lebanon libya lithuania malaysia mali mexico moldova mongolia montenegro morocco
    myanmar nepal netherlands nigeria norway pakistan palestine poland portugal qatar romania russia serbia
    singapore slovakia slovenia somalia spain sudan sweden switzerland syria taiwan tajikistan thailand turkey
    turkmenistan ukraine uzbekistan venezuela vietnam yemen crimea donbas donetsk luhansk kherson zaporizhzhia
    kharkiv mariupol odesa lviv bakhmut kyiv kiev moscow washington beijing london paris berlin brussels tokyo
    tehran ankara istanbul minsk warsaw vienna geneva stockholm helsinki oslo rome madrid riga vilnius tallinn
    tbilisi yerevan baku astana tashkent bishkek delhi islamabad kabul baghdad damascus beirut jerusalem gaza cairo
    riyadh doha dubai seoul pyongyang taipei hanoi bangkok jakarta manila havana caracas ottawa canberra
    """
) | frozenset(ALIASES)


# Nationality adjectives -> the country key (lower case, as country_key() returns it).
DEMONYMS = {
    "american": "united states", "russian": "russia", "ukrainian": "ukraine", "british": "united kingdom",
    "french": "france", "german": "germany", "chinese": "china", "japanese": "japan", "indian": "india",
    "pakistani": "pakistan", "iranian": "iran", "iraqi": "iraq", "israeli": "israel", "palestinian": "palestine",
    "turkish": "turkey", "syrian": "syria", "saudi": "saudi arabia", "egyptian": "egypt", "polish": "poland",
    "italian": "italy", "spanish": "spain", "canadian": "canada", "australian": "australia", "mexican": "mexico",
    "brazilian": "brazil", "belarusian": "belarus", "georgian": "georgia", "armenian": "armenia",
    "azerbaijani": "azerbaijan", "kazakh": "kazakhstan", "hungarian": "hungary", "swedish": "sweden",
    "finnish": "finland", "norwegian": "norway", "danish": "denmark", "dutch": "netherlands",
    "belgian": "belgium", "swiss": "switzerland", "austrian": "austria", "greek": "greece", "czech": "czechia",
    "romanian": "romania", "serbian": "serbia", "lithuanian": "lithuania", "latvian": "latvia",
    "estonian": "estonia", "moldovan": "moldova", "cambodian": "cambodia", "vietnamese": "vietnam",
    "afghan": "afghanistan", "qatari": "qatar", "emirati": "united arab emirates", "lebanese": "lebanon",
    "cuban": "cuba", "venezuelan": "venezuela", "soviet": "soviet union", "european": "european union",
}  # fmt: skip


# Latin letters Unicode does not decompose into a base letter and an accent ("Jørgen" is printed
# "Jorgen" where the letter is missing, as "Raúl" is printed "Raul").
_PLAIN_LETTERS = str.maketrans({
    "ø": "o", "Ø": "O", "æ": "ae", "Æ": "Ae", "œ": "oe", "Œ": "Oe", "ß": "ss", "ł": "l", "Ł": "L",
    "đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "þ": "th", "Þ": "Th", "ı": "i", "ħ": "h", "Ħ": "H",
})  # fmt: skip


def plain_letters(text: str) -> str:
    """Return ``text`` with the Latin letters that carry no separable accent spelled plainly (ø → o)."""
    return text.translate(_PLAIN_LETTERS)


def fold_case(text: str) -> str:
    """Return ``text`` NFKC-normalised, with curly apostrophes straightened, case-folded."""
    return unicodedata.normalize("NFKC", text).replace("\u2019", "'").casefold()


def norm_key(text: str) -> str:
    """Return the grouping key of a surface form: folded, no dots, no leading ``the``."""
    key = " ".join(fold_case(text).replace(".", "").split())
    return key[4:] if key.startswith("the ") else key
