"""Page furniture in text exports: lines that are the page's, not the report's.

Credits, calls to action, widgets, buttons, reader polls, captions and embedded posts, each
recognised by its shape on one line or paragraph; :mod:`newsprism.ingest._text` drops them
from the body. Written by hand: extractors such as trafilatura work on HTML, and a pasted or
exported text has lost the markup that tells them apart.
"""

from __future__ import annotations

import re

from newsprism.model import FurnitureKind

__all__ = ["AGENCY_CAPTION", "CAPTION", "CAPTION_OPENER", "CAPTION_START", "CREDIT_LINE", "EMBED", "LINK_LIST",
           "LONE_CREDIT", "SIGN_OFF", "SOCIAL_OPENER", "asks_the_reader",
           "furniture_kind", "is_button_line", "is_furniture_line", "is_notice_sentence", "is_page_control",
           "is_comment_widget", "is_page_notice", "is_reading_time", "is_share_line", "without_widget"]

CREDIT_LINE = re.compile(
    r"^[(\[]?\s*(?:photo|photograph|image|picture|video|credit|illustration|фото)s?\b[^\n]{0,120}$"
    # A wire's closing credits in brackets: "(Reporting by Jane Roe; Editing by John Doe)".
    r"|^\((?:additional )?(?:reporting|writing|editing|compiled|produced)\s+by\b[^\n]{0,240}\)$"
    r"|^[(\[]?\s*(?:getty images|reuters|afp|ap photo|epa|shutterstock)\b[^\n]{0,40}[)\]]?$"
    # ... and a stock photo's attribution line: "<title> by <name> is licensed under Unsplash", "by X on Unsplash".
    r"|^[^\n]{0,120}\b(?:is licensed under|(?:on|via) (?:unsplash|pexels|pixabay|flickr))\b[^\n]{0,60}$"
    # ... and an embedded picture's source alone on its line: "via FAA/X", "via @KelbyPolice".
    r"|^via\s+(?:@\w+|[\w.&-]+(?:\s[\w.&-]+)?/[\w./@ &-]{1,40})$",
    re.IGNORECASE,
)
# The heading of a list of links to other stories: nothing after it is the article.
LINK_LIST = re.compile(r"^(?:more stories|more news|related stories|related articles|recommended(?: stories)?|"
                       r"you may also like|you might also like|read next|trending now|latest stories)\s*:?$",
                       re.IGNORECASE)
# Calls to action and link lists that export tools leave in the text.
_BOILERPLATE = re.compile(
    r"^(?:read more|read also|also read|read [^\s:][^:\n]{0,40}(?=:)|related|see also|subscribe|sign up|follow us|"
    # ... the same in other languages ("Lire aussi :", "Lea también:", "Lesen Sie auch:").
    r"(?:à )?lire (?:aussi|également|la suite)|voir aussi|le(?:a|e) también|leia também|lesen sie auch|"
    r"mehr zum thema|leggi anche|"
    # ... and a teaser for another story, with no sentence's end ("Recap: How the ex-partner turned").
    r"(?:recap|watch|listen|explainer|live updates?)\s*:[^\n.!?]{0,150}$|"
    r"click here|click to|share this|"
    r"in pictures|in photos|watch more|advertisement|реклама|publicité|publicidad|anzeige|читайте также)\b[^\n]{0,150}$"

    # ... and a prompt to like, follow or join the outlet on a social network ("Give us a like on our
    # Facebook Page", "Like us on Facebook", "Join our Telegram channel"): the page's widget.
    # ("Like us, the neighbours ..." is a sentence: no comma after "us".)
    r"|^(?:give us a like|(?:like|follow|find|join|connect with)\s+(?:us|our)\b(?!,)|share on)"
    r"[^\n,.;]{0,40}?\b(?:facebook|twitter|instagram|telegram|whatsapp|youtube|tiktok|linkedin|page|channel)\b"
    r"[^\n,;]{0,30}$",
    re.IGNORECASE,
)
# A media player's line, wherever the export put it, glued to the text or not ("Harbor Media Getting
# your Trinity Audio player ready... |", "Listen to this article"): the page's player, not the report.
_WIDGET = re.compile(r"^[^\n]{0,60}?\b(?:audio player ready|listen to (?:this|the) (?:article|story)|"
                     r"press play to listen|loading (?:audio|video|player))\b[.…]*\s*\|?\s*", re.IGNORECASE)
