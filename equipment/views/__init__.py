"""Equipment pages: inventory, standards, inspections, compliance, dashboard."""
