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
    import os

    for p in paths:
        if os.path.isdir(p):  # False for a name too long, a link loop or a path through a file
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
    from nsk_cli.core.privacy import shown_name
    from nsk_cli.plan import checks, document

    name = shown_name(path)  # masked before any table wraps the "Fil" column
    try:
        sets = _sets(rules)
        doc, declared = document.read(path)
        chosen = kind or declared or checks.detect_kind(doc, sets)
        if chosen is None:
            return {
                "file": name,
                "error": "dokumentet ligner hverken en beredskabsplan eller en handleplan",
            }
        if chosen not in sets:
            return {"file": name, "error": f"ingen krav for {chosen!r} i regelmappen"}
        report = checks.check(doc, sets[chosen], today)
    except NskError as exc:
        return {"file": name, "error": _strip_name(exc.message, name)}
    except Exception as exc:  # noqa: BLE001 - one bad file must not stop the others
        return {"file": name, "error": f"uventet fejl ({type(exc).__name__})"}
    data = report.to_dict()
    return {"report": data, "row": _row(doc, data, today)}


def _shown(path: Path) -> str:
    from nsk_cli.core.privacy import shown_name

    return shown_name(path)


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
    failed = _run_pool(ctx, files, kind, today, rules, out, progress)
    for i in failed:  # a worker died: only the file it was on may fail, so each is retried alone
        out[i] = _isolated(ctx, files[i], kind, today, rules)
        if progress:
            progress(sum(r is not None for r in out))
    return [r for r in out if r is not None]


def _worker_start() -> None:
    """In each worker: die with the parent (Linux: the kernel sends SIGKILL when it goes), and
    leave Ctrl-C, SIGTERM and SIGHUP to the parent, which ends the workers itself."""
    import signal

    for sig in (signal.SIGINT, getattr(signal, "SIGHUP", None)):
        if sig is not None:
            signal.signal(sig, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    from nsk_cli.plan.helper import die_with_parent

    die_with_parent()


def _run_pool(ctx, files, kind, today, rules, out, progress) -> list[int]:
    """Check the files in at most two worker processes; returns the indexes whose worker died.
    However the parent is stopped (an exception, Ctrl-C, SIGTERM, SIGHUP), the workers end too."""
    from concurrent.futures import ProcessPoolExecutor, as_completed

    failed: list[int] = []
    pool = ProcessPoolExecutor(
        max_workers=min(WORKERS, len(files)), mp_context=ctx, initializer=_worker_start
    )
    try:
        futures = {pool.submit(check_file, f, kind, today, rules): i for i, f in enumerate(files)}
        for fut in as_completed(futures):
            i = futures[fut]
            try:
                out[i] = fut.result()
            except Exception:  # noqa: BLE001 - the worker died; retried alone below
                failed.append(i)
                continue
            if progress:
                progress(sum(r is not None for r in out))
    except BaseException:
        _kill(pool)
        raise
    pool.shutdown(wait=True)
    return sorted(failed)


def _kill(pool) -> None:
    import contextlib

    for proc in list((getattr(pool, "_processes", None) or {}).values()):
        with contextlib.suppress(OSError, ValueError, AttributeError):  # already gone
            proc.kill()
    pool.shutdown(wait=False, cancel_futures=True)


def _isolated(ctx, path: Path, kind: str | None, today: date, rules: Path) -> dict:
    """One file in a worker of its own: a crash there is that file's error and nobody else's."""
    from concurrent.futures import ProcessPoolExecutor

    pool = ProcessPoolExecutor(max_workers=1, mp_context=ctx, initializer=_worker_start)
    try:
        return pool.submit(check_file, path, kind, today, rules).result()
    except BaseException as exc:
        if not isinstance(exc, Exception):
            _kill(pool)
            raise
        return {
            "file": _shown(path),
            "error": f"kunne ikke tjekkes (tjekket stoppede uventet: {type(exc).__name__})",
        }
    finally:
        pool.shutdown(wait=False, cancel_futures=True)


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
