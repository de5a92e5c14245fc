"""Pages the sitemap says have not changed since we last fetched them are not requested again; a page whose
lastmod is newer is, and so is one whose last fetch is older than its source's recheck_days. Against a real
local HTTP server (scrapers.local_site), at the crawl and through the daily job."""
from __future__ import annotations

import os
import re
from datetime import datetime, timedelta, timezone
from pathlib import Path

import duckdb
import pytest

from warehouse.lake import read_json, read_jsonl
from scrapers.crawl import crawl_source, recheck_due, unchanged_since_fetch
from scrapers.outcomes import UNCHANGED
from scrapers.discover import lastmod_bound, parse_feed, parse_sitemap
from scrapers.fetch import Fetcher
from scrapers.local_site import serve_folder
from scrapers.sources import Source

UTC = timezone.utc


def test_lastmod_bound_is_the_latest_instant_the_value_can_mean():
    assert lastmod_bound("2026-11-22T10:00:00+07:00") == datetime(2026, 11, 22, 3, tzinfo=UTC)
    assert lastmod_bound("2026-11-22T10:00:00Z") == datetime(2026, 11, 22, 10, tzinfo=UTC)
    # a date alone: the end of that day in the westernmost zone
    assert lastmod_bound("2026-11-22") == datetime(2026, 11, 23, 12, tzinfo=UTC)
    assert lastmod_bound("2026-12") == datetime(2027, 1, 1, 12, tzinfo=UTC)
    assert lastmod_bound("2026-11-22T10:00:00") == datetime(2026, 11, 22, 22, tzinfo=UTC)  # no zone: +12 h
    assert lastmod_bound("kemarin") is None and lastmod_bound("") is None and lastmod_bound(None) is None


def test_unchanged_only_with_a_lastmod_well_before_the_fetch():
    fetched = datetime(2026, 11, 22, 12, tzinfo=UTC)
    assert unchanged_since_fetch(datetime(2026, 11, 20, tzinfo=UTC), fetched.isoformat())
    assert not unchanged_since_fetch(fetched - timedelta(minutes=1), fetched)  # clocks may disagree
    assert not unchanged_since_fetch(fetched + timedelta(hours=1), fetched)
    assert not unchanged_since_fetch(None, fetched)
    assert not unchanged_since_fetch(datetime(2026, 11, 20, tzinfo=UTC), None)
    assert not unchanged_since_fetch(datetime(2026, 11, 20, tzinfo=UTC), "rusak")


def test_a_recheck_falls_due_between_half_and_all_of_recheck_days_and_spreads_over_that_span():
    now = datetime(2026, 11, 23, 6, tzinfo=UTC)
    urls = [f"http://a.example/berita/{i}" for i in range(2000)]
    cases = [(1, 30, False), (14.9, 30, False), (30, 30, True), (45, 30, True), (1, 0, True), (0, 0, True)]
    for age_days, recheck_days, due in cases:
        fetched = (now - timedelta(days=age_days)).isoformat()
        assert all(recheck_due(u, fetched, recheck_days, now) == due for u in urls), (age_days, recheck_days)
    assert recheck_due(urls[0], None, 30, now) and recheck_due(urls[0], "rusak", 30, now)
    # pages all fetched on one day come due over many days, not all on one
    fetched = (now - timedelta(days=30)).isoformat()
    first_due = [next(d for d in range(31) if recheck_due(u, fetched, 30, now - timedelta(days=30 - d)))
                 for u in urls]
    assert min(first_due) == 15 and max(first_due) == 30
    assert max(first_due.count(d) for d in set(first_due)) < len(urls) / 8


def test_lastmod_comes_from_sitemaps_and_atom_updated_not_from_publication_dates():
    _, pages = parse_sitemap(b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                             b'<url><loc>http://a.example/1</loc><lastmod>2026-11-01T08:00:00+07:00</lastmod></url>'
                             b'<url><loc>http://a.example/2</loc></url></urlset>')
    assert [p.lastmod for p in pages] == [datetime(2026, 11, 1, 1, tzinfo=UTC), None]
    rss = parse_feed(b'<rss><channel><item><link>http://a.example/3</link>'
                     b'<pubDate>Sun, 01 Nov 2026 08:00:00 +0700</pubDate></item></channel></rss>')
    assert rss[0].date is not None and rss[0].lastmod is None  # a corrected article keeps its pubDate
    atom = parse_feed(b'<feed xmlns="http://www.w3.org/2005/Atom"><entry><link href="http://a.example/4"/>'
                      b'<published>2026-10-01T00:00:00Z</published><updated>2026-11-02T00:00:00Z</updated>'
                      b'</entry></feed>')
    assert atom[0].lastmod == datetime(2026, 11, 2, tzinfo=UTC)


