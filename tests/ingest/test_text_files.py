"""Decoding and discovery: bad input is refused by name with a reason; good input kept verbatim."""

from __future__ import annotations

from pathlib import Path

import pytest

from debatt_nlp.ingest.text_files import IngestError, InputFile, decode_bytes, discover, read_text_file

SWEDISH = "Interpellation till finansministern om skatter på bostäder i Göteborg och Malmö.\n"


def test_utf8_is_decoded_verbatim_with_crlf_kept() -> None:
    text, encoding, warnings = decode_bytes((SWEDISH.replace("\n", "\r\n")).encode("utf-8"))
    assert encoding == "utf-8"
    assert text.endswith("Malmö.\r\n")
    assert warnings == []


def test_cp1252_falls_back_with_a_warning() -> None:
    text, encoding, warnings = decode_bytes("Åtgärder för äldre – en fråga om välfärd".encode("cp1252"))
    assert encoding == "cp1252"
    assert text == "Åtgärder för äldre – en fråga om välfärd"
    assert [w.code for w in warnings] == ["encoding_fallback"]


def test_utf16_with_bom_is_decoded() -> None:
    text, encoding, warnings = decode_bytes(SWEDISH.encode("utf-16"))
    assert (text, encoding) == (SWEDISH, "utf-16")
    assert warnings[0].code == "encoding_fallback"


def test_utf8_bom_is_dropped_and_recorded() -> None:
    text, _, warnings = decode_bytes(b"\xef\xbb\xbf" + SWEDISH.encode("utf-8"))
    assert text == SWEDISH
    assert warnings[0].code == "bom_removed"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file"),
        (b" \n\t\n  ", "only whitespace"),
        (b"%PDF-1.4\x00\x01\x02binary", "binary"),
        (bytes(range(1, 32)) * 20, "binary"),
    ],
)
def test_unusable_bytes_are_refused_with_a_reason(data: bytes, reason: str) -> None:
    with pytest.raises(IngestError, match=reason):
        decode_bytes(data)


def test_discover_is_recursive_sorted_and_txt_only(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "svar.txt").write_text("x", encoding="utf-8")
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    (tmp_path / "notes.md").write_text("x", encoding="utf-8")
    found = [item.doc_id for item in discover([tmp_path])]
    assert found == ["a.txt", "b/svar.txt"]


def test_a_file_named_directly_is_taken_whatever_its_suffix(tmp_path: Path) -> None:
    named = tmp_path / "interpellation.text"
    named.write_text(SWEDISH, encoding="utf-8")
    assert [item.doc_id for item in discover([named])] == ["interpellation.text"]


def test_directory_symlink_loop_does_not_hang(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(SWEDISH, encoding="utf-8")
    (tmp_path / "loop").symlink_to(tmp_path, target_is_directory=True)
    assert [item.doc_id for item in discover([tmp_path])] == ["a.txt"]


def test_vanished_file_is_reported(tmp_path: Path) -> None:
    with pytest.raises(IngestError, match="not found"):
        read_text_file(InputFile(tmp_path / "borta.txt", "borta.txt"))


def test_read_records_hash_and_encoding(tmp_path: Path) -> None:
    path = tmp_path / "doc.txt"
    path.write_bytes(SWEDISH.encode("utf-8"))
    raw = read_text_file(InputFile(path, "doc.txt"))
    assert raw.text == SWEDISH
    assert raw.encoding == "utf-8"
    assert len(raw.sha256) == 64
