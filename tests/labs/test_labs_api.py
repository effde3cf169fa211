from datetime import timedelta

import pytest
import sqlalchemy as sa

from community.accounts.models import Role
from community.core.db import utcnow
from community.labs.models import Invitation, Lab, LabMembership

LAB = {
    "slug": "miyagi-dx",
    "name": "宮城DX推進ラボ",
    "prefectures": ["04", "07"],
    "vision": "地域企業のDXを伴走支援する。",
    "kpi": "2028年までにDX認定取得企業を50社にする",
    "consultation_contact": "相談窓口: dx@example.jp",
    "description": "**宮城県**と福島県の連携ラボ <script>alert(1)</script>",
}


@pytest.fixture
def secretariat(make):
    return make.user(role=Role.SECRETARIAT)


def test_reference_data_has_47_prefectures_in_nine_regions(client):
    prefectures = client.get("/api/prefectures").get_json()
    assert len(prefectures) == 47
    assert prefectures[0] == {
        "code": "01",
        "name_ja": "北海道",
        "name_en": "Hokkaido",
        "region": "hokkaido",
    }
    assert prefectures[46]["code"] == "47" and prefectures[46]["name_ja"] == "沖縄県"
    regions = client.get("/api/regions").get_json()
    assert [r["name_ja"] for r in regions] == [
        "北海道", "東北", "関東", "中部", "北陸", "近畿", "中国", "四国", "九州・沖縄",
    ]  # fmt: skip
    assert sum(len(r["prefectures"]) for r in regions) == 47


def test_secretariat_creates_a_lab_spanning_prefectures(client, auth, secretariat):
    auth.login(secretariat)
    response = client.post("/api/labs", json=LAB)
    assert response.status_code == 201, response.get_json()
    lab = response.get_json()
    assert lab["prefectures"] == ["04", "07"]
    assert [r["code"] for r in lab["regions"]] == ["tohoku"]
    assert "<script>" not in lab["description_html"]
    assert "<strong>宮城県</strong>" in lab["description_html"]
    assert client.get(f"/api/labs/{lab['id']}").get_json()["name"] == "宮城DX推進ラボ"


def test_iot_lab_in_transition_needs_a_deadline(client, auth, secretariat):
    auth.login(secretariat)
    missing = client.post("/api/labs", json={**LAB, "kind": "iot_transition"})
    assert missing.status_code == 422 and "transition_deadline" in missing.get_json()["errors"]
    ok = client.post(
        "/api/labs", json={**LAB, "kind": "iot_transition", "transition_deadline": "2027-03-31"}
    )
    assert ok.status_code == 201 and ok.get_json()["transition_deadline"] == "2027-03-31"
    lab_id = ok.get_json()["id"]
    # switching to DX drops the deadline; switching back without one is refused
    assert (
        client.patch(f"/api/labs/{lab_id}", json={"kind": "dx"}).get_json()["transition_deadline"]
        is None
    )
    back = client.patch(f"/api/labs/{lab_id}", json={"kind": "iot_transition"})
    assert back.status_code == 422


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"slug": "Not A Slug"}, "slug"),
        ({"slug": "new"}, "slug"),
        ({"prefectures": []}, "prefectures"),
        ({"prefectures": ["48"]}, "prefectures"),
        ({"prefectures": "04"}, "prefectures"),
        ({"name": "x" * 121}, "name"),
        ({"name": None}, "name"),
        ({"kind": "other"}, "kind"),
        ({"transition_deadline": "31/03/2027"}, "transition_deadline"),
        ({"description": "あ" * 20001}, "description"),
        ({"vision": 123}, "vision"),
    ],
)
def test_bad_lab_input_is_422(client, auth, secretariat, db, change, field):
    auth.login(secretariat)
    response = client.post("/api/labs", json={**LAB, **change})
    assert response.status_code == 422
    assert field in response.get_json()["errors"]
    assert db.session.scalar(sa.select(sa.func.count(Lab.id))) == 0


def test_duplicate_name_or_slug_is_refused(client, auth, secretariat, make):
    make.lab(name="既存ラボ", slug="existing")
    auth.login(secretariat)
    by_name = client.post("/api/labs", json={**LAB, "name": "既存ラボ"})
    by_slug = client.post("/api/labs", json={**LAB, "slug": "existing"})
    assert by_name.status_code == 422 and "name" in by_name.get_json()["errors"]
    assert by_slug.status_code == 422 and "slug" in by_slug.get_json()["errors"]