PAGE = ("<html><head><title>{title}</title></head><body><h1>{title}</h1><p>{text}</p>"
        "<p>Sentra IKM batik di Pekalongan menyerap banyak tenaga kerja dari desa sekitar setiap tahun.</p>"
        "</body></html>")


def _site(folder: Path, lastmods: dict[str, str | None]) -> None:
    entries = "".join(f"<url><loc>${{BASE_URL}}/berita/{name}.html</loc>"
                      + (f"<lastmod>{lm}</lastmod>" if lm else "") + "</url>" for name, lm in lastmods.items())
    (folder / "sitemap.xml").write_text('<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/'
                                        f'sitemap/0.9">{entries}</urlset>', encoding="utf-8")


class CountingFetcher(Fetcher):
    def __init__(self, **kw):
        super().__init__(respect_robots=False, **kw)
        self.asked: list[str] = []

    def fetch(self, url, source, kind="article"):
        self.asked.append(url)
        return super().fetch(url, source, kind)


def test_unchanged_pages_are_not_requested_and_a_newer_lastmod_is_refetched(tmp_path):
    (tmp_path / "berita").mkdir()
    for name in ("lama", "diubah", "tanpa-tanggal"):
        (tmp_path / "berita" / f"{name}.html").write_text(PAGE.format(title=name, text="Versi pertama."))
    _site(tmp_path, {"lama": "2026-01-05T08:00:00+07:00", "diubah": "2026-01-06", "tanpa-tanggal": None})
    with serve_folder(tmp_path, port=0) as base:
        src = Source(name="situs", kind="news", sitemap=f"{base}/sitemap.xml", requests_per_second=1000)
        first = [r for r in crawl_source(src, CountingFetcher(), last_fetched={}) if r.kind == "article"]
        assert sorted(r.outcome for r in first) == ["ok"] * 3
        last_fetched = {r.url: r.fetched_at.isoformat() for r in first}
        validators = {r.url: (r.etag, r.last_modified) for r in first}

        # the site corrects one article and says so in its sitemap
        changed = tmp_path / "berita" / "diubah.html"
        changed.write_text(PAGE.format(title="diubah", text="Versi kedua, angka dikoreksi."))
        now = datetime.now(UTC).replace(microsecond=0)
        os.utime(changed, (now.timestamp() + 5, now.timestamp() + 5))  # the server's Last-Modified has seconds
        _site(tmp_path, {"lama": "2026-01-05T08:00:00+07:00", "diubah": now.isoformat(), "tanpa-tanggal": None})

        fetcher = CountingFetcher(validators=validators)
        second = {r.url.rsplit("/", 1)[-1]: r for r in crawl_source(src, fetcher, last_fetched=last_fetched)
                  if r.kind == "article"}
    assert second["lama.html"].outcome == UNCHANGED and second["lama.html"].http_status is None
    assert f"{base}/berita/lama.html" not in fetcher.asked  # no request at all
    assert second["diubah.html"].outcome == "ok" and b"Versi kedua" in second["diubah.html"].body
    assert second["tanpa-tanggal.html"].outcome == "not_modified"  # no lastmod: the conditional GET
    # without the state of earlier fetches nothing is skipped
    with serve_folder(tmp_path, port=0) as base:
        src = Source(name="situs", kind="news", sitemap=f"{base}/sitemap.xml", requests_per_second=1000)
        assert all(r.outcome == "ok" for r in crawl_source(src, CountingFetcher()) if r.kind == "article")


