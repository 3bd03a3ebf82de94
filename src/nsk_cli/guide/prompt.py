"""Terminal adapters for the interview: questionary, with a plain numbered fallback.

This is the only module that imports questionary (and only when a prompt is shown).
"""

from __future__ import annotations

import sys

from nsk_cli.guide.engine import BACK, Prompter
from nsk_cli.guide.rules import Question

BACK_LABEL = "← Tilbage"


def _wrap(text: str) -> str:
    import shutil
    import textwrap

    width = max(20, min(shutil.get_terminal_size((80, 24)).columns, 100) - 1)
    return textwrap.fill(" ".join(text.split()), width=width)


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

    def ask(self, q: Question, preselect: str, can_go_back: bool) -> str:
        questionary = self._q
        choices = [questionary.Choice(o.label, value=o.value) for o in q.options]
        if can_go_back:
            choices.append(questionary.Choice(BACK_LABEL, value=BACK))
        questionary.print(_wrap(q.help), style="italic fg:ansibrightblack")
        question = questionary.select(
            q.text, choices=choices, default=preselect, instruction="(pil op/ned, Enter)"
        )
        app = question.application
        app.key_bindings = self._merge([app.key_bindings, self._kb])
        answer = question.unsafe_ask()
        if answer is None:  # pragma: no cover - defensive
            raise KeyboardInterrupt
        return answer


class PlainPrompter(Prompter):
    """Numbered prompts on plain stdin/stdout, for terminals questionary cannot drive."""

    def ask(self, q: Question, preselect: str, can_go_back: bool) -> str:
        out = sys.stdout
        out.write(f"\n{q.text}\n{_wrap(q.help)}\n")
        values = [o.value for o in q.options]
        for i, o in enumerate(q.options, 1):
            mark = " (standard)" if o.value == preselect else ""
            out.write(f"  {i}) {o.label}{mark}\n")
        if can_go_back:
            out.write(f"  t) {BACK_LABEL}\n")
        while True:
            out.write("Vælg nummer: ")
            out.flush()
            line = sys.stdin.readline()
            if line == "":
                raise EOFError
            line = line.strip().lower()
            if not line:
                return preselect
            if line == "t" and can_go_back:
                return BACK
            if line.isdigit() and 1 <= int(line) <= len(values):
                return values[int(line) - 1]
            out.write("Ugyldigt valg – skriv et af numrene.\n")


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

    def ask(self, q: Question, preselect: str, can_go_back: bool) -> str:
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
