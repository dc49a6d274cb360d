"""The demo data set: ``manage.py seed_demo`` calls each app's ``demo.py``."""
