"""The report in a real browser: headless Chromium, driven over the DevTools protocol on a pipe.

Two pages: the seeds as `annotate_paths` annotates them (the issue's check: three questions, their
labels, selecting question 2 lights up its answer spans, a screenshot), and the hand-built seeds'
exchange with every layer filled (tooltips with normalized values, evidence cues, sorting).

No network, no port, no extra Python package: Chromium is started with `--remote-debugging-pipe`
and reads protocol messages (NUL-terminated JSON) on fd 3 and writes them on fd 4. Skipped where
Chromium is absent (CI: `apt-get install -y chromium`).
"""

from __future__ import annotations

import base64
import fcntl
import importlib.util
import json
import os
import select
import shutil
import signal
import subprocess
import time
from pathlib import Path
from typing import Any

import pytest

from debatt_nlp.export.report import NOT_SCORED, write_report
from debatt_nlp.schema import AnswerSpan, Exchange

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
BROWSER = os.environ.get("DEBATT_NLP_CHROMIUM") or next(filter(None, map(shutil.which, BROWSERS)), None)

pytestmark = pytest.mark.skipif(BROWSER is None, reason="Chromium is not installed")


def _hand_built_seed_exchange() -> Exchange:
    """The hand-built seeds' exchange from test_report.py (loaded by path: tests are not a package)."""
    spec = importlib.util.spec_from_file_location(
        "_report_fixtures", Path(__file__).with_name("test_report.py")
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.seed_exchange()


class Browser:
    """Just enough of the DevTools protocol: one page, evaluate JS, take a screenshot."""

    def __init__(self, executable: str, profile: Path, width: int = 1440, height: int = 1000) -> None:
        to_browser_r, self._to_browser = os.pipe()
        self._from_browser, from_browser_w = os.pipe()
        # the child must see the pipe ends as exactly fd 3 (its input) and fd 4 (its output); copies
        # above any low fd keep the dup2 calls from overwriting one another
        high_r = fcntl.fcntl(to_browser_r, fcntl.F_DUPFD, 10)
        high_w = fcntl.fcntl(from_browser_w, fcntl.F_DUPFD, 10)

        def plumb() -> None:
            os.dup2(high_r, 3)
            os.dup2(high_w, 4)

        self.log_path = profile.parent / "chromium.log"
        self._log = open(self.log_path, "wb")  # closed in close()
        args = [
            executable,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-default-apps",
            "--disable-extensions",
            "--disable-sync",
            "--no-first-run",
            "--no-default-browser-check",
            "--mute-audio",
            "--host-resolver-rules=MAP * ~NOTFOUND",  # belt and braces: no name resolves
            "--hide-scrollbars",
            f"--user-data-dir={profile}",
            f"--window-size={width},{height}",
            "--remote-debugging-pipe",
            "about:blank",
        ]
        self.process = subprocess.Popen(
            args,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=self._log,
            pass_fds=(3, 4),
            preexec_fn=plumb,  # runs before the child closes the other fds
            start_new_session=True,
        )
        for fd in {to_browser_r, from_browser_w, high_r, high_w}:
            os.close(fd)
        self._buffer = b""
        self._next_id = 0
        self.session: str | None = None

    # -- protocol -----------------------------------------------------------------------------

    def send(
        self,
        method: str,
        params: dict[str, Any] | None = None,
        *,
        timeout: float = 10.0,
        session: bool = True,
    ) -> dict:
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params or {}}
        if session and self.session:
            message["sessionId"] = self.session
        os.write(self._to_browser, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + timeout
        while True:
            reply = self._receive(deadline)
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})

    def _receive(self, deadline: float) -> dict:
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("no answer from Chromium")
            ready, _, _ = select.select([self._from_browser], [], [], left)
            if ready:
                chunk = os.read(self._from_browser, 1 << 20)
                if not chunk:
                    log = self.log_path.read_text(errors="replace")[-2000:]
                    raise RuntimeError(f"Chromium closed the pipe; its log ends:\n{log}")
                self._buffer += chunk
        raw, _, self._buffer = self._buffer.partition(b"\0")
        return json.loads(raw)

    # -- conveniences -------------------------------------------------------------------------

    def open(self, url: str) -> None:
        target = self.send("Target.createTarget", {"url": "about:blank"}, session=False)["targetId"]
        self.session = self.send(
            "Target.attachToTarget", {"targetId": target, "flatten": True}, session=False
        )["sessionId"]
        self.send("Page.enable")
        self.send("Page.navigate", {"url": url})
        self.wait_for("document.readyState === 'complete' && !!document.getElementById('tip')")

    def evaluate(self, expression: str) -> Any:
        result = self.send(
            "Runtime.evaluate", {"expression": expression, "returnByValue": True, "awaitPromise": True}
        )
        if "exceptionDetails" in result:
            raise RuntimeError(result["exceptionDetails"])
        return result["result"].get("value")

    def wait_for(self, expression: str, timeout: float = 10.0) -> None:
        deadline = time.monotonic() + timeout
        while not self.evaluate(expression):
            if time.monotonic() > deadline:
                raise TimeoutError(expression)
            time.sleep(0.05)

    def settle(self) -> None:
        """Wait two frames: scroll events and layout from the last step have been delivered."""
        self.evaluate("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")

    def screenshot(self, path: Path) -> None:
        data = self.send("Page.captureScreenshot", {"format": "png"})["data"]
        path.write_bytes(base64.b64decode(data))

    def close(self) -> None:
        try:
            self.send("Browser.close", session=False, timeout=3)
        except (OSError, RuntimeError, TimeoutError):
            pass
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=5)
        for fd in (self._to_browser, self._from_browser):
            try:
                os.close(fd)
            except OSError:
                pass
        self._log.close()


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory):
    """One Chromium for the module (starting one costs about a second); each test opens its own page."""
    assert BROWSER is not None
    instance = Browser(BROWSER, tmp_path_factory.mktemp("chromium") / "profile")
    try:
        yield instance
    finally:
        instance.close()
        # the session's whole process group (renderers, GPU and network helpers) is gone
        try:
            os.killpg(instance.process.pid, 0)
        except ProcessLookupError:
            pass
        else:
            os.killpg(instance.process.pid, signal.SIGKILL)


