"""Writes of assessment, one module per concern. Each service is one transaction
and names the rule it enforces."""
