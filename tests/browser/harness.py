"""Chromium for the browser journeys and the XSS corpus: fixtures and the failure artefacts.

Debian's Chromium at /usr/bin/chromium, driven by Playwright; no browser is ever downloaded
(never run ``playwright install``). Missing Chromium fails in CI (env CI set) and skips
elsewhere. A failing test keeps a screenshot of each page it opened and the pages' console
log under ``test-artifacts/<test>/`` and names the folder in its report.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from tests.conftest import IN_CI, Auth

try:
    from playwright.sync_api import expect
except ImportError:  # the `browser` fixture skips, or fails in CI, before a test needs it
    expect = None
from tests.factories import PASSWORD

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = Path(os.environ.get("BROWSER_ARTIFACTS", Path(__file__).parents[2] / "test-artifacts"))
PHONE = {"width": 375, "height": 812}
TIMEOUT_MS = 10_000


def _unavailable(reason: str):
    if IN_CI:
        pytest.fail(f"{reason}; in CI the browser tests may not be skipped")
    pytest.skip(reason)


class Recorder:
    """Every page a test opens, with its console messages, page errors and dialogs."""

    def __init__(self) -> None:
        self.pages: list = []
        self.log: list[str] = []
        self.dialogs: list[str] = []
        self.answers: list[bool] = []  # how to answer the next dialogs; dismissed otherwise

    def watch(self, page, label: str) -> None:
        self.pages.append((label, page))
        page.on("console", lambda m: self.log.append(f"[{label}] {m.type}: {m.text}"))
        page.on("pageerror", lambda e: self.log.append(f"[{label}] pageerror: {e}"))
        page.on("dialog", lambda dialog: self._answer(label, dialog))

    def _answer(self, label: str, dialog) -> None:
        self.dialogs.append(f"[{label}] {dialog.type}: {dialog.message}")
        if self.answers and self.answers.pop(0):
            dialog.accept()
        else:
            dialog.dismiss()

    def accept_next_dialog(self) -> None:
        self.answers.append(True)

    def save(self, nodeid: str) -> Path:
        folder = ARTIFACTS / re.sub(r"[^\w.-]+", "_", nodeid).strip("_")[:150]
        folder.mkdir(parents=True, exist_ok=True)
        for n, (label, page) in enumerate(self.pages):
            try:
                if not page.is_closed():
                    page.screenshot(path=folder / f"{n}-{label}.png", full_page=True)
                    (folder / f"{n}-{label}.url").write_text(page.url + "\n")
            except Exception as error:  # a crashed page still leaves its log
                self.log.append(f"[{label}] screenshot failed: {error}")
        lines = [*self.log, *(f"dialog {d}" for d in self.dialogs)]
        (folder / "console.log").write_text("\n".join(lines) + "\n", encoding="utf-8")
        return folder


_shared: dict = {}


@pytest.fixture(scope="session")
def browser(request):
    """One headless Chromium for the whole run, whichever folders ask for it (one Playwright
    per process: tests/browser and tests/xss share it)."""
    if "browser" not in _shared:
        if not Path(CHROMIUM).exists():
            _unavailable(f"Chromium not found at {CHROMIUM} (apt-get install chromium)")
        try:
            from playwright.sync_api import sync_playwright
        except ImportError:
            _unavailable("playwright is not installed (pip install -e '.[dev]')")
        playwright = sync_playwright().start()
        _shared["browser"] = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=["--disable-dev-shm-usage"]
        )

        def stop() -> None:
            _shared.pop("browser").close()
            playwright.stop()

        request.config.add_cleanup(stop)
    return _shared["browser"]


@pytest.fixture
def recorder(request):
    recorded = Recorder()
    request.node._browser_recorder = recorded
    return recorded


@pytest.fixture
def new_context(request, browser, live_server, recorder):
    """``new_context(label, phone=False)``: a fresh browser profile on the live server."""
    expect.set_options(timeout=TIMEOUT_MS)
    contexts = []

    def make(label: str = "page", *, phone: bool = False, **options):
        if phone:
            options.update(viewport=PHONE, is_mobile=True, has_touch=True)
        context = browser.new_context(base_url=live_server, locale="ja-JP", **options)
        context.set_default_timeout(TIMEOUT_MS)
        context.on("page", lambda page: recorder.watch(page, label))
        contexts.append(context)
        return context

    yield make
    errors = [line for line in recorder.log if "pageerror:" in line]
    folder = recorder.save(request.node.nodeid) if errors else None
    for context in contexts:
        context.close()
    if errors:  # our own scripts may not throw on any page a test opened
        pytest.fail(f"JavaScript errors: {errors}; screenshots and console log in {folder}")


@pytest.fixture
def page(new_context):
    return new_context("page").new_page()


def log_in(context, user, password: str = PASSWORD) -> None:
    """Sign a browser profile in through the JSON API (the form has a journey of its own)."""
    token = context.request.get("/api/auth/csrf").json()["csrf_token"]
    response = context.request.post(
        "/api/auth/login",
        data={"email": user.email, "password": password},
        headers={"X-CSRFToken": token},
    )
    assert response.ok, response.text()


@pytest.fixture
def api_for(app, db):
    """A logged-in in-process client per person, to set the scene fast."""
    clients = {}

    def get(user):
        if user.id not in clients:
            client = app.test_client()
            Auth(client).login(user)
            clients[user.id] = client
        return clients[user.id]

    return get


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    recorded = getattr(item, "_browser_recorder", None)
    if recorded is None or report.when != "call" or not report.failed:
        return
    folder = recorded.save(item.nodeid)
    report.sections.append(("browser artefacts", f"screenshots and console log kept in {folder}"))
    print(f"\nbrowser artefacts for {item.nodeid}: {folder}")
