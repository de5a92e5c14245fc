"""Apply the analysts' corrections file (corrections.yaml at the repo root; SENTRA_CORRECTIONS names another)
to the working warehouse.

The file is reviewed like code and never written by code: this module only reads it. Each refresh, after
fact_indicator and dim_sentra are loaded, `apply_corrections` runs sql/corrections/*.sql in one transaction:

1. undo what the previous refresh corrected (the loaded facts come back, dim_sentra is derived again);
2. read the file's corrections into a temporary table (keys computed here as in warehouse/rows.py);
3. fix / reject facts, merge sentra, set commodities;
4. write `correction_log`: every correction of the file with applied / unmatched / invalid.

So applying twice gives the same warehouse as applying once, and a correction taken out of the file is
undone on the next refresh. No Dagster here: the asset in assets/corrections.py calls this.
"""
from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

import duckdb
import yaml

from warehouse import rows as wr
from warehouse.db import SQL_DIR, run_sql_file
from warehouse.settings import Settings, SettingsError

ACTIONS = ("fix_fact", "reject_fact", "merge_sentra", "set_commodity")
FIX_FIELDS = {"value", "reference_year", "period", "city_code"}


class CorrectionError(ValueError):
    pass


def _city_key(code: Any, what: str) -> int:
    code = str(code or "")
    if len(code) != 5 or code[2] != "." or not code.replace(".", "").isdigit():
        raise CorrectionError(f"{what}: city_code must look like 'NN.NN', not {code!r}")
    return wr.city_key(code)


def _sentra(ref: Any, what: str) -> tuple[int, str]:
    """A sentra by sentra_key, or by its natural key: city_code + commodity (as loaded)."""
    if not isinstance(ref, dict):
        raise CorrectionError(f"{what}: give sentra_key, or city_code and commodity")
    if ref.get("sentra_key") is not None:
        return int(ref["sentra_key"]), f"sentra_key={ref['sentra_key']}"
    if not ref.get("city_code") or not ref.get("commodity"):
        raise CorrectionError(f"{what}: give sentra_key, or city_code and commodity")
    _city_key(ref["city_code"], what)
    return wr.sentra_key(ref["city_code"], ref["commodity"], None), f"{ref['city_code']} {ref['commodity']}"


