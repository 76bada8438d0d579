"""Page debris in pasted and exported news text (issue 13): recognised, kept out of the text, and kept as a record.

Every page here is invented for these tests, laid out the way wire pages print their captions,
credits, share widgets, reading times and headers. Each piece of furniture must leave the text
and appear in ``Article.furniture`` with its place in the input; the sentences of the report
that look like it ("The photo shows ...", a "(AFP) -" dateline) must stay.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from newsprism.ingest import Text, article_from_text, read_input
from newsprism.model import Article
from newsprism.store import open_store


def placed_in(raw: str, art: Article) -> None:
    """Every furniture record with offsets is the input's text at them."""
    for f in art.furniture:
        assert f.start is not None and f.end is not None, f
        assert raw[f.start:f.end] == f.text, f


def kinds(art: Article) -> dict[str, str]:
    return {f.text: f.kind for f in art.furniture}


# --- captions ---------------------------------------------------------------------------------

CAPTIONS = ("The ferry company cancelled every crossing on Tuesday as the storm reached the coast, the port "
            "authority said.\n\n"
            "FILE - A ferry leaves the harbour of Kelby, March 3, 2024. The company runs four ships on the route. "
            "(AP Photo/Jane Roe, File)\n\n"
            "Waves broke over the sea wall in the afternoon, and the coast guard closed the beaches.\n\n"
            "In this photo provided by the Kelby Coast Guard, a rescue boat tows a yacht into the harbour on Tuesday.\n\n"
            "This handout photo released by the port authority on Tuesday shows cars queuing at the closed terminal.\n\n"
            "This photo provided by Anna Berg shows the flooded promenade in Kelby.\n\n"
            "The photo shows the terminal under water, the company said. Its managers met on Tuesday night. "
            "Crossings will resume when the wind drops.\n\n"
            "The storm is expected to move north on Wednesday.")


def test_ap_caption_paragraphs_are_furniture_but_the_reports_words_about_a_photo_stay() -> None:
    art = article_from_text(CAPTIONS)
    for debris in ("FILE -", "AP Photo", "In this photo provided", "rescue boat tows", "This handout photo",
                   "This photo provided by Anna Berg"):
        assert debris not in art.text, debris
    # A report paragraph of several sentences that speaks of a photo is the report's.
    assert "The photo shows the terminal under water, the company said." in art.text
    assert "Waves broke over the sea wall" in art.text and art.text.endswith("move north on Wednesday.")
    captions = [f.text for f in art.furniture if f.kind == "caption"]
    assert len(captions) == 4 and captions[0].startswith("FILE - A ferry") and captions[-1].startswith("This photo provided")
    placed_in(CAPTIONS, art)


def test_in_this_photo_opening_a_paragraph_of_several_sentences_without_a_credit_stays() -> None:
    raw = ("The museum showed the painting for the first time on Monday.\n\n"
           "In this photo from 1931, the painter stands beside the canvas. It was lost a year later. "
           "Curators found it in an attic in 2019.\n\n"
           "The show runs until May.")
    art = article_from_text(raw)
    assert "In this photo from 1931, the painter stands beside the canvas." in art.text and art.furniture == ()


# --- bracketed credits ------------------------------------------------------------------------

