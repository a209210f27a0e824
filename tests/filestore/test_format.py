"""The encrypted file format: round trips, and every way a file can be damaged is refused."""

from __future__ import annotations

import hashlib
import io
import os
import zipfile

import pytest

from recordright.filestore.format import (
    CHUNK_SIZE,
    MAGIC,
    TAG_SIZE,
    DamagedFile,
    DecryptingReader,
    EncryptingWriter,
    NotAnEncryptedFile,
    TamperedFile,
    TruncatedFile,
    UnknownKeyId,
    WrongKey,
    decrypt_stream,
    encrypt_stream,
    read_header,
    rewrap_stream,
)

KEK = bytes(range(32))
KEKS = {"test-1": KEK}
RECORD = CHUNK_SIZE + TAG_SIZE


def seal(plain: bytes, kek: bytes = KEK, key_id: str = "test-1") -> bytes:
    out = io.BytesIO()
    digest = encrypt_stream(io.BytesIO(plain), out, kek, key_id)
    assert digest.size == len(plain)
    assert digest.sha256 == hashlib.sha256(plain).hexdigest()
    return out.getvalue()


def unseal(sealed: bytes, keks=KEKS) -> bytes:
    out = io.BytesIO()
    digest = decrypt_stream(io.BytesIO(sealed), out, keks)
    assert digest.sha256 == hashlib.sha256(out.getvalue()).hexdigest()
    return out.getvalue()


def header_length(sealed: bytes) -> int:
    return len(read_header(io.BytesIO(sealed)).raw)


def chunks_of(sealed: bytes) -> tuple[bytes, list[bytes]]:
    start = header_length(sealed)
    body = sealed[start:]
    return sealed[:start], [body[i:i + RECORD] for i in range(0, len(body), RECORD)]


@pytest.mark.parametrize("size", [0, 1, CHUNK_SIZE - 1, CHUNK_SIZE, CHUNK_SIZE + 1,
                                  3 * CHUNK_SIZE, 5 * 1024 * 1024 + 7])
def test_round_trip(size):
    plain = os.urandom(size)
    sealed = seal(plain)
    assert sealed.startswith(MAGIC)
    assert unseal(sealed) == plain
    with DecryptingReader(io.BytesIO(sealed), KEKS) as reader:
        assert reader.read() == plain


def test_the_last_chunk_is_always_short_so_a_cut_at_a_boundary_shows():
    header, chunks = chunks_of(seal(b"x" * CHUNK_SIZE))
    assert [len(c) for c in chunks] == [RECORD, TAG_SIZE]


def test_nothing_of_the_plaintext_or_the_data_key_is_visible():
    plain = b"Sam Synthetic, born 2016-05-04. " * 4000
    sealed = seal(plain)
    assert b"Sam Synthetic" not in sealed
    assert seal(plain) != sealed  # a fresh data key each time


def test_a_source_that_returns_short_reads_still_gives_full_chunks():
    class Trickle(io.RawIOBase):
        def __init__(self, data: bytes) -> None:
            self.data = memoryview(data)

        def readable(self) -> bool:
            return True

        def readinto(self, buffer) -> int:
            count = min(len(buffer), 1000, len(self.data))
            buffer[:count] = self.data[:count]
            self.data = self.data[count:]
            return count

    plain = os.urandom(CHUNK_SIZE * 2 + 5)
    out = io.BytesIO()
    encrypt_stream(Trickle(plain), out, KEK, "test-1")
    assert unseal(out.getvalue()) == plain
    assert len(chunks_of(out.getvalue())[1]) == 3


def test_dropping_the_last_chunk_is_detected():
    header, chunks = chunks_of(seal(os.urandom(CHUNK_SIZE * 2 + 100)))
    with pytest.raises(TruncatedFile, match="incomplete"):
        unseal(header + b"".join(chunks[:-1]))


def test_dropping_the_empty_last_chunk_of_an_exact_multiple_is_detected():
    header, chunks = chunks_of(seal(os.urandom(CHUNK_SIZE * 2)))
    with pytest.raises(TruncatedFile):
        unseal(header + b"".join(chunks[:-1]))


