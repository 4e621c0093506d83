"""Merge archive metadata (a sidecar row) into the metadata read from the text.

The text wins where both state a field; a disagreement is a warning on the document, never a
silent choice. A field only the sidecar has is filled from it. `Metadata.sources` says, field by
field, where each value came from.
"""

from __future__ import annotations

from debatt_nlp.ingest.sidecar import COLUMNS, SidecarRow
from debatt_nlp.schema import Metadata, Person, Warning_

PERSON_FIELDS = ("author", "addressee")


def merge_archive_metadata(metadata: Metadata, row: SidecarRow | None) -> tuple[Metadata, list[Warning_]]:
    """`metadata` with `sources` filled, completed from `row`; and the warnings for disagreements."""
    sources: dict[str, str] = {name: "text" for name in _filled(metadata)}
    if row is None:
        return metadata.model_copy(update={"sources": sources}), []
    update: dict[str, object] = {}
    persons = {name: getattr(metadata, name) for name in PERSON_FIELDS}
    warnings: list[Warning_] = []
    for column, target in COLUMNS.items():
        value = row.values.get(column)
        if value is None:
            continue
        owner, _, attribute = target.partition(".")
        current = _get(metadata, persons, target)
        if current is None:
            sources[target] = "sidecar"
            if attribute:
                person = persons[owner] or Person()
                persons[owner] = person.model_copy(update={attribute: value})
            else:
                update[target] = value
        elif _norm(current) != _norm(value):
            warnings.append(
                Warning_(
                    code="metadata_disagrees",
                    message=f"{target}: the text says {current!r}, {row.source} says {value!r}; "
                    "the text's value is kept",
                )
            )
    update.update({name: person for name, person in persons.items() if person is not None})
    update["sources"] = sources
    return metadata.model_copy(update=update), warnings


def _filled(metadata: Metadata) -> list[str]:
    names = []
    for target in COLUMNS.values():
        owner, _, attribute = target.partition(".")
        value = getattr(metadata, owner)
        if attribute:
            value = getattr(value, attribute) if value is not None else None
        if value is not None:
            names.append(target)
    return names


def _get(metadata: Metadata, persons: dict[str, Person | None], target: str) -> str | None:
    owner, _, attribute = target.partition(".")
    if attribute:
        person = persons[owner]
        return getattr(person, attribute) if person is not None else None
    return getattr(metadata, owner)


def _norm(value: str) -> str:
    return " ".join(value.split()).casefold()
