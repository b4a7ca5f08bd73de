"""Tagging running text: offsets, longest names, case and context rules, scripts, evidence, output."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

import placenames
from placenames._output import to_geojson, to_json

SEED = ("the US-Japan Security Treaty applies to the Diaoyu Islands (known as Senkaku Islands in Japan "
        "and Diaoyutai Islands in Taiwan) in the East China Sea")


def ids(text, **kw):
    return [m.match.place.id for m in placenames.tag(text, **kw)]


def test_seed_sentence():
    mentions = placenames.tag(SEED)
    assert [m.match.place.id for m in mentions] == [
        "iso:US", "iso:JP", "pn:senkaku-diaoyu", "pn:senkaku-diaoyu", "iso:JP", "pn:senkaku-diaoyu",
        "iso:TW", "pn:east-china-sea"]
    assert [m.match.matched.party for m in mentions if m.match.place.id == "pn:senkaku-diaoyu"] == ["CN", "JP", "TW"]
    assert all(SEED[m.start:m.end] == m.text for m in mentions)
    assert mentions[2].usage == "PRC usage"


def test_longest_name_wins_and_no_overlaps():
    mentions = placenames.tag("Ships crossed the East China Sea near Washington D.C. yesterday.")
    assert [m.text for m in mentions] == ["East China Sea", "Washington D.C."]
    spans = [(m.start, m.end) for m in mentions]
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))


def test_us_pronoun_and_abbreviations():
    assert ids("Tell us about the US and U.S. policy.") == ["iso:US", "iso:US"]
    assert ids("He told us nothing.") == []


def test_lowercase_words_are_not_mentions():
    assert ids("we took the china plates to the turkey dinner") == []


def test_organisations_are_not_mentions_but_possessives_are():
    found = ids("Bank of China and American Airlines met Fox News in Japan's Ministry of Defense.")
    assert found == ["iso:JP"]


def test_common_words_need_evidence():
    assert ids("Nice weather today. Reading is fun.") == []
    assert ids("We went to Nice, France.")[0] == "gn:2990440"


def test_document_evidence():
    assert ids("The mayor of Paris, Texas said Texas is big.")[0] == "gn:4717560"
    assert ids("Tbilisi is the capital of Georgia.")[-1] == "iso:GE"
    assert len(set(ids("Washington D.C. is the capital. Washington is busy."))) == 1


@pytest.mark.parametrize("text,expected", [
    ("尖閣諸島は日本の領土だと東シナ海で主張", ["pn:senkaku-diaoyu", "iso:JP", "pn:east-china-sea"]),
    ("钓鱼岛位于东海", ["pn:senkaku-diaoyu", "pn:east-china-sea"]),
    ("독도는 한국 땅이다", ["pn:liancourt-rocks", "iso:KR"]),
    ("El presidente de México visitó Buenos Aires.", ["iso:MX", "gn:3435910"]),
    ("Die Bundesregierung in Berlin und München.", ["gn:2950159", "gn:2867714"]),
    ("Le président à Paris et à Marseille.", ["gn:2988507", "gn:2995469"]),
])
def test_languages(text, expected):
    assert ids(text) == expected


def test_demonyms_only_on_request():
    text = "Japanese officials arrived."
    assert ids(text) == []
    found = placenames.tag(text, demonyms=True)
    if found:  # the demonym list ships with the gazetteer
        assert found[0].demonym and found[0].match.place.id == "iso:JP"


def test_json_and_geojson():
    mentions = placenames.tag("Tokyo and Osaka, then Tokyo again.")
    rows = to_json(mentions)
    assert rows[0]["id"] == "gn:1850147" and rows[0]["lat"] is not None
    geo = to_geojson(mentions)
    assert geo["type"] == "FeatureCollection"
    tokyo = [f for f in geo["features"] if f["id"] == "gn:1850147"][0]
    assert tokyo["properties"]["count"] == 2 and tokyo["geometry"]["type"] == "Point"


def test_cli_tag_reads_stdin():
    out = subprocess.run([sys.executable, "-m", "placenames", "tag", "--json"], input=SEED,
                         capture_output=True, text=True)
    assert out.returncode == 0
    assert [m["id"] for m in json.loads(out.stdout)][:2] == ["iso:US", "iso:JP"]


def test_tag_rejects_non_str():
    with pytest.raises(TypeError):
        placenames.tag(b"Japan")  # type: ignore[arg-type]


def test_a_surname_is_not_a_town_elsewhere_in_the_document():
    # "Turner" names a town in several states; here it is the judge, in every sentence
    assert ids("Municipal Court Judge Haywood Turner lost. Turner said he would appeal.") == []
    assert ids("Sen. Lincoln spoke in Little Rock. Later Lincoln flew home.") == ["gn:4119403"]
    # the person's own name is never the town, but the town named in its state still is
    mentions = placenames.tag("Jim Moore, the mayor of Moore, Okla., said the storm had passed.")
    assert [(m.text, m.start) for m in mentions] == [("Moore", 24), ("Okla.", 31)]


def test_a_small_town_needs_local_evidence_not_just_its_country():
    # a town called Clark exists in New Jersey: other US places are no evidence for it
    assert ids("Clark said the budget was late. The Texas legislature met in Austin.") == [
        "iso:US-TX", "gn:4671654"]
    assert "gn:5096655" in ids("Clark, N.J., approved the budget.")


def test_acronym_names_need_capitals_and_abbreviations_keep_their_period():
    # Irish "SAM" and Indonesian "AS" abbreviate the United States; "Sam" and "As" do not
    assert ids("As the storm hit Texas, Sam left for Dallas.") == ["iso:US-TX", "gn:4684888"]
    text = "Officials in Topeka, Kan., and Sacramento, Calif. agreed."
    assert [m.text for m in placenames.tag(text)] == ["Topeka", "Kan.", "Sacramento", "Calif."]


def test_an_unverified_alias_of_another_place_is_not_a_mention():
    # GeoNames lists "White House" as an alias of Casablanca
    assert "gn:2553604" not in ids("The White House said the Tunis talks would resume.")
    assert ids("The White House said the Tunis talks would resume.") == ["gn:2464470"]


def test_time_words_after_a_locative_are_not_towns():
    assert ids("The vote is in May. Officials in Topeka agreed.") == ["gn:4280539"]


def test_an_ordinary_word_at_a_sentence_start_needs_evidence():
    # "most" is written in lower case elsewhere: the sentence's first "Most" is the word
    assert ids("Most of the cuts will hit most schools.") == []
    assert ids("Most of the cuts will hit most schools in Most, Czech Republic.")[-2:] == [
        "iso:CZ-425", "iso:CZ"]


def test_a_surname_after_an_initial_is_a_person():
    assert ids("Mayor Dwight C. Jones took office in January. McCoy praised Jones' appointment.") == []


def test_event_and_street_names_are_not_mentions():
    assert ids("Thunder Snow won the Dubai World Cup.") == []
    assert ids("The plant is on Commerce Dr. in Decatur, Ga.") == ["gn:4191124", "iso:US-GA"]


def test_small_towns_with_local_evidence():
    # Rogersville, Tennessee (4,400 inhabitants): spotted, and tagged when its state is named
    assert ids("Rogersville, Tenn., approved the budget.") == ["gn:4654293", "iso:US-TN"]
    assert ids("Rogersville approved the budget.") == []


def test_a_state_named_elsewhere_does_not_make_a_country_a_town():
    # China and Italy are towns in Texas, but a text that mentions Texas means the countries
    assert ids("Exports from China rose, the Dallas and Houston chambers of commerce in Texas said.") == [
        "iso:CN", "gn:4684888", "gn:4699066", "iso:US-TX"]
    assert ids("Sales to Italy fell, Texas growers said.")[0] == "iso:IT"


def test_a_qualified_name_is_the_town_in_every_mention():
    # "Palestine, Texas" makes the earlier "Palestine" the town too; an unqualified mention
    # beside the qualified one is what the qualifier said
    text = ("The Palestine Old Time Music Festival was in high gear. Fans helped put Palestine, "
            "Texas on the map.")
    assert [i for i in ids(text) if i != "iso:US-TX"] == ["gn:4717232", "gn:4717232"]
    assert ids("He grew up in Lebanon, Tenn., and moved away.") == ["gn:4636045", "iso:US-TN"]
    assert ids("Paris, France and Paris, Texas.") == ["gn:2988507", "iso:FR", "gn:4717560", "iso:US-TX"]


def test_a_list_of_countries_or_states_qualifies_nothing():
    # China is also a town in Japan; "New York, North Carolina" is a list, not New York's town
    assert ids("Trade between China, Japan and India grew.") == ["iso:CN", "iso:JP", "iso:IN"]
    assert ids("Fans came from Missouri, Georgia, North Carolina and Virginia.") == [
        "iso:US-MO", "iso:US-GA", "iso:US-NC", "iso:US-VA"]


def test_a_sizeable_town_at_home_beats_a_foreign_reading_of_its_name():
    # Augusta, Georgia, not Augsburg's Italian name, in a text about US places; Mansfield, Ohio,
    # not Mansfield, England; but a far bigger place abroad keeps its name: Paris is Paris
    assert ids("Officials in Augusta said the storm hit Savannah and Macon hardest.")[0] == "gn:4180531"
    assert ids("Mansfield police said a man from Columbus was arrested.") == ["gn:5161723", "gn:4509177"]
    assert ids("Officials in Atlanta and Boston said the president flew to Paris.")[-1] == "gn:2988507"


def test_the_town_with_more_mentions_around_it_wins():
    # Mansfield, Louisiana (near Shreveport, Bossier City) against Mansfield, Texas (near Dallas)
    text = ("Officers from Shreveport joined Mansfield police. Shreveport and Bossier City officials "
            "said an office in Dallas helped.")
    assert ids(text)[1] == "gn:4332494"
    assert ids("Officers from Dallas joined Mansfield police.")[1] == "gn:4709013"


def test_iso_codes_in_prose_are_not_mentions():
    # "the PA" is the Palestinian Authority, not Panama; curated abbreviations still are places
    assert ids("The PA was also worried about the release.") == []
    assert ids("The US and the UAE signed.") == ["iso:US", "iso:AE"]


def test_coasts_of_the_united_states_and_new_zealands_west_coast():
    assert ids("Storms hit the West Coast, from Seattle to Los Angeles.")[0] == "pn:us-west-coast"
    assert ids("Floods on the West Coast closed roads near Greymouth and Hokitika, New Zealand.")[0] == "iso:NZ-WTC"


def test_state_abbreviations_that_are_words_qualify_a_town_only():
    # AP style: "Harrisburg, Pa.", "HAMMOND, Ind. (AP)"; "Pa" and "Mass." elsewhere are words
    assert ids("He works in Harrisburg, Pa. Smith said so.") == ["gn:5192726", "iso:US-PA"]
    assert ids("HAMMOND, Ind. (AP) The boaters left.") == ["gn:4921100", "iso:US-IN"]
    assert ids("Pa said no. The Ind. tax rose after Mass. on Sunday.") == []


def test_of_after_an_office_names_its_domain_not_a_place():
    # Justice and Police are towns too; "of" after a person's name still vouches for the town
    assert ids("Former Minister of Justice Wijeyadasa Rajapakshe spoke.") == []
    assert ids("The state Commissioner of Police, Mr. Adeoye, said so.") == []
    assert ids("Spencer Lewis of Bethel, Vt., declined to comment.") == ["gn:5282297", "iso:US-VT"]


def test_a_short_acronym_is_not_a_town_written_in_lower_case():
    # "OAS" (Organization of American States) is not the town of Oas; "US" and "UAE" are places
    assert ids("The country asked to waive OAS fees.") == []
    assert ids("The US and the UAE signed.") == ["iso:US", "iso:AE"]


def test_eastern_ghouta():
    assert ids("Air strikes hit Eastern Ghouta again; Ghouta residents fled to Damascus.")[:2] == [
        "pn:eastern-ghouta", "pn:eastern-ghouta"]


def test_a_dateline_vouches_for_its_town():
    # DeKalb, Illinois (43,000 people) needs evidence; the wire dateline is evidence, and the
    # place it chose holds for the article's later "DeKalb"
    text = ("NICE to tidy neighborhoods. DeKALB – Residents might soon get an invitation to clean "
            "up. A pilot program to tidy DeKalb neighborhoods was approved.")
    assert ids(text) == ["gn:4889553", "gn:4889553"]
    assert ids("A program to tidy DeKalb neighborhoods was approved.") == []
    assert ids("OMAHA -- A sociologist says rural residents are self-employed.") == ["gn:5074472"]


def test_an_ambiguous_county_is_still_a_mention():
    # eight Butler Counties: a mention all the same, resolved by the text when it can be
    mentions = placenames.tag("IRS audit finds Butler County employees should pay.")
    assert [m.text for m in mentions] == ["Butler County"] and mentions[0].match.place.id.startswith("fips:")
    assert ids("Officials in Hamilton and Butler County, Ohio, said so.")[1] == "fips:39017"


def test_a_word_only_minor_languages_give_a_place_is_no_mention_in_english():
    # "OK" is the UK in Inari Sami, "End" India in Jola; English text means the words
    assert ids("It was OK, the End of the story.") == []
    assert ids("Kim said it was fine.") == []   # KiM (Kosovo and Metohija) is an abbreviation: case counts
    assert ids("He lives in Charleston, W. Va., near the river.") == ["gn:4801859", "iso:US-WV"]


def _as_tuples(mentions):
    return [(m.start, m.end, m.match.place.id, m.match.score, m.alternatives) for m in mentions]


DOCUMENTS = ["The mayor of Paris, Texas said Texas is big.", "Tbilisi is the capital of Georgia.",
             "Jim Moore, the mayor of Moore, Okla., said the storm had passed.", SEED,
             "Officials in Topeka, Kan., and Sacramento, Calif. agreed. Paris and Lyon, France."]


def test_documents_in_a_row_are_tagged_as_each_alone():
    # the caches shared across documents (ancestors, normalized words) change no result
    alone = [_as_tuples(placenames.tag(doc)) for doc in DOCUMENTS]
    for doc, expected in zip(reversed(DOCUMENTS), reversed(alone)):
        assert _as_tuples(placenames.tag(doc)) == expected


def test_tagging_from_threads():
    from concurrent.futures import ThreadPoolExecutor

    expected = [_as_tuples(placenames.tag(doc)) for doc in DOCUMENTS]
    with ThreadPoolExecutor(4) as pool:
        found = list(pool.map(lambda doc: _as_tuples(placenames.tag(doc)), DOCUMENTS * 8))
    assert found == expected * 8


def test_a_comma_ends_a_name():
    # "Washington, D.C." is the city and its district, as "Paris, Texas" is; "Washington D.C."
    # one name; "Kan." keeps its period, "DC" at a sentence's end does not take the full stop
    assert [(m.text, m.match.place.id) for m in placenames.tag("A ceremony in Washington, D. C., on Thursday.")] == [
        ("Washington", "gn:4140963"), ("D. C.", "iso:US-DC")]
    assert [m.text for m in placenames.tag("Washington D.C. and Washington DC.")] == ["Washington D.C.", "Washington DC"]


def test_a_town_in_the_state_of_a_mentioned_town_or_county():
    # Newberry, South Carolina beside Saluda County; Newberry, Florida beside Alachua County
    assert ids("Police in Saluda County said the Newberry man was arrested.")[1] == "gn:4589207"
    assert ids("Police in Alachua County said the Newberry man was arrested.")[1] == "gn:4165961"
    # but a big city keeps its name: Boston is not the village of Boston, New York
    assert ids("Officials in Albany and Utica said fans flew to Boston.")[2] == "gn:4930956"


def test_a_qualified_town_beats_the_person_of_its_name():
    assert ids("Jim Moore said the storm passed. Moore, Okla., was hit.") == ["gn:4542975", "iso:US-OK"]


def test_model_copy_with_update_works_on_mentions():
    mention = placenames.tag("Paris is nice.")[0]
    assert mention.model_copy(update={"text": "X"}).text == "X" and mention.text == "Paris"
