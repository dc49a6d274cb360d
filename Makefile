# The two commands: `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEVSTACK := $(BIN)/python scripts/devstack.py

.PHONY: schema-snapshot run test test-fast lint install messages bench clean-data fuzz load backup restore

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet -e '.[embedded,dev]'
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(DEVSTACK) run

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# The whole suite, in parallel: one PostgreSQL database (cloned from a migrated
# template, tests/dbtemplate.py) and one Redis database per worker. The slowest tests
# and the wall time are printed at the end.
PYTEST_WORKERS ?= 2
# --ds: the test settings even where DJANGO_SETTINGS_MODULE is set (devstack sets it).
PYTEST := $(BIN)/python -m pytest --ds=tests.settings -n $(PYTEST_WORKERS) --dist loadgroup
test: $(STAMP) lint
	@start=$$(date +%s); \
	$(DEVSTACK) exec sh -c '$(BIN)/python manage.py makemigrations --check --dry-run && $(PYTEST) --durations=10 $(PYTEST_ARGS)'; \
	status=$$?; echo "make test: $$(( $$(date +%s) - start )) s (exit $$status)"; exit $$status

# The inner loop: no browser, no real Celery worker, no fault injection (about 2 min).
# CI always runs the whole suite (`make test`).
test-fast: $(STAMP)
	$(DEVSTACK) exec $(PYTEST) -m "not browser and not celery_worker and not faults" $(PYTEST_ARGS)

messages: $(STAMP)
	$(BIN)/python manage.py makemessages -l zh_Hans -l en --ignore '.venv/*' --ignore 'static/*'
	$(BIN)/python manage.py compilemessages --ignore '.venv/*'

# `make bench` (design scale, ≤ 10 min seeding) or `make bench SCALE=small|medium`:
# seeds its own database, measures DESIGN.md "Performance targets", writes bench/results/.
SCALE ?= design
bench: $(STAMP)
	$(DEVSTACK) exec nice $(BIN)/python bench/run.py --scale $(SCALE) $(BENCH_ARGS)

# After adding or changing a migration: migrate a scratch database from empty and
# write haikou_exec/schema/snapshot.sql, which `make run`, the test template and
# the bench start an empty database from (haikou_exec/schema_snapshot.py).
schema-snapshot: $(STAMP)
	$(DEVSTACK) exec $(BIN)/python manage.py schema_snapshot

clean-data:
	rm -rf .data

fuzz: $(STAMP)
	$(DEVSTACK) exec env FUZZ_EXAMPLES=$${FUZZ_EXAMPLES:-60} FUZZ_CHECKS=$${FUZZ_CHECKS:-conformance} $(BIN)/python -m pytest --ds=tests.settings -q tests/reliability/test_api_fuzz.py

# `make load [SCALE=small|medium|design] [USERS=20] [DURATION=120]`: a working day's
# mix (loadtest/locustfile.py) against gunicorn and a Celery worker on the bench
# database of that scale (seeded once, reused); checks zero errors and that the
# database holds exactly the acknowledged writes; writes loadtest/results/<timestamp>.json.
# SCALE defaults to small here (the bench's default, design, only when given).
# LOAD_ARGS="--worker-class sync --workers 3" tries another gunicorn worker model.
LOAD_SCALE = $(if $(filter command line environment,$(origin SCALE)),$(SCALE),small)
USERS ?= 20
DURATION ?= 120
load: $(STAMP)
	$(DEVSTACK) exec $(BIN)/python scripts/loadtest.py --scale $(LOAD_SCALE) --users $(USERS) --duration $(DURATION) $(LOAD_ARGS)

# Backup: pg_dump of the database + the stored files (scripts/backup.py).
backup: $(STAMP)
	$(DEVSTACK) exec $(BIN)/python scripts/backup.py create $(if $(OUT),--out $(OUT))

# Restore into an empty database and media folder:
#   make restore BACKUP=backups/haikou-… TARGET_DATABASE_URL=postgres://… TARGET_MEDIA_ROOT=/srv/media
restore: $(STAMP)
	$(BIN)/python scripts/backup.py restore $(BACKUP) --database-url $(TARGET_DATABASE_URL) --media-root $(TARGET_MEDIA_ROOT)
