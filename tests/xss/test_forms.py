"""The corpus typed into the pages' own forms: echoed back by a form with an error, then saved."""

from __future__ import annotations

import pytest

from community.accounts.models import Role
from tests.xss.checks import TEXTS

FILL = """([form, texts, wrong]) => {
  const URL = 'https://example.jp/?q="><script>alert(1)</script>';
  const WHEN = "2030-05-01T10:00";
  const OPENS = "2030-04-01T10:00";
  const target = document.querySelector(form);
  target.noValidate = true;
  let i = 0;
  const fields = target.querySelectorAll(
    'input:not([type]), input[type=text], input[type=search], textarea');
  for (const field of fields) {
    if (["slug", "related_case_ids"].includes(field.name)) continue;  // identifiers
    const text = texts[i++ % texts.length];
    field.value = field.maxLength > 0 ? text.slice(0, field.maxLength) : text;
  }
  // the other fields valid, so that the second submit saves
  for (const url of target.querySelectorAll("input[type=url]")) url.value = URL;
  for (const n of target.querySelectorAll("input[type=number]")) n.value = n.min || "1";
  for (const d of target.querySelectorAll("input[type=date]")) d.value = "2024-04-01";
  for (const d of target.querySelectorAll("input[type=datetime-local]")) {
    d.value = d.name === "registration_opens_at" ? OPENS : WHEN;
  }
  for (const s of target.querySelectorAll("select")) {
    if (s.name === "prefecture") s.value = "04";
    else if (!s.value && s.options.length > 1) s.value = s.options[1].value;
  }
  const field = target.querySelector("input[type=checkbox][name=fields]");
  if (field) field.checked = true;
  if (wrong) target.querySelector(wrong[0]).value = wrong[1];
  return fields.length;
}"""

FORMS = [
    # (who, page, the form, a field made wrong so that the form comes back with the text)
    ("coordinator", "/cases/new", "form.case-form", ("#title", "")),
    ("coordinator", "/events/new", "form.event-form", ("#title", "")),
    ("member", "/forum/new", "main form.card", ("#title", "")),
    ("expert", "/experts/new", "form.expert-form", ("#headline", "")),
    ("coordinator", "/labs/{lab}/edit", "main form.card", ("#slug", "Not A Slug", "{lab}")),
]


@pytest.mark.parametrize(("who", "path", "form", "wrong"), FORMS, ids=[f[1] for f in FORMS])
def test_a_form_echoes_and_saves_the_corpus_safely(inspector_for, make, who, path, form, wrong):
    lab = make.lab()
    people = {
        "coordinator": make.coordinator(lab),
        "member": make.member(lab),
        "expert": make.user(role=Role.EXPERT),
    }
    inspector = inspector_for(people[who], who)
    page = inspector.visit(path.format(lab=lab.slug))
    rotation = TEXTS[len(path) % 7 :] + TEXTS[: len(path) % 7]  # a different start per form
    filled = page.evaluate(FILL, [form, rotation, list(wrong[:2])])
    assert filled >= 2
    with page.expect_navigation():
        page.locator(f"{form} button[type=submit]").last.click()
    assert page.locator(".field-errors").count() >= 1
    inspector.inspect(f"{path} echoed")

    right = [wrong[0], wrong[2].format(lab=lab.slug)] if len(wrong) > 2 else None
    page.evaluate(FILL, [form, rotation, right])
    with page.expect_navigation():
        page.locator(f"{form} button[type=submit]").last.click()
    inspector.inspect(f"{path} saved: {page.url}")
    errors = page.locator(".field-errors").all_text_contents()
    assert errors == [], errors
    assert not page.url.endswith(("/new", "/edit")), page.url
    inspector.assert_clean()
