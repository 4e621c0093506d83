"""Command line: a thin typer layer over debatt_nlp.run. The only module that prints or exits.

Exit codes: 0 every input annotated; 1 some inputs failed (listed on stderr and in --errors);
2 usage error (bad option, missing path, unknown or broken model, bad metadata file, a journal
from another rule set); 130 / 143 stopped by SIGINT / SIGTERM (resume with --resume).
"""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from debatt_nlp import __version__
from debatt_nlp.annotate.pipeline import (
    DEFAULT_MODEL,
    SPACY_BACKEND,
    ModelNotFoundError,
    find_model,
    load_nlp,
    load_pipeline,
    model_info,
)
from debatt_nlp.export.atomic import atomic_writer
from debatt_nlp.export.jsonl import write_jsonl
from debatt_nlp.export.tables import write_tables
from debatt_nlp.ingest.sidecar import SidecarError
from debatt_nlp.run import (
    JournalError,
    RunInterrupted,
    RunOptions,
    annotate_to_jsonl,
    annotate_to_tables,
    journal_path,
)
from debatt_nlp.run.executors import EngineUnavailable
from debatt_nlp.run.options import DEFAULT_MAX_CHARS
from debatt_nlp.schema import Exchange, InputError

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Swedish NLP annotator for interpellations and replies.",
)
err = Console(stderr=True, soft_wrap=True, highlight=False)

EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE = 0, 1, 2


class OutputFormat(StrEnum):
    jsonl = "jsonl"
    csv = "csv"


class EngineOption(StrEnum):
    local = "local"
    dask = "dask"


class BackendOption(StrEnum):
    spacy = "spacy"
    stanza = "stanza"


class InputFormatOption(StrEnum):
    files = "files"
    jsonl = "jsonl"


