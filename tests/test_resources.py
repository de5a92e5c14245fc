"""The warehouse resource: DuckDB's memory is bounded (its default is 80% of the machine's)."""
from orchestration.definitions import make_resources


def _limit(tmp_path) -> str:
    with make_resources(data_dir=str(tmp_path))["warehouse"].get_connection() as con:
        return con.execute("SELECT current_setting('memory_limit')").fetchone()[0]


def test_the_warehouse_connection_has_a_memory_limit(tmp_path):
    assert _limit(tmp_path) == "488.2 MiB"  # 512 MB, as DuckDB prints it


def test_the_limit_can_be_set_in_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("SENTRA_DUCKDB_MEMORY_LIMIT", "2GB")
    assert _limit(tmp_path) == "1.8 GiB"
