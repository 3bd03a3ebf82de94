"""Terminal adapters for the interview: questionary, with a plain numbered fallback.

This is the only module that imports questionary (and only when a prompt is shown).
"""

from __future__ import annotations

import sys

from nsk_cli.guide.engine import BACK, Prompter
from nsk_cli.guide.rules import Question

BACK_LABEL = "← Tilbage"


def _wrap(text: str, indent: int = 0) -> str:
    """Fit the terminal (COLUMNS wins; 20 to 100 columns), breaking only between words and never
    inside a phone number, key hint or URL; continuation lines hang-indent by ``indent``."""
    import shutil

    from nsk_cli.core.text import wrap

    width = max(20, min(shutil.get_terminal_size((80, 24)).columns, 100)) - 1 - indent
    return ("\n" + " " * indent).join(wrap(text, width))  # the caller writes the first indent


def intro() -> str:
    return _wrap(
        "Vælg med piletasterne og Enter. '← Tilbage' går et spørgsmål tilbage. "
        "Ctrl-C afbryder uden at gemme noget."
    )


class QuestionaryPrompter(Prompter):
    def __init__(self) -> None:
        import questionary
        from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings

        self._q = questionary
        self._kb = KeyBindings()
        self._merge = merge_key_bindings

        @self._kb.add("c-d", eager=True)
        def _eof(event) -> None:  # Ctrl-D ends the interview like Ctrl-C
            event.app.exit(exception=EOFError())

    def ask(self, q: Question, preselect: str | None, can_go_back: bool) -> str:
        questionary = self._q
        choices = [questionary.Choice(o.label, value=o.value) for o in q.options]
        if can_go_back:
            choices.append(questionary.Choice(BACK_LABEL, value=BACK))
        questionary.print(_wrap(q.help), style="italic fg:ansibrightblack")
        many = len(q.options) >= MANY
        question = questionary.select(
            _wrap(q.text, indent=2),
            choices=choices,
            default=preselect,
            instruction="(skriv for at filtrere, pil op/ned, Enter)" if many else "(pil op/ned, Enter)",
            use_search_filter=many,
            use_jk_keys=not many,
        )
        app = question.application
        app.key_bindings = self._merge([app.key_bindings, self._kb])
        answer = question.unsafe_ask()
        if answer is None:  # pragma: no cover - defensive
            raise KeyboardInterrupt
        return answer


MANY = 12  # from this many options, the user types to filter instead of scrolling


def _matching(q: Question, typed: str) -> list[str]:
    """Options whose label or value matches what was typed (case, æ/ø/å, 'Kommune', hyphens
    and spaces ignored); an exact name wins over a prefix."""
    from nsk_cli.core.text import slugs

    wanted = slugs(typed)
    exact = [o.value for o in q.options if wanted & (slugs(o.label) | slugs(o.value))]
    if exact:
        return exact
    return [o.value for o in q.options if any(k.startswith(w) for w in wanted for k in slugs(o.label))]