@app.command()
def annotate(
    paths: Annotated[
        list[Path], typer.Argument(help="Files or folders (searched recursively for .txt .pdf .docx .xml).")
    ],
    output: Annotated[
        Path,
        typer.Option(
            "--output", "-o", help="Output JSONL file ('-' for stdout), or folder for --format csv."
        ),
    ] = Path("annotations.jsonl"),
    errors: Annotated[Path | None, typer.Option(help="Write failed inputs here as JSONL.")] = None,
    output_format: Annotated[
        OutputFormat, typer.Option("--format", help="jsonl, or csv tables.")
    ] = OutputFormat.jsonl,
    input_format: Annotated[
        InputFormatOption,
        typer.Option(
            help="files (txt/pdf/docx/TEI xml), or jsonl: one {id, text, …} per line, .gz read transparently."
        ),
    ] = InputFormatOption.files,
    metadata: Annotated[
        list[Path] | None,
        typer.Option(
            "--metadata",
            help="Archive metadata (CSV or JSONL, one row per document, keyed by 'file' or 'id'); "
            "metadata.csv / metadata.jsonl in an input folder are read by themselves. See docs/ingest.md.",
        ),
    ] = None,
    model: Annotated[
        str, typer.Option(help="Model name or directory; 'blank' for rules only.")
    ] = DEFAULT_MODEL,
    workers: Annotated[
        int, typer.Option(min=1, help="Worker processes (output is identical for any number).")
    ] = 1,
    engine: Annotated[
        EngineOption,
        typer.Option(help="local (this machine), or dask (a dask.distributed cluster; the dask extra)."),
    ] = EngineOption.local,
    scheduler: Annotated[
        str | None,
        typer.Option(help="With --engine dask: the address of a running scheduler (else a LocalCluster)."),
    ] = None,
    max_chars: Annotated[
        int,
        typer.Option(min=0, help="Refuse (as an input error) a document whose text is longer; 0 = no limit."),
    ] = DEFAULT_MAX_CHARS,
    batch_size: Annotated[int, typer.Option(min=1, help="Documents per unit of work.")] = 16,
    resume: Annotated[
        bool,
        typer.Option(
            "--resume",
            help="Continue an interrupted run from its journal, and reuse documents of a previous --output "
            "(same content, metadata, rules and model).",
        ),
    ] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress or summary on stderr.")] = False,
    backend: Annotated[
        BackendOption,
        typer.Option(
            help="spacy (our model in models/), or stanza (needs the stanza extra, see README, and its models)."
        ),
    ] = BackendOption.spacy,
    stanza_dir: Annotated[
        Path | None, typer.Option(help="Where stanza's Swedish models are (with --backend stanza).")
    ] = None,
) -> None:
    """Annotate documents and write one record per exchange (interpellation + reply)."""
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        err.print(f"[red]error:[/] no such file or folder: {escape(', '.join(missing))}")
        raise typer.Exit(EXIT_USAGE)
    to_stdout = str(output) == "-"
    if to_stdout and output_format != OutputFormat.jsonl:
        err.print("[red]error:[/] tables need an --output folder, not stdout")
        raise typer.Exit(EXIT_USAGE)
    if resume and to_stdout:
        err.print("[red]error:[/] --resume needs an --output file or folder")
        raise typer.Exit(EXIT_USAGE)
    if scheduler and engine != EngineOption.dask:
        err.print("[red]error:[/] --scheduler goes with --engine dask")
        raise typer.Exit(EXIT_USAGE)
    stanza_location = str(stanza_dir) if stanza_dir is not None else None
    _check_backend(model, backend.value, stanza_location)
    options = RunOptions(
        model=model,
        batch_size=batch_size,
        workers=workers,
        engine=engine.value,
        scheduler=scheduler,
        input_format=input_format.value,
        backend=backend.value,
        stanza_dir=stanza_location,
        max_chars=max_chars,
        metadata_files=tuple(metadata or ()),
    )
    show_progress = not quiet and err.is_terminal
    with Progress(
        TextColumn("annotating"),
        MofNCompleteColumn(),
        TextColumn("inputs · {task.fields[rate]}"),
        TimeElapsedColumn(),
        console=err,
        disable=not show_progress,
        transient=True,
    ) as progress:
        task = progress.add_task("annotate", total=None, rate="")

        def advance(_: str) -> None:
            progress.advance(task)
            elapsed = progress.tasks[0].elapsed or 0.0
            if elapsed:
                progress.update(task, rate=f"{progress.tasks[0].completed / elapsed:.1f} docs/s")

        try:
            if output_format != OutputFormat.jsonl:
                summary, written = annotate_to_tables(
                    paths, output, write_tables, options, resume=resume, on_document=advance
                )
                target = ", ".join(str(p) for p in written)
            else:
                destination = sys.stdout if to_stdout else output
                summary = annotate_to_jsonl(paths, destination, options, resume=resume, on_document=advance)
                target = "stdout" if to_stdout else str(output)
        except (SidecarError, JournalError, EngineUnavailable) as exc:
            err.print(f"[red]error:[/] {escape(str(exc))}")
            raise typer.Exit(EXIT_USAGE) from None
        except RunInterrupted as stop:
            progress.stop()
            where = journal_path(output, folder=output_format != OutputFormat.jsonl)
            kept = f"what was annotated is kept in {where}; " if not to_stdout else ""
            err.print(
                f"[yellow]interrupted[/] ({stop}): nothing was written to the output; {escape(kept)}"
                + ("rerun the same command with --resume to continue." if not to_stdout else "")
            )
            raise typer.Exit(stop.exit_code) from None

    if errors is not None:
        write_jsonl(errors, summary.errors)
    for error in summary.errors:
        err.print(f"[red]failed:[/] {escape(error.path)}: {escape(error.reason)}")
    if not quiet:
        resumed = f" ({summary.n_resumed} reused from the previous run)" if summary.n_resumed else ""
        err.print(
            f"{summary.n_inputs} inputs: {summary.n_annotated + summary.n_resumed} annotated{resumed}, "
            f"{len(summary.errors)} failed; {summary.n_exchanges} records ({summary.n_paired} paired exchanges) "
            f"→ {escape(target)}"
        )
    raise typer.Exit(EXIT_SOME_FAILED if summary.errors else EXIT_OK)


