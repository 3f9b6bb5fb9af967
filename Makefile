# Two commands for a fresh clone: `make serve` and `make test`.
# Both create .venv from requirements.txt when it is missing or older than it.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-from-requirements
NODE_STAMP := node_modules/.installed-from-package-lock
CHROMIUM ?= /usr/bin/chromium
# The generator: ProperDocs, the maintained continuation of MkDocs 1.x (README,
# Maintenance). GENERATOR=mkdocs builds with MkDocs 1.6.1, the second generator
# (tests/test_addresses.py proves both build the same site).
GENERATOR ?= properdocs
DEV_ADDR  ?= 127.0.0.1:8000
FIREFOX  ?= /usr/bin/firefox-esr

# Reproducible builds: the build date (sitemap <lastmod>, sitemap.xml.gz) is the
# time of the last commit; outside git (a source archive), the newest mtime of a
# source file in docs/ or overrides/ (git archive sets them to the commit time).
SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || $(PYTHON) -c \
  'import os; print(max(int(os.stat(os.path.join(d, f)).st_mtime) for t in ("docs", "overrides") for d, _, fs in os.walk(t) if "__pycache__" not in d for f in fs))')

export SOURCE_DATE_EPOCH CHROMIUM FIREFOX
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: serve build test test-fast check addresses bench icu-packages build-packages pdf-packages system-packages audit requirements clean

comma := ,

# Live reload; an edit of the build's Python (pax_silica/, overrides/hooks/) restarts the server.
serve: $(STAMP) build-packages
	$(BIN)/python scripts/serve.py --generator $(GENERATOR) --dev-addr $(DEV_ADDR)

build: $(STAMP) build-packages
	$(BIN)/python -m $(GENERATOR) build --strict -f mkdocs.yml --site-dir site

check: $(STAMP)
	$(BIN)/python scripts/check_parity.py docs

# Record the addresses the site publishes now in docs/addresses.txt (never removes one).
addresses: $(STAMP)
	$(BIN)/python scripts/addresses.py

bench: $(STAMP) $(NODE_STAMP) system-packages
	$(BIN)/python scripts/bench_parity.py
	$(BIN)/python scripts/bench_site.py

# tests/test_audit.py runs the same audit as `make audit`, so `make test` needs its tools.
# The tests run in one process per core (pytest-xdist, at most 4), each test file in one of them:
# the audit, mostly waiting on Chromium and Lighthouse, beside the rest. TEST_JOBS=0 runs them in one.
TEST_JOBS ?= auto
PYTEST    := $(BIN)/python -m pytest --numprocesses $(TEST_JOBS) --maxprocesses 4 --dist loadfile
test: $(STAMP) $(NODE_STAMP) system-packages
	$(PYTEST)

# The quick loop: no Chromium, no audit, no builds of their own (pytest.ini: the slow marker);
# it reads the PDFs and preview cards back with poppler.
test-fast: $(STAMP) pdf-packages
	$(PYTEST) -m "not slow"

# axe-core, Nu HTML Checker, links, Lighthouse, console/network, page weight: audit-report/report.md
audit: $(STAMP) $(NODE_STAMP) system-packages
	$(BIN)/python scripts/audit.py