def test_bracketed_and_barred_credits_close_captions_but_a_wire_dateline_and_sign_off_stay() -> None:
    raw = ("KELBY, Norland (AFP) - Floods cut off three villages on Tuesday, officials said.\n\n"
           "The river rose two metres overnight. Rescuers search a flooded house in the old town. (dpa via AP)\n\n"
           "Soldiers fill sandbags on the river bank in Kelby. (AFP)\n\n"
           "The army sent 200 soldiers, the ministry said. Schools stay closed this week. (AFP)\n\n"
           "Residents clear mud from the market square on Tuesday | Photo: Jim Poe/Reuters\n\n"
           "A volunteer carries a child across the flooded street.\n\n(dpa via AP)\n\n"
           "The mayor asked residents to stay at home.\n\n"
           "Officials expect the river to crest on Wednesday. (AFP)")
    art = article_from_text(raw)
    assert art.text.startswith("KELBY, Norland (AFP) - Floods cut off") and art.agency == "AFP"
    assert "The river rose two metres overnight." in art.text
    for debris in ("Rescuers search", "dpa via AP", "Soldiers fill sandbags", "Photo: Jim Poe", "Residents clear mud",
                   "A volunteer carries"):
        assert debris not in art.text, debris
    # A paragraph of several sentences, or the last one, signed "(AFP)" is the report's.
    assert "Schools stay closed this week. (AFP)" in art.text
    assert art.text.endswith("Officials expect the river to crest on Wednesday. (AFP)")
    found = kinds(art)
    assert found["Rescuers search a flooded house in the old town. (dpa via AP)"] == "caption"
    assert found["(dpa via AP)"] == "credit"
    assert found["Residents clear mud from the market square on Tuesday | Photo: Jim Poe/Reuters"] == "caption"
    placed_in(raw, art)


# --- share widgets and reading times ----------------------------------------------------------

@pytest.mark.parametrize("line", [
    "Short Url", "Short URL: https://kel.by/x7Q2", "Copy link", "Share Facebook Twitter WhatsApp Email",
    "4 min read", "Reading time: 3 minutes", "Lesezeit: 3 Min.", "Temps de lecture : 2 min", "Время чтения: 2 мин",
])
def test_share_widget_and_reading_time_lines_are_furniture(line: str) -> None:
    raw = (f"Ferry crossings resume after the storm\n\n{line}\n\n"
           "The first ferry left Kelby at dawn on Wednesday, a day after the storm, the company said.\n\n"
           f"{line}\n\nThe port reopened at noon.")
    art = article_from_text(raw)
    assert art.title == "Ferry crossings resume after the storm"
    assert line not in art.text and art.text.startswith("The first ferry left Kelby")
    assert [f.text for f in art.furniture] == [line, line]
    assert {f.kind for f in art.furniture} == {"reading_time" if any(c.isdigit() for c in line) and "http" not in line
                                               else "share"}
    placed_in(raw, art)


def test_a_sentence_about_sharing_or_reading_stays() -> None:
    raw = ("Readers shared the story 4,000 times.\n\nShare prices fell 4 percent on Monday.\n\n"
           "It takes 4 min to read the ruling, the court said.")
    art = article_from_text(raw)
    assert art.furniture == () and "Share prices fell" in art.text and "4 min to read" in art.text


# --- an agency page's header ------------------------------------------------------------------

HEADER = ("Floods cut off villages in the north\n\n"
          "World\n\n"
          "AFP, Kelby\n\n"
          "Published on: March 4, 2026 - 10:15\n\n"
          "Last update on: 04/03/2026 - 12:40\n\n"
          "Floods cut off villages in the north\n\n"
          "Floods cut off a dozen villages in the north of Norland on Wednesday as the river rose again, "
          "officials said.\n\n"
          "The army sent boats to the worst-hit areas.")


def test_an_agency_pages_header_block_is_title_agency_date_and_furniture() -> None:
    art = article_from_text(HEADER)
    assert art.title == "Floods cut off villages in the north"
    assert art.agency == "AFP" and str(art.published) == "2026-03-04"
    assert art.text.startswith("Floods cut off a dozen villages") and "Last update" not in art.text
    assert "World" not in art.text and "Kelby" not in art.text
    assert [(f.kind, f.text) for f in art.furniture] == [
        ("header", "World"), ("header", "AFP, Kelby"), ("header", "Published on: March 4, 2026 - 10:15"),
        ("header", "Last update on: 04/03/2026 - 12:40"), ("header", "Floods cut off villages in the north")]
    placed_in(HEADER, art)
    # The repeat is placed as the repeat, not as the headline above it.
    assert art.furniture[-1].start == HEADER.index("Floods cut off villages in the north", 10)


