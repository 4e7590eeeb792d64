"""The HTML report as a reader sees it: loaded in headless Chromium, checked from the page's side.

Chromium is driven over its DevTools protocol on a pipe (``--remote-debugging-pipe``: JSON
messages ended by a NUL byte, commands on the child's fd 3, replies on its fd 4), with the
standard library only. The tests skip, saying why, only where no Chromium binary exists; CI
installs Debian's ``chromium`` package first (see ``.ci/run``).
"""

from __future__ import annotations

import fcntl
import io
import json
import os
import select
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import guarantees
from guarantees import Proposal, catalog
from guarantees.cli import main
from guarantees.render import html as html_report

BINARY = next(
    (found for name in ("chromium", "chromium-browser") if (found := shutil.which(name))), None
)
pytestmark = pytest.mark.skipif(
    BINARY is None,
    reason="no chromium or chromium-browser on PATH; install Debian's `chromium` package "
    "(.ci/run does it with apt-get when it can)",
)

PHONE = 375
"""An iPhone-sized viewport, inside the issue's 'at most 400 px'."""

TIMEOUT = 60.0

# What the tests read from the page, computed by the browser's own layout.
PAGE_FACTS = """(() => {
  const visible = e => {
    const r = e.getBoundingClientRect(), s = getComputedStyle(e);
    return r.width > 0 && r.height > 0 && s.visibility === 'visible' && s.display !== 'none';
  };
  return {
    charts: [...document.querySelectorAll('svg.chart')].map(s => {
      const r = s.getBoundingClientRect(); return [r.width, r.height];
    }),
    bars: [...document.querySelectorAll('svg.chart rect.bar')].length,
    findings: [...document.querySelectorAll('li.finding')].filter(visible).length,
    text: document.body.innerText,
    scripts: document.scripts.length,
    pageWidth: Math.max(document.documentElement.scrollWidth, document.body.scrollWidth),
    viewport: window.innerWidth,
    sidewaysTables: [...document.querySelectorAll('.table-wrap')]
      .filter(w => visible(w) && w.scrollWidth > w.clientWidth + 1).length,
  };
})()"""


def _above_four(fd: int) -> int:
    """The same pipe end on a descriptor above 4 (close-on-exec, as ``os.pipe`` gives)."""
    moved = fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 5)
    os.close(fd)
    return moved


class Chromium:
    """A headless Chromium and one page in it, spoken to over the DevTools pipe."""

    def __init__(self, binary: str, profile: Path) -> None:
        to_browser_r, self._to_browser = map(_above_four, os.pipe())
        self._from_browser, from_browser_w = map(_above_four, os.pipe())
        # A small Python trampoline puts the pipe ends on fds 3 and 4, where
        # --remote-debugging-pipe wants them, then becomes Chromium. (The pipe ends start above 4,
        # or `dup2(4, 3)` could wire a pipe to itself; a `sh -c '... 3<&12'` fails under dash,
        # which takes single-digit descriptors only.)
        command = [
            sys.executable,
            "-c",
            "import os, sys; os.dup2(int(sys.argv[1]), 3); os.dup2(int(sys.argv[2]), 4); "
            "os.execvp(sys.argv[3], sys.argv[3:])",
            str(to_browser_r),
            str(from_browser_w),
            binary,
            "--headless",
            "--no-sandbox",  # running as root in CI; the page is our own static file
            "--disable-gpu",
            "--no-first-run",
            "--no-default-browser-check",
            "--disable-extensions",
            "--remote-debugging-pipe",
            f"--user-data-dir={profile}",
            "about:blank",
        ]
        self.process = subprocess.Popen(
            command,
            pass_fds=(to_browser_r, from_browser_w),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(to_browser_r)
        os.close(from_browser_w)
        self._buffer = b""
        self._next_id = 0
        self.events: list[dict[str, Any]] = []
        try:
            target = self.call("Target.createTarget", url="about:blank")["targetId"]
            reply = self.call("Target.attachToTarget", targetId=target, flatten=True)
            self.session: str = reply["sessionId"]
            for domain in ("Runtime", "Log", "Page"):
                self.call(f"{domain}.enable", session=self.session)
        except BaseException:
            self.close()
            raise

    def call(self, method: str, session: str | None = None, **params: Any) -> dict[str, Any]:
        """Send one command and wait for its reply; events that arrive meanwhile are kept."""
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params}
        if session is not None:
            message["sessionId"] = session
        os.write(self._to_browser, json.dumps(message).encode() + b"\0")
        while True:
            reply = self._receive()
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                result: dict[str, Any] = reply.get("result", {})
                return result
            self.events.append(reply)

    def wait_for(self, method: str) -> dict[str, Any]:
        """Wait for an event of the page (such as ``Page.loadEventFired``)."""
        for event in self.events:
            if event.get("method") == method:
                return event
        while True:
            event = self._receive()
            self.events.append(event)
            if event.get("method") == method:
                return event

    def _receive(self) -> dict[str, Any]:
        deadline = time.monotonic() + TIMEOUT
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            ready, _, _ = select.select([self._from_browser], [], [], max(0.0, left))
            if not ready:
                raise TimeoutError(f"Chromium said nothing for {TIMEOUT} s")
            chunk = os.read(self._from_browser, 1 << 16)
            if not chunk:
                raise RuntimeError("Chromium closed the DevTools pipe")
            self._buffer += chunk
        raw, _, self._buffer = self._buffer.partition(b"\0")
        message: dict[str, Any] = json.loads(raw)
        return message

    def open(self, path: Path, width: int, height: int = 900) -> dict[str, Any]:
        """Load a file at a viewport size and return :data:`PAGE_FACTS` as the page has them."""
        self.call(
            "Emulation.setDeviceMetricsOverride",
            session=self.session,
            width=width,
            height=height,
            deviceScaleFactor=1,
            mobile=width <= 400,
        )
        self.events.clear()
        self.call("Page.navigate", session=self.session, url=path.resolve().as_uri())
        self.wait_for("Page.loadEventFired")
        reply = self.call(
            "Runtime.evaluate", session=self.session, expression=PAGE_FACTS, returnByValue=True
        )
        facts: dict[str, Any] = reply["result"]["value"]
        return facts

    def errors(self) -> list[str]:
        """Console errors, uncaught exceptions and error log entries seen since the last load."""
        found = []
        for event in self.events:
            method, params = event.get("method"), event.get("params", {})
            if method == "Runtime.exceptionThrown":
                found.append(str(params.get("exceptionDetails", {}).get("text")))
            elif method == "Runtime.consoleAPICalled" and params.get("type") in {"error", "assert"}:
                found.append(json.dumps(params.get("args")))
            elif method == "Log.entryAdded" and params.get("entry", {}).get("level") == "error":
                entry = params["entry"]
                found.append(f"{entry.get('source')}: {entry.get('text')} {entry.get('url', '')}")
            elif method == "Page.javascriptDialogOpening":
                found.append(f"dialog: {params.get('message')}")
        return found

    def close(self) -> None:
        try:
            self.call("Browser.close")
        except (RuntimeError, TimeoutError, OSError):
            pass
        finally:
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
            os.close(self._to_browser)
            os.close(self._from_browser)


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Chromium]:
    assert BINARY is not None
    chromium = Chromium(BINARY, tmp_path_factory.mktemp("chromium-profile"))
    try:
        yield chromium
    finally:
        chromium.close()


