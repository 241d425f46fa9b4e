#!/usr/bin/env python3
"""Checks the machine-checkable part of PDF/UA-1 (ISO 14289-1) in PDFs.

Usage: check.py FILE.pdf...   (exit 0 when every file passes, 1 otherwise)

For each file: a structure tree and /MarkInfo /Marked true; the document
language (/Lang); a title in the document information and in the XMP
metadata (dc:title), shown as the window title (/DisplayDocTitle); the XMP
claim pdfuaid:part 1, and no claim of PDF/X; bookmarks; every font embedded
with a /ToUnicode map; every text and drawing operation inside marked
content that is either an artifact or has an MCID that the structure tree
points at; headings that start at H1 and never skip a level; every Figure
with /Alt; every Table with a TH cell whose /Scope is set.

It needs pikepdf (pinned in scripts/setup).
"""

import re
import sys

import pikepdf
from pikepdf import Name

PAINTING = {
    "Tj", "TJ", "'", '"',  # text
    "f", "F", "f*", "B", "B*", "b", "b*", "S", "s",  # paths painted
    "sh", "Do", "BI",  # shadings, XObjects, inline images
}


def attr(obj, key):
    try:
        return obj.get(key)
    except Exception:  # noqa: BLE001 - a broken object is reported by the caller
        return None


def content_problems(pdf, page_no, page, referenced):
    """Painting outside marked content, and MCIDs the tree does not reach."""
    problems = []
    stack = []  # each open sequence: "artifact", "mcid" or "plain"
    seen = set()
    for operands, operator in pikepdf.parse_content_stream(page):
        op = str(operator)
        if op in ("BDC", "BMC"):
            tag = str(operands[0]) if operands else ""
            kind = "plain"
            if tag == "/Artifact":
                kind = "artifact"
            elif op == "BDC" and len(operands) > 1:
                props = operands[1]
                if isinstance(props, Name):
                    props = page.Resources.Properties[props]
                mcid = attr(props, "/MCID")
                if mcid is not None:
                    kind = "mcid"
                    seen.add(int(mcid))
            stack.append(kind)
        elif op == "EMC":
            if not stack:
                problems.append(f"page {page_no}: EMC without BDC")
            else:
                stack.pop()
        elif op in PAINTING:
            if not any(k in ("artifact", "mcid") for k in stack):
                problems.append(f"page {page_no}: `{op}` is neither tagged content nor an artifact")
    if stack:
        problems.append(f"page {page_no}: {len(stack)} marked-content sequences left open")
    missing = sorted(seen - referenced.get(page.objgen, set()))
    if missing:
        problems.append(f"page {page_no}: MCIDs {missing[:5]} are not in the structure tree")
    return problems


def walk(element, visit, depth=0):
    """Visits every structure element below `element`, in order."""
    kids = attr(element, "/K")
    if kids is None:
        return
    if not isinstance(kids, pikepdf.Array):
        kids = [kids]
    for kid in kids:
        if isinstance(kid, pikepdf.Dictionary) and attr(kid, "/S") is not None:
            visit(kid, element)
            walk(kid, visit, depth + 1)
        elif isinstance(kid, pikepdf.Dictionary) or isinstance(kid, int):
            visit(kid, element)


