"""One settings module: every SENTRA_* variable is read there, the README's table lists the same ones, a
flag overrides its variable, and the `sentra` command and the code location `dg` loads agree."""
import re
import subprocess
import sys
from pathlib import Path

import pytest

from warehouse.settings import VARIABLES, Settings, SettingsError

ROOT = Path(__file__).resolve().parents[1]


def test_the_readme_table_lists_every_variable_and_no_other():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme[readme.index("## Settings"):].split("\n## ")[0]
    assert set(re.findall(r"^\| `(SENTRA_[A-Z_]+)`", table, re.M)) == set(VARIABLES)


def test_no_module_but_settings_reads_a_sentra_variable():
    readers = []
    for folder in ("assets", "orchestration", "scrapers", "warehouse"):
        for path in (ROOT / folder).rglob("*.py"):
            text = path.read_text(encoding="utf-8")
            if re.search(r"environ(\.get)?\s*[\[(]\s*[\"']SENTRA_|getenv\(\s*[\"']SENTRA_", text):
                readers.append(str(path.relative_to(ROOT)))
    assert readers == []


def test_flags_override_the_environment(tmp_path):
    env = {"SENTRA_DATA_DIR": str(tmp_path / "env-data"), "SENTRA_WAREHOUSE": str(tmp_path / "env.duckdb"),
           "SENTRA_FACTS_MIN_RATIO": "0.25"}
    from_env = Settings.from_env(env)
    assert from_env.data_dir == tmp_path / "env-data" and from_env.published_warehouse == tmp_path / "env.duckdb"
    assert from_env.work_warehouse == tmp_path / "env-data" / "work" / "warehouse.duckdb"
    assert from_env.facts_min_ratio == 0.25
    flagged = Settings.from_env(env, data_dir=str(tmp_path / "flag-data"), warehouse_file=None)
    assert flagged.data_dir == tmp_path / "flag-data"
    assert flagged.published_warehouse == tmp_path / "env.duckdb"  # a flag not given leaves its variable
    assert Settings.from_env({}).published_warehouse == Path("data") / "warehouse.duckdb"


@pytest.mark.parametrize("name, value, expected", [
    ("SENTRA_FACTS_MIN_RATIO", "half", "between 0 and 1"),
    ("SENTRA_READER_PROCESSES", "0", "at least 1"),
    ("SENTRA_DUCKDB_MEMORY_LIMIT", "lots", "512MB"),
    ("SENTRA_DEBUG", "maybe", "1 or 0"),
])
def test_a_bad_value_names_the_variable_and_what_it_expects(name, value, expected):
    with pytest.raises(SettingsError) as error:
        Settings.from_env({name: value})
    assert str(error.value).startswith(f"{name}={value!r}: expected") and expected in str(error.value)


@pytest.mark.slow
def test_sentra_and_the_code_location_point_at_the_same_files(tmp_path, monkeypatch):
    """SENTRA_WAREHOUSE and SENTRA_DATA_DIR reach the resources of the code location (`dg`) and of
    `sentra run` alike; before issue #16 `sentra run` ignored SENTRA_WAREHOUSE."""
    monkeypatch.setenv("SENTRA_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("SENTRA_WAREHOUSE", str(tmp_path / "bi" / "w.duckdb"))
    code = ("from orchestration.definitions import defs; r = defs.resources; "
            "print(r['warehouse'].database); print(r['warehouse'].published_database); print(r['settings'].data_dir)")
    loaded = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert loaded.stdout.split() == [str(tmp_path / "data" / "work" / "warehouse.duckdb"),
                                     str(tmp_path / "bi" / "w.duckdb"), str(tmp_path / "data")]

    from orchestration.definitions import make_resources

    resources = make_resources()  # as `sentra run` builds them, without flags
    assert resources["warehouse"].published_database == str(tmp_path / "bi" / "w.duckdb")
    assert make_resources(warehouse_file=str(tmp_path / "flag.duckdb"))["warehouse"].published_database == \
        str(tmp_path / "flag.duckdb")


def test_sentra_reads_sentra_warehouse_and_a_flag_overrides_it(tmp_path, db):
    from click.testing import CliRunner

    from orchestration.cli import main

    out = tmp_path / "parquet"
    result = CliRunner().invoke(main, ["export", "--parquet", str(out)], env={"SENTRA_WAREHOUSE": str(db)})
    assert result.exit_code == 0, result.output
    assert (out / "dim_city.parquet").exists()
    result = CliRunner().invoke(main, ["export", "--parquet", str(out), "--warehouse", str(tmp_path / "other.duckdb")],
                                env={"SENTRA_WAREHOUSE": str(db)})
    assert result.exit_code == 2 and "other.duckdb" in result.stderr
