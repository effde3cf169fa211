"""Who fits: fields first, then the place (prefecture > its region > same region > online),
then the answers given in those fields."""

from __future__ import annotations

import sqlalchemy as sa

from community.experts.models import ExpertProfile
from community.experts.reference import FIELDS
from community.experts.services import (
    case_fields,
    do_record_answer,
    recommend_experts,
    technology_fields,
)
from tests.experts.conftest import make_expert


def ranked(**kwargs) -> list[int]:
    return [profile.id for profile, _score, _reasons in recommend_experts(**kwargs)]


def test_the_place_ranks_prefecture_then_region_then_neighbour_then_online(make):
    common = {"fields": ["ai"], "honorarium_eligible": False}
    elsewhere_in_person = make_expert(
        make, prefectures=["40"], online=False, in_person=True, **common
    )
    online = make_expert(make, prefectures=["13"], online=True, in_person=False, **common)
    neighbour = make_expert(make, prefectures=["05"], online=False, in_person=True, **common)
    region = make_expert(make, prefectures=[], regions=["tohoku"], in_person=True, **common)
    exact = make_expert(make, prefectures=["04"], online=False, in_person=True, **common)
    order = ranked(fields={"ai"}, prefecture_codes={"04"}, limit=10)
    assert order == [exact.id, region.id, neighbour.id, online.id, elsewhere_in_person.id]


def test_fields_matter_more_than_the_place_and_answers_break_ties(make):
    both_far = make_expert(make, fields=["ai", "talent"], prefectures=["40"], online=True)
    one_near = make_expert(make, fields=["ai"], prefectures=["04"])
    one_near_answering = make_expert(make, fields=["ai"], prefectures=["04"])
    unrelated = make_expert(make, fields=["ec"], prefectures=["04"])
    assert ranked(fields={"ai", "talent"}, prefecture_codes={"04"}) == [
        both_far.id, one_near.id, one_near_answering.id,
    ]  # fmt: skip
    for _ in range(3):
        do_record_answer(one_near_answering.user_id, ["ai"])
    do_record_answer(one_near.user_id, ["ec"])  # answers in another field do not count
    order = ranked(fields={"ai", "talent"}, prefecture_codes={"04"})
    assert order == [both_far.id, one_near_answering.id, one_near.id]
    assert unrelated.id not in order
    # answers come after the place: however many, they only order experts of equal place
    for _ in range(60):
        do_record_answer(both_far.user_id, ["ai"])
    order = ranked(fields={"ai"}, prefecture_codes={"04"})
    assert order == [one_near_answering.id, one_near.id, both_far.id]
    found = recommend_experts(fields={"ai"}, prefecture_codes={"04"})
    _profile, _score, reasons = found[2]
    assert reasons == [
        "分野が一致: AI活用", "オンラインで対応", "この分野での回答60件", "講師謝金支援の対象",
    ]  # fmt: skip
    assert [s for _p, s, _r in found] == [
        30 + 8 + 3 * 0.05 + 0.5,
        30 + 8 + 0.5,
        30 + 2 + 18 * 0.05 + 0.5,
    ]


def test_fields_then_place_then_the_rest(make):
    """The order is lexicographic whatever the answers, 講師謝金支援 or availability."""
    busy_local = make_expert(
        make, fields=["ai"], prefectures=["04"], availability="limited",
        honorarium_eligible=False,
    )  # fmt: skip
    keen_online = make_expert(make, fields=["ai"], prefectures=["13"], honorarium_eligible=True)
    for _ in range(100):
        do_record_answer(keen_online.user_id, ["ai"])
    two_fields_far = make_expert(
        make, fields=["ai", "data", "talent"], prefectures=["47"], online=False,
        honorarium_eligible=False,
    )  # fmt: skip
    wanted = {"ai", "data", "talent", "ec"}
    order = ranked(fields=wanted, prefecture_codes={"04"})
    assert order == [two_fields_far.id, busy_local.id, keen_online.id]


def test_who_is_left_out_and_who_loses_a_little(make, db):
    accepting = make_expert(make, fields=["iot"], honorarium_eligible=False)
    limited = make_expert(make, fields=["iot"], availability="limited", honorarium_eligible=False)
    make_expert(make, fields=["iot"], availability="not_accepting")
    make_expert(make, fields=["iot"], listed=False)
    paid = make_expert(make, fields=["iot"], honorarium_eligible=True)
    assert ranked(fields={"iot"}, prefecture_codes={"04"}) == [paid.id, accepting.id, limited.id]
    assert ranked(fields={"iot"}, prefecture_codes={"04"}, limit=2) == [paid.id, accepting.id]


def test_no_fields_means_any_field_and_unknown_codes_are_ignored(make):
    a = make_expert(make, fields=["ec"], prefectures=["13"])
    b = make_expert(make, fields=["ai"], prefectures=["04"])
    assert ranked(fields=set(), prefecture_codes={"04"}) == [b.id, a.id]
    assert ranked(fields={"nonsense"}, prefecture_codes={"99"}) == ranked(
        fields=set(), prefecture_codes=set()
    )


