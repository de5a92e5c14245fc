"""`sentra bench --distributed`: the same generated pages through the Celery deployment with 1 and with 2
workers, and in-process, as one day each on a fresh instance: pages per second, and the share of the day
spent in the steps that do not spread (the single-writer warehouse steps, the joins).

The pages are served on 127.0.0.1 with politeness off, as in `sentra bench`'s day 1, so the figures are
the pipeline's cost, not a site's rate limit. On a 2-core machine the reading already uses both cores
from one worker (its process pool), so a second worker adds no CPU: what the figures show here is the
cost of spreading (a Celery task and a step process per source-day and per join), which a second
machine would pay too, and the part that stays on one writer.
"""
from __future__ import annotations

import json
import shutil
import tempfile
import time
from pathlib import Path

from orchestration.deploy.check import Deployment, Processes, log

DAY = "2026-11-22"
#: the steps that do not spread: they run once per day whatever the workers
WRITER_STEPS = ("static_dimensions", "fetch_log", "dim_article", "dim_sentra", "fact_indicator",
                "corrections_applied", "bi_views", "published_warehouse")


def _in_process(data: Path, sources: str) -> dict:
    from orchestration.bench.measure import in_child

    return in_child("stage_day", str(data), sources, DAY)


def _shares(run: dict) -> dict:
    """Seconds in the warehouse writer's steps, and in every step that runs once per day (the writer,
    the checks, the joins and dedup: all but the per-source steps), against the run's wall time."""
    seconds, total = run["step_seconds"], run["run_seconds"]
    writer = sum(v for k, v in seconds.items() if k in WRITER_STEPS)
    once = sum(v for k, v in seconds.items() if "[" not in k)
    return {"writer_s": round(writer, 1), "once_per_day_s": round(once, 1),
            "steps_total_s": round(sum(seconds.values()), 1),
            "writer_share": round(writer / total, 3) if total else None,
            "once_per_day_share": round(once / total, 3) if total else None}


def run_distributed_bench(pages: int, workers: tuple[int, ...] = (1, 2), seed: int = 0,
                          workdir: str | None = None, echo=print) -> dict:
    from orchestration.bench.pagegen import generate_site, page_paths
    from orchestration.bench.measure import _resolved_sources
    from scrapers.local_site import serve_folder

    work = Path(workdir or tempfile.mkdtemp(prefix="sentra-dbench-"))
    fig: dict = {"pages": pages, "day": DAY}
    try:
        site = work / "site"
        generate_site(site, pages, seed=seed)
        fig["pages"] = len(page_paths(site))
        with serve_folder(site, port=0) as base_url:
            sources = _resolved_sources(site, base_url, work / "sources.yaml")
            t0 = time.monotonic()
            day = _in_process(work / "in_process", sources)
            fig["in_process"] = {"seconds": round(time.monotonic() - t0, 1), "steps": day.get("steps", {})}
            echo(f"in-process: {fig['in_process']['seconds']} s, "
                 f"{fig['pages'] / fig['in_process']['seconds']:.1f} pages/s")
            for n in workers:
                logs = work / f"logs-{n}"
                logs.mkdir(parents=True, exist_ok=True)
                procs = Processes(logs)
                try:
                    deployment = Deployment(procs, work / f"deployment-{n}", workers=n, env={
                        "SENTRA_DATA_DIR": str(work / f"data-{n}"), "SENTRA_SOURCES": sources,
                        "SENTRA_WAREHOUSE": str(work / f"warehouse-{n}.duckdb"), "SENTRA_POLITE": "0"})
                    elapsed, runs = deployment.run_days([DAY], timeout=3600)
                finally:
                    procs.stop()
                run = runs[0]
                fetched = run["metadata"].get("raw_pages", {}).get("fetched", 0)
                fig[f"workers_{n}"] = {
                    "status": run["status"], "run_seconds": run["run_seconds"], "queued_to_done_s": round(elapsed, 1),
                    "pages_per_s": round(fig["pages"] / run["run_seconds"], 1) if run["run_seconds"] else None,
                    "fetched": fetched, "steps": len(run["steps"]), **_shares(run),
                    "slowest_steps": dict(sorted(run["step_seconds"].items(), key=lambda kv: -kv[1])[:8]),
                }
                f = fig[f"workers_{n}"]
                echo(f"{n} Celery worker(s): {f['status']}, run {f['run_seconds']:.1f} s, {f['pages_per_s']} pages/s; "
                     f"single-writer steps {f['writer_s']} s = {f['writer_share']:.0%} of the run; "
                     f"steps once per day {f['once_per_day_s']} s = {f['once_per_day_share']:.0%}")
        return fig
    finally:
        if workdir is None:
            shutil.rmtree(work, ignore_errors=True)


def main(argv=None) -> int:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=4000)
    parser.add_argument("--out", type=Path, default=None, help="write the figures here as JSON")
    args = parser.parse_args(argv)
    fig = run_distributed_bench(args.pages, echo=lambda m: log(m))
    if args.out:
        args.out.write_text(json.dumps(fig, indent=1) + "\n")
    return 0 if all(fig[k]["status"] == "SUCCESS" for k in fig if k.startswith("workers_")) else 1


if __name__ == "__main__":
    raise SystemExit(main())