# --- the record: contract, store, other formats -----------------------------------------------

def test_the_furniture_is_in_the_json_contract_and_survives_the_store(tmp_path: Path) -> None:
    art = article_from_text(HEADER)
    record = art.to_dict()
    assert record["furniture"][0] == {"kind": "header", "text": "World", "start": HEADER.index("World"),
                                      "end": HEADER.index("World") + 5}
    schema: dict[str, Any] = json.loads(resources.files("newsprism").joinpath("schemas/comparison.schema.json")
                                        .read_text(encoding="utf-8"))
    item = {**schema["properties"]["articles"]["items"], "$defs": schema["$defs"]}
    jsonschema.validate(record, item)
    with open_store(tmp_path / "news.db") as store:
        store.add_articles([art])
        assert store.get_article(art.id) == art


def test_a_jsonl_record_places_its_furniture_in_its_text_and_a_text_input_in_the_file(tmp_path: Path) -> None:
    body = "The port reopened at noon, the company said.\n\nShort Url\n\nThe first ferry left at dawn."
    path = tmp_path / "wire.jsonl"
    path.write_text(json.dumps({"text": body, "source": "Kelby Post"}) + "\n", encoding="utf-8")
    (got,) = read_input(path)
    assert isinstance(got, Article) and [(f.kind, f.text) for f in got.furniture] == [("share", "Short Url")]
    placed_in(body, got)
    (given,) = read_input(Text(CAPTIONS))
    assert isinstance(given, Article) and len(given.furniture) == 4
    placed_in(CAPTIONS, given)


# --- what only looks like a poll or a widget's reading -----------------------------------------

def test_an_interviews_questions_a_crosshead_a_price_list_and_a_phone_number_are_the_reports() -> None:
    # Real pages lost these to the poll and widget-reading rules (the extraction benchmark's recall).
    raw = ("The ferry company's new chief spoke to us on Monday.\n\n"
           "Q: Where did you grow up?\n\nA: In Kelby, by the harbour.\n\n"
           "Really, have you ever seen a harbour so quiet?\n\n"
           "WHAT SAY YOU, FERRY BOARD?\n\n"
           "Tickets for the opening crossing:\n\nDeck : 30,000₩\n\nCabin : 90,000₩\n\n"
           "Bookings: call\n\n02-751-1500\n\n- HL7\n\n"
           "Will the ferry be on time? Do you think the fares are fair?\n\n"
           "The first crossing is on June 1.")
    art = article_from_text(raw)
    for kept in ("Q: Where did you grow up?", "Really, have you ever seen", "WHAT SAY YOU", "Deck : 30,000₩",
                 "Cabin : 90,000₩", "02-751-1500", "- HL7"):
        assert kept in art.text, kept
    # The reader's poll is still the page's.
    assert "Do you think" not in art.text and kinds(art) == {
        "Will the ferry be on time? Do you think the fares are fair?": "poll"}
    placed_in(raw, art)


# --- credits, teasers, posts and sign-offs seen on wire and live pages ---------------------------

WIRE_PAGE = ("Runoff winner promises sweeping change\n\n"
             "Written by Jane Roe on\n\n"
             "(COMBO) This combination of pictures taken on May 4, 2025 shows the two candidates casting their "
             "votes in the capital.\n\n"
             "LAKEVILLE, May 4, 2025 (AFP) – The opposition candidate won the runoff on Sunday, the electoral "
             "board said.\n\n"
             "epa12345678 Supporters of the winner celebrate in the capital, 4 May 2025. EPA/JOHN DOE\n\n"
             ">> Lire aussi : Les résultats du premier tour\n\n"
             "Recap: How the campaign turned in the final week\n\n"
             "🚨The opposition candidate is the new president 🎉.\n\n"
             "The outgoing president congratulated the winner in a televised address.\n\n"
             "(Reporting by Jane Roe and John Doe; Editing by Ann Smith)")