$(STAMP): requirements.txt pyproject.toml | icu-packages
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
	  { echo "Python 3.11 or newer is needed ($(PYTHON) is $$($(PYTHON) --version))."; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --requirement requirements.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --editable .
	touch $@

# What the build needs from the system: Pango (WeasyPrint sets the PDF editions
# and the link-preview images with it; HarfBuzz subsets their fonts) and the
# fonts they are set in: Noto CJK (Japanese) and Liberation (Latin).
# What the tests and the audit need besides: Debian's Chromium (never
# Playwright's own download; CHROMIUM=/path/to/chrome for another), Firefox ESR
# (FIREFOX=/path/to/firefox for another) and WebKitGTK's WebDriver with the X
# server it runs in (tests/test_engines.py), poppler's
# pdftotext and pdffonts (the tests read the PDFs back), Node.js with npm
# (Lighthouse 12 runs on Node 18.16+), Java (vnu.jar), OmegaT (the CAT tool
# that loads the translation memory and the termbase in tests/test_omegat.py)
# and trang (converts RFC 4287's Atom schema to the RELAX NG that lxml
# validates the feeds with, tests/test_status.py).
# What is missing is installed with apt when we may (root, or sudo without a
# password as on GitHub's runners); otherwise say what to do.
BUILD_PACKAGES = $$($(PYTHON) -c 'import ctypes.util as u, sys; sys.exit(not u.find_library("pangoft2-1.0"))' || echo libpango-1.0-0 libpangoft2-1.0-0) \
                 $$($(PYTHON) -c 'import ctypes.util as u, sys; sys.exit(not u.find_library("harfbuzz-subset"))' || echo libharfbuzz-subset0) \
                 $$(fc-list 'Noto Serif CJK JP' 2>/dev/null | grep -q . || echo fonts-noto-cjk) \
                 $$(fc-list 'Liberation Serif' 2>/dev/null | grep -q . || echo fonts-liberation)
# PyICU (the glossary's Japanese collation) builds against Debian's ICU when pip installs it.
ICU_PACKAGES   = $$(pkg-config --exists icu-i18n 2>/dev/null || echo libicu-dev) \
                 $$(command -v pkg-config >/dev/null || echo pkg-config) \
                 $$(command -v g++ >/dev/null || echo g++) \
                 $$($(PYTHON) -c 'import sysconfig, os, sys; sys.exit(not os.path.exists(sysconfig.get_paths()["include"] + "/Python.h"))' || echo python3-dev)
PDF_PACKAGES   = $$(command -v pdftotext >/dev/null && command -v pdffonts >/dev/null || echo poppler-utils)
TEST_PACKAGES  = $$(test -x $(CHROMIUM) || echo chromium) \
                 $(PDF_PACKAGES) \
                 $$(test -x $(FIREFOX) || echo firefox-esr) \
                 $$(command -v WebKitWebDriver >/dev/null || echo webkit2gtk-driver) \
                 $$(command -v Xvfb >/dev/null || echo xvfb) \
                 $$(command -v npm >/dev/null || echo nodejs npm) \
                 $$(command -v java >/dev/null || echo default-jre-headless) \
                 $$(command -v omegat >/dev/null || echo omegat) \
                 $$(command -v trang >/dev/null || echo trang)
define apt_install
	@set -- $(1); \
	[ $$# = 0 ] && exit 0; \
	if [ "$$(id -u)" = 0 ]; then sudo=; elif sudo -n true 2>/dev/null; then sudo="sudo -n"; else sudo=no; fi; \
	if [ "$$sudo" != no ] && command -v apt-get >/dev/null; then \
	  $$sudo apt-get update -qq && $$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$$@"; \
	else \
	  echo "$(2) Missing: $$*. Install: sudo apt-get install $$*"; exit 1; \
	fi
endef

icu-packages:
	$(call apt_install,$(ICU_PACKAGES),pip builds PyICU against ICU: it needs libicu-dev$(comma) pkg-config$(comma) g++ and Python's headers.)

build-packages:
	$(call apt_install,$(BUILD_PACKAGES),The build needs Pango$(comma) HarfBuzz and the Noto CJK and Liberation fonts.)

pdf-packages: build-packages
	$(call apt_install,$(PDF_PACKAGES),The tests read the PDFs back with poppler's pdftotext and pdffonts.)

system-packages: build-packages
	$(call apt_install,$(TEST_PACKAGES),The tests need Chromium at $(CHROMIUM)$(comma) Firefox at $(FIREFOX)$(comma) webkit2gtk-driver$(comma) xvfb$(comma) poppler-utils$(comma) Node.js with npm$(comma) Java$(comma) OmegaT and trang.)

# The audit's tools and puppeteer-core (Firefox over WebDriver BiDi in the
# tests), at the exact versions of package-lock.json (npm ci; no install
# scripts: vnu-jar's would download a Java runtime, Java is from apt).
$(NODE_STAMP): package.json package-lock.json | system-packages
	npm ci --ignore-scripts --no-audit --no-fund
	touch $@

requirements: $(STAMP)
	$(BIN)/python -m pip install --quiet pip-tools
	$(BIN)/pip-compile --quiet --strip-extras --no-emit-index-url --no-emit-find-links --output-file requirements.txt requirements.in

clean:
	rm -rf site .pytest_cache audit-report .cache
