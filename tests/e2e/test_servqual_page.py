"""The colleagues' HTML page really produces an answer file Coach accepts.

Runs the page in headless Chromium when it is installed (Debian package
``chromium``); skipped otherwise. The page's save button is clicked by a small
script appended to a copy; the Blob it would download is captured in the DOM.
"""
from __future__ import annotations

import html
import json
import re
import shutil
import subprocess

import pytest

from coach.tools import get
from coach.tools import servqual as sq

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

HOOK = """<script>
window.Blob = function (parts) { document.getElementById("status").setAttribute("data-json", parts[0]); };
URL.createObjectURL = function () { return "about:blank"; };
HTMLAnchorElement.prototype.click = function () {};
window.addEventListener("load", function () {
  document.querySelectorAll('input[type=radio][value="5"]').forEach(function (r) { r.checked = true; });
  document.querySelector('textarea[name="comment-wish"]').value = "一页纸摘要 <b>please</b>";
  document.getElementById("save").click();
});
</script></body>"""


@pytest.mark.skipif(CHROMIUM is None, reason="headless Chromium is not installed")
def test_page_saves_answers_that_import_cleanly(tmp_path):
    data = dict(get("servqual").examples["zh_CN"])
    data["responses"] = []
    page = sq.form_html(data, "uuid-1", "zh_CN").replace("</body>", HOOK)
    path = tmp_path / "form.html"
    path.write_text(page, "utf-8")
    out = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         f"--user-data-dir={tmp_path / 'profile'}", "--dump-dom", path.as_uri()],
        capture_output=True, text=True, timeout=60)
    match = re.search(r'data-json="([^"]*)"', out.stdout)
    assert match, out.stderr[-2000:]
    doc = json.loads(html.unescape(match.group(1)))
    response = sq.parse_answers(json.dumps(doc).encode(), data, "uuid-1")
    assert set(response["ratings"]) == {s["id"] for s in data["statements"]}
    assert all(pair == {"e": 5, "p": 5} for pair in response["ratings"].values())
    assert response["comments"] == [{"kind": "wish", "text": "一页纸摘要 <b>please</b>"}]