def _check_backend(model: str, backend: str, stanza_dir: str | None) -> None:
    """Load the pipeline once before any work: a missing model is a usage error (exit 2), no traceback."""
    from debatt_nlp.annotate.stanza_adapter import BackendUnavailable

    try:
        load_nlp(model if backend == SPACY_BACKEND else DEFAULT_MODEL, backend, stanza_dir)
    except (ModelNotFoundError, BackendUnavailable) as exc:
        err.print(f"[red]error:[/] {escape(str(exc))}")
        raise typer.Exit(EXIT_USAGE) from None


@app.command()
def schema(
    record: Annotated[
        str, typer.Option(help="'exchange' (output records) or 'error' (--errors records).")
    ] = "exchange",
) -> None:
    """Print the JSON Schema of the output records."""
    models = {"exchange": Exchange, "error": InputError}
    if record not in models:
        err.print(f"[red]error:[/] --record must be one of {', '.join(models)}")
        raise typer.Exit(EXIT_USAGE)
    typer.echo(json.dumps(models[record].model_json_schema(), indent=2, ensure_ascii=False))


@app.command()
def info(
    model: Annotated[str, typer.Option(help="Model to describe.")] = DEFAULT_MODEL,
    stanza_dir: Annotated[Path | None, typer.Option(help="Where to look for stanza's models.")] = None,
) -> None:
    """Show the tool version, the backends and models (versions, where they load from), the pipeline."""
    from debatt_nlp.annotate.stanza_adapter import backends_info

    try:
        nlp = load_pipeline(model)
    except ModelNotFoundError as exc:
        err.print(f"[red]error:[/] {escape(str(exc))}")
        raise typer.Exit(EXIT_USAGE) from None
    name, version = model_info(nlp)
    location = find_model(model)
    typer.echo(f"debatt-nlp {__version__}")
    typer.echo(f"model: {name} {version} ({location or 'built in: blank Swedish tokenizer'})")
    typer.echo(f"pipeline: {', '.join(nlp.pipe_names)}")
    typer.echo("backends:")
    for backend in backends_info(model, stanza_dir):
        state = "available" if backend["available"] else "unavailable"
        typer.echo(f"  {backend['name']} {backend['version'] or '-'} ({state}): {backend['detail']}")


@app.command()
def evaluate(
    predictions: Annotated[Path, typer.Argument(help="JSONL written by `debatt-nlp annotate`.")],
    gold: Annotated[Path, typer.Argument(help="Gold JSONL in the riksdag-qa gold.jsonl format.")],
    json_out: Annotated[
        Path | None, typer.Option("--json", help="Also write the figures as JSON here.")
    ] = None,
) -> None:
    """Score annotations against gold: questions, pairing, alignment, directness, mentions."""
    from debatt_nlp.evaluate import evaluate as run_evaluation
    from debatt_nlp.evaluate import format_report

    for path in (predictions, gold):
        if not path.exists():
            err.print(f"[red]error:[/] no such file: {escape(str(path))}")
            raise typer.Exit(EXIT_USAGE)
    result = run_evaluation(predictions, gold)
    typer.echo(format_report(result))
    if json_out is not None:
        with atomic_writer(json_out) as handle:
            json.dump(result, handle, indent=2, ensure_ascii=False)


@app.command()
def report(
    annotations: Annotated[Path, typer.Argument(help="JSONL written by `debatt-nlp annotate`.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="The HTML file to write.")] = Path(
        "report.html"
    ),
) -> None:
    """Render annotated exchanges as one self-contained HTML page (no server, no network)."""
    from debatt_nlp.export.report import write_report

    if not annotations.exists():
        err.print(f"[red]error:[/] no such file: {escape(str(annotations))}")
        raise typer.Exit(EXIT_USAGE)
    exchanges = [
        Exchange.model_validate_json(line)
        for line in annotations.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    write_report(output, exchanges)
    err.print(f"{len(exchanges)} exchanges → {escape(str(output))}")


def main() -> None:  # pragma: no cover - console entry point
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
