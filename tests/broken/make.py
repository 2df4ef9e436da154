#!/usr/bin/env python3
"""Regenerates the broken-file corpus in this directory.

    python3 tests/broken/make.py

Each file is a kind of damage a harvest of published filings meets; the
test `crates/cli/tests/broken.rs` runs `juesuan extract` over all of them
and says what each must give. Needs only python3's standard library and
qpdf (for the encrypted file). Output is deterministic except for
encrypted.pdf, whose salts qpdf draws at random.
"""

import os
import random
import re
import subprocess
import sys
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
# The smallest sample, so that three truncated copies stay small.
SAMPLE = os.path.join(ROOT, "samples/pdf/shanghai-putuo-social-work-dept-2024-final.pdf")


def pdf(objects, xref_shift=0):
    """A PDF file from numbered object bodies (1-based, in order), with a
    correct xref table unless `xref_shift` moves every offset."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % (off + xref_shift)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def stream(data, extra=b""):
    return b"<< /Length %d %s>>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def text_pages(contents):
    """Catalog, page tree, one Helvetica font and one page per content
    stream (raw bytes, unfiltered)."""
    n = len(contents)
    page_ids = [4 + 2 * i for i in range(n)]
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % p for p in page_ids), n),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    for i, c in enumerate(contents):
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % (page_ids[i] + 1)
        )
        objects.append(stream(c))
    return objects


def text(s):
    return b"BT /F1 12 Tf 72 760 Td (%s) Tj ET" % s


def write(name, data):
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(data)


def bomb():
    """One page whose content stream is /FlateDecode twice over 2 GiB of
    zeros: about 4 KiB on disk. Deflate compresses at most ~1000:1, so the
    inner layer (~2 MiB) is itself compressed again."""
    total, chunk = 2 << 30, b"\0" * (1 << 20)
    inner = zlib.compressobj(9)
    parts = [inner.compress(chunk) for _ in range(total // len(chunk))]
    parts.append(inner.flush())
    outer = zlib.compress(b"".join(parts), 9)
    objects = text_pages([b""])
    objects[4] = stream(outer, b"/Filter [/FlateDecode /FlateDecode] ")
    return pdf(objects)


def flipped(sample, page):
    """The sample with one byte flipped in the middle of `page`'s content
    stream (FlateDecode): the stream no longer decodes whole, and what does
    decode misreads the table printed there."""
    shown = subprocess.run(["qpdf", "--show-pages", SAMPLE], check=True, capture_output=True, text=True).stdout
    obj = int(shown.split("page %d:" % page)[1].split("content:")[1].split()[0])
    at = re.search(rb"(?<![0-9])%d 0 obj" % obj, sample).end()
    start = sample.index(b"stream", at) + len(b"stream")
    start += 2 if sample[start : start + 2] == b"\r\n" else 1
    end = sample.index(b"endstream", start)
    out = bytearray(sample)
    out[start + (end - start) * 4 // 10] ^= 0xFF
    return bytes(out)


def main():
    sample = open(SAMPLE, "rb").read()
    write("empty.pdf", b"")
    # A table page (表6, page 13) whose content stream has one byte flipped.
    write("flipped-stream.pdf", flipped(sample, 13))
    # Harvested under a server's name: a PDF by content, not by name.
    write("download.jsp", pdf(text_pages([text(b"Page one reads fine"), text(b"Page two reads fine")])))
    # A PDF that is no fiscal disclosure at all.
    write("manual.pdf", pdf(text_pages([text(b"Printer user manual"), text(b"Chapter 1. Loading paper")])))
    # Text that is no filing: left alone when a directory is searched.
    write("hello.txt", b"hello world\n")
    write("run.log", b"2026-11-30 20:00:01 INFO started\n2026-11-30 20:00:02 INFO 12 files, 3.5 s\n")
    # Data files a harvest keeps beside its PDFs, mostly Chinese with
    # amounts: a saved run (JSON), an export (CSV), a manifest (TSV).
    rows = "".join('  "一般公共服务支出%d": "2,860.%02d",\n' % (i, i) for i in range(20))
    write("out.json", ("{\n" + rows + '  "合计": "2,860.07"\n}\n').encode())
    write("cells.csv", ("row_key,value\n" + "一般公共服务支出,2860.07\n" * 20).encode())
    write("manifest.tsv", ("file\tkind\tnote\n" + "一般公共服务支出\t预算\t2860.07万元\n" * 20).encode())
    for pct in (10, 30, 50, 90):
        write("truncated-%d.pdf" % pct, sample[: len(sample) * pct // 100])
    # The sample's producer (WPS) writes the catalog and page tree last, so
    # every cut loses them. Most producers write them first: cut such a
    # file (ten small pages) at 60% and the pages before the cut survive.
    ten = pdf(text_pages([text(b"Page %d reads fine" % n) for n in range(1, 11)]))
    write("truncated-60-catalog-first.pdf", ten[: len(ten) * 60 // 100])
    write("garbage.pdf", random.Random(7).randbytes(4096))
    good = text_pages([text(b"Page one reads fine"), text(b"Page two reads fine")])
    # Every xref offset 7 bytes off: a reader must find objects by scanning.
    write("broken-xref.pdf", pdf(good, xref_shift=7))
    junk = (
        b"1 2 3 4 5 6 7 8 9 Tj ] >> BT ET ET Q Q Q cm re f* {{ \xff\xfe Do /Nope gs "
        b"1e99999 0 0 1e-99999 0 0 cm BT /F9 -0 Tf TJ <zz> Tj ( unclosed"
    )
    write("garbage-operators.pdf", pdf(text_pages([junk, text(b"Page two reads fine")])))
    write("bomb.pdf", bomb())
    plain = os.path.join(HERE, ".plain.pdf")
    write(".plain.pdf", pdf(text_pages([text(b"Secret page")])))
    try:
        subprocess.run(
            ["qpdf", "--encrypt", "user", "owner", "256", "--", plain, os.path.join(HERE, "encrypted.pdf")],
            check=True,
        )
    finally:
        os.remove(plain)


if __name__ == "__main__":
    sys.exit(main())
