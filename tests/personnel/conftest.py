# The Chromium fixtures of the browser tests, for the structure-chart test here.
from tests.browser.conftest import browser, page  # noqa: F401