# The notice over a machine-made summary box, as a short paragraph of its own.
_SUMMARY_NOTICE = re.compile(r"\bAI[- ]generated summar(?:y|ization)\b", re.IGNORECASE)
_NOTICE_MAX_WORDS = 25


# A page's text-size and print buttons, a line each ("• Increase font size", "Print this article").
_BUTTON = re.compile(r"^\s*(?:[•·*-]\s*)?(?:(?:increase|decrease|reset|default|larger|smaller)\s+(?:font|text)\s+size|"
                     r"(?:font|text)\s+size|print(?: this)?(?: article| page| story)?|email this(?: article| story)?)"
                     r"\s*[+-]?\s*$", re.IGNORECASE)


def is_button_line(line: str) -> bool:
    return bool(_BUTTON.match(line))


# A page's controls exported as list items: icon names ("- hamburger-menu-icon", "- close-icon"),
# a language switch ("- FR"), an image's placeholder ("Article Image").
_CONTROL = re.compile(r"^(?:[-•·*]\s*)?(?:[a-z]+-)*icon$|^[-•·*]\s*[A-Z]{2}$"
                      r"|^(?:(?:article|featured|main|lead|hero|top|cover)\s+)?(?:image|photo|picture|video|gallery)s?$",
                      re.IGNORECASE)


def is_page_control(line: str) -> bool:
    """Whether a line is a page's control (:data:`_CONTROL`), share widget or reading time, as a line of its own.

    Read before hard-wrapped lines are joined, so a placeholder must be capitalised: a wrapped
    line can be a lone word of a sentence ("video").
    """
    bare = line.strip(" *_")
    shaped = _CONTROL.match(bare) or is_share_line(bare) or is_reading_time(bare)
    return bool(shaped) and (bare[:1].isupper() or not bare[:1].isalpha())


# A page's share widget exported as a line: its short link ("Short Url", "Short URL:
# https://x.example/ab1"), a copy-link button ("Copy link", "Link copied"), the share buttons'
# names on one line ("Share Facebook Twitter WhatsApp Email"). One word that is a network's name
# alone is a button too; in a sentence it has words around it.
_SHARE_WORD = (r"(?:share(?: this| the)?(?: article| story| page| post)?(?: on)?|tweet|e-?mail|facebook|twitter|"
               r"whatsapp|telegram|linkedin|reddit|messenger|pinterest|flipboard|copy link|copy url|print|comments?)")
# ... "X" (the network) only among other buttons: alone it is a letter.
_SHARE = re.compile(
    r"^(?:short\s*(?:url|link)|shortlink|permalink|share\s*link|copy\s+(?:the\s+)?(?:link|url)|link\s+copied)"
    r"\s*:?\s*(?:<?https?://\S+>?)?$"
    rf"|^{_SHARE_WORD}(?:\s*[|•·/,]?\s*(?:{_SHARE_WORD}|x)){{0,8}}$",
    re.IGNORECASE)


def _bare(line: str) -> str:
    """A line without its markup emphasis and the bullet or link arrows before it ("• ", ">> Lire aussi")."""
    return line.strip(" *_").lstrip("•·>» ")


def is_share_line(line: str) -> bool:
    """Whether a line is a share widget's (:data:`_SHARE`): a short link, a copy-link button, share buttons."""
    return bool(_SHARE.match(_bare(line)))


