"""Channel lists cost a fixed number of SQL statements, whatever their length."""

from __future__ import annotations

from community.channels import services
from tests.channels.conftest import field_channel
from tests.core.test_query_counts import statements_for


def fill(people, rooms: int, messages: int) -> None:
    for n in range(rooms):
        room = services.do_create_room(people["member"], lab_id=people["lab"].id, name=f"部屋{n}")
        services.do_invite(people["coordinator"], room, user_id=people["expert"].id)
        for m in range(messages):
            services.do_send(people["member"], room, body=f"{n}-{m}")
    for code in ("ai", "iot", "funding"):
        for m in range(messages):
            author = people["member"] if m % 2 else people["outsider"]
            services.do_send(author, field_channel(code), body=f"{code}{m}", is_question=True)
            services.do_send(people["expert2"], field_channel(code), body=f"答え{m}")


def test_lists_cost_the_same_for_few_or_many(app, client_for, people):
    expert = client_for(people["expert"])
    ai = field_channel().id
    urls = (
        "/api/channels",
        "/channels",
        f"/api/channels/{ai}/messages",
        f"/channels/{ai}",
        "/api/channels/questions",
        "/channels/questions",
    )
    fill(people, rooms=1, messages=2)
    for url in urls:
        expert.get(url)
    few = {url: statements_for(app, expert, url) for url in urls}
    fill(people, rooms=4, messages=6)
    many = {url: statements_for(app, expert, url) for url in urls}
    assert few == many
