from tests.platform.sweep import city  # noqa: F401  (module-scoped fixture)
