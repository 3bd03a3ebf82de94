"""Terminal adapters for the interview: questionary, with a plain numbered fallback.

This is the only module that imports questionary (and only when a prompt is shown).
"""

from __future__ import annotations

import sys

from nsk_cli.guide.engine import BACK, Prompter
from nsk_cli.guide.model import OTHER_KOMMUNE, Option
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
        questionary.print(_wrap(q.help), style="italic fg:ansibrightblack")
        if len(q.options) >= MANY:
            answer = _choose_by_name(q, preselect, can_go_back)
            questionary.print(f"? {q.text} {q.label(answer) if answer != BACK else BACK_LABEL}", style="bold")
            return answer
        choices = [questionary.Choice(o.label, value=o.value) for o in q.options]
        if can_go_back:
            choices.append(questionary.Choice(BACK_LABEL, value=BACK))
        question = questionary.select(
            _wrap(q.text, indent=2),
            choices=choices,
            default=preselect,
            instruction="(pil op/ned, Enter)",
            use_jk_keys=True,
        )
        app = question.application
        app.key_bindings = self._merge([app.key_bindings, self._kb])
        answer = question.unsafe_ask()
        if answer is None:  # pragma: no cover - defensive
            raise KeyboardInterrupt
        return answer


MANY = 12  # from this many options, the user types to filter instead of scrolling


def _keys(o: Option) -> tuple[frozenset[str], frozenset[str]]:
    """An option's whole names (id, label, aliases) and its single words, folded as --kommune
    folds a name: case, æ/ø/å (ae/oe/aa or o/a), 'Kommune', hyphens and spaces do not matter."""
    from nsk_cli.core.text import slugs

    names = (o.value, o.label.split("(")[0], *o.aliases)
    whole = frozenset().union(*(slugs(n) for n in names))
    words = frozenset().union(
        *(slugs(w) for n in names for w in n.replace("-", " ").split() if w.casefold() != "kommune")
    )
    return whole, words


def filter_options(q: Question, typed: str) -> tuple[list[Option], list[Option]]:
    """The options that match what was typed: those it names exactly ('kbh', 'Ishøj', 'Hoeje
    Taastrup'), then those whose name or one of its words begins with it ('ish', 'taastrup')."""
    from nsk_cli.core.text import slugs

    wanted = {w for w in slugs(typed) if w}
    if not wanted:
        return [], list(q.options)
    exact: list[Option] = []
    begins: list[Option] = []
    for o in q.options:
        whole, words = _keys(o)
        if wanted & whole:
            exact.append(o)
        elif any(k.startswith(w) for w in wanted for k in whole | words):
            begins.append(o)
    return exact, begins


def _matching(q: Question, typed: str) -> list[str]:
    """Options matching what was typed; an exact name wins over a prefix."""
    exact, begins = filter_options(q, typed)
    return [o.value for o in (exact or begins)]


def _shown(typed: str) -> str:
    """What was typed, as it is echoed back: trimmed, short, CPR-like numbers masked, no controls."""
    from nsk_cli.core import privacy

    return privacy.masked_excerpt(typed.strip(), 40)


