# Two commands do all the set-up: `make run` and `make test`.
PORT ?= 8000
# The server, the alerts' worker and the commands read it: SITE_URL, the address in alert mail
# and the export, follows the port the site runs on (also as `make run PORT=8301`).
export PORT
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
# The site needs only its own dependencies; the test tools (pytest, Playwright, the HTML
# checker's Java jar: most of the virtualenv's size) are installed by the first `make test`.
INSTALLED := $(VENV)/.installed
TEST_INSTALLED := $(VENV)/.installed-test

.PHONY: run test install install-test lint lock bench clean messages

$(INSTALLED): pyproject.toml constraints.txt
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 is needed: $(PYTHON) was not found."; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e .
	touch $@

$(TEST_INSTALLED): $(INSTALLED)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e ".[test]"
	touch $@

install: $(INSTALLED)

install-test: $(TEST_INSTALLED)

# The alerts' worker (manage.py db_worker: alert mail, the every-minute pass) runs beside the
# server and lives as long as it: stopping the server (Ctrl-C) stops the worker too.
run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo --superuser
	@echo ""
	@echo "  Site:  http://127.0.0.1:$(PORT)/  (the embassy)"
	@echo "         http://hcmc.localhost:$(PORT)/  (the consulate-general: a second mission)"
	@echo "  Admin: http://127.0.0.1:$(PORT)/admin/  (demo credentials above)"
	@echo "  Alerts: the worker runs beside the server; its mail goes to var/mail/"
	@echo ""
	$(BIN)/python manage.py send_alerts --schedule
	$(BIN)/python manage.py db_worker --interval 2 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: lint
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/pytest

# The translation catalogues (locale/): new strings of the templates and the code are added to
# each .po file, then every .po is compiled to the .mo committed beside it. Needs GNU gettext
# (apt-get install gettext); running and testing the site do not, the .mo files are committed.
messages: install
	$(BIN)/python manage.py makemessages -l zh_Hans -l vi --no-location -e html,txt,py \
		--ignore=.venv --ignore=bench --ignore=tests --ignore=var
	$(BIN)/python manage.py compilemessages --ignore=.venv

# The benchmarks of bench/README.md (not part of `make test`): transcript import on SQLite, then
# search over 100,000 exchanges, which needs PostgreSQL on 127.0.0.1:5432 (user postgres, no
# password) and wrk for its throughput part. It (re)builds its own database, embassy_bench
# (about a minute); `make bench BENCH_ARGS=--reuse` measures the one already built.
bench: install-test
	@command -v pg_isready >/dev/null && pg_isready -q -h 127.0.0.1 -p 5432 || { echo "The search benchmark needs PostgreSQL on 127.0.0.1:5432 (user postgres)."; exit 1; }
	$(BIN)/python bench/import_bench.py
	$(BIN)/python bench/pages_bench.py
	$(BIN)/python bench/search_bench.py $(BENCH_ARGS)

# Regenerate constraints.txt, the pinned versions every machine installs. Run it on purpose,
# review the diff, commit it.
lock:
	rm -rf $(VENV)-lock && $(PYTHON) -m venv $(VENV)-lock
	$(VENV)-lock/bin/pip install --quiet --disable-pip-version-check -e ".[test]"
	$(VENV)-lock/bin/pip freeze --exclude-editable | grep -v '^-e ' > constraints.txt
	rm -rf $(VENV)-lock

clean:
	rm -rf $(VENV) var .pytest_cache test-artifacts
