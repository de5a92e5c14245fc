"""Bad input gets one line that names the file, key or line and what is expected; exit 2 for a wrong
command line, 1 otherwise; no traceback unless SENTRA_DEBUG=1; nothing starts before the input is good.
The six inputs of issue #16, and a bad SENTRA_* variable."""
import json
import os
import subprocess
import sys

import dagster as dg
import pytest
from click.testing import CliRunner

from orchestration.cli import main


def sentra(*args, env=None):
    return CliRunner().invoke(main, list(args), env=env)


def one_line(result) -> str:
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.output
    return lines[0]


@pytest.fixture
def data_dir(tmp_path):
    return tmp_path / "data"


def assert_nothing_ran(data_dir):
    assert not data_dir.exists()  # no lake, no archive, no warehouse: the run never started


@pytest.mark.parametrize("content, said", [
    # not YAML: the file and the line
    ("sources:\n  - name: a\n    kind: [news\n", ["not valid YAML at line"]),
    # no 'sources:' key
    ("- name: a\n  kind: news\n  feed: https://a.example/rss\n", ["'sources:'"]),
    # a bad value: the source, the key and what is allowed
    ("sources:\n  - name: kabar\n    kind: koran\n    feed: https://a.example/rss\n",
     ["'kabar'", "'kind'", "news, agency, open_data"]),
])
def test_a_bad_sources_file_is_named_in_one_line_and_nothing_runs(tmp_path, data_dir, content, said):
    bad = tmp_path / "sources.yaml"
    bad.write_text(content)
    result = sentra("run", "--date", "2026-11-22", "--sources", str(bad), "--data-dir", str(data_dir))
    assert result.exit_code == 1
    line = one_line(result)
    assert str(bad) in line
    for words in said:
        assert words in line
    assert_nothing_ran(data_dir)


@pytest.mark.parametrize("args", [["--date", "2026-13-45"], ["--from", "2026-11-01", "--to", "tomorrow"]])
def test_a_date_that_is_not_a_day(data_dir, args):
    result = sentra("run", *args, "--data-dir", str(data_dir))
    assert result.exit_code == 2
    line = one_line(result)
    assert "YYYY-MM-DD" in line and ("2026-13-45" in line or "tomorrow" in line)
    assert_nothing_ran(data_dir)


def test_export_of_a_warehouse_that_is_not_there(tmp_path):
    result = sentra("export", "--parquet", str(tmp_path / "out"), "--warehouse", str(tmp_path / "missing.duckdb"))
    assert result.exit_code == 2
    assert "missing.duckdb" in one_line(result)
    # without --warehouse: the default place, and exit 1 (nothing on the command line was wrong)
    result = sentra("report", "--data-dir", str(tmp_path / "nothing-here"))
    assert result.exit_code == 1
    assert "nothing-here" in one_line(result)


