"""`make distributed-check OUT=DIR`: the Celery deployment on this machine, checked against `sentra run`.

Starts, each in its own process group and throwaway folder under a temporary directory: Redis (Celery
broker and the shared per-host rate limit) and PostgreSQL (the Dagster instance's storage) on 127.0.0.1,
the bundled sample site as three sources on three hosts (127.0.0.2-4, one source each), a code server
(orchestration.deploy.definitions), dagster-daemon (the run queue) and two Celery workers of
concurrency 1. Then it fills DAYS in-process with `sentra run` and through the deployment (two queued
runs, each source-day a Celery task), and leaves in DIR:

  in_process.duckdb, distributed.duckdb   the two published warehouses
  host_rates.json                         {host: {"limit_rps", "max_rps_observed", ...}} for the
                                          distributed runs: the most requests in any one second
  report.json                             timings, steps per worker, differences (if any)
  logs/                                   every server's and worker's output

Exits 0 only when both warehouses hold the same facts and keys (orchestration.deploy.compare), both
workers took steps, and no host saw more than its limit. Everything started is stopped at the end, also
on failure or Ctrl-C (the process groups are killed).
"""
from __future__ import annotations

import argparse
import contextlib
import functools
import json
import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from http.server import ThreadingHTTPServer
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DEPLOY = Path(__file__).resolve().parent
DAYS = ["2026-11-21", "2026-11-22"]
#: the three sources of the check, each on its own host; the rate is low enough that politeness is what
#: sets the crawl's pace
SOURCES = [("kabar-priangan", "127.0.0.2", "sitemap", "${BASE_URL}/sitemap.xml", "/kabar-priangan/berita/"),
           ("warta-pesisir", "127.0.0.3", "feed", "${BASE_URL}/rss.xml", "/warta-pesisir/berita/"),
           ("suara-nusantara", "127.0.0.4", "listing", "${BASE_URL}/suara-nusantara/indeks.html", "/berita/")]
LIMIT_RPS = 4.0
BIN = Path(sys.executable).parent


def log(msg: str) -> None:
    print(f"[distributed-check {time.strftime('%H:%M:%S')}] {msg}", flush=True)


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as s:
        s.bind((host, 0))
        return s.getsockname()[1]


def wait_port(port: int, what: str, proc: subprocess.Popen | None = None, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"{what} exited with {proc.returncode} before listening (see its log)")
        time.sleep(0.2)
    raise RuntimeError(f"{what} did not listen on port {port} within {timeout:.0f}s")


class Processes:
    """Every background process started, each the leader of its own process group; stop() kills the groups."""

    def __init__(self, logs: Path):
        self.logs = logs
        self.started: list[tuple[str, subprocess.Popen]] = []

    def start(self, name: str, args: list[str], env: dict | None = None, user: str | None = None,
              cwd: Path = REPO) -> subprocess.Popen:
        out = open(self.logs / f"{name}.log", "ab")
        kwargs = {"user": user} if user else {}
        proc = subprocess.Popen(args, env=env, cwd=cwd, stdout=out, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL, start_new_session=True, **kwargs)
        out.close()
        self.started.append((name, proc))
        return proc

    def stop(self, grace: float = 8) -> None:
        for name, proc in reversed(self.started):
            if proc.poll() is None:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(proc.pid, signal.SIGTERM)
        deadline = time.monotonic() + grace
        for name, proc in reversed(self.started):
            try:
                proc.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                pass
            # the group may outlive its leader (celery's pool child, postgres' backends): kill what is left
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(proc.pid, signal.SIGKILL)
            with contextlib.suppress(subprocess.TimeoutExpired):
                proc.wait(timeout=5)


# ------------------------------------------------------------------ the three hosts of the sample site
class Site:
    """The sample site served on three loopback hosts, one source each, counting every request's arrival."""

    def __init__(self, port: int):
        from scrapers.local_site import SAMPLE_SITE, _SiteHandler

        self.port = port
        self.arrivals: list[tuple[str, float, str]] = []  # (host, time, phase)
        self.phase = "idle"
        self.paths: list[str] = []
        self.servers = []
        lock = threading.Lock()
        site = self

        for _, host, *_ in SOURCES:
            class Handler(_SiteHandler):
                base_url = f"http://{host}:{port}"

                def send_head(self):
                    with lock:
                        site.arrivals.append((self.server.server_address[0], time.monotonic(), site.phase))
                        site.paths.append(self.path)
                    return super().send_head()

            try:
                server = ThreadingHTTPServer((host, port), functools.partial(Handler, directory=str(SAMPLE_SITE)))
            except OSError:
                self.stop()  # the hosts already serving
                raise
            threading.Thread(target=server.serve_forever, daemon=True).start()
            self.servers.append(server)

    def sources_yaml(self) -> str:
        lines = ["sources:"]
        for name, host, key, url, pattern in SOURCES:
            lines += [f"  - name: {name}", "    kind: news",
                      f"    {key}: {url.replace('${BASE_URL}', f'http://{host}:{self.port}')}",
                      f'    link_pattern: "{pattern}"', f"    requests_per_second: {LIMIT_RPS}"]
        return "\n".join(lines) + "\n"

    def rates(self, phase: str) -> dict:
        from scrapers.ratelimit import max_requests_per_window

        out = {}
        for _, host, *_ in SOURCES:
            times = [t for h, t, p in self.arrivals if h == host and p == phase]
            out[host] = {"limit_rps": LIMIT_RPS, "max_rps_observed": max_requests_per_window(times),
                         "requests": len(times)}
        return out

    def stop(self) -> None:
        for s in self.servers:
            s.shutdown()
            s.server_close()


