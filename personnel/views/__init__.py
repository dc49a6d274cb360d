"""Pages of the people section, one module per concern (officers, rotation,
appointments, talent, duty_reports); ``personnel/urls.py`` maps them."""