# A reading-time line: "4 min read", "Reading time: 3 minutes", "Lesezeit: 3 Min.", "Temps de
# lecture : 2 min", «Время чтения: 2 мин»: the page's estimate, not the report.
_READ_TIME = re.compile(
    r"^(?:(?:estimated\s+)?reading\s+time|read(?:ing)?\s+time|lesezeit|lesedauer|temps\s+de\s+lecture|"
    r"tiempo\s+de\s+lectura|tempo\s+di\s+lettura|время\s+чтения|время\s+на\s+чтение)\s*:?\s*"
    r"(?:ca\.\s*|about\s+|environ\s+)?\d{1,3}\s*(?:-\s*\d{1,3}\s*)?"
    r"(?:min(?:ute)?s?|min\.|minuten|мин(?:ут[аы]?)?\.?)\.?$"
    r"|^\d{1,3}\s*(?:-|\s)?\s*(?:min(?:ute)?s?|min\.|mins?)\.?\s+(?:read|reading|de\s+lecture|lesezeit|Lesedauer|чтения)"
    r"(?:\s*[|•·]\s*[^\n]{0,40})?$",
    re.IGNORECASE)


def is_reading_time(line: str) -> bool:
    """Whether a line is the page's reading-time estimate (:data:`_READ_TIME`)."""
    return bool(_READ_TIME.match(_bare(line)))


# A widget's reading: numbers and units, no word of four letters ("+15˚C", "768мм", "2 м/с, зап", "76380");
# not a year, which a date line holds ("2023-09-09", "09/09/2023").
_READING_WORD = re.compile(r"[^\W\d_]{4,}|(?<!\d)(?:19|20)\d\d(?!\d)")


# What a widget's reading never is: a price ("VIP : 60,000₩": a currency sign, a label's colon),
# a phone number ("02-751-1500"), an item of a list ("- HL7"). Those are the report's.
_NOT_READING = re.compile(r"[:$€£¥₩₽₹]|\d{2,4}[-. ]\d{3,4}[-. ]\d{3,4}|^[-–*]\s")


def _is_reading(line: str) -> bool:
    return (len(line.split()) <= 3 and any(c.isdigit() for c in line) and not _READING_WORD.search(line)
            and not _NOT_READING.search(line))


def is_furniture_line(line: str) -> bool:
    """Whether a line is a call to action (:data:`_BOILERPLATE`), a page control, a widget's reading or a notice.

    A bullet in front ("• Also read: ...") changes nothing.
    """
    return furniture_kind(line) is not None


def furniture_kind(line: str) -> FurnitureKind | None:
    """What kind of page furniture a line is (see :func:`is_furniture_line`), or ``None`` if it is text."""
    bare = _bare(line)
    if _READ_TIME.match(bare):
        return "reading_time"
    if _SHARE.match(bare):
        return "share"
    if _BOILERPLATE.match(bare):
        return "widget"
    if _CONTROL.match(bare) or _is_reading(bare):
        return "control"
    if _SUMMARY_NOTICE.search(bare) and len(bare.split()) <= _NOTICE_MAX_WORDS:
        return "notice"
    if is_comment_widget(bare):
        return "widget"
    return None