def test_wire_credits_teasers_posts_and_bylines_are_furniture_and_metadata() -> None:
    art = article_from_text(WIRE_PAGE)
    found = kinds(art)
    assert art.title == "Runoff winner promises sweeping change"
    assert art.author == "Jane Roe" and art.agency == "AFP"
    assert art.published is not None and art.published.isoformat() == "2025-05-04"  # the dateline's date
    for piece in ("(COMBO) This combination", "epa12345678", ">> Lire aussi", "Recap: How", "🚨The opposition",
                  "(Reporting by Jane Roe"):
        assert piece not in art.text, piece
        assert any(t.startswith(piece) for t in found), piece
    assert art.text.startswith("LAKEVILLE, May 4, 2025 (AFP) – The opposition candidate won")
    assert "The outgoing president congratulated the winner" in art.text
    placed_in(WIRE_PAGE, art)


def test_a_french_wire_sign_off_names_the_agency_and_leaves_the_text() -> None:
    raw = ("Le vainqueur du second tour a promis des réformes profondes dimanche soir.\n\n"
           "Le président sortant l'a félicité lors d'une allocution télévisée.\n\n"
           "afp/doe")
    art = article_from_text(raw, language="fr")
    assert art.agency == "AFP" and "afp/doe" not in art.text
    # A lower-case slash pair inside the text is no sign-off.
    kept = article_from_text("Le débat portait sur les taux et/ou les impôts.\n\nLe vote aura lieu lundi.",
                             language="fr")
    assert kept.agency is None and "et/ou" in kept.text


def test_a_caption_over_the_headline_is_no_title() -> None:
    raw = ("Jean Dupont, 41 ans, a été condamné à 12 ans de prison. Getty Images Europe\n\n"
           "La peine du fondateur déchu est tombée\n\n"
           "Le tribunal de Lyon a condamné jeudi le fondateur de la plateforme à douze ans de prison.\n\n"
           "Il risquait jusqu'à trente ans de réclusion, selon le parquet.")
    art = article_from_text(raw, language="fr")
    assert art.title == "La peine du fondateur déchu est tombée"
    assert kinds(art).get("Jean Dupont, 41 ans, a été condamné à 12 ans de prison. Getty Images Europe") == "caption"
    assert art.text.startswith("Le tribunal de Lyon")


def test_an_editors_note_on_the_update_and_a_loading_player_are_furniture() -> None:
    raw = ("Bridge closed after a ship struck a pier\n\n"
           "Listen to this article\n\nLoading audio...\n\n"
           "A cargo ship struck a pier of the river bridge early on Tuesday, officials said.\n\n"
           "Editor’s note: This story was updated at 1 p.m. on May 7 to reflect new information.\n\n"
           "Divers searched the river for two missing workers.")
    art = article_from_text(raw)
    assert "Loading audio" not in art.text and "Editor’s note" not in art.text
    assert kinds(art)["Loading audio..."] == "widget"
    assert any(t.startswith("Editor’s note") and k == "notice" for t, k in kinds(art).items())
    assert "Divers searched the river" in art.text


def test_a_caption_and_its_alt_text_between_headline_and_byline_leave_the_byline_readable() -> None:
    raw = ("Two workers missing after a crane falls on a quay\n\n"
           "14 May 2025, 09:12\n\n"
           "Dramatic footage shows the crane toppling onto the quay\n"
           "Dramatic footage shows the crane toppling onto the quay. Picture: Harbour Police/Handout\n\n"
           "By Jane Roe\n\n"
           "Two workers are missing after a crane fell onto a quay in the port on Tuesday, police said.\n\n"
           "Divers searched the water beside the quay until night fell.")
    art = article_from_text(raw)
    assert art.author == "Jane Roe"
    assert art.text.startswith("Two workers are missing")
    assert sum(k == "caption" for k in kinds(art).values()) >= 1 and "Dramatic footage" not in art.text
    placed_in(raw, art)


# --- a brand line, a date-first byline and the headline over its caption ------------------------

