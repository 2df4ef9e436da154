#!/usr/bin/env python3
"""Rebuild the Wuhan 2019 filing's tables (known answers: its golden record)
as an Excel-like workbook and a Word-like document, and print both to PDF
with LibreOffice, so the PDF path is tested on producers we have no sample of.

usage: python3 tests/producers/make.py [--keep] [calc|writer|chromium ...]
       (from the repository root; no producer named: all three)

Writes tests/producers/{calc,writer,chromium}/wuhan-hongshan-digital-center-2019-final.pdf
(the stem is the golden's, so score.py pairs them): LibreOffice Calc and
Writer print the .xlsx and .docx, Chromium prints an HTML page of the same
tables. --keep also leaves the sources beside them. Needs openpyxl,
python-docx, soffice and chromium.
"""
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
STEM = "wuhan-hongshan-digital-center-2019-final"
DUMP = ROOT / "samples/text" / f"{STEM}.txt"
OUT = Path(__file__).resolve().parent
AMOUNT = re.compile(r"^-?[\d,]*\d\.\d+$")
TITLE = re.compile(r"^\d{4}年度.*[（(]表(\d)[）)]$")

# Rows the text dump got visibly misaligned (its extractor shifted header
# cells and the 三公 amounts); written as the national form prints them.
OVERRIDES = {
    5: {0: ["项 目", "", "", "", "本年支出", "", ""]},
    7: [
        ["预算数", "", "", "", "", "", "决算数", "", "", "", "", ""],
        ["合计", "因公出国(境)费", "公务用车购置及运行费", "", "", "公务接待费",
         "合计", "因公出国(境)费", "公务用车购置及运行费", "", "", "公务接待费"],
        ["", "", "小计", "公务用车购置费", "公务用车运行费", "",
         "", "", "小计", "公务用车购置费", "公务用车运行费", ""],
        [str(i) for i in range(1, 13)],
        ["", "", "", "", "", "", "0.70", "", "0.70", "", "0.70", ""],
    ],
    8: [
        ["项 目", "", "", "", "年初结转和结余", "本年收入", "本年支出", "", "", "年末结转和结余"],
        ["功能分类科目编码", "", "", "科目名称", "", "", "小计", "基本支出", "项目支出", ""],
        ["类", "款", "项", "栏次", "1", "2", "3", "4", "5", "6"],
        ["", "", "", "合计", "", "", "", "", "", ""],
    ],
}


def parse():
    """The eight tables: number, title, 部门/单位 lines, rows, notes; and the
    narrative paragraphs (non-table text up to the performance annexes)."""
    lines = DUMP.read_text(encoding="utf-8").splitlines()
    tables, narrative, cur = [], [], None
    for line in lines:
        if line.startswith("附件"):
            break
        m = TITLE.match(line.strip())
        if m:
            cur = {"n": int(m[1]), "title": line.strip(), "meta": [], "rows": [], "notes": []}
            tables.append(cur)
            continue
        if cur is not None:
            s = line.strip()
            if "\t" in line and not cur["notes"]:
                cur["rows"].append(line.split("\t"))
            elif not s:
                continue
            elif not cur["rows"]:
                cur["meta"].append(s)
            elif s.startswith("注") or (cur["notes"] and re.match(r"^[\d（(]", s)):
                cur["notes"].append(s)
            else:
                cur = None
                narrative.append(s)
        elif "\t" not in line and line.strip():
            narrative.append(line.strip())
    for t in tables:
        ov = OVERRIDES.get(t["n"])
        if isinstance(ov, list):
            t["rows"] = [list(r) for r in ov]
        elif ov:
            for i, r in ov.items():
                t["rows"][i] = list(r)
        width = max(len(r) for r in t["rows"])
        t["rows"] = [r + [""] * (width - len(r)) for r in t["rows"]]
        t["header"] = header_rows(t["rows"])
        t["merges"] = merges(t["rows"], t["header"])
    return tables, narrative


def header_rows(rows):
    """Header rows end with the column-numbering row (the one holding '1')."""
    for i, r in enumerate(rows[:5]):
        if "1" in [c.strip() for c in r]:
            return i + 1
    return 1


def merges(rows, nhead):
    """Merged header cells as the dump implies: above the numbering row, a
    label with a blank below spans down; otherwise it spans right over blanks.
    Returns (r0, c0, r1, c1) inclusive."""
    out, claimed = [], set()
    last = nhead - 1  # the numbering row is never merged into
    for r in range(last):
        for c, v in enumerate(rows[r]):
            if not v.strip() or (r, c) in claimed:
                continue
            r1 = r
            while r1 + 1 < last and not rows[r1 + 1][c].strip():
                r1 += 1
            c1 = c
            if r1 == r:
                while (c1 + 1 < len(rows[r]) and not rows[r][c1 + 1].strip()
                       and (r, c1 + 1) not in claimed):
                    c1 += 1
            for rr in range(r, r1 + 1):
                for cc in range(c, c1 + 1):
                    claimed.add((rr, cc))
            if (r1, c1) != (r, c):
                out.append((r, c, r1, c1))
    return out


