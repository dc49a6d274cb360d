"""Hook lists through which the apps above cases add to its pages without cases
importing them (docs/ARCHITECTURE.md, the import contract); each app fills them in
its ``AppConfig.ready()``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

# hook(user, case) -> dict merged into the case page's context. The case carries
# ``may_change`` (annotated by the page). E.g. the command centre's ``can_query``
# (the 网络查控 button, whose page is ``from_case:property_query``).
CASE_PAGE_CONTEXT: list[Callable[[Any, Any], dict]] = []