def test_unknown_lab_is_404(client, auth, secretariat):
    assert client.get("/api/labs/999").status_code == 404
    auth.login(secretariat)
    assert client.patch("/api/labs/999", json={"name": "x"}).status_code == 404
    assert client.get("/api/labs/999/members").status_code == 404
    assert (
        client.post("/api/labs/999/organisations", json={"name": "x", "kind": "other"}).status_code
        == 404
    )


def test_list_filters_by_region_and_prefecture_and_paginates(client, make):
    make.lab(prefectures=("01",), name="北海道ラボ")
    make.lab(prefectures=("04", "07"), name="東北ラボ")
    make.lab(prefectures=("40",), name="福岡ラボ")
    make.lab(prefectures=("37", "38"), name="四国ラボ")
    names = lambda r: [lab["name"] for lab in r.get_json()["items"]]  # noqa: E731
    assert names(client.get("/api/labs?region=tohoku")) == ["東北ラボ"]
    assert names(client.get("/api/labs?prefecture=38")) == ["四国ラボ"]
    assert names(client.get("/api/labs?region=shikoku&prefecture=37")) == ["四国ラボ"]
    assert names(client.get("/api/labs?region=tohoku&prefecture=40")) == []
    first = client.get("/api/labs?per_page=3&page=1").get_json()
    second = client.get("/api/labs?per_page=3&page=2").get_json()
    assert first["meta"] == {"page": 1, "per_page": 3, "total": 4, "pages": 2}
    assert len(first["items"]) == 3 and len(second["items"]) == 1
    for bad in ("region=mars", "prefecture=99", "page=0", "per_page=1000", "page=abc"):
        response = client.get(f"/api/labs?{bad}")
        assert response.status_code == 422, bad


def test_members_list_shows_contacts_only_to_managers(client, auth, make):
    lab = make.lab()
    coordinator = make.coordinator(lab)
    member = make.member(lab)
    public = client.get(f"/api/labs/{lab.id}/members").get_json()
    assert {m["user_id"] for m in public} == {coordinator.id, member.id}
    assert all("email" not in m for m in public)
    auth.login(member)
    assert all("email" not in m for m in client.get(f"/api/labs/{lab.id}/members").get_json())
    auth.logout()
    auth.login(coordinator)
    managed = client.get(f"/api/labs/{lab.id}/members").get_json()
    assert {m["email"] for m in managed} == {coordinator.email, member.email}


def test_coordinator_updates_own_lab(client, auth, make):
    lab = make.lab()
    coordinator = make.coordinator(lab)
    auth.login(coordinator)
    response = client.patch(
        f"/api/labs/{lab.id}", json={"vision": "新しいビジョン", "prefectures": ["04"]}
    )
    assert response.status_code == 200
    assert response.get_json()["vision"] == "新しいビジョン"


def test_secretariat_appoints_a_coordinator(client, auth, make, secretariat):
    lab = make.lab()
    person = make.user()
    auth.login(secretariat)
    response = client.post(f"/api/labs/{lab.id}/coordinators", json={"email": person.email})
    assert response.status_code == 201 and response.get_json()["role"] == "coordinator"
    unknown = client.post(f"/api/labs/{lab.id}/coordinators", json={"email": "ghost@example.jp"})
    assert unknown.status_code == 422
    auth.logout()
    auth.login(person)
    assert "coordinator" in client.get("/api/me").get_json()["roles"]


def test_the_last_coordinator_cannot_leave_but_the_secretariat_may_remove(
    client, auth, make, secretariat
):
    lab = make.lab()
    coordinator = make.coordinator(lab)
    auth.login(coordinator)
    assert client.delete(f"/api/labs/{lab.id}/members/{coordinator.id}").status_code == 409
    auth.logout()
    auth.login(secretariat)
    assert client.delete(f"/api/labs/{lab.id}/members/{coordinator.id}").status_code == 204


def test_a_member_may_leave(client, auth, make, db):
    lab = make.lab()
    member = make.member(lab)
    auth.login(member)
    assert client.delete(f"/api/labs/{lab.id}/members/{member.id}").status_code == 204
    assert db.session.scalar(sa.select(sa.func.count(LabMembership.id))) == 0


