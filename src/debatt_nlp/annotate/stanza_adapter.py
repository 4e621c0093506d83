"""The optional stanza backend: stanza's Swedish models for tokens, sentences, lemmas, POS and NER.

This is the only module of the package that imports stanza, and it does so lazily, inside the
functions that need it: importing this module, `backends_info()` and the `BackendUnavailable`
paths work without stanza (or torch) installed.

    from debatt_nlp.annotate.pipeline import BLANK_MODEL, load_pipeline
    from debatt_nlp.annotate.stanza_adapter import load_stanza_nlp
    nlp = load_stanza_nlp(None, load_pipeline(BLANK_MODEL))  # None: $STANZA_RESOURCES_DIR, ...
    for doc in nlp.pipe(texts, batch_size=64):  # a spaCy Language: make_doc, pipe, __call__, meta
        doc.ents, doc._.entities, doc._.amounts, doc._.dates  # stanza's analyses + our rule layers

`load_stanza_nlp` returns a real spaCy `Language`: its first component ("stanza") replaces every
Doc by stanza's analysis of the Doc's text (keeping `doc.user_data`, e.g. the "anchor_date" the
dates layer reads), and the components of `rules` (the rule layers) run after it. Code written for
the spaCy backend (`nlp.make_doc`, `nlp.pipe(..., as_tuples=True)`, `nlp(doc)`, `nlp.pipe_names`,
`nlp.meta`) therefore works unchanged. `load_stanza_pipeline` is the lower level: texts in, Docs
with stanza's analyses out, no rule layers.

`stanza_doc_to_spacy()` turns one stanza `Document` into a spaCy `Doc` over exactly the same text:

- tokens: one spaCy token per stanza token, its text sliced from the input by the token's
  start_char/end_char (so offsets are exact even where stanza normalises a token's text);
- whitespace between tokens follows spaCy's own convention: a single " " becomes the previous
  token's trailing space, any other whitespace (newlines, runs of spaces, leading whitespace)
  becomes a whitespace token (pos_ "SPACE", tag_ "_SP"); characters stanza left out of every token
  (it should not, but a tokenizer may drop e.g. control characters) become tokens with pos_ "X";
- multi-word tokens (rare in Swedish; Talbanken has none): when the words' texts spell the
  token's surface exactly (English "don't" -> "do" + "n't"), each word becomes its own spaCy token,
  as spaCy itself tokenizes; otherwise (French "du" -> "de le") the surface stays ONE spaCy token
  that takes the analysis (lemma, POS, xpos, feats) of the FIRST word - offsets win over syntax;
- sentences: the first token of every stanza sentence is a sentence start and no other token
  is; whitespace between sentences belongs to the sentence before it, leading whitespace to the
  first sentence;
- token.lemma_, token.pos_ (upos), token.tag_ (xpos), token.morph (feats) from stanza's words;
- doc.ents from stanza's NER: the document's entity spans (start_char/end_char) where it has them,
  otherwise decoded from the tokens' BIOES/BIO tags, laid over the Doc with
  `doc.char_span(..., alignment_mode="expand")`; labels PRS/PERSON -> PER, INST/ORGANIZATION -> ORG,
  GPE/LOCATION/PLACE -> LOC, others (TME, MSR, WRK, EVN, OBJ, OTH, ...) kept.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import json
import os
import re
import shlex
from collections.abc import Iterable, Iterator, Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import spacy
from spacy import parts_of_speech
from spacy.language import Language
from spacy.pipeline import TrainablePipe
from spacy.tokens import Doc
from spacy.util import filter_spans
from spacy.vocab import Vocab

from debatt_nlp.annotate.models import DEFAULT_MODEL, find_model

if TYPE_CHECKING:  # pragma: no cover - types only; stanza is optional
    import stanza

LANG = "sv"
# "mwt" is left out on purpose: stanza adds it by itself where the Swedish tokenizer package has
# one, and asking for it where there is none fails (the Talbanken package has no MWT model).
PROCESSORS = "tokenize,pos,lemma,ner"
STANZA_DIR_ENV = "STANZA_RESOURCES_DIR"
# run in the project checkout (as the README installs it); docs/stanza.md has the CPU-only torch step
PIP_EXTRA_COMMAND = 'pip install -e ".[stanza]"'
# texts per stanza bulk_process call: stanza batches by words inside, so more texts fill its batches
DEFAULT_BATCH_SIZE = 64
STANZA_FACTORY = "debatt_stanza"  # the spaCy factory of the component that runs stanza
STANZA_COMPONENT = "stanza"  # its name in the pipeline (provenance lists it)

LABEL_MAP = {
    "PRS": "PER",
    "PERSON": "PER",
    "INST": "ORG",
    "ORGANIZATION": "ORG",
    "ORGANISATION": "ORG",
    "GPE": "LOC",
    "LOCATION": "LOC",
    "PLACE": "LOC",
}

_RUNS = re.compile(r"\s+|\S+")
UD_POS = frozenset(name for name in parts_of_speech.IDS if name)


class BackendUnavailable(RuntimeError):
    """The stanza backend cannot run here; the message says why and what to run to fix it."""


# --------------------------------------------------------------------------- model directory


def default_model_dirs() -> list[Path]:
    """Where Swedish stanza models are looked for when no directory is given, in order.

    `$STANZA_RESOURCES_DIR` when set (stanza itself honours it too); otherwise `~/stanza_resources`
    (stanza < 1.11's default, and the one this project documents) and then the installed stanza's
    own default (stanza >= 1.11 downloads to a versioned user cache dir such as
    ~/.cache/stanza/<version>/resources).
    """
    if os.environ.get(STANZA_DIR_ENV):
        return [Path(os.environ[STANZA_DIR_ENV]).expanduser()]
    dirs = [Path.home() / "stanza_resources"]
    own = _stanza_own_default_dir()
    if own is not None and own not in dirs:
        dirs.append(own)
    return dirs


def default_model_dir() -> Path:
    """The first of `default_model_dirs()` that holds Swedish models, else the first of them."""
    dirs = default_model_dirs()
    return next((d for d in dirs if models_present(d)), dirs[0])


def _stanza_own_default_dir() -> Path | None:
    """stanza's DEFAULT_MODEL_DIR, computed without importing stanza (which imports torch)."""
    version = _stanza_resources_version()
    if version is None:
        return None
    try:
        from platformdirs import user_cache_dir
    except ImportError:  # pragma: no cover - platformdirs is a stanza dependency
        return None
    try:
        major, minor = (int(x) for x in version.split(".")[:2])
    except ValueError:  # pragma: no cover - odd version string
        return None
    if (major, minor) < (1, 11):
        return None  # older stanza used ~/stanza_resources, already listed
    return Path(user_cache_dir("stanza", "StanfordNLP", version)) / "resources"


def models_present(model_dir: Path) -> bool:
    """Whether `model_dir` looks like a stanza resources dir with Swedish models in it."""
    return (model_dir / "resources.json").is_file() and (model_dir / LANG).is_dir()


def download_call(model_dir: Path) -> str:
    """The Python call that downloads the Swedish models into `model_dir` (needs internet)."""
    # json.dumps gives a double-quoted literal that is also a valid Python string literal
    return f"stanza.download({json.dumps(LANG)}, model_dir={json.dumps(str(model_dir), ensure_ascii=False)})"


def download_command(model_dir: Path) -> str:
    """A shell command (POSIX quoting) running `download_call(model_dir)`, for error messages."""
    return f"python -c {shlex.quote(f'import stanza; {download_call(model_dir)}')}"


def _missing_models_message(looked_in: Sequence[Path]) -> str:
    where = ", ".join(str(d) for d in looked_in)
    return (
        f"stanza's Swedish models were not found (looked in: {where}). "
        f"Download them once, on a machine with internet, with:\n    {download_command(looked_in[0])}\n"
        f"(copy that directory here if it was another machine) and pass it with --stanza-dir DIR "
        f"or set ${STANZA_DIR_ENV}."
    )


# --------------------------------------------------------------------------- availability


def _stanza_version() -> str | None:
    try:
        if importlib.util.find_spec("stanza") is None:
            return None
    except (ImportError, ValueError):  # a broken or stubbed module
        return None
    try:
        return importlib.metadata.version("stanza")
    except importlib.metadata.PackageNotFoundError:  # pragma: no cover - importable, no metadata
        return "unknown"


def _stanza_resources_version() -> str | None:
    """stanza's `__resources_version__` (its model directory is named after it), read from
    stanza/_version.py without importing stanza; the package version where that fails."""
    version = _stanza_version()
    if version is None:
        return None
    try:
        spec = importlib.util.find_spec("stanza")
        locations = list(spec.submodule_search_locations or []) if spec else []
        source = (Path(locations[0]) / "_version.py").read_text(encoding="utf-8")
    except (ImportError, ValueError, OSError, IndexError):
        return version
    match = re.search(r"__resources_version__\s*=\s*['\"]([^'\"]+)['\"]", source)
    return match.group(1) if match else version


def _import_stanza() -> Any:
    try:
        import stanza
    except ImportError as exc:
        missing = (getattr(exc, "name", None) or "stanza").split(".")[0]
        if missing == "torch":
            message = (
                f"the stanza backend needs torch, which could not be imported ({exc}). Install torch "
                f"(on a CPU-only machine the CPU wheel, see docs/stanza.md), then: {PIP_EXTRA_COMMAND}"
            )
        else:
            message = (
                f"the stanza backend needs the optional stanza package, which could not be imported "
                f"({exc}). Install it, in the debatt-nlp checkout, with: {PIP_EXTRA_COMMAND} "
                f"(see docs/stanza.md)"
            )
        raise BackendUnavailable(message) from None
    except Exception as exc:  # e.g. OSError from a torch build that does not fit this machine
        raise BackendUnavailable(
            f"stanza is installed but could not be imported ({type(exc).__name__}: {exc}); "
            f"reinstall torch and stanza (see docs/stanza.md)"
        ) from exc
    return stanza


def backends_info(model: str | None = None, stanza_dir: Path | None = None) -> list[dict[str, Any]]:
    """For `debatt-nlp info [--model M] [--stanza-dir DIR]`: each backend's name, availability,
    version and model location.

    Keys: name, available (bool), version (str | None), models (where models load from, str | None),
    detail (a line for humans: where from, or why unavailable and what to run). Cheap: imports
    neither stanza nor torch. `model` defaults to the project's spaCy model; `stanza_dir` is
    looked in alone, as `--stanza-dir` makes the annotator do.
    """
    model = model or DEFAULT_MODEL
    spacy_model = find_model(model)
    infos: list[dict[str, Any]] = [
        {
            "name": "spacy",
            "available": True,
            "version": spacy.__version__,
            "models": str(spacy_model) if spacy_model else None,
            "detail": f"model {model} from {spacy_model}"
            if spacy_model
            else f"model {model} not found (annotate refuses to run without it; --model blank for the rules alone)",
        }
    ]
    version = _stanza_version()
    entry: dict[str, Any] = {"name": "stanza", "available": False, "version": version, "models": None}
    if version is None:
        entry["detail"] = f"not installed: {PIP_EXTRA_COMMAND} (see docs/stanza.md)"
    elif importlib.util.find_spec("torch") is None:
        entry["detail"] = f"stanza {version} installed but torch is missing: see docs/stanza.md"
    else:
        dirs = [Path(stanza_dir).expanduser()] if stanza_dir is not None else default_model_dirs()
        found = next((d for d in dirs if models_present(d)), None)
        if found is None:
            entry["detail"] = (
                f"Swedish models not found (looked in: {', '.join(map(str, dirs))}); "
                f"download with: {download_command(dirs[0])}"
            )
        else:
            entry.update(
                available=True,
                models=str(found),
                detail=f"Swedish models from {found}; torch {_torch_version()}",
            )
    infos.append(entry)
    return infos


def _torch_version() -> str:
    try:
        return importlib.metadata.version("torch")
    except importlib.metadata.PackageNotFoundError:  # importable without metadata: odd, harmless
        return "unknown"


# --------------------------------------------------------------------------- loading


class StanzaBackend:
    """A loaded stanza pipeline: call it with texts, get spaCy Docs (same order, same texts)."""

    def __init__(self, pipeline: Any, vocab: Vocab, model_dir: Path, version: str, batch_size: int) -> None:
        self.pipeline = pipeline
        self.vocab = vocab
        self.model_dir = model_dir
        self.batch_size = batch_size
        self.meta = {
            "name": f"stanza_{LANG}",
            "version": version,
            "model_dir": str(model_dir),
            "processors": _loaded_processors(pipeline),
            "packages": _packages(pipeline, model_dir),
        }

    def __call__(self, texts: list[str]) -> list[Doc]:
        return list(self.pipe(texts))

    def pipe(self, texts: Iterable[str]) -> Iterable[Doc]:
        batch: list[str] = []
        for text in texts:
            batch.append(text)
            if len(batch) >= self.batch_size:
                yield from self.run_batch(batch)
                batch = []
        if batch:
            yield from self.run_batch(batch)

    def run_batch(self, texts: list[str]) -> list[Doc]:
        """One stanza bulk_process call for all of `texts` (no batching here)."""
        # stanza's tokenizer has nothing to do on blank text (and older versions choke on it)
        todo = [i for i, text in enumerate(texts) if text.strip()]
        processed = self.pipeline.bulk_process([texts[i] for i in todo]) if todo else []
        by_index = dict(zip(todo, processed, strict=True))
        return [
            stanza_doc_to_spacy(by_index[i], self.vocab, text=text)
            if i in by_index
            else _blank_doc(text, self.vocab)
            for i, text in enumerate(texts)
        ]


def _loaded_processors(pipeline: Any) -> list[str]:
    processors = getattr(pipeline, "processors", None)
    return list(processors) if isinstance(processors, dict) else []


def _packages(pipeline: Any, model_dir: Path) -> dict[str, str]:
    """processor -> package(s) stanza loaded (for provenance): from the pipeline's load list, else
    the default Swedish packages named by resources.json, else {}."""
    load_list = getattr(pipeline, "load_list", None)
    if isinstance(load_list, list) and load_list:
        try:
            return {str(name): ";".join(str(spec.package) for spec in specs) for name, specs in load_list}
        except (TypeError, ValueError, AttributeError):
            pass  # a stanza whose load list looks different: fall back to resources.json
    try:
        resources = json.loads((model_dir / "resources.json").read_text(encoding="utf-8"))
        packages = resources[LANG].get("default_processors", {})
        return {str(k): v for k, v in packages.items() if isinstance(v, str)}
    except (OSError, ValueError, KeyError, AttributeError, TypeError):
        return {}


def find_stanza_models(model_dir: Path | None = None) -> Path:
    """The directory holding stanza's Swedish models: `model_dir`, or the first of
    `default_model_dirs()` that has them. Imports stanza (so torch) but loads no model: a cheap
    check a CLI can make before starting work (or worker processes).

    Raises BackendUnavailable when stanza or torch cannot be imported (naming the pip command)
    or when no models are found (naming every directory looked in and the download command).
    """
    _import_stanza()
    if model_dir is None:
        looked_in = default_model_dirs()
        found = next((d for d in looked_in if models_present(d)), None)
    else:
        looked_in = [Path(model_dir).expanduser()]
        found = looked_in[0] if models_present(looked_in[0]) else None
    if found is None:
        raise BackendUnavailable(_missing_models_message(looked_in))
    return found


def load_stanza_pipeline(
    model_dir: Path | None = None,
    *,
    vocab: Vocab | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    use_gpu: bool = False,
) -> StanzaBackend:
    """Load stanza's Swedish pipeline from `model_dir` (never downloads anything).

    `model_dir=None` looks in `default_model_dirs()`. Returns a callable `list[str] -> list[Doc]`
    (a `StanzaBackend`; `.meta` names the models for provenance) whose Docs share `vocab` (a blank
    Swedish vocab by default). Raises BackendUnavailable as `find_stanza_models` does, and when
    stanza fails to load the models it found (incomplete or corrupt download).
    """
    found = find_stanza_models(model_dir)
    stanza = _import_stanza()
    try:
        pipeline = stanza.Pipeline(
            LANG,
            dir=str(found),
            processors=PROCESSORS,
            download_method=None,
            use_gpu=use_gpu,
            logging_level="WARN",
        )
    except Exception as exc:  # stanza raises many types here; all mean "unusable models"
        raise BackendUnavailable(
            f"stanza could not load its Swedish models from {found} "
            f"({type(exc).__name__}: {exc}). Re-download them, on a machine with internet, with:\n"
            f"    {download_command(found)}"
        ) from exc
    version = getattr(stanza, "__version__", None) or _stanza_version() or "unknown"
    return StanzaBackend(pipeline, vocab if vocab is not None else _blank_vocab(), found, version, batch_size)


# --------------------------------------------------------------------------- spaCy integration


class StanzaComponent:
    """spaCy component: replaces each Doc by a Doc with stanza's analysis of the same text.

    It must come first: the Docs it returns are new objects (stanza's tokens, sentences, lemmas,
    POS, morphology and entities), carrying over the incoming Doc's `user_data` (extension values
    and e.g. the "anchor_date" the dates layer reads), `cats` and the context of
    `nlp.pipe(..., as_tuples=True)`; any other annotation on the incoming Doc is dropped. `pipe` sends whole batches to stanza, which is much faster than one text at a time.
    """

    def __init__(self, backend: StanzaBackend, name: str) -> None:
        self.backend = backend
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        return next(iter(self.pipe([doc], batch_size=1)))

    def pipe(self, docs: Iterable[Doc], batch_size: int | None = None) -> Iterator[Doc]:
        size = max(1, batch_size or self.backend.batch_size)
        batch: list[Doc] = []
        for doc in docs:
            batch.append(doc)
            if len(batch) >= size:
                yield from self._replace(batch)
                batch = []
        if batch:
            yield from self._replace(batch)

    def _replace(self, docs: list[Doc]) -> list[Doc]:
        converted = self.backend.run_batch([doc.text for doc in docs])
        for old, new in zip(docs, converted, strict=True):
            new.user_data.update(old.user_data)
            new.cats.update(old.cats)
            # Language.pipe(as_tuples=True) carries each context on the Doc object itself
            new._context = old._context
        return converted

    # nothing to save: the models live in stanza's directory, named in the config
    def to_disk(self, path: object, *, exclude: tuple[str, ...] = ()) -> None:
        return None

    def from_disk(self, path: object, *, exclude: tuple[str, ...] = ()) -> StanzaComponent:
        return self

    def to_bytes(self, *, exclude: tuple[str, ...] = ()) -> bytes:
        return b""

    def from_bytes(self, data: bytes, *, exclude: tuple[str, ...] = ()) -> StanzaComponent:
        return self


@Language.factory(
    STANZA_FACTORY,
    default_config={"model_dir": None, "batch_size": DEFAULT_BATCH_SIZE, "use_gpu": False},
    assigns=["token.lemma", "token.pos", "token.tag", "token.morph", "token.is_sent_start", "doc.ents"],
)
def make_stanza_component(
    nlp: Language, name: str, model_dir: str | None, batch_size: int, use_gpu: bool
) -> StanzaComponent:
    """Loads stanza here, so BackendUnavailable comes out of `nlp.add_pipe` unchanged."""
    backend = load_stanza_pipeline(
        Path(model_dir) if model_dir else None, vocab=nlp.vocab, batch_size=batch_size, use_gpu=use_gpu
    )
    return StanzaComponent(backend, name)


def load_stanza_nlp(
    model_dir: Path | None,
    rules: Language,
    *,
    batch_size: int = DEFAULT_BATCH_SIZE,
    use_gpu: bool = False,
) -> Language:
    """A spaCy Language that analyses texts with stanza, then runs the components of `rules`.

    `rules` is a Language whose components are the rule layers (e.g. `load_pipeline("blank")`: the
    debatt_sentences, debatt_political_entities, debatt_amounts and debatt_dates components); they
    are shared with the result (sourced, not copied), as is `rules.vocab`; `rules` itself is not
    changed. If `rules` has the debatt_sentences component, the project's sentence rules decide
    the sentence boundaries, as in the spaCy backend; without it stanza's sentences stand.

    The result: `.pipe(texts_or_docs, batch_size=..., as_tuples=...)`, `nlp(text_or_doc)` and
    `nlp.make_doc(text)` as for any Language; `pipe_names` == ["stanza", *rules.pipe_names];
    `.meta["name"]` "stanza_sv", `.meta["version"]` the stanza version, `.meta["stanza"]` the model
    directory, processors and packages. Raises BackendUnavailable (see `load_stanza_pipeline`);
    ValueError when `rules` has a trained component (its predictions would overwrite stanza's).
    """
    trained = [name for name, proc in rules.pipeline if isinstance(proc, TrainablePipe)]
    if trained:
        raise ValueError(
            f"`rules` must hold rule components only; these would overwrite stanza's analyses: {trained}"
        )
    nlp = spacy.blank(LANG, vocab=rules.vocab)
    config = {
        "model_dir": str(model_dir) if model_dir else None,
        "batch_size": batch_size,
        "use_gpu": use_gpu,
    }
    component = nlp.add_pipe(STANZA_FACTORY, name=STANZA_COMPONENT, config=config)
    for name in rules.pipe_names:
        nlp.add_pipe(name, source=rules)
    # Language.pipe hands its own batch_size (default 1000) to every component: make it ours
    nlp.batch_size = batch_size
    backend_meta = dict(component.backend.meta)
    nlp.meta.update(name=backend_meta["name"], version=backend_meta["version"], stanza=backend_meta)
    return nlp


# --------------------------------------------------------------------------- conversion


@cache
def _blank_vocab() -> Vocab:
    return spacy.blank(LANG).vocab


def map_label(label: str) -> str:
    return LABEL_MAP.get(label.upper(), label)


class _Builder:
    """Accumulates spaCy words/spaces and per-token annotations, keeping every offset."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.cursor = 0
        self.words: list[str] = []
        self.spaces: list[bool] = []
        self.starts: list[int] = []
        self.lemmas: list[str] = []
        self.pos: list[str | None] = []
        self.tags: list[str | None] = []
        self.morphs: list[str | None] = []
        self.sent_starts: list[bool] = []

    def add(
        self,
        start: int,
        end: int,
        lemma: str | None = None,
        pos: str | None = None,
        tag: str | None = None,
        morph: str | None = None,
        sent_start: bool = False,
    ) -> None:
        self.gap(start)
        self.words.append(self.text[start:end])
        self.spaces.append(False)
        self.starts.append(start)
        self.lemmas.append(lemma or "")
        self.pos.append(pos)
        self.tags.append(tag)
        self.morphs.append(morph)
        self.sent_starts.append(sent_start)
        self.cursor = end

    def gap(self, until: int) -> None:
        """Cover text[cursor:until], which no stanza token claimed."""
        for match in _RUNS.finditer(self.text, self.cursor, until):
            piece, start = match.group(), match.start()
            self.cursor = start
            if piece.isspace():
                if piece[0] == " " and self.words and not self.spaces[-1]:
                    self.spaces[-1] = True
                    piece, start = piece[1:], start + 1
                if piece:
                    self._raw(start, piece, "SPACE", "_SP")
            else:
                self._raw(start, piece, "X", None)
            self.cursor = match.end()
        self.cursor = until

    def _raw(self, start: int, piece: str, pos: str, tag: str | None) -> None:
        self.words.append(piece)
        self.spaces.append(False)
        self.starts.append(start)
        self.lemmas.append(piece)
        self.pos.append(pos)
        self.tags.append(tag)
        self.morphs.append(None)
        self.sent_starts.append(False)

    def build(self, vocab: Vocab) -> Doc:
        self.gap(len(self.text))
        if not self.words:
            return Doc(vocab, words=[], spaces=[])
        sent_starts = list(self.sent_starts)
        sent_starts[0] = True
        doc = Doc(vocab, words=self.words, spaces=self.spaces, sent_starts=sent_starts)
        annotations = zip(doc, self.lemmas, self.pos, self.tags, self.morphs, strict=True)
        for token, lemma, pos, tag, morph in annotations:
            if lemma:
                token.lemma_ = lemma
            if pos and pos in UD_POS:
                token.pos_ = pos
            if tag:
                token.tag_ = tag
            if morph:
                token.set_morph(morph)
        return doc


def _blank_doc(text: str, vocab: Vocab) -> Doc:
    builder = _Builder(text)
    return builder.build(vocab)


def _token_spans(
    document: stanza.Document, text: str, use_offsets: bool = True
) -> list[list[tuple[int, int]]]:
    """(start, end) of every stanza token, per sentence: its start_char/end_char where set (and
    `use_offsets`), else found in `text` after the previous token (a Document read from CoNLL-U
    has no offsets)."""
    spans: list[list[tuple[int, int]]] = []
    cursor = 0
    for sentence in document.sentences:
        sentence_spans = []
        for token in sentence.tokens:
            start, end = (token.start_char, token.end_char) if use_offsets else (None, None)
            if start is None or end is None:
                start = text.find(token.text, cursor)
                if start < 0 or text[cursor:start].strip():
                    raise ValueError(f"stanza token {token.text!r} not found in the text at offset {cursor}")
                end = start + len(token.text)
            if start < cursor or end > len(text) or end < start:
                raise ValueError(
                    f"stanza token {token.text!r} has offsets {start}-{end} that do not fit the text "
                    f"(previous token ended at {cursor}, text length {len(text)})"
                )
            sentence_spans.append((start, end))
            cursor = end
        spans.append(sentence_spans)
    return spans


def _text_from_tokens(document: stanza.Document) -> str:
    """Rebuild the text of a Document that has none, from its tokens and their SpaceAfter."""
    pieces: list[str] = []
    for sentence in document.sentences:
        for token in sentence.tokens:
            pieces.append(token.spaces_before or "")
            pieces.append(token.text)
            pieces.append(token.spaces_after if token.spaces_after is not None else " ")
    return "".join(pieces).rstrip(" ")


def _decode_tags(tags: Sequence[str | None]) -> list[tuple[int, int, str]]:
    """(first, last, type) token-index spans from BIOES or BIO tags (I- after O starts an entity)."""
    entities: list[tuple[int, int, str]] = []
    current: list[Any] = []  # [first, last, type]

    def flush() -> None:
        if current:
            entities.append((current[0], current[1], current[2]))
            current.clear()

    for i, tag in enumerate(tags):
        if not tag or tag == "O" or len(tag) < 3 or tag[1] != "-":
            flush()
            continue
        prefix, label = tag[0], tag[2:]
        if prefix in "BS" or not current or current[2] != label:
            flush()
            current.extend([i, i, label])
        else:
            current[1] = i
        if prefix in "ES":
            flush()
    flush()
    return entities


def _word_fields(word: Any) -> dict[str, Any]:
    return {"lemma": word.lemma, "pos": word.upos, "tag": word.xpos, "morph": word.feats}


def stanza_doc_to_spacy(
    document: stanza.Document, vocab: Vocab | None = None, text: str | None = None
) -> Doc:
    """A spaCy Doc over `text` (default: the Document's text) with stanza's analyses.

    `doc.text == text` always. Without `text`, a Document that has no text (one read from CoNLL-U)
    gets its text rebuilt from the tokens' texts and SpaceAfter annotations (and any offsets in
    it are ignored). Raises ValueError when the tokens' offsets do not fit the text.
    """
    if vocab is None:
        vocab = _blank_vocab()
    rebuilt = text is None and document.text is None
    if text is None:
        text = _text_from_tokens(document) if rebuilt else document.text
    # offsets index the original text, not one rebuilt from the tokens: ignore them then
    spans = _token_spans(document, text, use_offsets=not rebuilt)
    builder = _Builder(text)
    for sentence, sentence_spans in zip(document.sentences, spans, strict=True):
        # the first token of a sentence starts it - unless nothing but whitespace comes before
        # it: leading whitespace belongs to the first sentence (spaCy's doc[0] always starts one)
        first = True
        for token, (start, end) in zip(sentence.tokens, sentence_spans, strict=True):
            if end <= start:
                continue  # a zero-width token has no place in a spaCy Doc
            sent_start = first and bool(builder.words)
            first = False
            words = token.words
            if len(words) > 1 and "".join(w.text for w in words) == text[start:end]:
                offset = start  # a multi-word token whose words spell it: one spaCy token each
                for k, word in enumerate(words):
                    end_of_word = offset + len(word.text)
                    builder.add(offset, end_of_word, sent_start=sent_start and k == 0, **_word_fields(word))
                    offset = end_of_word
            elif words:  # one word, or a multi-word token whose words do not spell it
                builder.add(start, end, sent_start=sent_start, **_word_fields(words[0]))
            else:  # a token without words (tokenize-only output)
                builder.add(start, end, sent_start=sent_start)
    doc = builder.build(vocab)
    doc.ents = _entity_spans(doc, document, spans)
    return doc


def _entity_spans(doc: Doc, document: stanza.Document, spans: list[list[tuple[int, int]]]) -> list:
    offsets_known = document.text is not None and all(
        token.start_char is not None for sentence in document.sentences for token in sentence.tokens
    )
    found: list[tuple[int, int, str]] = []
    if document.ents and offsets_known:
        found = [(e.start_char, e.end_char, e.type) for e in document.ents]
    else:
        for sentence, sentence_spans in zip(document.sentences, spans, strict=True):
            for first, last, label in _decode_tags([token.ner for token in sentence.tokens]):
                found.append((sentence_spans[first][0], sentence_spans[last][1], label))
    ents = []
    for start, end, label in found:
        span = doc.char_span(start, end, label=map_label(label), alignment_mode="expand")
        if span is not None and len(span) > 0:
            ents.append(span)
    return filter_spans(ents)
