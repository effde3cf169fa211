"""The expert API: profiles, the directory's filters on both databases, OpenAPI."""

from __future__ import annotations

from community.accounts.models import Role
from tests.experts.conftest import PROFILE, make_expert


def test_an_expert_creates_reads_and_edits_their_profile(client, make, auth):
    expert = make.user(role=Role.EXPERT, name="山田 花子")
    auth.login(expert)
    response = client.post("/api/experts", json=PROFILE)
    assert response.status_code == 201, response.get_json()
    body = response.get_json()
    assert body["user_id"] == expert.id
    assert body["display_name"] == "山田 花子"
    assert body["fields"] == ["manufacturing", "iot"]
    assert body["prefectures"] == ["04"]
    assert body["honorarium_eligible"] is True
    assert body["can_edit"] is True
    assert "<strong>中小企業診断士</strong>" in body["bio_html"]
    assert "<script>" not in body["bio_html"]

    assert client.get("/api/experts/me").get_json()["id"] == body["id"]
    changed = client.patch(
        f"/api/experts/{body['id']}",
        json={"fields": ["ai"], "regions": ["tohoku"], "prefectures": [], "online": False},
    )
    assert changed.status_code == 200, changed.get_json()
    changed = changed.get_json()
    assert changed["fields"] == ["ai"]
    assert changed["regions"] == ["tohoku"]
    assert changed["prefectures"] == []
    assert changed["online"] is False and changed["in_person"] is True
    assert changed["headline"] == PROFILE["headline"]  # left out: kept

    again = client.post("/api/experts", json=PROFILE)
    assert again.status_code == 409


def test_an_unlisted_profile_is_seen_only_by_its_expert_and_the_secretariat(
    client, make, client_for
):
    profile = make_expert(make, listed=False)
    assert client.get(f"/api/experts/{profile.id}").status_code == 404
    assert client.get("/api/experts").get_json()["meta"]["total"] == 0
    assert client_for(profile.user).get(f"/api/experts/{profile.id}").status_code == 200
    secretariat = make.user(role=Role.SECRETARIAT)
    assert client_for(secretariat).get(f"/api/experts/{profile.id}").status_code == 200


def test_a_profile_of_someone_no_longer_an_expert_is_not_shown(client, make, db):
    profile = make_expert(make)
    profile.user.role = Role.MEMBER.value
    db.session.commit()
    assert client.get(f"/api/experts/{profile.id}").status_code == 404
    assert client.get("/api/experts").get_json()["items"] == []
    assert {f["count"] for f in client.get("/api/experts/fields").get_json()} == {0}


def test_delete_keeps_the_answer_tallies(client, make, client_for):
    from community.experts.services import do_record_answer

    profile = make_expert(make)
    user_id = profile.user_id
    do_record_answer(user_id, ["iot"])
    own = client_for(profile.user)
    assert own.delete(f"/api/experts/{profile.id}").status_code == 204
    assert client.get(f"/api/experts/{profile.id}").status_code == 404
    recreated = own.post("/api/experts", json=PROFILE)
    assert recreated.status_code == 201
    assert recreated.get_json()["answers"] == {"iot": 1}


def ids(response) -> list[int]:
    assert response.status_code == 200, response.get_json()
    return [item["id"] for item in response.get_json()["items"]]