@pytest.fixture(scope="module")
def catalog_report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The report of every catalog entry, written by the command line as a user would."""
    target = tmp_path_factory.mktemp("report") / "catalog.html"
    names = catalog.names()
    code = main(
        ["score", *names, "--format", "html", "--output", str(target)],
        stdout=io.StringIO(),
        stderr=io.StringIO(),
    )
    assert code in {0, 1}
    return target


def test_catalog_report_in_chromium_has_no_errors_sized_charts_and_visible_findings(
    browser: Chromium, catalog_report: Path
) -> None:
    facts = browser.open(catalog_report, width=1280)
    assert browser.errors() == []
    assert facts["scripts"] == 0
    names = catalog.names()
    assert len(facts["charts"]) == len(names)
    assert all(width > 100 and height > 30 for width, height in facts["charts"])
    assert facts["bars"] == 3 * len(names)
    cards = [guarantees.score(catalog.load(n)) for n in names]
    assert facts["findings"] == sum(len(c.findings) for c in cards)
    for card in cards:
        assert card.proposal.title.split()[0] in facts["text"]
        for finding in card.findings:
            assert finding.code in facts["text"]


def test_catalog_report_at_phone_width_has_no_horizontal_scroll(
    browser: Chromium, catalog_report: Path
) -> None:
    facts = browser.open(catalog_report, width=PHONE, height=800)
    assert browser.errors() == []
    assert facts["viewport"] == PHONE
    assert facts["pageWidth"] <= PHONE
    assert facts["sidewaysTables"] == 0
    assert all(0 < width <= PHONE for width, _ in facts["charts"])


def test_comparison_page_at_phone_width_has_no_horizontal_scroll(
    browser: Chromium, tmp_path: Path
) -> None:
    target = tmp_path / "compare.html"
    code = main(
        ["examples", "--format", "html", "--output", str(target)],
        stdout=io.StringIO(),
        stderr=io.StringIO(),
    )
    assert code == 0
    facts = browser.open(target, width=PHONE, height=800)
    assert browser.errors() == []
    assert facts["pageWidth"] <= PHONE
    assert facts["sidewaysTables"] == 0


def test_a_script_in_a_title_stays_text_in_the_browser(browser: Chromium, tmp_path: Path) -> None:
    data = catalog.load("kremlin-demands-2025").model_dump(mode="json", exclude_defaults=True)
    data["title"] = "<script>alert(1)</script><img src=x onerror=alert(2)>"
    proposal = Proposal.model_validate(data)
    target = tmp_path / "evil.html"
    target.write_text(
        html_report.report(guarantees.score(proposal), proposals=[proposal]), encoding="utf-8"
    )
    facts = browser.open(target, width=1024)
    assert browser.errors() == []  # no dialog, no blocked image, no script error
    assert facts["scripts"] == 0
    assert "<script>alert(1)</script>" in facts["text"]
