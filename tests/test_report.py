"""`sentra report`: one self-contained HTML page, rendered by a real headless browser."""
import re
import shutil
import subprocess

import pytest
from click.testing import CliRunner

from orchestration.cli import main
from tests.test_warehouse_db import FACT, SENTRA, extraction, load_day
from warehouse.publish import publish
from warehouse.report import number

EVIL = "https://a.example/2?x=<script>alert(1)</script>"
CHROMIUM = next((shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome") if shutil.which(n)), None)


@pytest.fixture
def report(tmp_path, db):
    load_day(tmp_path, db, [
        extraction("https://a.example/1", [FACT, dict(FACT, indicator="bantuan", unit="IDR", value=3.2e9,
                                                     evidence="Bantuan Rp3,2 miliar.")], [SENTRA]),
        extraction(EVIL, [dict(FACT, value=30, evidence="Kini <b>30</b> sentra.")], published="2025-06-01"),
    ])
    published = publish(db, tmp_path / "bi" / "warehouse.duckdb")
    out = tmp_path / "report.html"
    result = CliRunner().invoke(main, ["report", "--warehouse", str(published), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


def test_report_is_one_self_contained_page(report):
    page = report.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    for needle in ('id="sentra"', 'id="indikator"', 'id="cakupan"', 'id="terbaru"', "<svg", "Jawa Barat",
                   "Kota Bandung", "sandang", "Rp 3,2 miliar"):
        assert needle in page, needle
    # nothing is fetched: no script, stylesheet link, image, frame, font or CSS url()
    assert not re.search(r"<script|<link|<img|<iframe|@import|url\(|\bsrc=", page, re.I)
    # the only links are to the articles, and article text is escaped
    hrefs = re.findall(r'href="([^"]*)"', page)
    assert "https://a.example/1" in hrefs and hrefs and all(h.startswith("https://a.example/") for h in hrefs)
    assert "Kini &lt;b&gt;30&lt;/b&gt; sentra." in page


def test_numbers_read_the_indonesian_way():
    assert number(1234567) == "1.234.567"
    assert number(2.5) == "2,5"
    assert number(9.6e9, "IDR") == "Rp 9,6 miliar"
    assert number(1.5e12, "IDR") == "Rp 1,5 triliun"
    assert number(250000, "IDR") == "Rp 250.000"


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (apt-get install -y chromium); "
                                              ".ci/run installs it")
def test_headless_chromium_renders_a_screenshot(report, tmp_path):
    png = tmp_path / "report.png"
    profile = tmp_path / "profile"
    proc = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={profile}",
         "--window-size=1200,2000", f"--screenshot={png}", report.as_uri()],
        capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert (width, height) == (1200, 2000)
    assert len(data) > 20_000  # a rendered page, not a blank one
