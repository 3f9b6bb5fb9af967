"""The three browser engines the edition is tested in, behind one interface
(tests/test_engines.py writes each journey once):

- Chromium: Debian's, driven by Playwright (the session's `chromium` fixture);
- Firefox: Debian's firefox-esr over WebDriver BiDi, by puppeteer-core
  (package.json) through tests/firefox.mjs: no geckodriver, nothing downloaded;
- WebKit: WebKitGTK, Debian's WebKitWebDriver and its MiniBrowser, over
  WebDriver classic by Selenium, in an Xvfb of its own.

Each is one browser session (one tab) for the whole test session, its viewport
set to exactly the size asked. What a test does is JavaScript in the page and a
few input events (pointer, keys), so the three differ only here."""

from __future__ import annotations

import json
import os
import queue
import shutil
import subprocess
import tempfile
import threading
import time
from pathlib import Path

from pax_silica.audit.browser import CHROMIUM

ENGINES = ("chromium", "firefox", "webkit")
TESTS = Path(__file__).resolve().parent
FIREFOX = os.environ.get("FIREFOX") or "/usr/bin/firefox-esr"
WEBKIT_DRIVER = os.environ.get("WEBKIT_DRIVER") or "/usr/bin/WebKitWebDriver"
MINIBROWSER = os.environ.get("MINIBROWSER") or "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser"


class Engine:
    """One browser session. Subclasses provide the primitives; the rest is shared."""

    name = version = ""

    # --- the primitives -------------------------------------------------------
    def resize(self, width: int, height: int) -> None: raise NotImplementedError
    def goto(self, url: str) -> None: raise NotImplementedError          # a new document, loaded
    def evaluate(self, source: str, *args): raise NotImplementedError    # a JS function's source, called with args
    def move(self, x: float, y: float) -> None: raise NotImplementedError   # the pointer, in the viewport
    def click(self, x: float, y: float) -> None: raise NotImplementedError
    def type(self, text: str) -> None: raise NotImplementedError         # into the focused element, key by key
    def press(self, key: str) -> None: raise NotImplementedError         # "Enter", "Tab", "End", "Escape"
    def go_back(self) -> None: raise NotImplementedError                  # the browser's Back (see back())
    def screenshot(self, path: Path) -> None: raise NotImplementedError  # the viewport
    def console_errors(self) -> list[str]: raise NotImplementedError    # since the last call
    def close(self) -> None: raise NotImplementedError

    # --- built on them --------------------------------------------------------
    @property
    def url(self) -> str:
        return self.evaluate("() => location.href")

    def wait(self, source: str, *args, timeout: float = 5.0):
        """The value of the JS function ``source`` once it is truthy (polled);
        None after ``timeout`` seconds. Errors while a page is being replaced
        (no document to run in) count as not yet."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                value = self.evaluate(source, *args)
                if value:
                    return value
            except Exception:        # noqa: BLE001 - the page is between documents
                pass
            if time.monotonic() > deadline:
                return None
            time.sleep(0.05)

    def follow(self, x: float, y: float) -> None:
        """Click at (x, y) where a link leads to another page, and wait until it is loaded."""
        self.leave(lambda: self.click(x, y), f"the click at {x:.0f}, {y:.0f}")

    def back(self) -> None:
        """The browser's Back, to another page, and wait until it is shown."""
        self.leave(self.go_back, "Back")

    def leave(self, action, what: str) -> None:
        """Do ``action``, which replaces the page (a new one, or one from the
        back-forward cache, which has no load event), and wait for the other."""
        self.before_leaving()
        token = self.evaluate("() => (window.__page = Math.random())")
        action()
        assert self.wait("(token) => window.__page !== token && location.protocol !== 'about:' && document.readyState === 'complete'", token,
                         timeout=15), f"{self.name}: no other page after {what}"

    def before_leaving(self) -> None:
        """Called before the page is replaced (WebKit collects its console errors)."""

    def centre(self, selector: str, line: int | None = None, dx: float | None = None) -> tuple[float, float]:
        """The centre of the element's box (or of its ``line``-th line box,
        ``dx`` pixels from that line's start), scrolled into view if it is not."""
        x, y = self.evaluate("""(selector, line, dx) => {
            const el = document.querySelector(selector)
            if (!el) return [null, null]
            const seen = el.getBoundingClientRect(), header = document.querySelector('.md-header')
            if (seen.top < (header ? header.getBoundingClientRect().bottom : 0) || seen.bottom > innerHeight)
                el.scrollIntoView({block: 'center', inline: 'nearest'})
            const box = line === null ? el.getBoundingClientRect() : el.getClientRects()[line]
            return [dx === null ? box.left + box.width / 2 : box.left + dx, box.top + box.height / 2]
        }""", selector, line, dx)
        assert x is not None, f"{self.name}: nothing matches {selector}"
        return x, y


