import pytest

from tests.browser import harness
from tests.xss.checks import Inspector

# the browser fixtures and the failure hook, as in tests/browser
api_for = harness.api_for
browser = harness.browser
new_context = harness.new_context
page = harness.page
recorder = harness.recorder
pytest_runtest_makereport = harness.pytest_runtest_makereport


@pytest.fixture
def inspector_for(new_context, recorder):
    """``inspector_for(user, label)``: an Inspector in a fresh profile, signed in as ``user``."""

    def make(user=None, label: str = "reader") -> Inspector:
        context = new_context(label)
        if user is not None:
            harness.log_in(context, user)
        return Inspector(context.new_page(), recorder)

    return make
