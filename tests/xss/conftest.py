from tests.browser.harness import (  # noqa: F401  (fixtures and the failure hook)
    api_for,
    browser,
    new_context,
    page,
    pytest_runtest_makereport,
    recorder,
)
