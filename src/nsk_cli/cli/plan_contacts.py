"""check-plan --kontakter: a municipality's own contacts from its own plan, as a contacts file."""

from __future__ import annotations

from pathlib import Path

from nsk_cli.cli.common import err
from nsk_cli.core.errors import UsageError


def write_plan_contacts(file: Path, folder: Path, kommune: str | None, rules: Path, force: bool) -> None:
    """Read the plan's contacts, write ``folder/kommuner/<id>.yaml`` (validated exactly as
    --contacts-dir will read it) and tell the plan owner what was found and what was not."""
    from nsk_cli.contacts import municipalities as mun
    from nsk_cli.contacts.model import load_db
    from nsk_cli.core import danish_time
    from nsk_cli.data import paths
    from nsk_cli.data.files import write_private
    from nsk_cli.plan import document, meta
    from nsk_cli.plan import plan_contacts as pc
    from nsk_cli.plan import plan_contacts_out as pco

    if folder.exists() and not folder.is_dir():
        raise UsageError(f"{folder}: --kontakter skal være en mappe, ikke en fil")
    db = load_db(paths.shipped("contacts"))  # compare with nsk's own data, not an earlier export
    doc, _ = document.read(file)
    doc.build()
    if kommune:
        found = mun.find(db.municipalities, kommune)
        if found is None:
            near = ", ".join(mun.closest(db.municipalities, kommune))
            raise UsageError(f"ukendt kommune {kommune!r}" + (f" – mente du {near}?" if near else ""))
        kid = found.id
    else:
        short = meta.kommune(doc, db.municipalities.values())
        found = mun.find(db.municipalities, short) if short else None
        if found is None:
            raise UsageError(f"{file}: planen nævner ingen af de 98 kommuner – angiv --kommune")
        kid = found.id
    today = danish_time.now().date()
    ex = pc.extract(doc, pc.load_words(rules), db, kid)
    name = db.municipalities[kid].name
    data = pco.contacts_data(ex, file.name, db, today) if ex.found else None
    written = None
    if data:
        text = pco.to_yaml(data, file.name, today)
        _validate(text, db)
        target = folder / "kommuner" / f"{kid}.yaml"
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise UsageError(f"{target.parent}: mappen kan ikke oprettes ({exc.strerror})") from None
        write_private(target, text, force=force, inputs=[file])
        written = str(target)
    err(pco.summary(ex, data, written, name))


def _validate(text: str, db) -> None:
    """The file must load exactly as --contacts-dir reads it; a failure here is nsk's bug."""
    from nsk_cli.contacts import municipalities as mun
    from nsk_cli.contacts.specs import contacts_file_spec
    from nsk_cli.data import schema as s
    from nsk_cli.data import yamlio

    doc = yamlio.loads(text, "kontaktfil fra planen")
    s.raise_if(s.validate(doc, contacts_file_spec(db.roles, db.regions, db.police_districts)))
    s.raise_if(mun.fact_problems(doc, doc.data["kommune"], db, True))