def _choose_by_name(q: Question, preselect: str | None, can_go_back: bool) -> str:
    """A long list (the 98 municipalities) as a search: every key typed (æ, ø, å too) filters
    the list, folded as --kommune folds a name; arrows move, Enter picks the marked entry. The
    list opens at the top with nothing marked unless going back to an earlier choice, so Enter
    before typing picks nothing, and Enter with no match picks nothing and says so."""
    import shutil

    from prompt_toolkit.application import Application
    from prompt_toolkit.buffer import Buffer
    from prompt_toolkit.key_binding import KeyBindings
    from prompt_toolkit.layout import HSplit, Layout, Window
    from prompt_toolkit.layout.controls import BufferControl, FormattedTextControl
    from prompt_toolkit.layout.processors import BeforeInput
    from prompt_toolkit.styles import Style

    back = Option(BACK, BACK_LABEL)
    everything = [*q.options, back] if can_go_back else list(q.options)
    height = max(4, min(12, shutil.get_terminal_size((80, 24)).lines - 8))
    state: dict = {"shown": everything, "cursor": None, "top": 0, "message": ""}
    if preselect is not None and preselect != OTHER_KOMMUNE:
        values = [o.value for o in everything]
        if preselect in values:  # going back: the earlier choice is marked, in view
            state["cursor"] = values.index(preselect)
            state["top"] = max(0, state["cursor"] - height // 2)

    def refresh(buffer: Buffer) -> None:
        exact, begins = filter_options(q, buffer.text)
        typed = bool(buffer.text.strip())
        state["shown"] = exact + begins if typed else everything
        state["cursor"] = 0 if typed and state["shown"] else None
        state["top"] = 0
        state["message"] = (
            f"Ingen passer til '{_shown(buffer.text)}' – ret navnet, eller skriv 'anden'."
            if typed and not state["shown"]
            else ""
        )

    def move(step: int) -> None:
        shown = state["shown"]
        if not shown:
            return
        cursor = state["cursor"]
        cursor = 0 if cursor is None else max(0, min(len(shown) - 1, cursor + step))
        state["cursor"] = cursor
        if cursor < state["top"]:
            state["top"] = cursor
        elif cursor >= state["top"] + height:
            state["top"] = cursor - height + 1
        state["message"] = ""

    def rows():
        shown, cursor, top = state["shown"], state["cursor"], state["top"]
        out: list[tuple[str, str]] = []
        for i, o in enumerate(shown[top : top + height], top):
            marked = i == cursor
            out.append(("class:marked" if marked else "", ("» " if marked else "  ") + o.label + "\n"))
        rest = len(shown) - top - height
        if rest > 0:
            out.append(("class:hint", f"  … og {rest} flere – skriv for at søge\n"))
        return out

    buffer = Buffer(multiline=False, on_text_changed=refresh)
    kb = KeyBindings()

    @kb.add("up")
    def _up(event) -> None:
        move(-1)

    @kb.add("down")
    def _down(event) -> None:
        move(1)

    @kb.add("pageup")
    def _pageup(event) -> None:
        move(-height)

    @kb.add("pagedown")
    def _pagedown(event) -> None:
        move(height)

    @kb.add("enter")
    def _enter(event) -> None:
        shown, cursor = state["shown"], state["cursor"]
        if cursor is not None and shown:
            event.app.exit(result=shown[cursor].value)
        elif buffer.text.strip():
            state["message"] = f"Ingen passer til '{_shown(buffer.text)}' – intet er valgt. Ret navnet."
        else:
            state["message"] = "Intet er valgt – skriv navnet, eller vælg med pil op/ned."

    @kb.add("c-c", eager=True)
    def _interrupt(event) -> None:
        event.app.exit(exception=KeyboardInterrupt())

    @kb.add("c-d", eager=True)
    def _eof(event) -> None:
        event.app.exit(exception=EOFError())

    header = f"? {_wrap(q.text, indent=2)}\n  (skriv navnet for at søge · pil op/ned · Enter vælger)"
    layout = Layout(
        HSplit(
            [
                Window(FormattedTextControl([("class:question", header)]), dont_extend_height=True),
                Window(
                    BufferControl(buffer, input_processors=[BeforeInput("Søg: ", style="class:label")]),
                    height=1,
                ),
                Window(FormattedTextControl(rows), dont_extend_height=True),
                Window(FormattedTextControl(lambda: [("class:message", state["message"])]), height=1),
            ]
        ),
        focused_element=buffer,
    )
    style = Style.from_dict(
        {
            "question": "bold",
            "label": "bold",
            "marked": "reverse bold",
            "hint": "fg:ansibrightblack",
            "message": "fg:ansired bold",
        }
    )
    app: Application[str] = Application(
        layout=layout, key_bindings=kb, style=style, full_screen=False, erase_when_done=True
    )
    return app.run()


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
        if preselect == OTHER_KOMMUNE:  # Enter alone never chooses 'Anden kommune'
            preselect = None
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
                out.write("Intet er valgt – skriv navnet på kommunen, eller 'anden'.\n")
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
                out.write(
                    f"Ingen passer til '{_shown(line)}' – intet er valgt. Prøv igen, eller skriv 'anden'.\n"
                )


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


def ask_note_path(folder: str) -> str | None:
    """After the result is shown: offer to save it as a note. A file name, or None (Enter or
    end of input) for not saving. Plain stdin, and the question on stderr, so stdout holds only
    the result. A bare name is saved in ``folder`` (the user's documents folder)."""
    return _answer(
        f"\nGem resultatet som notat? Skriv et filnavn – det gemmes i {folder} (Enter = gem ikke): "
    )


def confirm(question: str) -> bool:
    """A yes/no question on stderr; only 'j' or 'ja' is yes (Enter and end of input are no)."""
    sys.stderr.write(f"{question} (j/N): ")
    sys.stderr.flush()
    return sys.stdin.readline().strip().casefold() in ("j", "ja")


def ask_known() -> str | None:
    """An optional question after the interview: when the municipality first knew of the concern
    (for the deadlines). Enter or end of input skips it. Plain stdin, the question on stderr."""
    question = "Hvornår fik kommunen første gang kendskab til bekymringen (mundtligt eller skriftligt)?"
    hint = "Skriv fx 2026-12-04 14:30 for at få fristerne med (Enter = spring over):"
    return _answer(f"\n{_wrap(question)}\n{_wrap(hint)} ")


def _answer(question: str) -> str | None:
    """The question on stderr, one line from stdin; None for Enter or end of input."""
    sys.stderr.write(question)
    sys.stderr.flush()
    line = sys.stdin.readline()
    if line == "":
        sys.stderr.write("\n")
        return None
    return line.strip() or None