def test_organisations_crud(client, auth, make):
    lab = make.lab()
    auth.login(make.coordinator(lab))
    created = client.post(
        f"/api/labs/{lab.id}/organisations",
        json={"name": "仙台市", "kind": "municipality", "is_key_person": True},
    )
    assert created.status_code == 201
    org_id = created.get_json()["id"]
    duplicate = client.post(
        f"/api/labs/{lab.id}/organisations", json={"name": "仙台市", "kind": "other"}
    )
    assert duplicate.status_code == 409
    bad_kind = client.post(f"/api/labs/{lab.id}/organisations", json={"name": "X", "kind": "bank"})
    assert bad_kind.status_code == 422
    patched = client.patch(
        f"/api/labs/{lab.id}/organisations/{org_id}", json={"kind": "public_body"}
    )
    assert patched.get_json()["kind"] == "public_body"
    listed = client.get(f"/api/labs/{lab.id}/organisations").get_json()
    assert [o["name"] for o in listed] == ["仙台市"]
    assert client.delete(f"/api/labs/{lab.id}/organisations/{org_id}").status_code == 204
    assert client.delete(f"/api/labs/{lab.id}/organisations/{org_id}").status_code == 404


def test_organisation_of_another_lab_is_404(client, auth, make):
    lab, other = make.lab(), make.lab()
    org = make.organisation(other)
    auth.login(make.coordinator(lab))
    assert (
        client.patch(f"/api/labs/{lab.id}/organisations/{org.id}", json={"name": "x"}).status_code
        == 404
    )


def test_invitation_flow(app, client, auth, make, db):
    lab = make.lab()
    coordinator = make.coordinator(lab)
    auth.login(coordinator)
    created = client.post(f"/api/labs/{lab.id}/invitations", json={"ttl_days": 7})
    assert created.status_code == 201
    body = created.get_json()
    token = body["token"]
    assert body["url"].endswith(f"/labs/invitations/{token}") and body["state"] == "open"
    stored = db.session.scalar(sa.select(Invitation))
    assert token not in stored.token_hash
    auth.logout()

    newcomer = make.user()
    preview = client.get(f"/api/invitations/{token}").get_json()
    assert preview["lab"]["id"] == lab.id and preview["role"] == "member"
    assert client.post(f"/api/invitations/{token}/accept").status_code == 401
    auth.login(newcomer)
    accepted = client.post(f"/api/invitations/{token}/accept")
    assert accepted.status_code == 201 and accepted.get_json()["role"] == "member"
    assert client.post(f"/api/invitations/{token}/accept").status_code == 410
    assert client.post("/api/invitations/not-a-token/accept").status_code == 404
    me = client.get("/api/me").get_json()
    assert [m["lab_id"] for m in me["memberships"]] == [lab.id]


def test_expired_revoked_and_addressed_invitations(client, auth, make, db):
    lab = make.lab()
    coordinator = make.coordinator(lab)
    auth.login(coordinator)
    expired = client.post(f"/api/labs/{lab.id}/invitations", json={}).get_json()
    revoked = client.post(f"/api/labs/{lab.id}/invitations", json={}).get_json()
    addressed = client.post(
        f"/api/labs/{lab.id}/invitations", json={"email": "hanako@example.jp"}
    ).get_json()
    invitation = db.session.get(Invitation, expired["id"])
    invitation.expires_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    assert client.delete(f"/api/labs/{lab.id}/invitations/{revoked['id']}").status_code == 204
    states = {i["id"]: i["state"] for i in client.get(f"/api/labs/{lab.id}/invitations").get_json()}
    assert states == {expired["id"]: "expired", revoked["id"]: "revoked", addressed["id"]: "open"}
    auth.logout()

    stranger = make.user(email="someone@example.jp")
    auth.login(stranger)
    assert client.post(f"/api/invitations/{expired['token']}/accept").status_code == 410
    assert client.post(f"/api/invitations/{revoked['token']}/accept").status_code == 410
    assert client.post(f"/api/invitations/{addressed['token']}/accept").status_code == 403
    auth.logout()
    auth.login(make.user(email="hanako@example.jp"))
    assert client.post(f"/api/invitations/{addressed['token']}/accept").status_code == 201


def test_an_existing_member_cannot_accept_again(client, auth, make):
    lab = make.lab()
    coordinator = make.coordinator(lab)
    member = make.member(lab)
    auth.login(coordinator)
    token = client.post(f"/api/labs/{lab.id}/invitations", json={}).get_json()["token"]
    auth.logout()
    auth.login(member)
    assert client.post(f"/api/invitations/{token}/accept").status_code == 409


def test_only_the_secretariat_invites_coordinators(client, auth, make, secretariat):
    lab = make.lab()
    auth.login(make.coordinator(lab))
    assert (
        client.post(f"/api/labs/{lab.id}/invitations", json={"role": "coordinator"}).status_code
        == 403
    )
    auth.logout()
    auth.login(secretariat)
    assert (
        client.post(f"/api/labs/{lab.id}/invitations", json={"role": "coordinator"}).status_code
        == 201
    )
