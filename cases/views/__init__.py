"""Pages of the cases app, one module per area: cases, criminal property and 刑更,
the dossier, funds, search and transfers (routed in ``cases.urls``)."""