# The comment box's lines under an article: "Sign in to comment", "Comments are closed", "Join the
# conversation", "You must be a subscriber to comment", a subscriber's prompt to set a display name
# first; in French, German, Spanish and Italian too. Each sentence names commenting and speaks to the
# reader (an order, "you", "your"), or says the comments are closed: a report's sentence about a
# comment ("The ministry declined to comment.") does neither.
_COMMENT_SENTENCE = re.compile(
    r"^(?:please\s+)?(?:sign|log)\s*(?:in|on|up)\b[^.!?]{0,40}\bcomment"
    r"|^(?:to|before you can)\s+(?:comment|post a comment|leave a comment|join the (?:conversation|discussion)),\s*"
    r"(?:you|please|sign|log|subscribe|register)\b"
    r"|^(?:the\s+)?(?:comments?|commenting)(?: section)?(?: (?:for|on) this (?:article|story|page))?\s+"
    r"(?:is|are|has been|have been)\s+(?:now\s+)?(?:closed|disabled|turned off|switched off)"
    r"(?: (?:for|on) this (?:article|story|page))?(?=[\s.!]*$)"
    r"|^(?:join|start) the (?:conversation|discussion|debate)[.!]?$"
    r"|^(?:leave|post|add|write) (?:a|your) comment\b|^be the first to comment\b"
    r"|^(?:show|view|hide|read|load) (?:all |more )?comments?(?: \(\d+\))?$|^\d+ comments?$"
    r"|^you (?:must|need to|have to) (?:be|sign|log|register|subscribe)\b[^.!?]{0,60}\bcomment"
    r"|\byou can (?:now )?(?:comment|post comments)\b|\byour (?:first |next )?comments?\b"
    r"|\b(?:display name|subscriber account|community guidelines)\b[^.!?]{0,80}\bcomment"
    r"|\bcomment[^.!?]{0,80}\b(?:display name|subscriber account|community guidelines)\b"
    # French: "Connectez-vous pour commenter", "Les commentaires sont fermés", "Votre commentaire".
    r"|^(?:connectez-vous|identifiez-vous|abonnez-vous|inscrivez-vous)\b[^.!?]{0,40}\b(?:commenter|réagir)"
    r"|^les commentaires sont (?:fermés|clos|désactivés)(?=[\s.!]*$)"
    r"|^(?:ajouter|laisser|écrire|rédiger) un commentaire\b|^réagissez à cet article"
    r"|^vous devez être (?:abonnée?|connectée?|inscrite?)\b[^.!?]{0,40}\b(?:commenter|réagir)"
    r"|^pour (?:commenter|réagir),?\s+(?:vous devez|veuillez|connectez|identifiez|abonnez|il faut)"
    r"|^soyez le premier à (?:commenter|réagir)|\bvotre (?:premier )?commentaire\b"
    # German: "Melden Sie sich an, um zu kommentieren", "Die Kommentarfunktion ist geschlossen".
    r"|^(?:melden sie sich an|loggen sie sich ein|registrieren sie sich)\b[^.!?]{0,40}\bkommentier"
    r"|^(?:die )?(?:kommentare|kommentarfunktion)\s+(?:sind|ist|wurde)\s+"
    r"(?:geschlossen|deaktiviert|abgeschaltet)(?=[\s.!]*$)"
    r"|^(?:jetzt )?kommentieren[.!]?$|^kommentar (?:schreiben|verfassen|hinzufügen)\b"
    r"|^(?:um|zum) (?:zu )?kommentieren,?\s+(?:müssen sie|melden sie|loggen sie|registrieren sie)"
    r"|^sie müssen\b[^.!?]{0,60}\bkommentieren|\bihr(?:en)? (?:ersten )?kommentar\b"
    # Spanish: "Inicia sesión para comentar", "Los comentarios están cerrados", "Deja un comentario".
    r"|^(?:inicia|inicie) sesión\b[^.!?]{0,30}\bcomentar|^(?:regístrate|suscríbete)\b[^.!?]{0,30}\bcomentar"
    r"|^los comentarios están (?:cerrados|desactivados)(?=[\s.!]*$)"
    r"|^(?:deja|dejar|escribe|añade) (?:un|tu) comentario\b"
    r"|^para comentar,?\s+(?:debes|tienes que|inicia|es necesario|regístrate|suscríbete)"
    r"|^(?:debes|tienes que) ser\b[^.!?]{0,40}\bcomentar|\btu (?:primer )?comentario\b"
    # Italian: "Accedi per commentare", "I commenti sono chiusi", "Lascia un commento".
    r"|^accedi\b[^.!?]{0,30}\bcommentare|^(?:registrati|abbonati)\b[^.!?]{0,30}\bcommentare"
    r"|^i commenti sono (?:chiusi|disabilitati)(?=[\s.!]*$)|^lascia un commento\b"
    r"|^per commentare,?\s+(?:devi|accedi|è necessario|registrati|abbonati)"
    r"|^devi essere\b[^.!?]{0,40}\bcommentare|\bil tuo (?:primo )?commento\b",
    re.IGNORECASE)
