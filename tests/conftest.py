"""What every test module shares: the `slow` marker, a clean SENTRA_* environment, a warehouse with its
static dimensions (`db`) and the hostile news site (`hostile`).

`make test-fast` runs everything but the tests marked slow (`@pytest.mark.slow`: a wheel built and
installed, whole days through Dagster more than once, the webserver, the benchmark); `make test` runs all.
"""
import shutil

import pytest

from scrapers.reading.places import all_cities
from tests.hostile_server import hostile  # noqa: F401  (fixture, offered to every module)
from warehouse import rows as wr
from warehouse.db import connect, run_sql_file
from warehouse.lake import write_jsonl
from warehouse.settings import VARIABLES


def pytest_configure(config):
    config.addinivalue_line("markers", "slow: takes more than a few seconds (left out by `make test-fast`)")


@pytest.fixture(autouse=True)
def no_sentra_settings(monkeypatch):
    """A developer's SENTRA_* variables (another data folder, a webhook) do not reach the tests."""
    for name in VARIABLES:
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(scope="session")
def static_warehouse(tmp_path_factory):
    """The schema and the static dimensions, loaded once per session (half a second each time)."""
    folder = tmp_path_factory.mktemp("static-warehouse")
    path = folder / "work.duckdb"
    with connect(path) as con:
        run_sql_file(con, "schema.sql")
        cities = folder / "cities.jsonl"
        write_jsonl(cities, wr.city_rows(all_cities()))
        run_sql_file(con, "load/dim_city.sql", path=str(cities))
        run_sql_file(con, "load/dim_indicator.sql")
        run_sql_file(con, "load/dim_date.sql", first="2025-01-01", last="2027-12-31")
    return path


@pytest.fixture
def db(tmp_path, static_warehouse):
    """A working warehouse file of this test's own, with the schema and the static dimensions (no day yet)."""
    path = tmp_path / "work.duckdb"
    shutil.copyfile(static_warehouse, path)
    return path