def test_an_old_fetch_is_checked_again_even_when_the_sitemap_says_unchanged(tmp_path):
    (tmp_path / "berita").mkdir()
    for name in ("baru-saja", "sebulan-lalu"):
        (tmp_path / "berita" / f"{name}.html").write_text(PAGE.format(title=name, text="Isi tetap."))
    _site(tmp_path, {"baru-saja": "2026-01-05", "sebulan-lalu": "2026-01-05"})
    with serve_folder(tmp_path, port=0) as base:
        src = Source(name="situs", kind="news", sitemap=f"{base}/sitemap.xml", requests_per_second=1000)
        first = {r.url: r for r in crawl_source(src, CountingFetcher(), last_fetched={}) if r.kind == "article"}
        validators = {u: (r.etag, r.last_modified) for u, r in first.items()}
        now = datetime.now(UTC)
        # the site never bumps a lastmod: our last fetch of one page is 31 days old
        last_fetched = {f"{base}/berita/baru-saja.html": now.isoformat(),
                        f"{base}/berita/sebulan-lalu.html": (now - timedelta(days=31)).isoformat()}
        second = {r.url.rsplit("/", 1)[-1]: r.outcome
                  for r in crawl_source(src, CountingFetcher(validators=validators), last_fetched=last_fetched)
                  if r.kind == "article"}
        untrusted = Source(name="situs", kind="news", sitemap=f"{base}/sitemap.xml", requests_per_second=1000,
                           recheck_days=0)
        fetcher = CountingFetcher(validators=validators)
        third = [r.outcome for r in crawl_source(untrusted, fetcher, last_fetched=last_fetched) if r.kind == "article"]
    assert second == {"baru-saja.html": UNCHANGED, "sebulan-lalu.html": "not_modified"}  # a conditional GET
    assert third == ["not_modified", "not_modified"]  # recheck_days: 0 never trusts a lastmod
    assert sum("/berita/" in u for u in fetcher.asked) == 2


# ---------------------------------------------------------------- through the daily job

DAY1, DAY2 = "2026-11-21", "2026-11-22"


def _run(data: Path, sources: Path, day: str, job: str = "daily_refresh") -> dict:
    import dagster as dg

    from orchestration.definitions import make_definitions, make_resources

    resources = make_resources(data_dir=str(data), sources_file=str(sources), polite=False)
    result = make_definitions(resources).resolve_job_def(job).execute_in_process(
        partition_key=day, instance=dg.DagsterInstance.ephemeral(), raise_on_error=False,
        run_config={"loggers": {"console": {"config": {"log_level": "ERROR"}}}})
    failures = [e.step_key for e in result.all_events if e.event_type_value == "STEP_FAILURE"]
    assert result.success, failures
    meta = {}
    for node in ("raw_pages", "articles", "fetch_log"):
        for event in result.asset_materializations_for_node(node):
            meta[node] = {k: v.value for k, v in event.metadata.items()}
    return meta


def _counts(data: Path) -> dict:
    with duckdb.connect(str(data / "work" / "warehouse.duckdb"), read_only=True) as con:
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                for t in ("dim_article", "fact_indicator", "fetch_log", "dim_sentra", "dim_city", "dim_date")}


@pytest.fixture(scope="module")
def two_days(tmp_path_factory):
    from orchestration.bench.pagegen import add_pages, generate_site, page_paths

    work = tmp_path_factory.mktemp("lastmod")
    site, data = generate_site(work / "site", 4, seed=5), work / "data"
    with serve_folder(site, port=0) as base:
        sources = work / "sources.yaml"
        sources.write_text((site / "sources.yaml").read_text().replace("${BASE_URL}", base))
        day1 = _run(data, sources, DAY1)
        after1 = _counts(data)
        # page 0 is corrected (and the sitemap says so); one page is added
        edited = page_paths(site)[0]
        rel = edited.relative_to(site).as_posix()
        edited.write_text(edited.read_text().replace("</h1>", "</h1><p>Koreksi: judul diperbarui.</p>", 1))
        later = datetime.now(UTC).timestamp() + 5
        os.utime(edited, (later, later))  # the server's Last-Modified has whole seconds
        sitemap = (site / "sitemap.xml").read_text()
        stamp = datetime.now(UTC).replace(microsecond=0).isoformat()
        sitemap = re.sub(re.escape(rel) + r"</loc><lastmod>[^<]+", f"{rel}</loc><lastmod>{stamp}", sitemap)
        (site / "sitemap.xml").write_text(sitemap)
        new = add_pages(site, 1, seed=5)[0]
        sources.write_text((site / "sources.yaml").read_text().replace("${BASE_URL}", base))
        day2 = _run(data, sources, DAY2)
        after2 = _counts(data)
        again = _run(data, sources, DAY2)
        after_again = _counts(data)
        reprocessed = _run(data, sources, DAY2, job="reprocess")
        after_reprocess = _counts(data)
    return dict(data=data, base=base, edited=rel, new=new.relative_to(site).as_posix(), day1=day1, day2=day2,
                again=again, after1=after1, after2=after2, after_again=after_again, reprocessed=reprocessed,
                after_reprocess=after_reprocess)


