"""The directory, its page and the pages that show experts cost the same for 2 experts or 12."""

from __future__ import annotations

from community.accounts.models import Role
from community.experts.services import do_record_answer
from tests.core.test_query_counts import count_statements
from tests.experts.conftest import make_expert


def statements(app, caller, url) -> int:
    with count_statements(app) as counted:
        response = caller.get(url)
    assert response.status_code == 200, response.data[:300]
    return len(counted)


def add(make, n):
    for i in range(n):
        profile = make_expert(
            make,
            fields=["ai", "data", "talent"][: 1 + i % 3],
            prefectures=["04", "05"][: 1 + i % 2],
            regions=["tohoku"] if i % 2 else [],
        )
        do_record_answer(profile.user_id, ["ai", "data"])


def test_directory_costs_the_same_for_2_or_12_experts(app, client, make, client_for):
    from community.cases.services import do_create_case

    lab = make.lab(prefectures=("04",))
    coordinator = make.coordinator(lab)
    case = do_create_case(
        coordinator, lab_id=lab.id, title="生成AIの事例", status="published",
        challenges=["talent"], prefecture="04",
    )  # fmt: skip
    reader = client_for(make.user(role=Role.EXPERT))
    add(make, 2)
    urls = (
        "/api/experts",
        "/api/experts?field=ai&region=tohoku&mode=online&honorarium=true&q=診断士",
        "/api/experts?sort=answers&prefecture=05",
        "/api/experts?sort=name",
        "/experts",
        "/experts?field=data&sort=recent",
        "/api/experts/recommendations?fields=ai&prefectures=04",
        f"/api/experts/for-case/{case.id}",
        f"/api/experts/for-lab/{lab.id}",
    )
    for url in urls:  # warm the reference-data cache
        client.get(url)
    few = {(who, url): statements(app, c, url) for who, c in (("anon", client), ("expert", reader))
           for url in urls}  # fmt: skip
    add(make, 10)
    many = {(who, url): statements(app, c, url) for who, c in (("anon", client), ("expert", reader))
            for url in urls}  # fmt: skip
    assert few == many
    # the count, the profiles with their users, their fields, regions, prefectures, tallies;
    # a signed-in reader adds the user and their memberships (the login)
    assert few[("anon", "/api/experts")] == 6
    assert few[("expert", "/api/experts")] == 8
    assert few[("anon", "/experts")] == 7  # and the field counts


def test_case_and_lab_pages_cost_the_same_with_more_experts(app, client, make):
    from community.cases.services import do_create_case

    lab = make.lab(prefectures=("04",), slug="miyagi")
    coordinator = make.coordinator(lab)
    case = do_create_case(
        coordinator, lab_id=lab.id, title="生成AIの事例", status="published",
        challenges=["talent"], prefecture="04",
    )  # fmt: skip
    add(make, 2)
    urls = (f"/cases/{case.id}", "/labs/miyagi")
    for url in urls:
        client.get(url)
    few = {url: statements(app, client, url) for url in urls}
    add(make, 10)
    assert few == {url: statements(app, client, url) for url in urls}