def split_meta(t):
    """(部门 line, 单位 line): the dump prints them apart or on one line."""
    text = " ".join(t["meta"])
    m = re.search(r"单位[:：]\s*\S+", text)
    unit = m[0] if m else "单位：万元"
    dept = text[: m.start()].strip() if m else text
    return dept, unit


def width_of(s):
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in s)


def col_widths(t):
    ws = []
    for c in range(len(t["rows"][0])):
        body = [width_of(r[c]) for r in t["rows"][t["header"]:]]
        head = [width_of(r[c]) for r in t["rows"][: t["header"]]]
        w = max(body + [min(max(head), 12)] + [4])
        ws.append(min(w + 2, 40))
    return ws


def build_xlsx(tables, path):
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter

    thin = Side(style="thin", color="000000")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    wb = Workbook()
    wb.remove(wb.active)
    for t in tables:
        ws = wb.create_sheet(f"表{t['n']}")
        ncol = len(t["rows"][0])
        dept, unit = split_meta(t)
        ws.append([t["title"]])
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=ncol)
        ws["A1"].font = Font(name="SimSun", size=16, bold=True)
        ws["A1"].alignment = Alignment(horizontal="center")
        ws.row_dimensions[1].height = 30
        ws.append([dept] + [""] * (ncol - 2) + [unit])
        ws.cell(2, ncol).alignment = Alignment(horizontal="right")
        top = 3
        for i, r in enumerate(t["rows"]):
            for c, v in enumerate(r):
                v = v.strip()
                cell = ws.cell(top + i, c + 1)
                if AMOUNT.match(v):
                    cell.value = float(v.replace(",", ""))
                    cell.number_format = "#,##0.00"
                    cell.alignment = Alignment(horizontal="right", vertical="center")
                else:  # codes and line numbers stay text, as filings keep them
                    cell.value = v or None
                    center = i < t["header"]
                    cell.alignment = Alignment(
                        horizontal="center" if center else "left",
                        vertical="center", wrap_text=center)
                cell.font = Font(name="SimSun", size=10, bold=i < t["header"])
                cell.border = box
        for r0, c0, r1, c1 in t["merges"]:
            ws.merge_cells(start_row=top + r0, start_column=c0 + 1,
                           end_row=top + r1, end_column=c1 + 1)
        end = top + len(t["rows"])
        for note in t["notes"]:
            end += 1
            ws.cell(end, 1, note).font = Font(name="SimSun", size=9)
        for c, w in enumerate(col_widths(t)):
            ws.column_dimensions[get_column_letter(c + 1)].width = w * 1.1
        ps = ws.page_setup
        ps.paperSize = ws.PAPERSIZE_A4
        if ncol > 6:
            ps.orientation = "landscape"
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ps.fitToWidth, ps.fitToHeight = 1, 0
        ws.print_title_rows = f"{top}:{top + t['header'] - 1}"
    wb.save(path)


def build_docx(tables, narrative, path):
    from docx import Document
    from docx.enum.section import WD_ORIENT, WD_SECTION
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    doc = Document()
    st = doc.styles["Normal"]
    st.font.name, st.font.size = "SimSun", Pt(10.5)
    st.element.rPr.rFonts.set(qn("w:eastAsia"), "SimSun")

    def para(text, bold=False, size=None, align=None):
        p = doc.add_paragraph()
        run = p.add_run(text)
        run.bold = bold
        if size:
            run.font.size = Pt(size)
        if align:
            p.alignment = align
        return p

    # Narrative first (parts one and three), as the filing's prose.
    for s in narrative:
        heading = re.match(r"^(第.部分|[一二三四五六七八九十]+、)", s)
        para(s, bold=bool(heading))
    for t in tables:
        ncol = len(t["rows"][0])
        sec = doc.add_section(WD_SECTION.NEW_PAGE)
        wide = ncol > 6
        if wide != (sec.orientation == WD_ORIENT.LANDSCAPE):
            sec.orientation = WD_ORIENT.LANDSCAPE if wide else WD_ORIENT.PORTRAIT
            sec.page_width, sec.page_height = sec.page_height, sec.page_width
        para(t["title"], bold=True, size=16, align=WD_ALIGN_PARAGRAPH.CENTER)
        dept, unit = split_meta(t)
        para(dept)
        para(unit, align=WD_ALIGN_PARAGRAPH.RIGHT)
        tab = doc.add_table(rows=len(t["rows"]), cols=ncol)
        tab.style = "Table Grid"
        for i, r in enumerate(t["rows"]):
            row = tab.rows[i]
            if i < t["header"]:  # repeat the header on continued pages
                trpr = row._tr.get_or_add_trPr()
                h = OxmlElement("w:tblHeader")
                h.set(qn("w:val"), "true")
                trpr.append(h)
            for c, v in enumerate(r):
                v = v.strip()
                cp = row.cells[c].paragraphs[0]
                run = cp.add_run(v)
                run.font.size = Pt(9)
                run.bold = i < t["header"]
                if i < t["header"]:
                    cp.alignment = WD_ALIGN_PARAGRAPH.CENTER
                elif AMOUNT.match(v):
                    cp.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        for r0, c0, r1, c1 in t["merges"]:
            a, b = tab.cell(r0, c0), tab.cell(r1, c1)
            keep = a.text
            m = a.merge(b)
            m.paragraphs[0].text = ""
            run = m.paragraphs[0].runs[0] if m.paragraphs[0].runs else m.paragraphs[0].add_run()
            run.text, run.bold, run.font.size = keep, True, Pt(9)
            for extra in m.paragraphs[1:]:
                extra._p.getparent().remove(extra._p)
            m.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        for note in t["notes"]:
            para(note, size=9)
    doc.save(path)