class PlainPrompter(Prompter):
    """Numbered prompts on plain stdin/stdout, for terminals questionary cannot drive. A long
    list (the 98 municipalities) is not printed: the user types a name instead."""

    def ask(self, q: Question, preselect: str | None, can_go_back: bool) -> str:
        if len(q.options) >= MANY:
            return self._ask_by_name(q, preselect, can_go_back)
        out = sys.stdout
        out.write(f"\n{_wrap(q.text)}\n{_wrap(q.help)}\n")
        values = [o.value for o in q.options]
        for i, o in enumerate(q.options, 1):
            mark = " (standard)" if o.value == preselect else ""
            out.write(f"  {i}) {_wrap(o.label + mark, indent=5)}\n")
        if can_go_back:
            out.write(f"  t) {BACK_LABEL}\n")
        while True:
            out.write("Vælg nummer: ")
            out.flush()
            line = sys.stdin.readline()
            if line == "":
                raise EOFError
            line = line.strip().lower()
            if not line and preselect is not None:
                return preselect
            if not line:  # no default (akut): an answer must be chosen
                out.write("Vælg et af numrene – spørgsmålet har intet standardsvar.\n")
                continue
            if line == "t" and can_go_back:
                return BACK
            if line.isdigit() and 1 <= int(line) <= len(values):
                return values[int(line) - 1]
            out.write("Ugyldigt valg – skriv et af numrene.\n")

    def _ask_by_name(self, q: Question, preselect: str | None, can_go_back: bool) -> str:
        out = sys.stdout
        out.write(f"\n{_wrap(q.text)}\n{_wrap(q.help)}\n")
        out.write("Skriv navnet (eller begyndelsen af det)")
        out.write(f"; Enter vælger '{q.label(preselect)}'." if preselect is not None else ".")
        out.write(" 't' går tilbage.\n" if can_go_back else "\n")
        while True:
            out.write("Navn: ")
            out.flush()
            line = sys.stdin.readline()
            if line == "":
                raise EOFError
            line = line.strip()
            if not line and preselect is not None:
                return preselect
            if not line:
                continue
            if line.lower() == "t" and can_go_back:
                return BACK
            found = _matching(q, line)
            if len(found) == 1:
                out.write(f"Valgt: {q.label(found[0])}\n")
                return found[0]
            if found:
                shown = ", ".join(q.label(v) for v in found[:8])
                out.write(f"Flere passer: {shown}{' …' if len(found) > 8 else ''} – skriv mere af navnet.\n")
            else:
                out.write("Intet passer – prøv igen, eller skriv 'anden'.\n")


class FallbackPrompter(Prompter):
    """questionary, but if it cannot drive this console (no console buffer, odd terminal), switch
    to plain numbered prompts for the rest of the interview instead of failing."""

    def __init__(self) -> None:
        self._plain: Prompter | None = None
        self._fancy: Prompter | None = None
        try:
            self._fancy = QuestionaryPrompter()
        except Exception:
            self._plain = PlainPrompter()

    def ask(self, q: Question, preselect: str | None, can_go_back: bool) -> str:
        if self._plain is None and self._fancy is not None:
            try:
                return self._fancy.ask(q, preselect, can_go_back)
            except (KeyboardInterrupt, EOFError):
                raise
            except Exception:  # prompt_toolkit failed to start here
                sys.stdout.write(
                    "(Den interaktive visning virker ikke i denne terminal – bruger nummererede valg.)\n"
                )
                self._plain = PlainPrompter()
        assert self._plain is not None
        return self._plain.ask(q, preselect, can_go_back)


def make_prompter() -> Prompter:
    """questionary when it can start; plain numbered prompts for dumb or unsupported terminals."""
    import os

    if os.environ.get("TERM") == "dumb" or os.environ.get("NSK_PLAIN_PROMPT"):
        return PlainPrompter()
    return FallbackPrompter()


def ask_note_path() -> str | None:
    """After the result is shown: offer to save it as a note. A file name, or None (Enter or
    end of input) for not saving. Plain stdin, and the question on stderr, so stdout holds only
    the result."""
    sys.stderr.write("\nGem resultatet som notat? Skriv et filnavn (Enter = gem ikke): ")
    sys.stderr.flush()
    line = sys.stdin.readline()
    if line == "":
        sys.stderr.write("\n")
        return None
    return line.strip() or None


def ask_known() -> str | None:
    """An optional question after the interview: when the municipality first knew of the concern
    (for the deadlines). Enter or end of input skips it. Plain stdin, the question on stderr."""
    question = "Hvornår fik kommunen første gang kendskab til bekymringen (mundtligt eller skriftligt)?"
    hint = "Skriv fx 2026-12-04 14:30 for at få fristerne med (Enter = spring over):"
    sys.stderr.write(f"\n{_wrap(question)}\n{_wrap(hint)} ")
    sys.stderr.flush()
    line = sys.stdin.readline()
    if line == "":
        sys.stderr.write("\n")
        return None
    return line.strip() or None
