"""`sentra docs`: the committed data dictionary and ERD are what the SQL generates today."""
from pathlib import Path

from click.testing import CliRunner

from orchestration.cli import main
from warehouse.docs import build_empty_warehouse, describe, generate_docs, references

DOCS = Path(__file__).resolve().parent.parent / "docs"


def test_committed_docs_are_up_to_date(tmp_path):
    result = CliRunner().invoke(main, ["docs", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    for name in ("data_dictionary.md", "erd.md"):
        fresh = (tmp_path / name).read_text(encoding="utf-8")
        committed = (DOCS / name).read_text(encoding="utf-8") if (DOCS / name).exists() else ""
        assert fresh == committed, f"docs/{name} is stale: run `.venv/bin/sentra docs` and commit docs/"


def test_every_table_view_and_column_is_documented():
    con = build_empty_warehouse()
    rels = describe(con)
    missing = [r.name for r in rels if not r.comment]
    # correction_fact_original is a copy of fact_indicator's columns (documented there)
    missing += [f"{r.name}.{c.name}" for r in rels if r.name != "correction_fact_original"
                for c in r.columns if not c.comment]
    assert missing == [], "add COMMENT ON to sql/comments.sql (tables) or the view's file"


def test_the_erd_draws_the_star():
    rels = describe(build_empty_warehouse())
    refs = {(d, t, c) for d, t, c, _ in references(rels)}
    assert {("dim_city", "fact_indicator", "city_key"), ("dim_date", "fact_indicator", "date_key"),
            ("dim_indicator", "fact_indicator", "indicator_key"), ("dim_article", "fact_indicator", "article_key"),
            ("dim_sentra", "fact_indicator", "sentra_key")} <= refs


def test_generate_docs_from_a_loaded_warehouse_matches(tmp_path):
    # docs do not depend on the rows: an empty warehouse and the committed docs agree
    paths = generate_docs(tmp_path)
    assert [p.name for p in paths] == ["data_dictionary.md", "erd.md"]
    assert "```mermaid\nerDiagram" in paths[1].read_text()