def start_site(tries: int = 10) -> Site:
    """The three hosts on one port: a port free on 127.0.0.2 may be taken on .3 or .4, so try a few."""
    for attempt in range(tries):
        try:
            return Site(free_port("127.0.0.2"))
        except OSError:
            if attempt == tries - 1:
                raise
    raise AssertionError("unreachable")


# ------------------------------------------------------------------ services
def start_redis(procs: Processes, tmp: Path) -> int:
    port = free_port()
    folder = tmp / "redis"
    folder.mkdir()
    p = procs.start("redis", ["redis-server", "--bind", "127.0.0.1", "--port", str(port), "--save", "",
                              "--appendonly", "no", "--dir", str(folder)])
    wait_port(port, "redis-server", p)
    return port


def postgres_bin() -> Path:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))
    if found:
        return found[-1].parent
    initdb = shutil.which("initdb")
    if initdb:
        return Path(initdb).parent
    raise RuntimeError("PostgreSQL is not installed (apt-get install postgresql)")


def start_postgres(procs: Processes, tmp: Path) -> str:
    """A throwaway cluster on 127.0.0.1 (trust authentication, for this machine's loopback only)."""
    pg = postgres_bin()
    user = None
    folder = tmp / "pg"
    folder.mkdir()
    if os.geteuid() == 0:  # postgres refuses to run as root: its own user, as the Debian package creates
        user = "postgres"
        pw = pwd.getpwnam(user)
        top = Path(tempfile.gettempdir()).resolve()
        for d in [tmp.resolve(), *tmp.resolve().parents]:  # the postgres user walks down to its folder
            if d == top or d == d.parent:
                break
            os.chmod(d, os.stat(d).st_mode | 0o055)
        os.chown(folder, pw.pw_uid, pw.pw_gid)
    subprocess.run([str(pg / "initdb"), "-D", str(folder / "data"), "-U", "postgres", "--auth=trust",
                    "-E", "UTF8", "--no-sync"], check=True, stdout=subprocess.DEVNULL,
                   user=user, cwd=tmp, start_new_session=True)
    port = free_port()
    p = procs.start("postgres", [str(pg / "postgres"), "-D", str(folder / "data"), "-h", "127.0.0.1",
                                 "-p", str(port), "-k", str(folder), "-c", "fsync=off"], user=user, cwd=tmp)
    wait_port(port, "postgres", p)
    url = f"postgresql+psycopg2://postgres@127.0.0.1:{port}/postgres"  # psycopg2-binary comes with dagster-postgres
    for _ in range(50):  # listening is not accepting yet
        if subprocess.run([str(pg / "pg_isready"), "-h", "127.0.0.1", "-p", str(port)],
                          stdout=subprocess.DEVNULL).returncode == 0:
            return url
        time.sleep(0.2)
    raise RuntimeError("postgres did not accept connections")


def celery_config(tmp: Path, broker: str) -> Path:
    """The module the dagster_celery app reads its settings from (as `dagster-celery worker start` writes it)."""
    folder = tmp / "celery_config"
    folder.mkdir()
    (folder / "dagster_celery_config.py").write_text(f"broker_url = {broker!r}\nresult_backend = {broker!r}\n")
    return folder