def click(browser: Browser, selector: str) -> None:
    """A real mouse click (pressed + released) on the first client rect of `selector`'s element."""
    point = browser.evaluate(
        f"(() => {{ const e = document.querySelector({json.dumps(selector)});"
        " e.scrollIntoView({block: 'center'}); const r = e.getClientRects()[0];"
        " return [r.left + Math.min(20, r.width / 2), r.top + r.height / 2]; })()"
    )
    browser.settle()  # the scroll event hides the tooltip: let it pass first
    for kind in ("mousePressed", "mouseReleased"):
        browser.send(
            "Input.dispatchMouseEvent",
            {"type": kind, "x": point[0], "y": point[1], "button": "left", "clickCount": 1},
        )


def with_answer_spans_for_question_2(exchange: Exchange) -> Exchange:
    """The exchange, where the aligner left question 2 unanswered given the sentence a reader pairs with it.

    The seed reply answers question 2 (Region Stockholm breaking the agreement) with "Det är något som
    Region Stockholm inte har gjort de senaste åren"; offsets are found in the reply's own text.
    """
    q2 = next(q for q in exchange.questions if q.n == 2)
    if q2.answer_spans:
        return exchange
    reply = exchange.documents[1].text
    start = reply.index("Det är något som Region Stockholm")
    end = reply.index("åren", start) + len("åren")
    q2.answer_spans.append(
        AnswerSpan(start=start, end=end, text=reply[start:end], method="content", confidence=0.5)
    )
    return exchange