def test_directory_filters(client, make):
    miyagi = make_expert(make, name="宮城 太郎", prefectures=["04"], regions=[])
    tohoku = make_expert(
        make, name="東北 次郎", prefectures=[], regions=["tohoku"], fields=["ai", "data"],
        online=False, in_person=True, honorarium_eligible=False,
    )  # fmt: skip
    tokyo = make_expert(
        make, name="東京 三郎", prefectures=["13"], fields=["ec", "cloud"], in_person=False,
        availability="limited", organisation="クラウド推進株式会社", bio="EC-CUBEとShopifyの導入",
    )  # fmt: skip
    assert set(ids(client.get("/api/experts"))) == {miyagi.id, tohoku.id, tokyo.id}
    # a prefecture: its own experts and those covering its whole region
    assert set(ids(client.get("/api/experts?prefecture=04"))) == {miyagi.id, tohoku.id}
    assert ids(client.get("/api/experts?prefecture=05")) == [tohoku.id]
    # a region: experts of the region itself or of one of its prefectures
    assert set(ids(client.get("/api/experts?region=tohoku"))) == {miyagi.id, tohoku.id}
    assert ids(client.get("/api/experts?region=kanto")) == [tokyo.id]
    assert ids(client.get("/api/experts?region=kinki")) == []
    assert ids(client.get("/api/experts?field=data")) == [tohoku.id]
    assert set(ids(client.get("/api/experts?mode=online"))) == {miyagi.id, tokyo.id}
    assert set(ids(client.get("/api/experts?mode=in_person"))) == {miyagi.id, tohoku.id}
    assert set(ids(client.get("/api/experts?honorarium=true"))) == {miyagi.id, tokyo.id}
    assert ids(client.get("/api/experts?honorarium=false")) == [tohoku.id]
    assert ids(client.get("/api/experts?availability=limited")) == [tokyo.id]
    assert ids(client.get("/api/experts?q=shopify")) == [tokyo.id]
    assert ids(client.get("/api/experts?q=クラウド推進")) == [tokyo.id]
    assert ids(client.get("/api/experts?q=次郎")) == [tohoku.id]
    assert ids(client.get("/api/experts?q=100%25")) == []  # a LIKE wildcard is a plain character
    assert ids(client.get("/api/experts?field=iot&prefecture=04&mode=in_person")) == [miyagi.id]


def test_directory_sorts_by_main_field_name_and_answers(client, make):
    from community.experts.services import do_record_answer

    ai = make_expert(make, name="あ", fields=["ai", "talent"])
    talent = make_expert(make, name="い", fields=["talent"])
    ec = make_expert(make, name="う", fields=["ec"])
    # FIELDS order: the challenge categories first, then the technology fields
    assert ids(client.get("/api/experts")) == [talent.id, ai.id, ec.id]
    assert ids(client.get("/api/experts?sort=name")) == [ai.id, talent.id, ec.id]
    do_record_answer(ec.user_id, ["ec", "cloud"])
    do_record_answer(ec.user_id, ["ec"])
    do_record_answer(talent.user_id, ["talent"])
    assert ids(client.get("/api/experts?sort=answers")) == [ec.id, talent.id, ai.id]
    item = client.get(f"/api/experts/{ec.id}").get_json()
    assert item["answers"] == {"cloud": 1, "ec": 2}
    assert item["answer_total"] == 3
    page = client.get("/api/experts?sort=name&per_page=2&page=2").get_json()
    assert [i["id"] for i in page["items"]] == [ec.id]
    assert page["meta"] == {"page": 2, "per_page": 2, "total": 3, "pages": 2}


def test_field_counts(client, make):
    make_expert(make, fields=["ai", "talent"])
    make_expert(make, fields=["ai"])
    make_expert(make, fields=["ec"], listed=False)
    counts = {f["code"]: f["count"] for f in client.get("/api/experts/fields").get_json()}
    assert counts["ai"] == 2 and counts["talent"] == 1 and counts["ec"] == 0
    assert len(counts) == 13


def test_the_api_is_documented_with_its_error_codes(client):
    spec = client.get("/api/openapi.json").get_json()
    paths = spec["paths"]
    for path in (
        "/api/experts",
        "/api/experts/{expert_id}",
        "/api/experts/recommendations",
        "/api/experts/for-case/{case_id}",
        "/api/experts/for-lab/{lab_id}",
        "/api/experts/fields",
        "/api/experts/me",
    ):
        assert path in paths, path
    assert {"201", "403", "409", "422"} <= set(paths["/api/experts"]["post"]["responses"])
    patch = paths["/api/experts/{expert_id}"]["patch"]["responses"]
    assert {"200", "403", "404", "422"} <= set(patch)
    assert "422" in paths["/api/experts/recommendations"]["get"]["responses"]