def build_html(tables, narrative, path):
    """A web page as a portal would publish it: prose, then each table with
    rowspan/colspan headers, collapsed 1px borders, one table per printed
    page."""
    from html import escape

    out = ["<!doctype html><html><head><meta charset='utf-8'><style>",
           "body{font-family:'Noto Sans CJK SC',sans-serif;font-size:10pt}",
           "table{border-collapse:collapse;width:100%;page-break-before:always}",
           "td,th{border:1px solid #000;padding:2px 4px;font-size:9pt}",
           "td.n{text-align:right}h3{text-align:center}.u{text-align:right}",
           "thead{display:table-header-group}",
           "@page{size:A4 landscape;margin:12mm}</style></head><body>"]
    for s in narrative:
        out.append(f"<p>{escape(s)}</p>")
    for t in tables:
        spans = {(r0, c0): (r1 - r0 + 1, c1 - c0 + 1) for r0, c0, r1, c1 in t["merges"]}
        covered = {(r, c) for r0, c0, r1, c1 in t["merges"]
                   for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)} - set(spans)
        dept, unit = split_meta(t)
        out.append(f"<table><caption><h3>{escape(t['title'])}</h3>"
                   f"<div>{escape(dept)}</div><div class=u>{escape(unit)}</div></caption>")
        for i, r in enumerate(t["rows"]):
            if i == 0:
                out.append("<thead>")
            if i == t["header"]:
                out.append("</thead><tbody>")
            out.append("<tr>")
            for c, v in enumerate(r):
                if (i, c) in covered:
                    continue
                rs, cs = spans.get((i, c), (1, 1))
                tag = "th" if i < t["header"] else "td"
                cls = " class=n" if AMOUNT.match(v.strip()) else ""
                out.append(f"<{tag} rowspan={rs} colspan={cs}{cls}>{escape(v.strip())}</{tag}>")
            out.append("</tr>")
        out.append("</tbody></table>")
        for note in t["notes"]:
            out.append(f"<p>{escape(note)}</p>")
    out.append("</body></html>")
    path.write_text("\n".join(out), encoding="utf-8")


def print_html(src, pdf):
    """Chromium's print-to-PDF, as a reader saving a portal page."""
    pdf.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu",
                    "--no-pdf-header-footer", f"--print-to-pdf={pdf}", src.as_uri()],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def to_pdf(src, outdir):
    outdir.mkdir(parents=True, exist_ok=True)
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir",
                    str(outdir), str(src)], check=True, stdout=subprocess.DEVNULL)


def main():
    keep = "--keep" in sys.argv
    only = [a for a in sys.argv[1:] if not a.startswith("--")]
    want = lambda p: not only or p in only  # noqa: E731
    tables, narrative = parse()
    assert [t["n"] for t in tables] == list(range(1, 9)), [t["n"] for t in tables]
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        xlsx, docx = tmp / f"{STEM}.xlsx", tmp / f"{STEM}.docx"
        html = tmp / f"{STEM}.html"
        build_xlsx(tables, xlsx)
        build_docx(tables, narrative, docx)
        build_html(tables, narrative, html)
        for src, sub in ((xlsx, "calc"), (docx, "writer"), (html, "chromium")):
            if not want(sub):
                continue
            if sub == "chromium":
                print_html(src, OUT / sub / f"{STEM}.pdf")
            else:
                to_pdf(src, OUT / sub)
            if keep:
                (OUT / sub / src.name).write_bytes(src.read_bytes())
            print(OUT / sub / f"{STEM}.pdf")

if __name__ == "__main__":
    main()
