"""`sentra report`: one self-contained HTML page about the published warehouse.

Inline CSS and SVG only: no script, no font, no image, nothing fetched, so the page opens the same
offline, attached to an e-mail or on a file share. The numbers come from sql/report/*.sql, run on the
published file opened read-only:

- headline numbers (summary.sql);
- sentra per province and commodity group, as stacked bars (sentra_by_province.sql);
- indicators by city: the value v_city_indicator_latest shows, linked to its article (indicators_by_city.sql);
- coverage over time: articles and facts per month, kab/kota covered so far (coverage_by_month.sql);
- the newest facts with links to their articles (newest_facts.sql).
"""
from __future__ import annotations

import html
import os
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

import duckdb

from warehouse.db import connect, query_rows

PALETTE = ["#2f6f9f", "#e0803a", "#4e9a5b", "#c2474f", "#7d5ba6", "#8c6d46", "#d47fb6", "#6f7782",
           "#b5b83a", "#3fb3c2"]
BULAN = ["", "Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"]


def query(con: duckdb.DuckDBPyConnection, name: str, **params: Any) -> list[dict]:
    """Rows of the one statement in sql/report/<name>.sql, as dicts."""
    cols, rows = query_rows(con, f"report/{name}.sql", **params)
    return [dict(zip(cols, row)) for row in rows]


def esc(value: Any) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def number(value: float | None, unit: str | None = None) -> str:
    """Indonesian style: 1.234 and Rp 9,6 miliar."""
    if value is None:
        return ""
    if unit in ("IDR", "USD"):
        prefix = "Rp " if unit == "IDR" else "US$ "
        for size, word in ((1e12, "triliun"), (1e9, "miliar"), (1e6, "juta")):
            if abs(value) >= size:
                return f"{prefix}{value / size:,.1f} {word}".replace(",", "_").replace(".", ",").replace("_", ".")
        return prefix + f"{value:,.0f}".replace(",", ".")
    text = f"{value:,.2f}".rstrip("0").rstrip(".") if value != int(value) else f"{value:,.0f}"
    return text.replace(",", "_").replace(".", ",").replace("_", ".")


def link(url: str | None, text: str) -> str:
    """A link only to an http(s) address; anything else is shown as text."""
    if url and url.startswith(("http://", "https://")):
        return f'<a href="{esc(url)}" rel="noopener noreferrer">{text}</a>'
    return text


def sentra_chart(rows: list[dict], max_provinces: int = 15) -> str:
    """Horizontal stacked bars: one per province, a segment per commodity group."""
    if not rows:
        return "<p class='empty'>Belum ada sentra.</p>"
    provinces: dict[str, dict[str, int]] = {}
    for r in rows:
        provinces.setdefault(r["province_name"], {})[r["commodity_group"]] = r["n_sentra"]
    groups = sorted({r["commodity_group"] for r in rows},
                    key=lambda g: (-sum(p.get(g, 0) for p in provinces.values()), g))
    color = {g: PALETTE[i % len(PALETTE)] for i, g in enumerate(groups)}
    shown = list(provinces.items())[:max_provinces]
    total_max = max(sum(p.values()) for _, p in shown)
    label_w, bar_w, row_h, top = 190, 460, 22, 8
    height = top + row_h * len(shown) + 8
    out = [f'<svg class="chart" viewBox="0 0 {label_w + bar_w + 50} {height}" width="{label_w + bar_w + 50}" '
           f'height="{height}" role="img" aria-label="Sentra per provinsi dan kelompok komoditas">']
    for i, (province, counts) in enumerate(shown):
        y = top + i * row_h
        out.append(f'<text x="{label_w - 6}" y="{y + 14}" text-anchor="end">{esc(province)}</text>')
        x = float(label_w)
        for g in groups:
            n = counts.get(g, 0)
            if not n:
                continue
            w = bar_w * n / total_max
            out.append(f'<rect x="{x:.1f}" y="{y + 3}" width="{w:.1f}" height="{row_h - 6}" fill="{color[g]}">'
                       f'<title>{esc(province)}: {n} sentra {esc(g)}</title></rect>')
            x += w
        out.append(f'<text x="{x + 5:.1f}" y="{y + 14}">{sum(counts.values())}</text>')
    out.append("</svg>")
    legend = "".join(f'<span class="key"><i style="background:{color[g]}"></i>{esc(g)}</span>' for g in groups)
    more = (f"<p class='note'>{len(provinces) - max_provinces} provinsi lain tidak ditampilkan.</p>"
            if len(provinces) > max_provinces else "")
    return "\n".join(out) + f'<div class="legend">{legend}</div>{more}'


