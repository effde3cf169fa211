from tests.browser import harness

# fixtures and the failure hook, shared with tests/xss
api_for = harness.api_for
browser = harness.browser
new_context = harness.new_context
page = harness.page
recorder = harness.recorder
pytest_runtest_makereport = harness.pytest_runtest_makereport
