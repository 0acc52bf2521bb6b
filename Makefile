# Convive: `make run` serves the demo site, `make test` runs the whole suite.
# Both install everything they need into .venv first.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install messages migrate demo run test lint format serve bench clean

$(INSTALLED): pyproject.toml
	@if [ ! -x $(BIN)/python ]; then \
		$(PYTHON) -m venv $(VENV) 2>/dev/null || { \
			echo "python3 -m venv failed: installing Debian's python3-venv"; \
			rm -rf $(VENV); \
			if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq python3-venv; \
			else sudo apt-get update -qq && sudo apt-get install -y -qq python3-venv; fi; \
			$(PYTHON) -m venv $(VENV); }; \
	fi
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e ".[test]"
	@missing=""; \
	PATH="$$PATH:/sbin:/usr/sbin" ldconfig -p 2>/dev/null | grep -q libpangoft2-1.0.so.0 \
		|| missing="$$missing libpango-1.0-0 libpangoft2-1.0-0"; \
	fc-list 2>/dev/null | grep -qi "DejaVu Sans" \
		|| [ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] \
		|| missing="$$missing fonts-dejavu-core"; \
	if [ -n "$$missing" ]; then \
		echo "Practice PDFs (WeasyPrint) need pango and a font: installing Debian's$$missing"; \
		if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq $$missing; \
		else sudo apt-get update -qq && sudo apt-get install -y -qq $$missing; fi; \
	fi
	@touch $@

install: $(INSTALLED)

messages: install
	$(BIN)/python manage.py compile_translations

migrate: messages
	@$(BIN)/python manage.py migrate --noinput -v 0

# Links in the demo's emails, sitemap and PDFs use the address the server is started on
# (`make run PORT=8100` or HOST=0.0.0.0), unless SITE_URL says otherwise.
RUN_ENV := SITE_URL="$${SITE_URL:-http://$(HOST):$(PORT)}"

# Seeding logs only warnings (not Wagtail's line per page created and published).
demo: migrate
	@$(RUN_ENV) LOG_LEVEL=WARNING $(BIN)/python manage.py seed_demo

run: demo
	@$(RUN_ENV) $(BIN)/python manage.py demo_accounts
	@echo "Serving the demo on http://$(HOST):$(PORT)/ (Ctrl-C stops it)."
	@$(RUN_ENV) $(BIN)/python manage.py runserver --skip-checks $(HOST):$(PORT)

# The suite runs on every core (pytest-xdist): each worker has its own test database and Redis
# database, and gets whole modules (--dist loadscope), so data built once per module stays on one
# worker. One worker more than there are cores: some tests mostly wait (for the processes they
# start, a browser, a sleep), and on two cores two workers left a third of the CPU idle.
# PYTEST_WORKERS=0 runs everything in this one process; PYTEST_ARGS adds pytest options (a path,
# -k, --reuse-db...).
PYTEST_WORKERS ?= $(shell $(BIN)/python -c "import os; print((os.cpu_count() or 1) + 1)")
test: messages
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS) --dist loadscope $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/python manage.py makemigrations --check --dry-run

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Running at scale: gunicorn + a Celery worker + Celery beat, against DATABASE_URL and REDIS_URL.
# Needs SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL and REDIS_URL in the environment. Ctrl-C (or the
# end of gunicorn) stops the worker and beat too.
PRODUCTION := DJANGO_SETTINGS_MODULE=config.settings.production
serve: messages
	@test -n "$$REDIS_URL" || { echo "make serve needs REDIS_URL (the Celery broker)"; exit 2; }
	$(PRODUCTION) $(BIN)/python manage.py migrate --noinput
	$(PRODUCTION) $(BIN)/python manage.py collectstatic --noinput -v 0
	@$(PRODUCTION) $(BIN)/celery -A config worker -l INFO & worker=$$!; \
	$(PRODUCTION) $(BIN)/celery -A config beat -l INFO & beat=$$!; \
	trap 'kill $$worker $$beat 2>/dev/null; wait $$worker $$beat 2>/dev/null' EXIT INT TERM; \
	$(PRODUCTION) $(BIN)/gunicorn config.wsgi --bind $(HOST):$(PORT) \
		--workers $${WEB_CONCURRENCY:-3} --access-logfile -

bench: messages
	$(BIN)/python benchmarks/run.py $(BENCH_ARGS)
	$(BIN)/python benchmarks/forum_fanout.py
	$(BIN)/python benchmarks/ediscussion_announce.py
	$(BIN)/python benchmarks/ediscussion_dashboard.py
	$(BIN)/python benchmarks/ediscussion_summary.py

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