BRANDED = ("HarbourDispatch\n\n"
           "Ferry Operator Cancels All Crossings as Storm Nears Kelby\n\n"
           "Tuesday, March 4, 2025 by Lena Ortmann\n\n"
           "Ferry Operator Cancels All Crossings as Storm Nears Kelby\n"
           "Waves over the sea wall - Image by © X/@KelbyCoastGuard\n\n"
           "The ferry company cancelled every crossing on Tuesday as the storm reached the coast, the port "
           "authority said.\n\n"
           "Waves broke over the sea wall in the afternoon, and the coast guard closed the beaches.")


def test_a_brand_line_a_date_first_byline_and_the_headline_over_its_caption_are_the_pages() -> None:
    art = article_from_text(BRANDED)
    assert art.title == "Ferry Operator Cancels All Crossings as Storm Nears Kelby"
    assert art.source == "HarbourDispatch" and art.author == "Lena Ortmann"
    assert art.published is not None and art.published.isoformat() == "2025-03-04"
    assert art.text.startswith("The ferry company cancelled every crossing")
    assert any(f.kind == "caption" and "Image by ©" in f.text for f in art.furniture)
    placed_in(BRANDED, art)
    # A one-word first line that is no brand (a plain word) stays as it was read before.
    plain = article_from_text("Update\n\n" + BRANDED.split("\n\n", 1)[1])
    assert plain.source != "Update"


def test_an_embedded_pictures_source_alone_on_its_line_is_a_credit() -> None:
    raw = ("The airport closed its terminal on Friday after the outage, the operator said.\n\n"
           "via KelbyAirport/X\n\n"
           "Flights resumed in the evening, and the airline said via a statement that refunds would follow.")
    art = article_from_text(raw)
    assert "via KelbyAirport/X" not in art.text
    assert "said via a statement that refunds would follow." in art.text
    assert kinds(art).get("via KelbyAirport/X") in {"credit", "caption"}
    placed_in(raw, art)


def test_a_breadcrumb_from_home_is_no_headline() -> None:
    body = ("\n\nThe harbour outage, explained\n\nThe ferry company cancelled every crossing on Tuesday as the "
            "storm reached the coast, the port authority said.\n\nWaves broke over the sea wall in the "
            "afternoon, and the coast guard closed the beaches.")
    for crumb in ("Home News", "Home » World » Europe"):
        art = article_from_text(crumb + body)
        assert art.title == "The harbour outage, explained", (crumb, art.title)
    # A headline that opens with "Home" is a headline.
    art = article_from_text("Home Secretary Resigns Over Harbour Leak" + body)
    assert art.title == "Home Secretary Resigns Over Harbour Leak"
# --- the comment box under an article ---------------------------------------------------------

COMMENT_PAGE = ("Harbour workers' union wins the peace award\n\n"
                "By Jane Roe\n\n"
                "The Norland committee gave this year's peace award to the harbour workers' union on Friday, "
                "praising its work for dockers in war zones.\n\n"
                "The union's leader thanked the committee in Kelby. The ministry declined to comment.\n\n"
                "With your current plan you can comment on stories. However, before posting your first comment, "
                "please choose a display name in the Profile section of your subscriber account page.\n\n"
                "Sign in to comment\n\n"
                "Log in to leave a comment\n\n"
                "Join the conversation\n\n"
                "You must be a subscriber to comment.\n\n"
                "Comments are closed for this article.")


def test_the_comment_box_under_an_article_is_furniture_and_no_statement() -> None:
    art = article_from_text(COMMENT_PAGE)
    assert art.text.endswith("The ministry declined to comment.")
    found = kinds(art)
    for piece in ("With your current plan", "Sign in to comment", "Log in to leave a comment", "Join the conversation",
                  "You must be a subscriber to comment.", "Comments are closed for this article."):
        assert piece not in art.text, piece
        assert any(t.startswith(piece) and k == "widget" for t, k in found.items()), piece
    placed_in(COMMENT_PAGE, art)


