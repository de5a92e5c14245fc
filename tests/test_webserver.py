"""The real Dagster webserver on 127.0.0.1: it loads the code location, and its GraphQL API shows the asset
graph (keys and groups), the asset checks, the 06:00 Asia/Jakarta schedule and the failure sensor."""
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # whole days through Dagster, or many pages: see tests/conftest.py

ROOT = Path(__file__).resolve().parent.parent
STARTUP_TIMEOUT_S = 90

QUERY = """
{
  assetNodes {
    assetKey { path }
    groupName
    kinds
    owners { ... on TeamAssetOwner { team } }
    assetChecksOrError { ... on AssetChecks { checks { name blocking } } }
  }
  repositoriesOrError {
    ... on RepositoryConnection {
      nodes {
        location { name }
        schedules { name cronSchedule executionTimezone pipelineName }
        sensors { name sensorType }
      }
    }
  }
}
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url: str, timeout: float = 5) -> bytes:
    with urllib.request.urlopen(url, timeout=timeout) as r:
        return r.read()


def graphql(base: str, query: str) -> dict:
    request = urllib.request.Request(f"{base}/graphql", data=json.dumps({"query": query}).encode(),
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as r:
        body = json.loads(r.read())
    assert "errors" not in body, body["errors"]
    return body["data"]


def group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
        return True
    except ProcessLookupError:
        return False


def stop(proc: subprocess.Popen) -> None:
    """SIGTERM to the whole process group (webserver and its code server), SIGKILL if it lingers."""
    pgid = proc.pid  # start_new_session: the webserver leads its own group
    for sig, grace in ((signal.SIGTERM, 20), (signal.SIGKILL, 10)):
        if not group_alive(pgid):
            break
        os.killpg(pgid, sig)
        deadline = time.monotonic() + grace
        while group_alive(pgid) and time.monotonic() < deadline:
            proc.poll()  # reap the leader so the group can empty
            time.sleep(0.2)
    proc.wait(timeout=5)
    assert not group_alive(pgid), "processes of the webserver are left behind"


@pytest.fixture
def webserver(tmp_path):
    home = tmp_path / "dagster_home"
    home.mkdir()
    shutil.copy(ROOT / ".dagster" / "dagster.yaml", home / "dagster.yaml")
    port = free_port()
    env = {**os.environ, "DAGSTER_HOME": str(home), "SENTRA_DATA_DIR": str(tmp_path / "data")}
    env.pop("SENTRA_ALERT_WEBHOOK", None)
    log = (tmp_path / "webserver.log").open("wb")
    webserver_bin = Path(sys.executable).with_name("dagster-webserver")
    proc = subprocess.Popen([str(webserver_bin), "-m", "orchestration.definitions", "-h", "127.0.0.1",
                             "-p", str(port)], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
                            start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + STARTUP_TIMEOUT_S
        while True:
            if proc.poll() is not None:
                pytest.fail(f"webserver exited with {proc.returncode}:\n{(tmp_path / 'webserver.log').read_text()}")
            try:
                info = json.loads(get(f"{base}/server_info"))
                break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                if time.monotonic() > deadline:
                    pytest.fail(f"no /server_info after {STARTUP_TIMEOUT_S} s:\n"
                                f"{(tmp_path / 'webserver.log').read_text()[-3000:]}")
                time.sleep(0.5)
        yield base, info, tmp_path
    finally:
        stop(proc)
        log.close()


def test_the_webserver_shows_assets_checks_schedule_and_sensor(webserver):
    base, info, tmp_path = webserver
    assert info["dagster_version"] == "1.13.27"
    data = graphql(base, QUERY)

    nodes = {"/".join(n["assetKey"]["path"]): n for n in data["assetNodes"]}
    groups = {k: n["groupName"] for k, n in nodes.items()}
    assert set(groups.values()) == {"ingestion", "extraction", "warehouse", "bi"}
    assert groups.items() >= {
        "raw_pages": "ingestion",
        "articles": "extraction", "extractions": "extraction",
        "static_dimensions": "warehouse", "fetch_log": "warehouse", "dim_article": "warehouse",
        "dim_sentra": "warehouse", "fact_indicator": "warehouse",
        "bi_views": "bi", "published_warehouse": "bi",
    }.items()  # the assets this test knows; others may join the groups
    for key, node in nodes.items():
        assert node["kinds"], key
        assert node["owners"] == [{"team": "data-engineering"}], key

    checks = {(key, c["name"]): c["blocking"] for key, n in nodes.items()
              for c in n["assetChecksOrError"].get("checks", [])}
    assert checks.items() >= {
        ("fact_indicator", "fact_city_in_dim_city"): True,
        ("fact_indicator", "no_duplicate_facts"): True,
        ("fact_indicator", "values_positive_and_plausible"): True,
        ("fact_indicator", "star_references_resolve"): True,
        ("fact_indicator", "facts_per_day_not_dropped"): False,
        ("fetch_log", "sources_not_silent"): False,
        ("fetch_log", "fetch_failure_share_low"): False,
    }.items()

    (repo,) = data["repositoriesOrError"]["nodes"]
    assert repo["location"]["name"] == "orchestration.definitions"
    assert repo["schedules"] == [{"name": "daily_refresh_schedule", "cronSchedule": "0 6 * * *",
                                  "executionTimezone": "Asia/Jakarta", "pipelineName": "daily_refresh"}]
    assert repo["sensors"] == [{"name": "sentra_failure_alert", "sensorType": "RUN_STATUS"}]

    # loading the code location opened no warehouse
    assert not list(tmp_path.rglob("*.duckdb"))

    # no "Join the Dagster community" modal on a first visit (nux: enabled: false in .dagster/dagster.yaml)
    assert graphql(base, "{ shouldShowNux }") == {"shouldShowNux": False}