_COMMENT_MAX_CHARS = 400


def is_comment_widget(par: str) -> bool:
    """Whether a short paragraph is the page's comment box: every sentence one of :data:`_COMMENT_SENTENCE`.

    No quotation marks: someone quoted about a comment ("'Thank you for your comment,' she
    wrote.") is the report's.
    """
    bare = par.strip()
    if not bare or len(bare) > _COMMENT_MAX_CHARS or re.search(r"[\"“”«»„]", bare):
        return False
    # "However, before ...": a connective opening the box's second sentence is no word of substance.
    return all(_COMMENT_SENTENCE.search(re.sub(r"^(?:however|but|also|then|please note),?\s+", "",
                                               sentence.strip(), flags=re.IGNORECASE))
               for sentence in _NOTICE_SENTENCE.findall(bare))


# What an outlet says about its page rather than the news: that the story is developing or will
# be updated, to refresh the page, to get its app or alerts ("You can also follow @Desk on X").
_NOTICE = re.compile(
    r"^(?:this (?:is a )?(?:developing|breaking)(?: news)? (?:story|report)|"
    r"this (?:story|article|report|page|post|blog|live blog) (?:is being|will be|has been|was|is) "
    r"(?:updated|developing)|"
    # The page's own signposts ("Below is what we know thus far.", "Here's what we know:").
    r"(?:here(?:'s| is)|below (?:is|are)|this is) (?:what we know|what you need to know|everything we know)\b|"
    r"(?:what we know|the latest)(?: so far| thus far)?[.:]?$|"
    # A warning about what the page shows ("*** TRIGGER WARNING: photos of ... ***").
    r"[*#\s]*(?:trigger|content|viewer|graphic content) warning\b|warning: (?:graphic|disturbing)\b|"
    r"(?:please )?refresh (?:the|this) page|"
    # A breaking story's promise of more, as the whole sentence ("More details to follow.", "Mehr
    # Informationen in Kürze...", "Plus d'informations à venir", "Más información en breve",
    # "Seguiranno aggiornamenti"): the page's, however the outlet words it.
    r"(?:(?:more|further) (?:details|information|info|updates)|more|details|updates)"
    r" (?:to follow|to come|soon|shortly|coming soon|will follow)(?=[\s.…!]*$)|"
    r"check back (?:soon|later)(?: for (?:more|updates|details))?(?=[\s.…!]*$)|"
    r"(?:mehr|weitere) (?:informationen|infos|details)(?: folgen| folgen in kürze| in kürze| gleich)(?=[\s.…!]*$)|"
    r"mehr in kürze(?=[\s.…!]*$)|(?:diese )?meldung wird (?:laufend )?aktualisiert(?=[\s.…!]*$)|"
    r"(?:plus|davantage) (?:d'|d’|de )(?:informations|infos|détails)"
    r" (?:à venir|suivront|sous peu|bientôt)(?=[\s.…!]*$)|"
    r"(?:informations|détails) à (?:venir|suivre)(?=[\s.…!]*$)|"
    r"(?:cet )?article en cours (?:d'|d’)(?:actualisation|mise à jour)(?=[\s.…!]*$)|"
    r"más (?:información|informaciones|detalles) (?:en breve|próximamente|en unos minutos|a continuación)(?=[\s.…!]*$)|"
    r"(?:esta )?noticia (?:está )?en (?:desarrollo|ampliación|actualización)(?=[\s.…!]*$)|"
    r"ampliaremos (?:la )?información(?=[\s.…!]*$)|"
    r"(?:seguiranno|seguono) (?:aggiornamenti|ulteriori aggiornamenti|altri aggiornamenti)(?=[\s.…!]*$)|"
    r"(?:ulteriori |altri )?aggiornamenti (?:a seguire|a breve|in arrivo)(?=[\s.…!]*$)|"
    r"(?:la )?notizia (?:è )?in (?:aggiornamento|via di aggiornamento)(?=[\s.…!]*$)|"
    r"you can (?:also )?(?:receive|follow|get|download|sign up|subscribe)|"
    r"(?:download|get) (?:the|our) [\w ]{1,30}? app\b)",
    re.IGNORECASE)
