"""Rollout lineage (横展開): adoption records, adapted cases, regions reached, most rolled out."""

import pytest

from community.accounts.models import Role
from tests.cases.test_cases_api import CASE, create, ids


@pytest.fixture
def two_labs(make, auth):
    """A case of a Fukuoka lab, and a coordinator of a Miyagi lab who wants to roll it out."""
    fukuoka = make.lab(prefectures=("40",), name="福岡ラボ")
    miyagi = make.lab(prefectures=("04",), name="宮城ラボ")
    owner = make.coordinator(fukuoka)
    adopter = make.coordinator(miyagi)
    return fukuoka, miyagi, owner, adopter


def test_another_lab_finds_a_case_and_records_its_rollout(client, auth, two_labs):
    fukuoka, miyagi, owner, adopter = two_labs
    auth.login(owner)
    case = create(client, fukuoka)
    auth.logout()

    auth.login(adopter)
    found = client.get("/api/cases", query_string={"q": "組子", "programme": "it_introduction"})
    assert ids(found) == [case["id"]]
    response = client.post(
        f"/api/cases/{case['id']}/rollouts",
        json={
            "status": "in_progress",
            "changes": "受発注の画面を宮城の商習慣に合わせた",
            "outcomes": [{"metric": "作業時間", "value_before": 100, "value_after": 70}],
        },
    )
    assert response.status_code == 201, response.get_json()
    rollout = response.get_json()
    assert rollout["lab_id"] == miyagi.id and rollout["prefecture"] == "04"
    assert rollout["region"] == "tohoku" and rollout["outcomes"][0]["value_after"] == 70

    lineage = client.get(f"/api/cases/{case['id']}/lineage").get_json()
    assert [e["region"] for e in lineage["entries"]] == ["kyushu-okinawa", "tohoku"]
    assert [e["kind"] for e in lineage["entries"]] == ["original", "adoption"]
    assert lineage["regions_reached"] == 2 and lineage["labs_reached"] == 2
    assert client.get(f"/api/cases/{case['id']}").get_json()["rollout_count"] == 1

    again = client.post(f"/api/cases/{case['id']}/rollouts", json={})
    assert again.status_code == 409
    assert client.get(f"/api/cases/{case['id']}").get_json()["rollout_count"] == 1


def test_an_adapted_case_links_the_lineage_both_ways(client, auth, make, two_labs):
    fukuoka, miyagi, owner, adopter = two_labs
    auth.login(owner)
    original = create(client, fukuoka)
    auth.logout()
    auth.login(adopter)
    adapted = create(
        client, miyagi, title="宮城版：組子の受発注クラウド", prefecture="04",
        adapted_from_id=original["id"],
        outcomes=[{"metric": "作業時間", "value_before": 90, "value_after": 60, "unit": "時間/月"}],
    )  # fmt: skip
    assert adapted["adapted_from"]["id"] == original["id"]

    # a third lab adapts the adaptation: the lineage reaches back to the original
    osaka = make.lab(prefectures=("27",), name="大阪ラボ")
    auth.logout()
    auth.login(make.coordinator(osaka))
    third = create(
        client, osaka, title="大阪版", prefecture="27", adapted_from_id=adapted["id"], outcomes=[]
    )
    for case_id in (original["id"], adapted["id"], third["id"]):
        lineage = client.get(f"/api/cases/{case_id}/lineage").get_json()
        assert lineage["original"]["id"] == original["id"]
        assert [e["prefecture"] for e in lineage["entries"]] == ["40", "04", "27"]
        assert [e["kind"] for e in lineage["entries"]] == ["original", "adaptation", "adaptation"]
        assert lineage["regions_reached"] == 3
    entry = client.get(f"/api/cases/{original['id']}/lineage").get_json()["entries"][1]
    assert entry["case"]["id"] == adapted["id"]
    assert entry["outcomes"][0]["value_after"] == 60  # the adapted case's own figures

    # a cycle is refused: the original cannot adapt its own adaptation
    auth.logout()
    auth.login(owner)
    cycle = client.patch(f"/api/cases/{original['id']}", json={"adapted_from_id": third["id"]})
    assert cycle.status_code == 422 and "adapted_from_id" in cycle.get_json()["errors"]