def test_seeds_report_in_headless_chromium(
    browser: Browser, annotated_seeds: list[Exchange], tmp_path: Path
) -> None:
    paired = [x for x in annotated_seeds if len(x.documents) == 2]
    assert len(paired) == 1, "the two seeds are one exchange"
    exchange = with_answer_spans_for_question_2(paired[0].model_copy(deep=True))
    assert [q.n for q in exchange.questions] == [1, 2, 3]
    report = tmp_path / "seeds.html"
    write_report(report, [exchange])
    browser.open(report.as_uri())

    # the three questions and their labels: overview rows, cards, and the questions in the text
    labels = [q.directness.label if q.directness else NOT_SCORED for q in exchange.questions]
    rows = browser.evaluate(
        "Array.from(document.querySelectorAll('#qtable tbody tr'))"
        ".map(r => [r.dataset.q, r.cells[5].innerText.trim()])"
    )
    assert rows == [[str(q.n), label] for q, label in zip(exchange.questions, labels, strict=True)]
    cards = browser.evaluate(
        "Array.from(document.querySelectorAll('.qcard'))"
        ".map(c => [c.dataset.q, c.querySelector('.badge').innerText.trim(), c.offsetHeight > 0])"
    )
    assert cards == [[str(q.n), label, True] for q, label in zip(exchange.questions, labels, strict=True)]
    for q in exchange.questions:
        shown = browser.evaluate(
            "Array.from(document.querySelectorAll("
            f"'.doc.role-interpellation .q[data-q=\"{q.n}\"]')).map(e => e.textContent).join('')"
        )
        assert shown == q.text
    margin = browser.evaluate(
        "Array.from(document.querySelectorAll('.doc.role-interpellation .q:not(.cl)'))"
        ".map(q => getComputedStyle(q, '::before').content)"
    )
    assert margin == ['"1"', '"2"', '"3"']

    # nothing is highlighted before a question is selected
    assert browser.evaluate("document.querySelectorAll('.ans.on').length") == 0
    assert (
        browser.evaluate("getComputedStyle(document.querySelector('.ans')).backgroundColor")
        == "rgba(0, 0, 0, 0)"
    )

    # select question 2 by clicking it in the interpellation: its answer spans light up in the reply
    click(browser, '.doc.role-interpellation .q[data-q="2"]')
    browser.wait_for("document.querySelectorAll('.ans.on').length > 0", timeout=5)
    lit = browser.evaluate(
        "Array.from(document.querySelectorAll('.ans.on')).map(a => [a.dataset.q,"
        " getComputedStyle(a).backgroundColor, a.closest('.doc').classList.contains('role-reply')])"
    )
    assert lit and all(q == "2" and colour != "rgba(0, 0, 0, 0)" and in_reply for q, colour, in_reply in lit)
    lit_text = browser.evaluate(
        "Array.from(document.querySelectorAll('.ans.on')).map(a => a.textContent).join('')"
    )
    q2 = exchange.questions[1]
    for answer in q2.answer_spans:
        assert answer.text in lit_text
    assert browser.evaluate("document.querySelector('.qcard[data-q=\"2\"]').classList.contains('on')")
    assert (
        browser.evaluate("document.querySelector('.qcard[data-q=\"1\"]').classList.contains('on')") is False
    )
    # the reply column scrolled to the first answer span
    assert browser.evaluate(
        "(() => { const col = document.querySelector('.doc.role-reply .doctext').getBoundingClientRect();"
        " const a = document.querySelector('.ans.on').getBoundingClientRect();"
        " return a.top >= col.top && a.top <= col.bottom; })()"
    )

    browser.evaluate(
        "window.scrollTo(0, document.getElementById('x0').offsetTop"
        " - document.querySelector('.top').offsetHeight - 8)"
    )
    browser.settle()
    shot = tmp_path / "report.png"
    browser.screenshot(shot)
    assert shot.stat().st_size > 10_000


def test_every_layer_in_headless_chromium(browser: Browser, tmp_path: Path) -> None:
    exchange = _hand_built_seed_exchange()
    report = tmp_path / "report.html"
    write_report(report, [exchange])
    browser.open(report.as_uri())

    # hovering an amount shows its label and normalized value
    point = browser.evaluate(
        "(() => { const m = Array.from(document.querySelectorAll('.amt'))"
        ".find(e => e.textContent === '54,7 miljoner'); m.scrollIntoView({block: 'center'});"
        " const r = m.getClientRects()[0]; return [r.left + 5, r.top + r.height / 2]; })()"
    )
    browser.settle()
    browser.send("Input.dispatchMouseEvent", {"type": "mouseMoved", "x": point[0], "y": point[1]})
    browser.wait_for("!document.getElementById('tip').hidden", timeout=5)
    assert (
        browser.evaluate("document.getElementById('tip').textContent") == "MONEY · 54 700 000 SEK (inferred)"
    )

    # selecting question 2 from its card: answer spans and the evidence with its cue
    click(browser, '.qcard[data-q="2"]')
    browser.wait_for("document.querySelectorAll('.ans.on').length > 0", timeout=5)
    answered = browser.evaluate(
        "Array.from(document.querySelectorAll('.ans.on')).map(a => a.textContent).join('')"
    )
    assert "Det är något som Region Stockholm inte har gjort" in answered
    assert browser.evaluate("document.querySelectorAll('.ans.on:not([data-q=\"2\"])').length") == 0
    cue = browser.evaluate(
        "getComputedStyle(document.querySelector('.ev.on[data-q=\"2\"]:not(.cr)'), '::after').content"
    )
    assert cue == '"endast rådighet"'

    # the overview sorts by score
    browser.evaluate("document.querySelectorAll('#qtable thead th')[7].querySelector('button').click()")
    assert browser.evaluate(
        "Array.from(document.querySelectorAll('#qtable tbody tr')).map(r => r.dataset.q)"
    ) == ["2", "1", "3"]

    # the page is the document: text content of each column is the original text
    texts = browser.evaluate("Array.from(document.querySelectorAll('.doctext')).map(d => d.textContent)")
    assert texts == [d.text for d in exchange.documents]
