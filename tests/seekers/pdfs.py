"""Small but well-formed PDFs for the CV checks, with objects stored in compressed streams.

`object_stream_pdf` writes a PDF 1.5 file whose catalog and page tree sit inside a FlateDecode
object stream, indexed by a cross-reference stream, as recent PDF writers do.
"""

import zlib


def object_stream_pdf(catalog_extra: bytes = b"", compress=zlib.compress) -> bytes:
    """Return a PDF whose catalog, with `catalog_extra` added, sits in an object stream."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R " + catalog_extra + b" >>",
        b"<< /Type /Pages /Kids [] /Count 0 >>",
    ]
    offsets, body = [], b""
    for item in objects:
        offsets.append(len(body))
        body += item + b"\n"
    header = b" ".join(
        b"%d %d" % (number, offset) for number, offset in zip((1, 2), offsets, strict=True)
    )
    header += b"\n"
    packed = compress(header + body)

    out = b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n"
    object_stream_offset = len(out)
    out += (
        b"3 0 obj\n<< /Type /ObjStm /N 2 /First %d /Filter /FlateDecode /Length %d >>\nstream\n"
        % (len(header), len(packed))
    )
    out += packed + b"\nendstream\nendobj\n"

    xref_offset = len(out)
    rows = [
        bytes([0]) + (0).to_bytes(4, "big") + (65535).to_bytes(2, "big"),
        bytes([2]) + (3).to_bytes(4, "big") + (0).to_bytes(2, "big"),
        bytes([2]) + (3).to_bytes(4, "big") + (1).to_bytes(2, "big"),
        bytes([1]) + object_stream_offset.to_bytes(4, "big") + (0).to_bytes(2, "big"),
        bytes([1]) + xref_offset.to_bytes(4, "big") + (0).to_bytes(2, "big"),
    ]
    table = b"".join(rows)
    out += b"4 0 obj\n<< /Type /XRef /Size 5 /W [1 4 2] /Root 1 0 R /Length %d >>\nstream\n" % len(
        table
    )
    out += table + b"\nendstream\nendobj\n"
    out += b"startxref\n%d\n%%%%EOF\n" % xref_offset
    return out


def compress_in_chunks(data: bytes, repeat: int) -> bytes:
    """Return the zlib stream of `data` repeated `repeat` times, without building it in memory."""
    compressor = zlib.compressobj(9)
    packed = b"".join(compressor.compress(data) for _ in range(repeat))
    return packed + compressor.flush()