def test_rollout_rules(client, auth, make, two_labs):
    fukuoka, _miyagi, owner, adopter = two_labs
    auth.login(owner)
    case = create(client, fukuoka)
    draft = create(client, fukuoka, status="draft")
    own = client.post(f"/api/cases/{case['id']}/rollouts", json={})
    assert own.status_code == 422 and "lab_id" in own.get_json()["errors"]
    auth.logout()

    auth.login(adopter)
    assert client.post(f"/api/cases/{draft['id']}/rollouts", json={}).status_code == 404
    elsewhere = client.post(f"/api/cases/{case['id']}/rollouts", json={"prefecture": "13"})
    assert elsewhere.status_code == 422 and "prefecture" in elsewhere.get_json()["errors"]
    not_ours = client.post(
        f"/api/cases/{case['id']}/rollouts", json={"adapted_case_id": case["id"]}
    )
    assert not_ours.status_code == 422 and "adapted_case_id" in not_ours.get_json()["errors"]
    other_lab = make.lab(prefectures=("13",))
    refused = client.post(f"/api/cases/{case['id']}/rollouts", json={"lab_id": other_lab.id})
    assert refused.status_code == 403
    for body in ({"status": "finished"}, {"outcomes": [{"value_after": 1}]}, {"lab_id": "x"}):
        response = client.post(f"/api/cases/{case['id']}/rollouts", json=body)
        assert response.status_code == 422, body
    assert client.get(f"/api/cases/{case['id']}").get_json()["rollout_count"] == 0


def test_rollout_update_and_delete_keep_the_count(client, auth, make, two_labs):
    fukuoka, _miyagi, owner, adopter = two_labs
    auth.login(owner)
    case = create(client, fukuoka)
    auth.logout()
    auth.login(adopter)
    rollout = client.post(f"/api/cases/{case['id']}/rollouts", json={}).get_json()
    url = f"/api/cases/{case['id']}/rollouts/{rollout['id']}"
    updated = client.patch(url, json={"status": "done", "changes": "対象を拡大"})
    assert updated.status_code == 200 and updated.get_json()["status"] == "done"
    auth.logout()
    auth.login(owner)  # the original's lab may not edit another lab's record
    assert client.patch(url, json={"status": "planned"}).status_code == 403
    assert client.delete(url).status_code == 403
    auth.logout()
    auth.login(adopter)
    assert client.delete(url).status_code == 204
    assert client.get(url).status_code == 404
    assert client.get(f"/api/cases/{case['id']}").get_json()["rollout_count"] == 0


def test_most_rolled_out_first(client, auth, make):
    home = make.lab(prefectures=("40",))
    auth.login(make.coordinator(home))
    quiet = create(client, home, title="静かな事例")
    popular = create(client, home, title="人気の事例")
    auth.logout()
    for prefecture in ("01", "13"):
        auth.login(make.coordinator(make.lab(prefectures=(prefecture,))))
        assert client.post(f"/api/cases/{popular['id']}/rollouts", json={}).status_code == 201
        auth.logout()
    order = ids(client.get("/api/cases", query_string={"sort": "rolled_out"}))
    assert order == [popular["id"], quiet["id"]]


def test_secretariat_records_for_a_lab_it_names(client, auth, make, two_labs):
    fukuoka, miyagi, owner, _adopter = two_labs
    auth.login(owner)
    case = create(client, fukuoka)
    auth.logout()
    auth.login(make.user(role=Role.SECRETARIAT))
    unnamed = client.post(f"/api/cases/{case['id']}/rollouts", json={})
    assert unnamed.status_code == 422 and "lab_id" in unnamed.get_json()["errors"]
    named = client.post(f"/api/cases/{case['id']}/rollouts", json={"lab_id": miyagi.id})
    assert named.status_code == 201


def test_payload_is_the_documented_case(client, auth, two_labs):
    fukuoka, *_ = two_labs
    auth.login(two_labs[2])
    case = create(client, fukuoka, **{k: CASE[k] for k in ("title",)})
    assert case["rollout_count"] == 0 and case["interest_count"] == 0
    assert case["adapted_from"] is None