class Deployment:
    """Redis, PostgreSQL, a code server, dagster-daemon and `workers` Celery workers (solo pool: one step
    at a time, in the worker's own process) on 127.0.0.1, with a throwaway DAGSTER_HOME under tmp.
    Processes are registered with `procs`, whose stop() ends them."""

    def __init__(self, procs: Processes, tmp: Path, workers: int = 2, env: dict | None = None):
        self.procs, self.tmp = procs, tmp
        tmp.mkdir(parents=True, exist_ok=True)
        redis_port = start_redis(procs, tmp)
        self.broker = f"redis://127.0.0.1:{redis_port}/0"
        self.pg_url = start_postgres(procs, tmp)
        log(f"redis on {redis_port}, postgres at {self.pg_url}")
        self.home = tmp / "dagster_home"
        self.home.mkdir()
        shutil.copy(DEPLOY / "dagster.yaml", self.home / "dagster.yaml")
        grpc_port = free_port()
        self.workspace = tmp / "workspace.yaml"
        self.workspace.write_text("load_from:\n  - grpc_server:\n      host: 127.0.0.1\n"
                                  f"      port: {grpc_port}\n      location_name: sentra\n")
        self.env = dict(os.environ, DAGSTER_HOME=str(self.home), DAGSTER_POSTGRES_URL=self.pg_url,
                        SENTRA_CELERY_BROKER=self.broker,
                        SENTRA_RATE_LIMIT_REDIS=f"redis://127.0.0.1:{redis_port}/1",
                        PYTHONPATH=os.pathsep.join([str(celery_config(tmp, self.broker)), str(REPO)]),
                        **(env or {}))
        code = procs.start("code_server", [str(BIN / "dagster"), "api", "grpc", "-m",
                                           "orchestration.deploy.definitions", "-h", "127.0.0.1",
                                           "-p", str(grpc_port), "--location-name", "sentra"], env=self.env)
        for i in range(1, workers + 1):
            procs.start(f"celery_worker_{i}", [str(BIN / "celery"), "-A", "dagster_celery.app", "worker",
                                               "--pool=solo", "--concurrency=1", "--prefetch-multiplier=1",
                                               "-Q", "dagster", "-n", f"sentra{i}@%h", "--loglevel=INFO",
                                               "--without-gossip", "--without-mingle"], env=self.env)
        wait_port(grpc_port, "the code server", code, timeout=120)
        procs.start("dagster_daemon", [str(BIN / "dagster-daemon"), "run", "-w", str(self.workspace)], env=self.env)

    def run_days(self, days: list[str], timeout: float = 900) -> tuple[float, list[dict]]:
        return run_distributed(self.env, self.workspace, self.home, days, timeout)


# ------------------------------------------------------------------ the two ways to fill the days
def run_in_process(sources: Path, data: Path, warehouse: Path, logs: Path) -> float:
    env = {k: v for k, v in os.environ.items() if k != "DAGSTER_HOME"}  # a throwaway instance
    t0 = time.monotonic()
    with open(logs / "sentra_run.log", "wb") as out:
        subprocess.run([str(BIN / "sentra"), "run", "--from", DAYS[0], "--to", DAYS[-1], "--sources", str(sources),
                        "--data-dir", str(data), "--warehouse", str(warehouse)],
                       env=env, cwd=REPO, stdout=out, stderr=subprocess.STDOUT, check=True, timeout=900)
    return time.monotonic() - t0


def run_distributed(env: dict, workspace: Path, home: Path, days: list[str] = DAYS,
                    timeout: float = 900) -> tuple[float, list[dict]]:
    import dagster as dg

    t0 = time.monotonic()
    for day in days:  # queued in day order; the queue runs one at a time
        subprocess.run([str(BIN / "dagster"), "job", "launch", "-w", str(workspace), "-j", "daily_refresh",
                        "--tags", json.dumps({"dagster/partition": day})],
                       env=env, cwd=REPO, check=True, stdout=subprocess.DEVNULL, timeout=120)
        log(f"queued the run of {day}")
    os.environ.update(env)
    with dg.DagsterInstance.from_config(str(home)) as instance:
        while True:
            runs = instance.get_runs()
            if len(runs) >= len(days) and all(r.is_finished for r in runs):
                break
            if time.monotonic() - t0 > timeout:
                raise RuntimeError(f"the distributed runs did not finish within {timeout:.0f}s: "
                                   f"{[(r.tags.get('dagster/partition'), r.status.value) for r in runs]}")
            time.sleep(1)
        elapsed = time.monotonic() - t0
        summary = []
        for r in sorted(runs, key=lambda r: r.tags.get("dagster/partition", "")):
            steps, started, seconds, metadata = {}, {}, {}, {}
            for rec in instance.all_logs(r.run_id):
                event = rec.dagster_event
                if event is None:
                    continue
                if event.event_type_value == "STEP_START":
                    started[event.step_key] = rec.timestamp
                if event.event_type_value in ("STEP_SUCCESS", "STEP_FAILURE"):
                    steps[event.step_key] = event.event_type_value
                    if event.step_key in started:
                        seconds[event.step_key] = round(rec.timestamp - started[event.step_key], 3)
                if event.event_type_value == "ASSET_MATERIALIZATION":
                    mat = event.event_specific_data.materialization
                    metadata[mat.asset_key.to_user_string()] = {
                        k: v.value for k, v in mat.metadata.items() if isinstance(v.value, (int, float, str))}
            stats = instance.get_run_stats(r.run_id)
            summary.append({"day": r.tags.get("dagster/partition"), "status": r.status.value,
                            "run_id": r.run_id, "steps": steps, "step_seconds": seconds,
                            "run_seconds": round((stats.end_time or 0) - (stats.start_time or 0), 3),
                            "metadata": metadata})
    return elapsed, summary


