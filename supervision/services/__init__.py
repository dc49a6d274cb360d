"""Writes of supervision, one module per concern. Each service is one
transaction and names the rule it enforces."""