def check(path):
    problems = []
    pdf = pikepdf.open(path)
    root = pdf.Root
    mark = attr(root, "/MarkInfo")
    if mark is None or not bool(attr(mark, "/Marked")):
        problems.append("no /MarkInfo << /Marked true >>")
    tree = attr(root, "/StructTreeRoot")
    if tree is None:
        problems.append("no structure tree")
    lang = attr(root, "/Lang")
    if lang is None or not str(lang).strip():
        problems.append("no document language (/Lang)")
    title = attr(pdf.docinfo, "/Title") if pdf.trailer.get("/Info") is not None else None
    if title is None or not str(title).strip():
        problems.append("no /Title in the document information")
    prefs = attr(root, "/ViewerPreferences")
    if prefs is None or not bool(attr(prefs, "/DisplayDocTitle")):
        problems.append("the title is not shown as the window title (/DisplayDocTitle)")
    if pdf.trailer.get("/Info") is not None and "/GTS_PDFXVersion" in pdf.docinfo:
        problems.append("claims PDF/X (/GTS_PDFXVersion)")
    metadata = attr(root, "/Metadata")
    xmp = metadata.read_bytes().decode("utf-8", "replace") if metadata is not None else ""
    if not re.search(r"pdfuaid:part(>|=\")\s*1", xmp):
        problems.append("the XMP metadata does not claim pdfuaid:part 1")
    if "dc:title" not in xmp:
        problems.append("the XMP metadata has no dc:title")
    outlines = attr(root, "/Outlines")
    if outlines is None or attr(outlines, "/First") is None:
        problems.append("no bookmarks (/Outlines)")

    # Fonts: embedded, with a ToUnicode map.
    for page_no, page in enumerate(pdf.pages, 1):
        fonts = attr(attr(page.obj, "/Resources") or pikepdf.Dictionary(), "/Font") or {}
        for name, font in fonts.items():
            if attr(font, "/ToUnicode") is None:
                problems.append(f"page {page_no}: font {name} has no /ToUnicode")
            descendants = attr(font, "/DescendantFonts")
            descriptor = attr(descendants[0], "/FontDescriptor") if descendants else attr(font, "/FontDescriptor")
            if descriptor is None or not any(attr(descriptor, k) is not None for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                problems.append(f"page {page_no}: font {name} is not embedded")

    # The structure tree: MCIDs it points at, headings, figures, tables.
    referenced = {}
    headings = []
    figures_without_alt = []
    tables = []

    def visit(kid, parent):
        if isinstance(kid, int):
            page = attr(parent, "/Pg")
            if page is not None:
                referenced.setdefault(page.objgen, set()).add(int(kid))
            return
        kind = attr(kid, "/Type")
        if kind == Name.MCR:
            page = attr(kid, "/Pg") or attr(parent, "/Pg")
            if page is not None:
                referenced.setdefault(page.objgen, set()).add(int(kid.MCID))
            return
        if kind == Name.OBJR:
            return
        role = str(attr(kid, "/S"))
        role_map = attr(tree, "/RoleMap") if tree is not None else None
        if role_map is not None and role in role_map:
            role = str(role_map[role])
        if re.fullmatch(r"/H[1-6]", role):
            headings.append(int(role[2]))
        if role == "/Figure":
            alt = attr(kid, "/Alt")
            if alt is None or not str(alt).strip():
                figures_without_alt.append(kid)
        if role == "/Table":
            tables.append(kid)

    if tree is not None:
        walk(tree, visit)
    for page_no, page in enumerate(pdf.pages, 1):
        problems.extend(content_problems(pdf, page_no, page, referenced))
    if not headings:
        problems.append("no headings in the structure tree")
    elif headings[0] != 1:
        problems.append(f"the first heading is H{headings[0]}, not H1")
    for before, after in zip(headings, headings[1:]):
        if after > before + 1:
            problems.append(f"a heading skips from H{before} to H{after}")
            break
    if figures_without_alt:
        problems.append(f"{len(figures_without_alt)} figures without /Alt")
    for i, table in enumerate(tables, 1):
        scoped = []

        def cells(kid, parent, scoped=scoped):
            if isinstance(kid, pikepdf.Dictionary) and str(attr(kid, "/S")) == "/TH":
                attrs = attr(kid, "/A")
                attrs = attrs if isinstance(attrs, pikepdf.Array) else [attrs] if attrs is not None else []
                scoped.append(any(attr(a, "/Scope") is not None for a in attrs))

        walk(table, cells)
        if not scoped:
            problems.append(f"table {i} has no TH cell")
        elif not all(scoped):
            problems.append(f"table {i} has a TH cell without /Scope")
    return problems


def main(paths):
    if not paths:
        print(__doc__, file=sys.stderr)
        return 2
    failed = 0
    for path in paths:
        try:
            problems = check(path)
        except Exception as error:  # noqa: BLE001 - any failure to read is a failure
            problems = [f"cannot be read: {error}"]
        if problems:
            failed += 1
            print(f"{path}: {len(problems)} PDF/UA problems", file=sys.stderr)
            for p in problems[:20]:
                print(f"  - {p}", file=sys.stderr)
        else:
            print(f"{path}: PDF/UA-1 checks passed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