_NOTICE_SENTENCE = re.compile(r"[^.!?]+[.!?]*\s*")


def is_notice_sentence(sentence: str) -> bool:
    """Whether one sentence is the outlet's notice about its page (:data:`_NOTICE`), wherever it stands."""
    return bool(_NOTICE.match(sentence.strip()))


def is_page_notice(par: str) -> bool:
    """Whether every sentence of a short paragraph is the outlet's notice about its page (:data:`_NOTICE`)."""
    bare = par.strip()
    if not bare or len(bare) > 400:
        return False
    if _EDITORS_NOTE.match(bare):
        return True  # read whole: its "1 p.m." would end a sentence
    return all(_NOTICE.match(sentence.strip()) for sentence in _NOTICE_SENTENCE.findall(bare))


# An editor's note on the update ("Editor's note: This story was updated at 1 p.m. ...").
_EDITORS_NOTE = re.compile(r"^editor[’']?s note\s*:\s*this (?:story|article|report) (?:was|has been) "
                           r"(?:updated|corrected)\b", re.IGNORECASE)


_QUESTIONS = re.compile(r"(?:[^?!.]+\?)+")
# A poll asks the reader's opinion or vote: "Do you think ...", "Would you support ...", "What do
# you make of ...", "Have your say", "Tell us". A question that only says "you" ("Have you ever
# seen anything so gorgeous?", an interview's "Q: Where did you grow up?") is the writer's.
_TO_READER = re.compile(
    r"\b(?:(?:do|did|would|will|should|could|can|are|were)\s+you\s+(?:think|agree|believe|support|feel|expect|"
    r"trust|approve|back|consider|want)\b|what do you (?:think|make of|say)\b|"
    r"your (?:view|views|opinion|thoughts|say|vote)\b|(?:tell|let) us\b|have your say\b|vote\b)",
    re.IGNORECASE)


def asks_the_reader(par: str) -> bool:
    """Whether a paragraph is only questions put to the reader ("Will it reopen? Do you think it was ready?").

    The page's poll or comment prompt: every sentence a question, no quotation marks (no one
    quoted asks it), one of them asking the reader's opinion or vote (:data:`_TO_READER`); not
    an interview's question ("Q: ...") nor a crosshead in capitals.
    """
    bare = par.strip()
    return (len(bare) <= 300 and not re.search(r"[\"“”«»]", bare) and bool(_QUESTIONS.fullmatch(bare))
            and not re.match(r"(?:Q|Question)\s*[:.]", bare) and not bare.isupper()
            and bool(_TO_READER.search(bare)))


def without_widget(par: str) -> str:
    """A paragraph without the media player's line it opens with (:data:`_WIDGET`)."""
    return _WIDGET.sub("", par, count=1) if _WIDGET.match(par) else par


# A photo caption as pages export it: glued to its image's file name ("warmth.jpgPeople gather"),
# opened by "FILE PHOTO:", or closed by an agency credit ("... in 2022. REUTERS/Jane Roe/File Photo").
# EPA's captions open with the picture's number ("epa11248468 The parents of ...").
CAPTION_START = re.compile(r"\w\.(?:jpe?g|png|gif|webp)(?=[A-Z\s]|$)|^file photo\s*:|^epa\d{6,}\s", re.IGNORECASE)
# A photo agency's caption opens with the place and day in capitals: "NEW YORK, NEW YORK - MAY 31:",
# "KYIV, UKRAINE – FEBRUARY 24:". No report's sentence starts that way.
AGENCY_CAPTION = re.compile(
    r"^[A-Z][A-Z.'’ -]{1,40}(?:, [A-Z][A-Z.'’ -]{1,30})? [-–—] (?:JANUARY|FEBRUARY|MARCH|APRIL|MAY|JUNE|JULY|"
    r"AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER) \d{1,2}(?:, \d{4})?:\s")