def worker_tasks(logs: Path) -> dict[str, int]:
    """Celery tasks each worker finished, from its log."""
    return {f.stem: f.read_text(errors="replace").count("succeeded in")
            for f in sorted(logs.glob("celery_worker_*.log"))}


def judge(report: dict, site: "Site", runs: list[dict], out: Path) -> list[str]:
    """What is wrong with the distributed runs, if anything: their outcome, the warehouse against the
    in-process one, each host's highest rate, the spread over the workers. Writes host_rates.json."""
    from orchestration.deploy.compare import counts, differences

    rates = site.rates("distributed")
    report["host_rates_in_process"] = site.rates("in_process")
    t0 = min((t for _, t, p in site.arrivals if p == "distributed"), default=0.0)
    report["arrivals_distributed"] = [(h, round(t - t0, 3), path) for (h, t, p), path
                                      in zip(site.arrivals, site.paths) if p == "distributed"]
    (out / "host_rates.json").write_text(json.dumps(rates, indent=1, sort_keys=True) + "\n")
    log("host rates: " + json.dumps(rates))
    problems = []
    if not all(r["status"] == "SUCCESS" for r in runs):
        problems.append("a distributed run did not succeed")
    if (out / "distributed.duckdb").exists():
        report["counts"] = {"in_process": counts(str(out / "in_process.duckdb")),
                            "distributed": counts(str(out / "distributed.duckdb"))}
        report["differences"] = differences(str(out / "in_process.duckdb"), str(out / "distributed.duckdb"))
        if report["differences"]:
            problems.append(f"the warehouses differ: {sorted(report['differences'])}")
    else:
        problems.append("no distributed warehouse was published")
    over = {h: r for h, r in rates.items() if r["max_rps_observed"] > r["limit_rps"]}
    if over:
        problems.append(f"hosts above their limit: {over}")
    if not all(rates[h]["requests"] for h in rates):
        problems.append("a host got no request in the distributed runs")
    if len([w for w, n in report["celery_tasks_per_worker"].items() if n]) < 2:
        problems.append(f"steps did not spread over both workers: {report['celery_tasks_per_worker']}")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", required=True, type=Path)
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder (logs stay in OUT)")
    args = parser.parse_args(argv)
    out = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    logs = out / "logs"
    shutil.rmtree(logs, ignore_errors=True)
    logs.mkdir()
    for name in ("in_process.duckdb", "distributed.duckdb", "host_rates.json", "report.json"):
        (out / name).unlink(missing_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="sentra-distributed-"))
    procs = Processes(logs)
    site = None
    report: dict = {"days": DAYS, "ok": False}

    def on_signal(signum, _frame):
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    t_start = time.monotonic()
    try:
        site = start_site()
        sources = tmp / "sources.yaml"
        sources.write_text(site.sources_yaml())

        site.phase = "in_process"
        report["in_process_s"] = round(run_in_process(sources, tmp / "in_process", out / "in_process.duckdb", logs), 1)
        log(f"sentra run: {report['in_process_s']} s")

        deployment = Deployment(procs, tmp / "deployment", workers=2, env={
            "SENTRA_DATA_DIR": str(tmp / "distributed"), "SENTRA_SOURCES": str(sources),
            "SENTRA_WAREHOUSE": str(out / "distributed.duckdb")})
        site.phase = "distributed"
        elapsed, runs = deployment.run_days(DAYS)
        report["distributed_s"] = round(elapsed, 1)
        report["runs"] = runs
        report["celery_tasks_per_worker"] = worker_tasks(logs)
        log(f"distributed: {report['distributed_s']} s, runs {[(r['day'], r['status']) for r in runs]}, "
            f"tasks per worker {report['celery_tasks_per_worker']}")

        problems = judge(report, site, runs, out)
        report["problems"] = problems
        report["ok"] = not problems
        log("OK: same facts and keys, no host above its limit" if not problems else "FAILED: " + "; ".join(problems))
        return 0 if not problems else 1
    except BaseException as e:  # noqa: BLE001 - report every failure, then stop everything
        report["problems"] = [f"{type(e).__name__}: {e}"]
        log(f"FAILED: {type(e).__name__}: {e} (logs in {logs})")
        return 1
    finally:
        procs.stop()
        if site is not None:
            site.stop()
        report["total_s"] = round(time.monotonic() - t_start, 1)
        (out / "report.json").write_text(json.dumps(report, indent=1, default=str) + "\n")
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)
        log(f"stopped everything; {report['total_s']} s in all; report in {out / 'report.json'}")


if __name__ == "__main__":
    sys.exit(main())
