"""The baseline: the smallest typer app that only prints. nsk is measured against this."""

import typer

app = typer.Typer(add_completion=False)


@app.command()
def main() -> None:
    print("{}")


if __name__ == "__main__":
    app()
