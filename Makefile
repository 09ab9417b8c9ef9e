# StretchSite: `make run` for the site with demo content, `make test` for the suite,
# `make serve` for a production-like local run, `make loadtest` and `make bench` to measure.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
WORKERS ?= 2
STAMP := $(VENV)/.installed

# LOCAL ONLY: `make serve` runs with DJANGO_DEBUG=0 like production, but on plain http on
# 127.0.0.1, so it supplies a throwaway secret and turns off the https-only settings.
# Never copy these into a real deployment (see docs/deploy.md for the real settings).
# Its own database file (no demo logins in it) unless DATABASE_URL is set.
SERVE_DATABASE_URL := $(or $(DATABASE_URL),sqlite:///$(CURDIR)/serve.sqlite3)
SERVE_ENV := DJANGO_DEBUG=0 DATABASE_URL=$(SERVE_DATABASE_URL) \
	DJANGO_SECRET_KEY=local-only-make-serve-key-not-secret-never-use-in-production \
	DJANGO_ALLOWED_HOSTS=127.0.0.1,localhost \
	DJANGO_SECURE_SSL_REDIRECT=0 DJANGO_SECURE_COOKIES=0 DJANGO_SECURE_HSTS_SECONDS=0 \
	DJANGO_SERVE_MEDIA=1

.PHONY: run serve test venv migrate demo lint format check loadtest bench clean

$(STAMP): requirements.txt requirements-dev.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	@touch $(STAMP)

venv: $(STAMP)

migrate: $(STAMP)
	$(BIN)/python manage.py migrate --noinput

demo: migrate
	$(BIN)/python manage.py load_demo_content --with-demo-users

run: demo
	@echo ""
	@echo "  StretchSite is starting at http://127.0.0.1:$(PORT)/"
	@echo "  Editor admin:  http://127.0.0.1:$(PORT)/admin/  (logins printed above)"
	@echo ""
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

serve: $(STAMP)
	$(SERVE_ENV) $(BIN)/python manage.py migrate --noinput
	$(SERVE_ENV) $(BIN)/python manage.py load_demo_content
	$(SERVE_ENV) $(BIN)/python manage.py collectstatic --noinput --verbosity 0
	@echo ""
	@echo "  StretchSite (production-like: DEBUG off, gunicorn, $(WORKERS) workers) at http://127.0.0.1:$(PORT)/"
	@echo "  No demo logins here; create one with: $(BIN)/python manage.py createsuperuser"
	@echo ""
	$(SERVE_ENV) $(BIN)/gunicorn stretchsite.wsgi --workers $(WORKERS) --bind 127.0.0.1:$(PORT) \
		--access-logfile - --log-level info

test: $(STAMP)
	$(BIN)/python -m pytest -n 2

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

check: $(STAMP)
	$(BIN)/python manage.py check
	$(BIN)/python manage.py makemigrations --check --dry-run

# Each starts its own production-like server on a free loopback port and stops it afterwards.
loadtest: $(STAMP)
	$(BIN)/python bench/loadtest.py

bench: $(STAMP)
	$(BIN)/python bench/bench.py

clean:
	rm -rf $(VENV) staticfiles .pytest_cache
