"""Pages of the cases app, one module per area: cases (list, detail, filing),
parties, assignment, nodes and the clock, measures, closing, commissioned
execution, criminal property and 刑更, the dossier, funds, search and transfers
(routed in ``cases.urls``)."""
