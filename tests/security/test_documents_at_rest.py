"""Documents attached to a request: checked by their bytes, limited in size, kept once
per content hash and sealed, so the data folder holds none of their bytes."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from desktop.documents import DocumentStore
from desktop.personal import LazySealer
from desktop.service_kinds import FieldError

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"QUAYTHU-SCAN-OF-A-CCCD-CARD" * 40
PDF = b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n" + b"HOP-DONG-THUE-NHA " * 50
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"SO-HONG-NHA-DAT " * 50


@pytest.fixture
def store(tmp_path: Path) -> DocumentStore:
    data = tmp_path / "data"
    data.mkdir()
    return DocumentStore(data, LazySealer(data), max_mb=10)


def _file(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_images_and_pdfs_are_kept_sealed_once_per_hash(
        store: DocumentStore, tmp_path: Path) -> None:
    docs = [store.add(_file(tmp_path, n, d))
            for n, d in (("cccd.png", PNG), ("thue-nha.pdf", PDF), ("so-hong.jpg", JPEG))]
    assert [d.media_type for d in docs] == ["image/png", "application/pdf", "image/jpeg"]
    # the same scan under another name, for another request: one file
    again = store.add(_file(tmp_path, "scan-2.PNG", PNG))
    assert again.sha256 == docs[0].sha256 == hashlib.sha256(PNG).hexdigest()
    assert store.held() == sorted(d.sha256 for d in docs)
    assert (store.folder.stat().st_mode & 0o777) == 0o700
    for d, plain in zip(docs, (PNG, PDF, JPEG), strict=True):
        raw = (store.folder / d.sha256).read_bytes()
        assert (os.stat(store.folder / d.sha256).st_mode & 0o777) == 0o600
        assert plain[8:40] not in raw and b"QUAYTHU-SCAN" not in raw
        assert store.read(d.sha256) == plain
    store.drop(docs[0].sha256)  # central holds it
    assert docs[0].sha256 not in store.held()


def test_a_pdf_by_name_that_is_not_a_pdf_is_refused(store: DocumentStore,
                                                      tmp_path: Path) -> None:
    with pytest.raises(FieldError) as e:
        store.add(_file(tmp_path, "hop-dong.pdf", b"MZ\x90\x00 this is a program"))
    assert e.value.field == "documents" and "không phải PDF" in str(e.value)
    assert store.held() == []


def test_the_same_document_twice_on_one_request_is_refused(store: DocumentStore,
                                                            tmp_path: Path) -> None:
    first = store.add(_file(tmp_path, "a.pdf", PDF))
    with pytest.raises(FieldError) as e:
        store.add(_file(tmp_path, "b.pdf", PDF), already=[first.sha256])
    assert "đã đính kèm" in str(e.value)


def test_a_200_mb_file_is_refused_from_its_size_without_reading_it(
        store: DocumentStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    big = tmp_path / "scan.pdf"
    with big.open("wb") as fh:  # sparse: 200 MB on paper, nothing on disk
        fh.write(b"%PDF-1.7\n")
        fh.truncate(200 * 1024 * 1024)

    def no_reading(*_a: object, **_k: object) -> None:
        raise AssertionError("the file was opened")

    monkeypatch.setattr(Path, "open", no_reading)
    with pytest.raises(FieldError) as e:
        store.add(big)
    assert e.value.field == "documents" and "200 MB" in str(e.value) and "10 MB" in str(e.value)