CAPTION = re.compile(
    r"\b(?:REUTERS|Reuters|AP|AFP|EPA|Getty Images)\s?/\s?[^/\n]{2,40}(?:/\s?[^/\n]{2,25})?\s*$"
    # ... a credit in brackets with no full stop before it ("... in Woodside, California (REUTERS)"),
    # the BBC's "Image source, Reuters" glued to the caption, a closing "Photo by ... service".
    r"|[^\s.!?\"”]\s*\((?:REUTERS|AP|AFP|EPA|Getty Images|AP Photo|Reuters|Xinhua|TASS|ANI|PTI)\)\s*$"
    r"|image (?:source|caption)\s*,\s*[^\n.]{2,60}$|\bphoto by [^\n.]{2,60}$"
    # ... or "- Copyright Credit: AP Photo" after it, or the agency's regional desk after its full
    # stop ("... to 25 years in prison. Getty Images North America").
    r"|\bcopyright\s+(?:credit\s*:\s*)?[^\n.]{2,60}$"
    r"|\.\s+(?:Getty Images|AFP|AP|EPA)(?: (?:North America|Europe|AsiaPac|South America|Middle East))\s*$",
    re.IGNORECASE)
# An embedded social-media post as pages export it: its text, then "— Name (@handle) Month D, YYYY"
# or a "pic.twitter.com/..." link. It is the post, shown as a widget, not the outlet's sentence.
EMBED = re.compile(
    r"(?:pic\.twitter\.com/\w+|[—–-]\s*[^\n()]{1,60}\(@\w{1,30}\)\s+\w+\.? \d{1,2}, \d{4})\s*$")
# A French-language wire's sign-off on the last line: agency and editor initials in lower case
# ("afp/doe", "ats/afp/jfe"), a line the report does not say.
SIGN_OFF = re.compile(r"^\(?(?:[a-z]{2,6}/){1,3}[a-z]{2,6}\)?$")
# ... and a paragraph that opens with a pictograph ("🚨Breaking: ..."): a post's way, not a report's.
SOCIAL_OPENER = re.compile(r"^[\U0001F300-\U0001FAFF\u2600-\u27BF\u2B50\u2B55]")
# An AP-style caption paragraph opens with "FILE - " (a file photo), "In this photo ...", "This
# handout photo ... shows", "This photo provided by X shows", "This image made from video ...
# shows": words about the picture beside the report, not a sentence of it.
CAPTION_OPENER = re.compile(
    # AFP tags its pictures in brackets first: "(COMBO) This combination of pictures ... shows".
    r"^(?:\((?:COMBO|FILES?|AFP|STRINGER)\)\s*)?"
    r"(?:FILE\s*[-–—]\s+(?=[A-Z\d\"“])"
    r"|In (?:this|these|a) (?:\w+ ){0,3}?(?:photos?|images?|pictures?|frame grabs?|video grabs?|screenshots?|"
    r"(?:photo|image)s? (?:taken|made|released|provided|obtained))\b"
    r"|(?:This|These) (?:\w+ ){0,3}?(?:photos?|images?|pictures?|frame grabs?|video grabs?|screenshots?)\b"
    r"[^.!?\n]{0,160}?\b(?:shows?|showing|depicts?)\b)")
# A photo credit in brackets that names no slash: "(dpa via AP)", "(Handout via Reuters)",
# "(AP Photo)", "(AFP)", "(Getty Images)".
LONE_CREDIT = re.compile(
    r"\((?:[\w.'’ -]{2,40}\s+via\s+(?:AP|AFP|Reuters|Getty Images|EPA|dpa|ANP|Xinhua|TASS|REUTERS)"
    r"|AP Photo|AP|AFP|REUTERS|Reuters|EPA|EPA-EFE|dpa|Getty Images|Xinhua|AFP/Getty Images)\)\s*$")