class Chromium(Engine):
    """Debian's Chromium (the session's Playwright browser), in a context of its own."""

    name = "chromium"

    def __init__(self, browser, base_url: str):
        self.version = f"Chromium {browser.version}"
        self.context = browser.new_context(viewport={"width": 1280, "height": 900})
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(f"uncaught: {e}"))

    def resize(self, width, height):
        self.page.set_viewport_size({"width": width, "height": height})

    def goto(self, url):
        self.page.goto(url, wait_until="load")

    def evaluate(self, source, *args):
        return self.page.evaluate(f"(args) => ({source})(...args)", list(args))

    def move(self, x, y):
        self.page.mouse.move(x, y)

    def click(self, x, y):
        self.page.mouse.click(x, y)

    def type(self, text):
        self.page.keyboard.type(text)

    def press(self, key):
        self.page.keyboard.press(key)

    def go_back(self):
        self.page.go_back(wait_until="commit")

    def screenshot(self, path):
        self.page.screenshot(path=str(path))

    def console_errors(self):
        errors, self.errors[:] = list(self.errors), []
        return errors

    def close(self):
        self.context.close()


class Firefox(Engine):
    """Debian's Firefox ESR over WebDriver BiDi: puppeteer-core in tests/firefox.mjs,
    one JSON line per command and per answer."""

    name = "firefox"

    def __init__(self):
        self.log = tempfile.TemporaryFile()
        self.process = subprocess.Popen(["node", str(TESTS / "firefox.mjs")], cwd=TESTS.parent, text=True,
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.log,
                                        env={**os.environ, "FIREFOX": FIREFOX})
        self.answers: queue.Queue = queue.Queue()
        threading.Thread(target=self.read, daemon=True).start()
        self.ids = 0
        ready = self.answer(timeout=60)
        self.version = "Firefox " + ready["ready"].split("/")[-1]

    def read(self):
        for line in self.process.stdout:
            self.answers.put(json.loads(line))
        self.answers.put(None)

    def answer(self, timeout: float) -> dict:
        try:
            answer = self.answers.get(timeout=timeout)
        except queue.Empty:
            answer = None
        if answer is None:
            self.log.seek(0)
            raise RuntimeError(f"Firefox (tests/firefox.mjs) did not answer: {self.log.read()[-2000:]!r}")
        return answer

    def call(self, op: str, *args, timeout: float = 60):
        self.ids += 1
        self.process.stdin.write(json.dumps({"id": self.ids, "op": op, "args": args}) + "\n")
        self.process.stdin.flush()
        answer = self.answer(timeout)
        assert answer["id"] == self.ids, answer
        if "error" in answer:
            raise RuntimeError(f"firefox {op}: {answer['error']}")
        return answer["value"]

    def resize(self, width, height):
        self.call("viewport", width, height)

    def goto(self, url):
        """As a link followed: puppeteer's own goto waits forever for the load
        of a page after one came back from the back-forward cache."""
        self.leave(lambda: self.call("goto", url), f"going to {url}")

    def evaluate(self, source, *args):
        return self.call("evaluate", source, args)

    def move(self, x, y):
        self.call("move", x, y)

    def click(self, x, y):
        self.call("click", x, y)

    def type(self, text):
        self.call("type", text)

    def press(self, key):
        self.call("press", key)

    def go_back(self):
        self.call("back")

    def screenshot(self, path):
        self.call("screenshot", str(path))

    def console_errors(self):
        return self.call("errors")

    def close(self):
        try:
            self.call("close", timeout=20)
        except RuntimeError:
            pass
        finally:
            if self.process.poll() is None:
                self.process.kill()
            self.process.wait()
            self.log.close()


# The console of a page in WebKit: WebKitWebDriver has no log endpoint, and its
# MiniBrowser writes no console messages under automation. So the test host
# puts this observer first in every page's <head> for the WebKit session only
# (the cookie below; tests/test_engines.py), as Playwright's init scripts do,
# and the adapter reads what it recorded before the page is left.
OBSERVER = b"""<script>(function () {
  var seen = window.__consoleErrors = [], error = console.error
  console.error = function () { seen.push([].map.call(arguments, String).join(" ")); return error.apply(console, arguments) }
  addEventListener("error", function (e) {
    seen.push(e.error ? "uncaught: " + e.error : e.message || "failed to load: " + (e.target.src || e.target.href))
  }, true)
  addEventListener("unhandledrejection", function (e) { seen.push("unhandled rejection: " + e.reason) })
})()</script>"""
OBSERVE_COOKIE = "observe-console"


def observing_handler(base):
    """A handler class like the static host's ``base`` that puts OBSERVER
    first in the <head> of an HTML page asked with the observing cookie."""
    from urllib.parse import urlsplit

    from pax_silica.audit.host import Served, content_type, file_for

    class Observing(base):
        def do_GET(self):
            file = file_for(self.server.root, urlsplit(self.path).path)
            if f"{OBSERVE_COOKIE}=1" not in self.headers.get("Cookie", "") or file is None or file.suffix != ".html":
                return super().do_GET()
            html = file.read_bytes()
            assert b"<head>" in html, f"{file}: no <head> to observe"
            body = html.replace(b"<head>", b"<head>" + OBSERVER, 1)
            self.send_response(200)
            self.send_header("Content-Type", content_type(file))
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            self.server.log.append(Served(urlsplit(self.path).path, 200, len(body), ""))

    return Observing