@pytest.mark.slow
def test_day_two_requests_only_the_new_and_the_corrected_page(two_days):
    raw = two_days["day2"]["raw_pages"]
    assert raw["unchanged_by_sitemap"] == 3 and raw["not_modified"] == 0
    day2_log = list(read_jsonl(two_days["data"] / "lake" / DAY2 / "fetch_log.jsonl"))
    articles = sorted(r["url"].split("/berita/", 1)[1] for r in day2_log if r["kind"] == "article")
    assert articles == sorted(p.split("/berita/", 1)[1] for p in (two_days["edited"], two_days["new"]))
    assert all(r["outcome"] == "ok" for r in day2_log)
    skipped = list(read_jsonl(two_days["data"] / "lake" / DAY2 / "unchanged_by_sitemap.jsonl"))
    assert len(skipped) == 3 and all(r["last_fetched"] for r in skipped)
    assert "unchanged_by_sitemap" in raw["per_source"]
    # the warehouse fetch_log holds requests only: the skipped URLs have no row on day 2
    with duckdb.connect(str(two_days["data"] / "work" / "warehouse.duckdb"), read_only=True) as con:
        outcomes = con.execute("SELECT DISTINCT outcome FROM fetch_log WHERE load_date = ?", [DAY2]).fetchall()
        n = con.execute("SELECT count(*) FROM fetch_log WHERE load_date = ? AND kind = 'article'", [DAY2]).fetchone()
    assert outcomes == [("ok",)] and n == (2,)
    state = read_json(two_days["data"] / "state" / "last_fetched.json", {})
    assert len(state) == 5


@pytest.mark.slow
def test_rerunning_the_day_neither_duplicates_nor_fetches_again(two_days):
    assert two_days["after_again"] == two_days["after2"]
    raw = two_days["again"]["raw_pages"]
    assert raw["already_archived"] >= 2 and raw["unchanged_by_sitemap"] == 3
    day2_log = list(read_jsonl(two_days["data"] / "lake" / DAY2 / "fetch_log.jsonl"))  # both runs' lines
    assert sum(r["kind"] == "article" for r in day2_log) == 2
    assert two_days["after2"]["dim_article"] == two_days["after1"]["dim_article"] + 1  # page 0 moved to day 2


@pytest.mark.slow
def test_reprocess_rereads_the_day_and_changes_nothing(two_days):
    assert two_days["after_reprocess"] == two_days["after2"]
    assert two_days["reprocessed"]["articles"]["articles"] == two_days["day2"]["articles"]["articles"] == 2


@pytest.mark.slow
def test_a_day_run_again_after_a_kill_recovers_the_state_from_its_archive(tmp_path):
    """A run killed after fetching never saved last_fetched.json / validators.json: running the day again
    takes them from the day's WARC (nothing is fetched twice), so the next day still skips."""
    from orchestration.bench.pagegen import generate_site

    site, data = generate_site(tmp_path / "site", 3, seed=7), tmp_path / "data"
    with serve_folder(site, port=0) as base:
        sources = tmp_path / "sources.yaml"
        sources.write_text((site / "sources.yaml").read_text().replace("${BASE_URL}", base))
        _run(data, sources, DAY1)
        state = data / "state" / "last_fetched.json"
        saved = read_json(state, {})
        assert len(saved) == 3
        state.unlink()
        (data / "state" / "validators.json").unlink()
        again = _run(data, sources, DAY1)["raw_pages"]
        assert again["already_archived"] >= 3
        log = list(read_jsonl(data / "lake" / DAY1 / "fetch_log.jsonl"))  # both runs' lines
        assert sum(r["kind"] == "article" for r in log) == 3  # no page fetched twice
        assert read_json(state, {}) == saved
        assert _run(data, sources, DAY2)["raw_pages"]["unchanged_by_sitemap"] == 3
