# recordright — the two commands a new user needs are `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Debian packages: WeasyPrint's Pango, Chromium for browser tests, poppler for PDF pages,
# Tesseract and its English data for the vault's OCR (OCRmyPDF itself comes from PyPI).
# Fonts for letters: Liberation Serif for Latin text, Noto for the names that need more
# (Arabic, Hebrew, Devanagari... in fonts-noto-core; Chinese, Japanese, Korean in
# fonts-noto-cjk; emoji in fonts-noto-color-emoji), so no name prints as empty boxes.
APT_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core \
	fonts-liberation fonts-noto-core fonts-noto-cjk fonts-noto-color-emoji \
	chromium poppler-utils tesseract-ocr tesseract-ocr-eng

.PHONY: install system-packages run test test-fast test-postgres test-browser lint docs demo clean

# The Debian packages are checked on every install (a quick dpkg query when all are there),
# so a machine installed before a package was added gets it too.
install: system-packages $(STAMP)

system-packages:
	@./scripts/install-system-packages $(APT_PACKAGES)

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -e '.[dev]'
	@touch $(STAMP)
	@echo "Installed. Start the app with: make run"

run: install
	$(BIN)/recordright run

test: install
	$(BIN)/python -m pytest -n 2 --dist loadgroup

test-fast: install
	$(BIN)/python -m pytest -n 2 --dist loadgroup -m "not browser and not slow"

# The same suite on PostgreSQL (server on 127.0.0.1:5432, trust auth, as on the dev machines).
test-postgres: install
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test} $(BIN)/python -m pytest -n 2 --dist loadgroup

test-browser: install
	$(BIN)/python -m pytest -m browser

lint: install
	$(BIN)/ruff check .

docs: install
	$(BIN)/python scripts/write-cli-docs

demo: install
	$(BIN)/recordright demo

clean:
	rm -rf $(VENV) build *.egg-info