class WebKit(Engine):
    """WebKitGTK: Debian's WebKitWebDriver with its MiniBrowser, over WebDriver
    classic (Selenium), in an Xvfb of its own. The MiniBrowser's toolbar is made
    small enough (GTK CSS) for a window of a phone's width; the window is sized
    so that the viewport is exactly the size asked."""

    name = "webkit"

    def __init__(self, base_url: str):
        from selenium import webdriver
        from selenium.webdriver.webkitgtk.options import Options
        from selenium.webdriver.webkitgtk.service import Service

        self.home = Path(tempfile.mkdtemp(prefix="webkit-"))
        (self.home / "gtk-3.0").mkdir()
        (self.home / "gtk-3.0" / "gtk.css").write_text(
            "button, entry { font-size: 1px; min-width: 0; min-height: 0; margin: 0; padding: 0; border: 0; }\n")
        self.xvfb_log = tempfile.TemporaryFile()
        self.xvfb = subprocess.Popen(["Xvfb", "-displayfd", "1", "-screen", "0", "1600x1200x24", "-nolisten", "tcp"],
                                     stdout=subprocess.PIPE, stderr=self.xvfb_log)   # a free display, written on stdout
        try:
            display = self.xvfb.stdout.readline().decode().strip()
            if not display:
                self.xvfb_log.seek(0)
                raise RuntimeError(f"Xvfb did not start: {self.xvfb_log.read()[-2000:]!r}")
            options = Options()
            options.binary_location = MINIBROWSER
            options.add_argument("--automation")
            service = Service(executable_path=WEBKIT_DRIVER, log_output=subprocess.DEVNULL,
                              env={**os.environ, "DISPLAY": f":{display}", "XDG_CONFIG_HOME": str(self.home)})
            self.driver = webdriver.WebKitGTK(options=options, service=service)
        except BaseException:
            self.xvfb.kill()
            raise
        self.version = f"WebKitGTK {self.driver.capabilities['browserVersion']}"
        self.errors: list[str] = []
        self.driver.get(base_url)
        self.driver.add_cookie({"name": OBSERVE_COOKIE, "value": "1", "path": "/"})
        self.driver.set_window_size(1280, 900)
        self.toolbar = 900 - self.evaluate("() => innerHeight")

    def resize(self, width, height):
        for _ in range(3):     # the window manager-less X server may take a moment
            self.driver.set_window_size(width, height + self.toolbar)
            size = self.wait("(w, h) => innerWidth === w && innerHeight === h", width, height, timeout=2)
            if size:
                return
        size = self.evaluate("() => [innerWidth, innerHeight]")
        raise AssertionError(f"WebKit's viewport is {size}, not {[width, height]}")

    def before_leaving(self):
        try:
            self.errors += self.driver.execute_script("return window.__consoleErrors ? window.__consoleErrors.splice(0) : []")
        except Exception:   # noqa: BLE001 - no page yet
            pass

    def goto(self, url):
        self.before_leaving()
        self.driver.get(url)

    def evaluate(self, source, *args):
        return self.driver.execute_script(f"return ({source})(...arguments)", *args)

    def actions(self):
        from selenium.webdriver.common.actions.action_builder import ActionBuilder
        return ActionBuilder(self.driver)

    def move(self, x, y):
        actions = self.actions()
        actions.pointer_action.move_to_location(round(x), round(y))
        actions.perform()

    def click(self, x, y):
        actions = self.actions()
        actions.pointer_action.move_to_location(round(x), round(y)).click()
        actions.perform()

    def type(self, text):
        actions = self.actions()
        for character in text:
            actions.key_action.send_keys(character)
        actions.perform()

    def press(self, key):
        from selenium.webdriver.common.keys import Keys
        actions = self.actions()
        actions.key_action.send_keys(getattr(Keys, key.upper()))
        actions.perform()

    def go_back(self):
        self.driver.back()

    def screenshot(self, path):
        self.driver.save_screenshot(str(path))

    def console_errors(self):
        self.before_leaving()
        errors, self.errors = self.errors, []
        return errors

    def close(self):
        try:
            self.driver.quit()
        finally:
            self.xvfb.kill()
            self.xvfb.wait()
            self.xvfb_log.close()
            shutil.rmtree(self.home, ignore_errors=True)


def versions() -> list[str]:
    """The engines installed, as the test report's header names them (each
    session also reports its own version when it starts)."""
    def first_line(*command) -> str:
        try:
            out = subprocess.run(command, capture_output=True, text=True, timeout=10).stdout.strip()
        except (OSError, subprocess.TimeoutExpired):
            out = ""
        return out.splitlines()[0] if out else "not found"
    webkit = first_line("dpkg-query", "-W", "-f", "${Version}", "libwebkit2gtk-4.1-0")
    return [f"engines: {first_line(CHROMIUM, '--version')} (Playwright); {first_line(FIREFOX, '--version')}"
            f" (WebDriver BiDi, puppeteer-core); WebKitGTK {webkit} (WebKitWebDriver, Selenium)"]
