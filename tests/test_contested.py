"""Contested and sensitive places: party-attributed names, neutral labels, perspectives, usage."""

from __future__ import annotations

import pytest

import placenames
from placenames._label import contested_places, perspective_table
from conftest import ROOT

RULES = {"shared", "third_party", "intl_body", "descriptive", "slash_alpha", "established_name",
         "official_current", "official_romanization", "official_dual"}
# Rules that may keep one party's own name as the label, because the rule says why.
RULES_KEEPING_A_PARTY_NAME = {"shared", "third_party", "established_name", "official_current",
                              "official_romanization", "official_dual"}


@pytest.fixture(scope="module")
def contested():
    return contested_places()


def test_catalogue_is_covered(contested):
    disputed = [p for p in contested if p.dispute]
    assert len(disputed) >= 115


def test_every_disputed_place_records_rule_parties_date_and_sources(contested):
    for place in contested:
        if not place.dispute:
            continue
        assert place.label_rule in RULES, place.id
        assert place.dispute.as_of, place.id
        assert place.dispute.sources, place.id
        if place.dispute.status == "disputed":
            assert place.dispute.administered_by or place.dispute.claimants, place.id


def test_neutral_label_is_no_partys_exclusive_name_unless_the_rule_says_why(contested):
    for place in contested:
        if not place.dispute or place.label_rule in RULES_KEEPING_A_PARTY_NAME:
            continue
        users = {n.party for n in place.names if n.text == place.label}
        states = {u for u in users if u and not u.startswith("intl")}
        assert not (len(users) == 1 and states), (place.id, place.label, users)


def test_every_party_name_resolves_to_its_place_with_its_party(contested):
    """Each party's English and native names resolve to the place with that party, or the
    collision is visible: the place is among the candidates and the winner carries the name too."""
    failures = []
    for place in contested:
        for name in place.names:
            if not name.party or name.kind not in ("official", "common"):
                continue
            m = placenames.resolve(name.text)
            if m and m.place.id == place.id:
                if m.matched.party is None and any(n.text == name.text and n.party is None
                                                   for n in place.names):
                    continue  # the same spelling is also an ordinary word: no party to report
                if m.matched.party != name.party and not any(
                        n.text == m.matched.text and n.party == m.matched.party for n in place.names):
                    failures.append((place.id, name.text, name.party, m.matched.party))
                continue
            found = placenames.candidates(name.text, limit=10)
            ids = [c.place.id for c in found]
            shared = found and any(n.text == name.text for n in found[0].place.names) if found else False
            if place.id not in ids or not shared:
                failures.append((place.id, name.text, name.party, m and m.place.id))
    assert failures == []


@pytest.mark.parametrize("query,party", [
    ("Senkaku", "JP"), ("Diaoyu", "CN"), ("Diaoyutai", "TW"), ("尖閣諸島", "JP"), ("钓鱼岛", "CN"),
    ("釣魚臺列嶼", "TW"), ("Tiaoyutai", "TW"), ("Senkakku", "JP"), ("Diaoyu Dao", "CN")])
def test_senkaku_diaoyu(query, party):
    m = placenames.resolve(query)
    assert m.place.id == "pn:senkaku-diaoyu" and m.matched.party == party
    assert m.place.dispute.administered_by == ["JP"]
    assert m.usage is not None and party in m.usage.parties


def test_perspectives_render_party_names():
    assert placenames.label("pn:sea-of-japan") == "East Sea / Sea of Japan"
    assert placenames.label("pn:sea-of-japan", perspective="KR") == "East Sea"
    assert placenames.label("pn:sea-of-japan", perspective="JP") == "Sea of Japan"
    assert placenames.label("pn:gulf-of-mexico", perspective="US") == "Gulf of America"
    assert placenames.label("pn:gulf-of-mexico", perspective="MX") == "Gulf of Mexico"
    assert placenames.label("pn:gulf-of-mexico", perspective="neutral") == "Gulf of Mexico"
    assert placenames.label("iso:JP", perspective="KR") == "Japan"  # no party name: neutral
    assert placenames.label(placenames.get("pn:sea-of-japan"), perspective="KR", lang="ko") == "동해"


def test_east_sea_ambiguity_is_reported():
    ids = {c.place.id for c in placenames.candidates("East Sea", limit=10)}
    assert {"pn:sea-of-japan", "pn:south-china-sea"} <= ids
    assert placenames.resolve("East Sea") is None
    assert placenames.resolve("东海").place.id == "pn:east-china-sea"


def test_usage_signal_is_weak_for_the_ordinary_word_in_the_texts_language():
    strong = placenames.resolve("Islas Malvinas")
    weak = placenames.resolve("Islas Malvinas", lang="es")
    assert weak.usage.signal == "weak" and "AR" in weak.usage.parties
    assert strong.place.id == weak.place.id == "iso:FK"
    assert placenames.resolve("Takeshima").usage.signal == "strong"


def test_sensitive_names_carry_their_party():
    assert placenames.resolve("中国台湾").matched.party == "CN"
    assert placenames.resolve("Gulf of America").matched.party == "US"
    assert placenames.resolve("Arabian Gulf").place.id == placenames.resolve("Persian Gulf").place.id


def test_perspective_docs_are_current():
    committed = (ROOT / "docs" / "perspectives.md").read_text(encoding="utf-8")
    assert committed.strip() == perspective_table(contested_places()).strip()
