"""The event list costs the same number of statements for 2 events or 12."""

from __future__ import annotations

from tests.core.test_query_counts import count_statements
from tests.events.conftest import create_event, publish


def statements(app, caller, url):
    with count_statements(app) as counted:
        response = caller.get(url)
    assert response.status_code == 200, response.get_json()
    return len(counted)


def test_event_list_costs_the_same_for_2_or_12_events(app, client, make, client_for):
    lab, cohost = make.lab(prefectures=("04",)), make.lab(prefectures=("40", "41"))
    lead = client_for(make.coordinator(lab))
    reader = client_for(make.member(lab))

    def add(n):
        for _ in range(n):
            event = create_event(lead, lab, hosts=[{"lab_id": cohost.id, "seat_quota": 1}])
            publish(lead, event)
            reader.post(f"/api/events/{event['id']}/registration", json={})

    add(2)
    urls = ("/api/events", "/api/events?upcoming=true&region=tohoku&has_seats=true")
    for url in urls:  # warm the reference-data cache
        client.get(url)
    few = {(who, url): statements(app, c, url) for who, c in (("anon", client), ("member", reader))
           for url in urls}  # fmt: skip
    add(10)
    many = {(who, url): statements(app, c, url) for who, c in (("anon", client), ("member", reader))
            for url in urls}  # fmt: skip
    assert few == many
    # the count, the events, their hosts, their challenges; for a signed-in reader also the
    # user and their memberships (the login) and their registrations
    assert {who: n for (who, _url), n in few.items()} == {"anon": 4, "member": 7}
