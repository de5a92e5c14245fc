"""Failure alerts: what a person on call needs to know about a failed run, as one JSON object.

Pure functions (no Dagster, no I/O) build the alert; `write_alert` appends it to the data folder's
alerts.jsonl and `post_alert` sends it to a webhook (SENTRA_ALERT_WEBHOOK). The run failure sensor in
orchestration/sensors.py wires them to Dagster.
"""
from __future__ import annotations

import json
import re
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterable

WEBHOOK_ENV = "SENTRA_ALERT_WEBHOOK"
_FIRST_LINE = re.compile(r"\s*\n\s*")


def _short(text: str | None, limit: int = 500) -> str:
    text = _FIRST_LINE.sub(" ", (text or "").strip())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def find_sources(texts: Iterable[str], known_sources: Iterable[str]) -> list[str]:
    """The known source names that appear in any of the texts (error messages, stack traces), in order."""
    joined = "\n".join(t for t in texts if t)
    found = []
    for name in sorted(set(known_sources), key=len, reverse=True):  # 'kabar-priangan-2' before 'kabar-priangan'
        pattern = r"(?<![\w-])" + re.escape(name) + r"(?![\w-])"
        if re.search(pattern, joined) and not any(name in f for f in found):
            found.append(name)
    return sorted(found)


def step_failure(step_key: str, message: str, cls_name: str | None = None, cause_message: str | None = None,
                 cause_cls_name: str | None = None, stack: str | None = None) -> dict:
    """One failed step as the alert shows it: the innermost error is what went wrong."""
    error_type, error = cause_cls_name or cls_name, (cause_message or message or "").strip()
    if error_type:  # Dagster's messages start with the (qualified) class name
        error = re.sub(rf"^(?:[\w.]+\.)?{re.escape(error_type)}: ", "", error)
    return {"step": step_key, "error_type": error_type, "error": _short(error),
            "dagster_message": _short(message, 300), "stack_tail": _short(stack, 600) if stack else None}


def build_alert(*, job: str, run_id: str, steps: list[dict], run_message: str | None = None,
                partition: str | None = None, asset_names: Iterable[str] = (), known_sources: Iterable[str] = (),
                retry_number: int = 0, max_retries: int = 0, failed_fetches: dict[str, int] | None = None,
                failed_checks: list[dict] = (), now: datetime | None = None) -> dict:
    """The alert for one failed run. `steps` are step_failure() dicts; `asset_names` are the run's assets
    (a step named like an asset is that asset's step); `known_sources` the sources crawled that day;
    `failed_fetches` the failed fetch attempts per source so far that day (from the day's fetch log);
    `failed_checks` the checks that did not pass ({asset, check, severity, blocking, details})."""
    asset_names = set(asset_names)
    check_steps = {f"{c['asset']}_{c['check']}": c for c in failed_checks}
    steps = [dict(s, asset=s["step"] if s["step"] in asset_names else check_steps.get(s["step"], {}).get("asset"),
                  check=(f"{check_steps[s['step']]['asset']}:{check_steps[s['step']]['check']}"
                         if s["step"] in check_steps else None)) for s in steps]
    sources = find_sources([t for s in steps for t in (s.get("error"), s.get("dagster_message"),
                                                       s.get("stack_tail"))] + [run_message or ""], known_sources)
    where = ", ".join(f"check {s['check']}" if s["check"] else s["step"] for s in steps) or "the run itself"

    def what_of(step: dict) -> str:
        if step["check"]:
            details = check_steps[step["step"]].get("details") or {}
            return "blocking check failed" + (f" ({details['violations']} violations)" if "violations" in details else "")
        return f"{step['error_type']}: {step['error']}"

    what = "; ".join(what_of(s) for s in steps) or _short(run_message) or "unknown error"
    will_retry = retry_number < max_retries
    summary = (f"Sentra run of {job}" + (f" for {partition}" if partition else "") + f" failed in {where}"
               + (f" (source {', '.join(sources)})" if sources else "") + f": {what}"
               + (f" [attempt {retry_number + 1} of {max_retries + 1}, will be retried]" if will_retry else ""))
    return {
        "alert": "run_failure",
        "at": (now or datetime.now(timezone.utc)).isoformat(timespec="seconds"),
        "job": job,
        "run_id": run_id,
        "partition": partition,
        "failed_steps": steps,
        "failed_assets": sorted({s["asset"] for s in steps if s["asset"]}),
        "failed_checks": list(failed_checks),
        "sources": sources,
        "failed_fetches_by_source": {k: n for k, n in sorted((failed_fetches or {}).items()) if n},
        "run_message": _short(run_message, 300) if run_message else None,
        "retry_number": retry_number,
        "will_retry": will_retry,
        "summary": summary,
    }


def write_alert(path: Path | str, alert: dict) -> Path:
    """Append the alert as one line of JSONL (the file and its folder are created when missing)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as f:
        f.write(json.dumps(alert, ensure_ascii=False, default=str) + "\n")
    return path


def post_alert(url: str, alert: dict, timeout: float = 5.0) -> int:
    """POST the alert as JSON to a webhook (Slack-style: `text` holds the summary); returns the HTTP status."""
    import requests

    response = requests.post(url, json={"text": alert["summary"], **alert}, timeout=timeout)
    response.raise_for_status()
    return response.status_code