def test_extract_of_a_page_that_is_not_there(tmp_path):
    """A real process: the exit code is the one a script sees, and the error line is still printed."""
    page = tmp_path / "page.html"
    page.write_text("<html><head><title>Sentra batik</title></head><body><p>Sentra batik.</p></body></html>")
    proc = subprocess.run([sys.executable, "-m", "orchestration.cli", "extract", str(page),
                           str(tmp_path / "missing.html")], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1
    good, bad = (json.loads(line) for line in proc.stdout.splitlines())
    assert not good.get("error")
    assert "missing.html" in bad["error"] and "Traceback" not in proc.stderr


def test_a_corrections_file_that_is_not_yaml(tmp_path, data_dir):
    bad = tmp_path / "corrections.yaml"
    bad.write_text("corrections:\n  - id: a\n    action: reject_fact\n   fact: {fact_key: 1}\n")
    result = sentra("run", "--date", "2026-11-22", "--data-dir", str(data_dir), env={"SENTRA_CORRECTIONS": str(bad)})
    assert result.exit_code == 1
    line = one_line(result)
    assert str(bad) in line and "line 4" in line
    assert_nothing_ran(data_dir)


def test_a_correction_that_cannot_apply_is_named(tmp_path, data_dir):
    bad = tmp_path / "corrections.yaml"
    bad.write_text("corrections:\n  - id: typo\n    action: fix_fact\n    fact: {fact_key: 1}\n    set: {value: -3}\n")
    result = sentra("run", "--date", "2026-11-22", "--data-dir", str(data_dir), env={"SENTRA_CORRECTIONS": str(bad)})
    assert result.exit_code == 1
    line = one_line(result)
    assert "correction typo" in line and "set.value must be positive" in line


def test_a_bad_variable_is_named_and_debug_shows_the_traceback(data_dir):
    result = sentra("run", "--date", "2026-11-22", "--data-dir", str(data_dir),
                    env={"SENTRA_DUCKDB_MEMORY_LIMIT": "lots"})
    assert result.exit_code == 1
    assert "SENTRA_DUCKDB_MEMORY_LIMIT='lots': expected a size" in one_line(result)
    result = sentra("run", "--date", "2026-11-22", "--data-dir", str(data_dir),
                    env={"SENTRA_DUCKDB_MEMORY_LIMIT": "lots", "SENTRA_DEBUG": "1"})
    assert result.exit_code == 1 and "Traceback" in result.stderr


def test_a_bad_sources_file_met_by_a_step_is_not_retried(tmp_path):
    """In a run `dg` launched (no `sentra run` to check first), raw_pages fails once: neither its retry
    policy nor the instance's run retries try again what no retry can fix."""
    from assets.ingestion import raw_pages
    from assets.resources import NO_RUN_RETRY_TAG, SentraSettings

    bad = tmp_path / "sources.yaml"
    bad.write_text("sources: {}\n")
    with dg.instance_for_test() as instance:
        result = dg.materialize([raw_pages], partition_key="2026-11-22", instance=instance, raise_on_error=False,
                                resources={"settings": SentraSettings(data_dir=str(tmp_path / "d"),
                                                                      sources_file=str(bad))})
        assert not result.success
        kinds = [e.event_type_value for e in result.all_events]
        assert "STEP_UP_FOR_RETRY" not in kinds and kinds.count("STEP_FAILURE") == 1
        (failure,) = [e for e in result.all_events if e.event_type_value == "STEP_FAILURE"]
        assert "'sources' must be a list" in failure.event_specific_data.error.message
        assert instance.get_run_by_id(result.run_id).tags[NO_RUN_RETRY_TAG] == "false"


def test_a_data_folder_that_is_a_file(tmp_path):
    data = tmp_path / "data"
    data.write_text("not a folder")
    result = sentra("run", "--date", "2026-11-22", "--data-dir", str(data))
    assert result.exit_code == 2  # named on the command line
    assert str(data) in one_line(result)
    result = sentra("run", "--date", "2026-11-22", env={"SENTRA_DATA_DIR": str(data / "sub")})
    assert result.exit_code == 1  # named by a variable
    line = one_line(result)
    assert str(data / "sub") in line and "is a file, not a folder" in line
    assert data.read_text() == "not a folder"


def test_a_sources_file_that_is_not_there(tmp_path, data_dir):
    result = sentra("run", "--date", "2026-11-22", "--sources", str(tmp_path / "nope.yaml"), "--data-dir", str(data_dir))
    assert result.exit_code == 2
    assert "nope.yaml" in one_line(result)
    assert_nothing_ran(data_dir)


@pytest.mark.slow
def test_a_step_that_fails_is_one_line_of_the_summary_without_a_traceback(tmp_path):
    """A failure no check can foresee (here DuckDB out of memory under a 2MB limit): the day's line says
    FAILED, the failed step is one line with the innermost error, Dagster's log with its stack traces
    stays in the run's log (the UI), and the exit code is 1."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SENTRA_", "DAGSTER_HOME"))}
    env["SENTRA_DUCKDB_MEMORY_LIMIT"] = "2MB"
    proc = subprocess.run([sys.executable, "-m", "orchestration.cli", "run", "--date", "2026-11-22",
                           "--data-dir", str(tmp_path / "data")], env=env, capture_output=True, text=True,
                          timeout=300)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stdout + proc.stderr and "Stack Trace" not in proc.stdout + proc.stderr
    assert "2026-11-22: FAILED" in proc.stdout
    (step,) = [line for line in proc.stdout.splitlines() if line.startswith("  ! ")]
    assert "OutOfMemory" in step