def coverage_chart(rows: list[dict]) -> str:
    """Bars: facts per month; line: kab/kota covered so far."""
    if not rows:
        return "<p class='empty'>Belum ada artikel.</p>"
    w, h, left, bottom, top = 700, 220, 44, 34, 12
    inner_w, inner_h = w - left - 44, h - top - bottom
    step = inner_w / len(rows)
    max_facts = max(r["n_facts"] for r in rows) or 1
    max_cities = max(r["n_cities_covered"] for r in rows) or 1
    out = [f'<svg class="chart" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" '
           'aria-label="Cakupan per bulan">',
           f'<line x1="{left}" y1="{top + inner_h}" x2="{left + inner_w}" y2="{top + inner_h}" class="axis"/>',
           f'<text x="{left - 4}" y="{top + 8}" text-anchor="end" class="facts">{max_facts}</text>',
           f'<text x="{left + inner_w + 4}" y="{top + 8}" class="cities">{max_cities}</text>']
    points = []
    label_every = max(1, len(rows) // 8)
    year_every = max(1, round(len(rows) / 12 / 10))  # at most about ten year labels
    for i, r in enumerate(rows):
        x = left + i * step
        bh = inner_h * r["n_facts"] / max_facts if r["n_facts"] else 0
        out.append(f'<rect x="{x + step * 0.15:.1f}" y="{top + inner_h - bh:.1f}" width="{step * 0.7:.1f}" '
                   f'height="{bh:.1f}" class="bar"><title>{BULAN[r["month"]]} {r["year"]}: {r["n_facts"]} fakta, '
                   f'{r["n_articles"]} artikel, {r["n_cities_covered"]} kab/kota</title></rect>')
        points.append(f"{x + step / 2:.1f},{top + inner_h - inner_h * r['n_cities_covered'] / max_cities:.1f}")
        if len(rows) > 24 and r["month"] == 1 and (r["year"] % year_every == 0):
            out.append(f'<text x="{x:.1f}" y="{h - bottom + 16}" text-anchor="middle">{r["year"]}</text>')
        elif len(rows) <= 24 and (i % label_every == 0 or i == len(rows) - 1):
            out.append(f'<text x="{x + step / 2:.1f}" y="{h - bottom + 16}" text-anchor="middle">'
                       f'{BULAN[r["month"]]} {str(r["year"])[2:]}</text>')
    out.append(f'<polyline points="{" ".join(points)}" class="line"/>')
    out.append("</svg>")
    out.append('<div class="legend"><span class="key"><i class="bar"></i>fakta per bulan (sumbu kiri)</span>'
               '<span class="key"><i class="line"></i>kab/kota tercakup, kumulatif (sumbu kanan)</span></div>')
    return "\n".join(out)


def indicator_table(rows: list[dict]) -> str:
    if not rows:
        return "<p class='empty'>Belum ada indikator.</p>"
    codes = sorted({r["indicator_code"] for r in rows})
    cities: dict[str, dict] = {}
    for r in rows:
        cities.setdefault(r["kemendagri_code"], {"name": r["city_name"], "province": r["province_name"],
                                                 "values": {}})["values"][r["indicator_code"]] = r
    head = "".join(f"<th>{esc(c.replace('_', ' '))}</th>" for c in codes)
    body = []
    for code, city in cities.items():
        cells = []
        for c in codes:
            r = city["values"].get(c)
            if not r:
                cells.append("<td></td>")
                continue
            title = f"tahun {r['reference_year'] or '?'}; {r['n_statements']} pernyataan"
            cells.append(f'<td class="num" title="{esc(title)}">{link(r["article_url"], esc(number(r["value"], r["unit"])))}'
                         + (f"<sup>{r['n_statements']}</sup>" if r["n_statements"] > 1 else "") + "</td>")
        body.append(f"<tr><th scope='row'>{esc(city['name'])}<small>{esc(city['province'])}</small></th>"
                    + "".join(cells) + "</tr>")
    return (f"<div class='scroll'><table><thead><tr><th>kab/kota</th>{head}</tr></thead><tbody>"
            + "".join(body) + "</tbody></table></div>"
            "<p class='note'>Nilai yang dipilih v_city_indicator_latest (seluruh kota di atas satu sentra, tahun "
            "terbaru, dinas di atas berita, terbit lebih baru, angka pasti di atas perkiraan); angka kecil = "
            "jumlah pernyataan. Klik nilai untuk membuka artikelnya.</p>")


def newest_table(rows: list[dict]) -> str:
    if not rows:
        return "<p class='empty'>Belum ada fakta.</p>"
    body = []
    for r in rows:
        title = esc(r["title"] or r["article_url"])
        body.append(
            f"<tr><td class='date'>{esc(r['date'])}</td><td>{esc(r['indicator_name'])}</td>"
            f"<td class='num'>{esc(number(r['value'], r['unit']))}</td><td>{esc(r['place'])}"
            + (f"<small>{esc(r['sentra_name'])}</small>" if r["sentra_name"] else "")
            + f"</td><td>{link(r['article_url'], title)}<small>{esc(r['source'])}</small>"
            f"<blockquote>{esc(r['evidence'])}</blockquote></td></tr>")
    return ("<div class='scroll'><table><thead><tr><th>tanggal</th><th>indikator</th><th>nilai</th>"
            "<th>tempat</th><th>artikel dan kalimatnya</th></tr></thead><tbody>" + "".join(body)
            + "</tbody></table></div>")


CSS = """
:root { --ink: #1f2a33; --muted: #5f6b76; --line: #d9dee3; --accent: #2f6f9f; --warn: #c2474f; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink);
       margin: 0; background: #f6f7f8; }
header { background: var(--accent); color: #fff; padding: 18px 28px; }
header h1 { margin: 0; font-size: 22px; } header p { margin: 4px 0 0; opacity: .9; }
main { max-width: 1100px; margin: 0 auto; padding: 18px 28px 40px; }
section { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 14px 18px; margin: 16px 0; }
h2 { font-size: 17px; margin: 0 0 10px; }
.tiles { display: flex; flex-wrap: wrap; gap: 12px; }
.tile { flex: 1 1 120px; background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 10px 14px; }
.tile b { display: block; font-size: 24px; } .tile span { color: var(--muted); }
.tile.warn b { color: var(--warn); }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 5px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
thead th { font-size: 12px; color: var(--muted); text-transform: uppercase; letter-spacing: .02em; }
td.num { text-align: right; white-space: nowrap; } td.date { white-space: nowrap; }
small { display: block; color: var(--muted); font-size: 12px; font-weight: normal; }
sup { color: var(--muted); margin-left: 2px; }
blockquote { margin: 4px 0 0; padding-left: 8px; border-left: 3px solid var(--line); color: var(--muted); }
a { color: var(--accent); }
.scroll { overflow-x: auto; }
.chart { max-width: 100%; height: auto; font-size: 12px; fill: var(--ink); }
.chart .axis { stroke: var(--muted); } .chart .bar { fill: #9cc3e0; }
.chart .line { fill: none; stroke: var(--warn); stroke-width: 2; }
.chart .facts { fill: #5b8db5; } .chart .cities { fill: var(--warn); }
.legend { margin-top: 6px; } .key { display: inline-block; margin-right: 14px; color: var(--muted); }
.key i { display: inline-block; width: 11px; height: 11px; margin-right: 5px; vertical-align: -1px; border-radius: 2px; }
.key i.bar { background: #9cc3e0; } .key i.line { background: var(--warn); height: 3px; vertical-align: 3px; }
.note, .empty { color: var(--muted); font-size: 12px; }
footer { color: var(--muted); font-size: 12px; text-align: center; padding-bottom: 24px; }
"""


def build_html(con: duckdb.DuckDBPyConnection, source: str, max_cities: int = 20, newest: int = 25) -> str:
    s = query(con, "summary")[0]
    tiles = [("artikel tentang IKM", s["n_articles"]), ("fakta", s["n_facts"]), ("sentra", s["n_sentra"]),
             ("kab/kota dengan fakta", s["n_cities"]), ("provinsi dengan sentra", s["n_provinces"])]
    tile_html = "".join(f"<div class='tile'><b>{number(n)}</b><span>{esc(label)}</span></div>" for label, n in tiles)
    tile_html += (f"<div class='tile{' warn' if s['n_conflicts'] else ''}'><b>{number(s['n_conflicts'])}</b>"
                  "<span>nilai yang bertentangan (v_indicator_conflicts)</span></div>")
    generated = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    last = s["last_load_date"].isoformat() if isinstance(s["last_load_date"], date) else "—"
    return f"""<!DOCTYPE html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sentra IKM: laporan gudang data</title>
<style>{CSS}</style>
</head>
<body>
<header><h1>Sentra IKM di Indonesia</h1>
<p>Fakta dari berita daerah dan situs dinas, sampai muatan {esc(last)}. Dibuat {esc(generated)} dari
{esc(os.path.basename(source))}.</p></header>
<main>
<div class="tiles">{tile_html}</div>
<section id="sentra"><h2>Sentra per provinsi dan kelompok komoditas</h2>
{sentra_chart(query(con, "sentra_by_province"))}</section>
<section id="indikator"><h2>Indikator per kab/kota</h2>
{indicator_table(query(con, "indicators_by_city", max_cities=max_cities))}</section>
<section id="cakupan"><h2>Cakupan dari waktu ke waktu</h2>
{coverage_chart(query(con, "coverage_by_month"))}</section>
<section id="terbaru"><h2>Fakta terbaru</h2>
{newest_table(query(con, "newest_facts", limit=newest))}</section>
</main>
<footer>Sentra: setiap fakta membawa kalimat asalnya. Gudang data: DuckDB, tabel dan view didokumentasikan di
docs/data_dictionary.md.</footer>
</body>
</html>
"""


def render_report(warehouse: Path | str, out_path: Path | str) -> Path:
    """Write the report of `warehouse` (opened read-only) to out_path, atomically; returns the path."""
    warehouse, out_path = Path(warehouse), Path(out_path)
    if not warehouse.exists():
        raise FileNotFoundError(f"no warehouse at {warehouse}: run `sentra run` first")
    with connect(warehouse, read_only=True) as con:
        text = build_html(con, str(warehouse))
    out_path.parent.mkdir(parents=True, exist_ok=True)
    tmp = out_path.with_name(f".{out_path.name}.{os.getpid()}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, out_path)
    return out_path