def _number(value: Any, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise CorrectionError(f"{what} must be a number, not {value!r}")
    return float(value)


def normalise(entry: Any, seq: int) -> dict:
    """One correction of the file as a row of correction_input; raises CorrectionError when unusable."""
    if not isinstance(entry, dict):
        raise CorrectionError("a correction is a mapping with id and action")
    action = entry.get("action")
    if action not in ACTIONS:
        raise CorrectionError(f"action must be one of {', '.join(ACTIONS)}, not {action!r}")
    row: dict[str, Any] = {"seq": seq, "correction_id": str(entry["id"]), "action": action,
                           "reason": entry.get("reason")}
    if action in ("fix_fact", "reject_fact"):
        fact = entry.get("fact")
        if not isinstance(fact, dict):
            raise CorrectionError("fact: give fact_key, or article_url, indicator and value")
        if fact.get("fact_key") is not None:
            row["fact_key"] = int(fact["fact_key"])
            row["target"] = f"fact_key={fact['fact_key']}"
        else:
            missing = [k for k in ("article_url", "indicator", "value") if fact.get(k) in (None, "")]
            if missing:
                raise CorrectionError(f"fact: missing {', '.join(missing)} (or give fact_key)")
            row.update(article_url=str(fact["article_url"]), indicator=str(fact["indicator"]),
                       match_value=_number(fact["value"], "fact.value"))
            if fact.get("city_code"):
                row["city_key"] = _city_key(fact["city_code"], "fact.city_code")
            row["target"] = f"{fact['article_url']} {fact['indicator']}={fact['value']:g}" + (
                f" {fact['city_code']}" if fact.get("city_code") else "")
        if action == "fix_fact":
            new = entry.get("set")
            if not isinstance(new, dict) or not new or set(new) - FIX_FIELDS:
                raise CorrectionError(f"set: a mapping of some of {', '.join(sorted(FIX_FIELDS))}")
            if "value" in new:
                row["new_value"] = _number(new["value"], "set.value")
                if row["new_value"] <= 0:
                    raise CorrectionError("set.value must be positive (reject the fact instead)")
            if "reference_year" in new:
                row["new_reference_year"] = int(new["reference_year"])
            if "period" in new:
                if new["period"] not in ("hari", "bulan", "tahun"):
                    raise CorrectionError("set.period must be hari, bulan or tahun")
                row["new_period"] = new["period"]
            if "city_code" in new:
                row["new_city_key"] = _city_key(new["city_code"], "set.city_code")
    elif action == "merge_sentra":
        row["sentra_key"], source = _sentra(entry.get("from"), "from")
        row["into_sentra_key"], target = _sentra(entry.get("into"), "into")
        if row["sentra_key"] == row["into_sentra_key"]:
            raise CorrectionError("from and into are the same sentra")
        row["target"] = f"{source} -> {target}"
    else:  # set_commodity
        row["sentra_key"], row["target"] = _sentra(entry.get("sentra"), "sentra")
        if not entry.get("commodity"):
            raise CorrectionError("commodity: the commodity to set")
        row["new_commodity"] = str(entry["commodity"])
        row["new_commodity_group"] = entry.get("commodity_group")
    return row


def read_corrections(path: Path | str) -> tuple[list[dict], list[dict]]:
    """(usable corrections, invalid ones with a message). A missing file means no corrections."""
    entries = _entries(Path(path))
    rows, invalid, seen = [], [], set()
    for seq, entry in enumerate(entries, start=1):
        cid = str(entry.get("id")) if isinstance(entry, dict) and entry.get("id") is not None else f"#{seq}"
        action = entry.get("action") if isinstance(entry, dict) else None
        reason = entry.get("reason") if isinstance(entry, dict) else None
        try:
            if cid.startswith("#"):
                raise CorrectionError("every correction needs an id")
            if cid in seen:
                raise CorrectionError(f"id {cid!r} is used twice")
            seen.add(cid)
            rows.append(normalise(entry, seq))
        except (CorrectionError, KeyError, TypeError, ValueError) as e:
            invalid.append({"correction_id": cid, "action": str(action), "target": None, "message": str(e),
                            "reason": reason})
    return _resolve_merge_chains(rows, invalid), invalid


def _entries(path: Path) -> list:
    """The file's list of corrections; [] when the file does not exist. Raises CorrectionError (one line,
    naming the file and the line) when it is not YAML or not `corrections:` with a list."""
    if not path.exists():
        return []
    try:
        doc = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        raise CorrectionError(f"{path}: not valid YAML{where}: {getattr(e, 'problem', None) or e}") from None
    entries = doc.get("corrections") if isinstance(doc, dict) else None
    if not isinstance(doc, dict) or not isinstance(entries, (list, type(None))):
        raise CorrectionError(f"{path}: expected a top-level key 'corrections:' holding a list")
    return entries or []


def check_corrections_file(path: Path | str) -> None:
    """Raise SettingsError (one line: the file, the correction, what is wrong) unless every correction of
    the file can be applied; a missing file is no corrections. `sentra run` asks this before a run."""
    try:
        _, invalid = read_corrections(path)
    except CorrectionError as e:
        raise SettingsError(str(e)) from None
    if invalid:
        first = invalid[0]
        more = f" (and {len(invalid) - 1} more)" if len(invalid) > 1 else ""
        raise SettingsError(f"{path}: correction {first['correction_id']}: {first['message']}{more}")


def _resolve_merge_chains(rows: list[dict], invalid: list[dict]) -> list[dict]:
    """a -> b and b -> c: a goes to c. A sentra merged twice, or a cycle (a -> b, b -> a), is invalid."""
    into: dict[int, int] = {}
    owner: dict[int, str] = {}
    kept = []
    for r in rows:
        if r["action"] == "merge_sentra":
            problem = None
            if r["sentra_key"] in into:
                problem = f"this sentra is already merged by {owner[r['sentra_key']]}"
            else:
                target, seen = r["into_sentra_key"], {r["sentra_key"]}
                while target in into and target not in seen:
                    seen.add(target)
                    target = into[target]
                if target in seen:
                    problem = "merging would go round in a circle"
            if problem:
                invalid.append({"correction_id": r["correction_id"], "action": r["action"], "target": r["target"],
                                "message": problem, "reason": r.get("reason")})
                continue
            into[r["sentra_key"]], owner[r["sentra_key"]] = r["into_sentra_key"], r["correction_id"]
        kept.append(r)
    for r in kept:
        if r["action"] == "merge_sentra":
            target = r["into_sentra_key"]
            while target in into:
                target = into[target]
            r["into_sentra_key"] = target
    return kept


def _write(path: Path, rows: list[dict]) -> str:
    with path.open("w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    return str(path)


def apply_corrections(con: duckdb.DuckDBPyConnection, path: Path | str | None = None) -> dict:
    """Undo the previous corrections and apply the file's, in one transaction; returns the log summary."""
    path = Path(path) if path else Settings.from_env().corrections
    rows, invalid = read_corrections(path)
    run_sql_file(con, "schema.sql")
    run_sql_file(con, "comments.sql")  # table and column comments: BI tools and the published file show them
    with tempfile.TemporaryDirectory(prefix="sentra-corrections-") as tmp:
        input_path = _write(Path(tmp) / "input.jsonl", rows)
        invalid_path = _write(Path(tmp) / "invalid.jsonl", invalid)
        con.execute("BEGIN TRANSACTION")
        try:
            run_sql_file(con, "corrections/00_tables.sql")
            run_sql_file(con, "corrections/10_undo.sql")
            run_sql_file(con, "load/dim_sentra.sql")
            for f in sorted((SQL_DIR / "corrections").glob("*.sql")):
                if f.name[:2] >= "20":
                    run_sql_file(con, f"corrections/{f.name}", path=input_path, invalid_path=invalid_path)
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
    log = con.execute("SELECT correction_id, action, target, n_matched, status, message "
                      "FROM correction_log ORDER BY status, correction_id").fetchall()
    by_status: dict[str, int] = {}
    for r in log:
        by_status[r[4]] = by_status.get(r[4], 0) + 1
    return {"file": str(path), "corrections": len(log), **{s: by_status.get(s, 0)
                                                         for s in ("applied", "unmatched", "invalid")},
            "log": [dict(zip(("correction_id", "action", "target", "n_matched", "status", "message"), r))
                    for r in log]}
