"""Many plans at once: collect the files, check each in a worker process, and summarise.

One unreadable file becomes a row with a Danish error and never stops the others. Workers are
processes (the checks are pure Python and hold the GIL), at most two, and only when there is
more than one file; the results come back in the order the files were given.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import date
from pathlib import Path

from nsk_cli.plan.dates import find_dates
from nsk_cli.plan.document import SUPPORTED

WORKERS = 2


def collect(paths: list[Path], recursive: bool) -> list[Path]:
    """Files as given, and every supported file in each folder (sub-folders with `recursive`).
    A path that does not exist is kept, so that its row can say so."""
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            found = p.rglob("*") if recursive else p.iterdir()
            out += sorted(f for f in found if f.is_file() and f.suffix.lower() in SUPPORTED)
        else:
            out.append(p)
    seen: set[Path] = set()
    unique = []
    for p in out:
        if p not in seen:
            seen.add(p)
            unique.append(p)
    return unique


# ------------------------------------------------------------------------------ one file

_SETS: dict = {}


def _sets(rules: Path) -> dict:
    if rules not in _SETS:
        from nsk_cli.plan.requirements import load_sets

        _SETS[rules] = load_sets(rules)
    return _SETS[rules]


def check_file(path: Path, kind: str | None, today: date, rules: Path) -> dict:
    """The single-file report as a dict plus an overview row, or {"file", "error"}."""
    from nsk_cli.core.errors import NskError
    from nsk_cli.plan import checks, document

    try:
        sets = _sets(rules)
        doc, declared = document.read(path)
        chosen = kind or declared or checks.detect_kind(doc, sets)
        if chosen is None:
            return {
                "file": str(path),
                "error": "dokumentet ligner hverken en beredskabsplan eller en handleplan",
            }
        if chosen not in sets:
            return {"file": str(path), "error": f"ingen krav for {chosen!r} i regelmappen"}
        report = checks.check(doc, sets[chosen], today)
    except NskError as exc:
        return {"file": str(path), "error": _strip_name(exc.message, str(path))}
    except Exception as exc:  # noqa: BLE001 - one bad file must not stop the others
        return {"file": str(path), "error": f"uventet fejl ({type(exc).__name__})"}
    data = report.to_dict()
    return {"report": data, "row": _row(doc, data, today)}


def _strip_name(message: str, name: str) -> str:
    prefix = name + ": "
    return message[len(prefix) :] if message.startswith(prefix) else message


def _row(doc, data: dict, today: date) -> dict:
    """Kommune, title, dangers, date adopted and next revision, as far as the text says."""
    reqs = {q["id"]: q for q in data["requirements"]}

    def dates(rid: str, future: bool) -> str | None:
        for e in (reqs.get(rid) or {}).get("evidence", []):
            for d in find_dates(e["text"]):
                if (d.end >= today) == future:
                    return d.text
        return None

    return {
        "kommune": data["kommune"],
        "title": data["title"][:100],
        "farer": len(data["dangers"]),
        "vedtaget": dates("vedtaget", False),
        "naeste_revision": dates("revision", True),
    }


# ------------------------------------------------------------------------------ many files


def check_all(
    files: list[Path],
    kind: str | None,
    today: date,
    rules: Path,
    progress: Callable[[int], None] | None = None,
) -> list[dict]:
    """Check every file; processes when there is more than one. `progress(done)` after each."""
    if len(files) <= 1:
        results = [check_file(f, kind, today, rules) for f in files]
        if progress:
            progress(len(results))
        return results
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed

    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    ctx = multiprocessing.get_context(method)
    if method == "fork":  # load once here, so the forked workers start with it instead of each
        from nsk_cli.plan import checks, document  # noqa: F401 - warms the workers' imports

        _sets(rules)
        from nsk_cli.plan import register

        register.database()  # the contacts, for municipality names and numbers
        if any(f.suffix.lower() == ".pdf" for f in files):
            import pypdfium2  # noqa: F401 - no PDF is opened before the fork
    out: list[dict | None] = [None] * len(files)
    with ProcessPoolExecutor(max_workers=min(WORKERS, len(files)), mp_context=ctx) as pool:
        futures = {pool.submit(check_file, f, kind, today, rules): i for i, f in enumerate(files)}
        for done, fut in enumerate(as_completed(futures), 1):
            i = futures[fut]
            try:
                out[i] = fut.result()
            except Exception as exc:  # noqa: BLE001 - a worker that died is that file's error
                out[i] = {"file": str(files[i]), "error": f"kunne ikke tjekkes ({type(exc).__name__})"}
            if progress:
                progress(done)
    return [r for r in out if r is not None]


def summary(results: list[dict]) -> dict:
    reports = [r["report"] for r in results if "report" in r]
    per: dict[str, Counter] = {}
    for rep in reports:
        for q in rep["requirements"]:
            if q["severity"] == "krav":
                per.setdefault(q["id"], Counter())[q["status"]] += 1
    return {
        "filer": len(results),
        "tjekket": len(reports),
        "fejl": len(results) - len(reports),
        "alle_krav_opfyldt": sum(1 for r in reports if r["summary"]["alle_krav_opfyldt"]),
        "krav_ikke_opfyldt": sum(1 for r in reports if not r["summary"]["alle_krav_opfyldt"]),
        "med_farer": sum(1 for r in reports if r["dangers"]),
        "krav": {k: {s: c.get(s, 0) for s in ("ok", "partial", "missing")} for k, c in per.items()},
        "cpr_lignende_numre": any(r["summary"]["cpr_lignende_numre"] for r in reports),
        "oversigt": [
            {"file": r["report"]["file"], "kind": r["report"]["kind"], **r["row"]}
            if "report" in r
            else {"file": r["file"], "error": r["error"]}
            for r in results
        ],
    }


def exit_code(results: list[dict]) -> int:
    """2 if any file could not be checked, else 1 if any plan misses a legal requirement or gives
    a dangerous instruction, else 0."""
    if any("error" in r for r in results):
        return 2
    if any(not r["report"]["summary"]["alle_krav_opfyldt"] or r["report"]["dangers"] for r in results):
        return 1
    return 0