@pytest.mark.parametrize("cut", [1, TAG_SIZE, CHUNK_SIZE // 2, RECORD - 1])
def test_cutting_inside_a_chunk_is_detected(cut):
    sealed = seal(os.urandom(CHUNK_SIZE * 2 + 100))
    start = header_length(sealed)
    with pytest.raises(DamagedFile):
        unseal(sealed[:start + RECORD + cut])


def test_cutting_inside_the_header_is_detected():
    sealed = seal(b"abc")
    with pytest.raises((TruncatedFile, NotAnEncryptedFile)):
        unseal(sealed[:10])
    with pytest.raises(TruncatedFile, match="header"):
        unseal(sealed[:header_length(sealed) - 1])
    with pytest.raises(TruncatedFile):
        unseal(sealed[:header_length(sealed)])


@pytest.mark.parametrize("where", ["first chunk", "last chunk", "tag", "header key id",
                                   "wrapped key", "chunk size"])
def test_flipping_a_byte_anywhere_is_detected(where):
    sealed = bytearray(seal(os.urandom(CHUNK_SIZE * 2 + 100)))
    start = header_length(bytes(sealed))
    position = {"first chunk": start + 10, "last chunk": len(sealed) - TAG_SIZE - 3,
                "tag": start + RECORD - 1, "header key id": 13, "wrapped key": start - 5,
                "chunk size": 9}[where]
    sealed[position] ^= 0x01
    with pytest.raises((DamagedFile, WrongKey, UnknownKeyId, NotAnEncryptedFile)):
        unseal(bytes(sealed))


def test_a_flipped_data_byte_is_named_as_damage():
    sealed = bytearray(seal(os.urandom(100)))
    sealed[-20] ^= 0xFF
    with pytest.raises(TamperedFile, match="chunk 1 fails its integrity check"):
        unseal(bytes(sealed))


def test_swapping_two_chunks_is_detected():
    header, chunks = chunks_of(seal(os.urandom(CHUNK_SIZE * 3 + 1)))
    chunks[0], chunks[1] = chunks[1], chunks[0]
    with pytest.raises(TamperedFile, match="chunk 1"):
        unseal(header + b"".join(chunks))


def test_reordering_chunks_is_detected():
    header, chunks = chunks_of(seal(os.urandom(CHUNK_SIZE * 4 + 1)))
    reordered = [chunks[0], chunks[2], chunks[1], chunks[3], chunks[4]]
    with pytest.raises(TamperedFile, match="chunk 2"):
        unseal(header + b"".join(reordered))


def test_a_chunk_from_another_file_under_the_same_key_is_detected():
    header, chunks = chunks_of(seal(os.urandom(CHUNK_SIZE * 2 + 1)))
    _other_header, other_chunks = chunks_of(seal(os.urandom(CHUNK_SIZE * 2 + 1)))
    with pytest.raises(TamperedFile):
        unseal(header + chunks[0] + other_chunks[1] + chunks[2])


def test_moving_the_last_chunk_earlier_is_detected():
    header, chunks = chunks_of(seal(os.urandom(CHUNK_SIZE * 2 + 50)))
    with pytest.raises(DamagedFile):
        unseal(header + chunks[0] + chunks[2])


def test_bytes_after_the_last_chunk_are_refused():
    with pytest.raises(TamperedFile):
        unseal(seal(b"abc") + b"x")
    with pytest.raises(TamperedFile):
        unseal(seal(b"a" * (CHUNK_SIZE - 1)) + b"xy")  # now as long as a full chunk


def test_a_wrong_key_is_refused_clearly():
    with pytest.raises(WrongKey, match="not the one it was written with"):
        unseal(seal(b"letter"), {"test-1": bytes(32)})


def test_an_unknown_key_id_is_refused_clearly():
    with pytest.raises(UnknownKeyId, match="'old-key'.*does not have"):
        unseal(seal(b"letter", key_id="old-key"))


def test_keys_can_rotate_files_are_read_with_the_key_they_name():
    old = seal(b"old letter", kek=bytes(32), key_id="old")
    new = seal(b"new letter")
    keks = {"test-1": KEK, "old": bytes(32)}
    assert unseal(old, keks) == b"old letter"
    assert unseal(new, keks) == b"new letter"


def test_a_file_of_another_format_is_refused():
    with pytest.raises(NotAnEncryptedFile, match="not a recordright encrypted file"):
        unseal(b"gAAAAABfernet-token")
    with pytest.raises(NotAnEncryptedFile, match="version"):
        unseal(MAGIC + b"\x09" + seal(b"x")[len(MAGIC) + 1:])


def test_the_reader_reads_in_parts_and_seeks():
    plain = os.urandom(CHUNK_SIZE * 3 + 123)
    reader = DecryptingReader(io.BytesIO(seal(plain)), KEKS)
    assert reader.read(10) == plain[:10]
    buffer = bytearray(CHUNK_SIZE)
    count = reader.readinto(buffer)
    assert bytes(buffer[:count]) == plain[10:10 + count]
    assert reader.size == len(plain)
    for position in (0, 1, CHUNK_SIZE - 1, CHUNK_SIZE, 2 * CHUNK_SIZE + 5, len(plain)):
        assert reader.seek(position) == position
        assert reader.tell() == position
        assert reader.read(CHUNK_SIZE + 7) == plain[position:position + CHUNK_SIZE + 7]
    reader.seek(-50, io.SEEK_END)
    assert reader.read() == plain[-50:]
    assert reader.seek(len(plain) + 10) == len(plain) + 10
    assert reader.read(5) == b""
    reader.seek(0)
    assert reader.read() == plain


def test_a_zip_can_be_read_straight_from_the_encrypted_file():
    """What the vault does with a 300 MB export: zipfile seeks to the end and back."""
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("record.xml", b"<ClinicalDocument/>" * 10000)
        zipped.writestr("notes.txt", b"synthetic")
    with DecryptingReader(io.BytesIO(seal(archive.getvalue())), KEKS) as reader, \
            zipfile.ZipFile(reader) as zipped:
        assert zipped.read("notes.txt") == b"synthetic"
        assert zipped.testzip() is None


def test_the_reader_refuses_a_truncated_file_when_it_gets_there():
    plain = os.urandom(CHUNK_SIZE * 2 + 1)
    header, chunks = chunks_of(seal(plain))
    reader = DecryptingReader(io.BytesIO(header + chunks[0] + chunks[1]), KEKS)
    assert reader.read(CHUNK_SIZE) == plain[:CHUNK_SIZE]  # what authenticated is readable
    with pytest.raises(TruncatedFile):
        reader.read()
    with pytest.raises(TruncatedFile):
        _ = DecryptingReader(io.BytesIO(header + chunks[0] + chunks[1]), KEKS).size


def test_rotating_the_key_rewraps_the_data_key_and_keeps_the_chunks():
    plain = os.urandom(CHUNK_SIZE + 10)
    sealed = seal(plain)
    out = io.BytesIO()
    rewrap_stream(io.BytesIO(sealed), out, KEKS, bytes(32), "test-2")
    rewrapped = out.getvalue()
    assert read_header(io.BytesIO(rewrapped)).key_id == "test-2"
    assert chunks_of(rewrapped)[1] == chunks_of(sealed)[1]  # not re-encrypted
    assert unseal(rewrapped, {"test-2": bytes(32)}) == plain
    with pytest.raises(UnknownKeyId):
        unseal(rewrapped)


def test_the_key_block_of_another_file_does_not_open_this_one():
    header, chunks = chunks_of(seal(os.urandom(100)))
    other_header, _other = chunks_of(seal(os.urandom(100)))
    with pytest.raises(TamperedFile):
        unseal(other_header + b"".join(chunks))


@pytest.mark.parametrize("pieces", [[0], [1, 0, 1], [CHUNK_SIZE], [CHUNK_SIZE - 1, 1, 5],
                                    [3 * CHUNK_SIZE + 2], [7000] * 40])
def test_the_writer_takes_pieces_of_any_size(pieces):
    plain = os.urandom(sum(pieces))
    out = io.BytesIO()
    with EncryptingWriter(out, KEK, "test-1") as writer:
        offset = 0
        for size in pieces:
            assert writer.write(plain[offset:offset + size]) == size
            offset += size
    assert writer.digest.sha256 == hashlib.sha256(plain).hexdigest()
    assert unseal(out.getvalue()) == plain
    _header, chunks = chunks_of(out.getvalue())
    assert [len(c) for c in chunks[:-1]] == [RECORD] * (len(plain) // CHUNK_SIZE)
    assert len(chunks[-1]) == len(plain) % CHUNK_SIZE + TAG_SIZE


def test_a_writer_that_fails_leaves_an_incomplete_file_not_a_short_one():
    out = io.BytesIO()
    with pytest.raises(RuntimeError), EncryptingWriter(out, KEK, "test-1") as writer:
        writer.write(os.urandom(CHUNK_SIZE + 10))
        raise RuntimeError("the upload stopped")
    with pytest.raises(TruncatedFile):
        unseal(out.getvalue())
    closed = EncryptingWriter(io.BytesIO(), KEK, "test-1")
    closed.close()
    with pytest.raises(ValueError, match="closed"):
        closed.write(b"x")
