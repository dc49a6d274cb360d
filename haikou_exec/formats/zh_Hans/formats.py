"""Chinese number format as the courts write amounts: 1,366,180,350.00 (issue 16).

Django's zh_Hans locale has no thousands separator (and groups by four), so
``intcomma`` and ``number_format(force_grouping=True)`` printed 1366180350. Only
these two names are overridden; every other format falls back to Django's
zh_Hans module. Form inputs are not grouped (USE_THOUSAND_SEPARATOR stays off).
"""

THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
