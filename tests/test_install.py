"""A built wheel installs anywhere: in a fresh virtual environment, `sentra run` from an empty folder
crawls the bundled sample site and publishes its facts (sql/, corrections.yaml and the sample site come
with the wheel, not from the repository)."""
import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import duckdb
import pytest

REPO = Path(__file__).resolve().parents[1]
DAY = "2026-11-22"


def tracked_tree(into: Path) -> Path:
    """The repository's files as git knows them (uncommitted edits included), without .venv, data or a
    previous build: what a fresh clone builds from."""
    files = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=REPO,
                           capture_output=True, check=True).stdout.decode().split("\0")
    for name in filter(None, files):
        if (REPO / name).is_file():
            (into / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / name, into / name)
    return into


@pytest.mark.slow
def test_a_wheel_in_a_fresh_venv_runs_the_sample_day_from_an_empty_folder(tmp_path):
    source = tracked_tree(tmp_path / "source")
    wheels = tmp_path / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation",
                    "-w", str(wheels), str(source)], check=True, timeout=300)
    (wheel,) = wheels.glob("sentra-*.whl")

    # A fresh venv with the wheel installed; its dependencies are borrowed from this venv's site-packages
    # through a .pth line (a plain path: the .pth files there, this repo's editable install among them,
    # are not read), so the test needs no network and no minute of downloads.
    fresh = tmp_path / "fresh"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(fresh)], check=True, timeout=120)
    python = fresh / "bin" / "python"
    site = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          capture_output=True, text=True, check=True).stdout.strip()
    Path(site, "borrowed-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "-q", "--no-deps",
                    "--no-index", str(wheel)], check=True, timeout=300)

    empty = tmp_path / "empty"
    empty.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SENTRA_", "DAGSTER_", "PYTHON"))}
    where = subprocess.run([str(python), "-c", "import warehouse.db as d; print(d.__file__, d.SQL_DIR)"], cwd=empty,
                           env=env, capture_output=True, text=True, check=True).stdout
    assert str(REPO) not in where and "_packaged" in where  # the installed package, not this checkout
    run = subprocess.run([str(fresh / "bin" / "sentra"), "run", "--date", DAY], cwd=empty, env=env,
                         capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stdout + run.stderr
    assert f"{DAY}: succeeded" in run.stdout

    published = empty / "data" / "warehouse.duckdb"
    with duckdb.connect(str(published), read_only=True) as con:
        facts = con.execute("SELECT count(*) FROM fact_indicator").fetchone()[0]
        cities = con.execute("SELECT count(*) FROM dim_city").fetchone()[0]
        corrections = con.execute("SELECT count(*) FROM correction_log").fetchone()[0]
    assert facts > 50 and cities == 514
    assert corrections >= 1  # the corrections.yaml that ships was read