def test_the_api_and_the_statement_count(client, make, app):
    from tests.core.test_query_counts import count_statements

    first = make_expert(make, fields=["ai"], prefectures=["04"])
    second = make_expert(make, fields=["talent"], prefectures=["13"])
    url = "/api/experts/recommendations?fields=ai,talent&prefectures=04"
    client.get(url)  # warm the reference-data cache
    with count_statements(app) as few:
        body = client.get(url).get_json()
    assert [item["expert"]["id"] for item in body["items"]] == [first.id, second.id]
    assert body["fields"] == ["talent", "ai"]
    assert body["prefectures"] == ["04"]
    assert body["items"][0]["reasons"][:2] == ["分野が一致: AI活用", "宮城県を担当"]
    repeated = client.get(
        "/api/experts/recommendations?fields=ai&fields=talent&prefectures=04"
    ).get_json()
    assert repeated == body
    for _ in range(8):
        make_expert(make, fields=["ai", "data"], prefectures=["04", "05"], regions=["kanto"])
    with count_statements(app) as many:
        assert len(client.get(url).get_json()["items"]) == 5
    assert len(few) == len(many) == 5


def test_technology_words_hint_at_fields():
    assert technology_fields("生成AIとRAGのチャットボット") == {"ai"}
    assert technology_fields("ＩｏＴセンサーで遠隔監視") == {"iot"}
    assert technology_fields("kintoneでクラウド化") == {"cloud"}
    assert technology_fields("EC-CUBEでネットショップ") == {"ec"}
    assert technology_fields("security and electronics") == set()  # no "ec" inside words
    assert technology_fields("") == set()


def _case(make, **fields):
    from community.cases.services import do_create_case

    lab = make.lab(prefectures=("17",))
    coordinator = make.coordinator(lab)
    body = {"title": "事例", "status": "published", **fields}
    return do_create_case(coordinator, lab_id=lab.id, **body)


def test_a_cases_fields_and_place(client, make):
    case = _case(
        make,
        title="組子細工のデザインを生成AIで",
        challenges=["talent", "funding"],
        technologies=["LLM"],
        tags=["IoT"],
        industry="E",
        prefecture="40",
    )
    assert case_fields(case) == {"talent", "funding", "ai", "iot", "manufacturing"}
    fukuoka = make_expert(make, fields=["ai", "manufacturing"], prefectures=["40"])
    ishikawa = make_expert(make, fields=["ai", "manufacturing"], prefectures=["17"])
    body = client.get(f"/api/experts/for-case/{case.id}").get_json()
    assert body["prefectures"] == ["40"]
    assert [item["expert"]["id"] for item in body["items"]] == [fukuoka.id, ishikawa.id]
    # without a prefecture, the case's lab's prefectures
    plain = _case(make, title="相談窓口の周知", challenges=["awareness"])
    assert case_fields(plain) == {"awareness"}
    body = client.get(f"/api/experts/for-case/{plain.id}").get_json()
    assert body["prefectures"] == ["17"]
    assert body["items"] == []  # nobody covers 理解不足


def test_a_labs_experts(client, make):
    lab = make.lab(prefectures=("04", "07"))
    near = make_expert(make, fields=["ai"], prefectures=["07"])
    far = make_expert(make, fields=["ai", "ec", "data"], prefectures=["40"], online=False)
    body = client.get(f"/api/experts/for-lab/{lab.id}").get_json()
    assert len(body["fields"]) == 13
    assert body["prefectures"] == ["04", "07"]
    assert [item["expert"]["id"] for item in body["items"]] == [near.id, far.id]


def test_the_database_ranks_as_the_explanations_count(make, db):
    """The SQL ranking and the Python points agree for every candidate, on both databases."""
    import itertools

    from community.experts import services

    shapes = itertools.cycle(
        [
            {"fields": ["ai", "data"], "prefectures": ["04"], "regions": []},
            {"fields": ["ai"], "prefectures": [], "regions": ["tohoku"], "online": False},
            {"fields": ["data", "talent", "ec"], "prefectures": ["05"], "regions": []},
            {"fields": ["ec"], "prefectures": ["13"], "regions": [], "in_person": False},
            {"fields": ["talent", "ai", "data"], "prefectures": ["40"], "regions": ["kanto"]},
        ]
    )
    for i in range(15):
        shape = next(shapes)
        profile = make_expert(
            make,
            honorarium_eligible=i % 3 == 0,
            availability="limited" if i % 4 == 0 else "accepting",
            **shape,
        )
        for _ in range(i * 2 % 7):
            do_record_answer(profile.user_id, shape["fields"][: 1 + i % 2])
    queries = [
        ({"ai"}, {"04"}),
        ({"ai", "data", "talent", "ec"}, {"04", "13"}),
        ({"data", "talent"}, {"07"}),
        (set(), {"40"}),
        (set(), set()),
        ({"ec"}, set()),
    ]
    names = services._place_names()
    for fields, places in queries:
        found = recommend_experts(fields=fields, prefecture_codes=places, limit=20)
        wanted = [code for code in FIELDS if code in fields]
        candidates = [
            p
            for p in db.session.scalars(sa.select(ExpertProfile))
            if not wanted or set(wanted) & set(p.field_codes)
        ]
        expected = []
        for profile in candidates:
            points, _reasons = services._explain(profile, wanted, sorted(places), names)
            counted = sum(
                profile.answers.get(c, 0)
                for c in ([c for c in wanted if c in profile.field_codes] or profile.field_codes)
            )
            expected.append((-points, -counted, profile.id))
        expected.sort()
        assert [p.id for p, _s, _r in found] == [row[2] for row in expected], (fields, places)
        assert [s for _p, s, _r in found] == [-row[0] / 100 for row in expected]