@pytest.mark.parametrize(("line", "language"), [
    ("Connectez-vous pour commenter cet article.", "fr"), ("Les commentaires sont fermés.", "fr"),
    ("Die Kommentarfunktion ist geschlossen.", "de"), ("Melden Sie sich an, um zu kommentieren.", "de"),
    ("Inicia sesión para comentar.", "es"), ("Los comentarios están cerrados.", "es"),
    ("Accedi per commentare.", "it"), ("I commenti sono chiusi.", "it")])
def test_the_comment_box_in_other_languages_is_furniture(line: str, language: str) -> None:
    raw = f"Der Hafen bleibt am Montag geschlossen, sagte die Behörde.\n\n{line}"
    art = article_from_text(raw, language=language)
    assert line not in art.text and kinds(art) == {line: "widget"}


def test_sentences_about_comments_stay_the_reports() -> None:
    raw = ("Comments are closed, the chair said, until the vote on Monday.\n\n"
           "Pour commenter la décision, le ministre a réuni la presse.\n\n"
           "“Thank you for your comment,” the minister wrote to the union.\n\n"
           "To comment on the plan would be premature, the spokesman said.")
    art = article_from_text(raw)
    assert art.furniture == () and art.text.count("\n\n") == 3


# --- a breaking story's promise of more ------------------------------------------------------

@pytest.mark.parametrize(("line", "language"), [
    ("More details to follow.", "en"), ("This is a developing story. More to follow.", "en"),
    ("Mehr Informationen in Kürze...", "de"), ("Weitere Informationen folgen.", "de"),
    ("Plus d'informations à venir.", "fr"), ("Más información en breve.", "es"),
    ("Seguiranno aggiornamenti.", "it")])
def test_a_breaking_storys_promise_of_more_is_a_notice(line: str, language: str) -> None:
    raw = (f"The Norland committee named the laureate on Friday morning.\n\n{line}\n\n"
           "The ceremony is held in December.")
    art = article_from_text(raw, language=language)
    assert line not in art.text and kinds(art) == {line: "notice"}
    placed_in(raw, art)


def test_a_sentence_that_promises_details_of_the_news_stays() -> None:
    raw = ("More details to follow from the ministry next week, officials said.\n\n"
           "Mehr Informationen gibt es auf der Website der Stadt.\n\nThe port reopens on Monday.")
    assert article_from_text(raw).furniture == ()


# --- a dateline on a line of its own at the top -------------------------------------------------

@pytest.mark.parametrize("head", [
    "Kelby • KNA\n\nHarbour workers' union wins the peace award",
    "Harbour workers' union wins the peace award\n\nKelby • KNA",
    "Harbour workers' union wins the peace award\n\nNew Kelby · KNA"])
def test_a_place_bullet_agency_line_at_the_top_names_the_agency(head: str) -> None:
    raw = (f"{head}\n\n"
           "The Norland committee gave this year's peace award to the harbour workers' union on Friday.\n\n"
           "The ceremony is held in December.")
    art = article_from_text(raw)
    assert art.agency == "KNA" and art.title == "Harbour workers' union wins the peace award"
    assert "KNA" not in art.text and any(k == "header" and "KNA" in t for t, k in kinds(art).items())
    placed_in(raw, art)


def test_a_known_agency_is_named_canonically_and_a_section_path_names_none() -> None:
    raw = ("Harbour workers' union wins the peace award\n\nKelby • DPA\n\n"
           "The Norland committee gave this year's peace award to the harbour workers' union on Friday.\n\n"
           "The ceremony is held in December.")
    assert article_from_text(raw).agency == "dpa"
    for section in ("World • US", "Politics • UK", "News • KNA"):
        raw = (f"Harbour workers' union wins the peace award\n\n{section}\n\n"
               "The Norland committee gave this year's peace award to the harbour workers' union on Friday.\n\n"
               "The ceremony is held in December.")
        assert article_from_text(raw).agency is None, section
