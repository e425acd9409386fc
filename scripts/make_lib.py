"""Shared helpers of the scripts/make-*.py that build external-data/ from the raw copies in
external-data/raw/ (see external-data/SOURCES.md). Python 3 standard library only.

- paths: ROOT (the repository), EXT (external-data/), RAW (external-data/raw/);
- text: open_text() reads plain, .xz and .gz files, UTF-8 with or without a byte-order mark;
- tables: read_rows(), write_csv() (UTF-8, `,`, LF, written to a temporary file and renamed);
- codes: departments() (external-data/departements.csv), dep_code() (canonical department
  code of "1", "01", "2A"), region names;
- workbooks: xlsx_sheet() (Office Open XML: a zip of XML parts) and xls_sheet() (Excel 97-2003
  BIFF8 inside an OLE2 compound file): both return {(row, col): value} with 0-based indices,
  value a str or a float, read the way the cells were stored (no formatting applied);
- check(): a named assertion that stops the script with a message.
Written by hand because the standard library has no spreadsheet reader and the project's
rule is that a reviewer reruns these scripts without installing anything."""
import csv
import gzip
import io
import lzma
import math
import os
import re
import struct
import sys
import unicodedata
import xml.etree.ElementTree as ET
import zipfile

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
EXT = os.path.join(ROOT, "external-data")
RAW = os.path.join(EXT, "raw")


def check(ok, message):
    if not ok:
        sys.exit("check failed: " + message)


def open_text(path, encoding="utf-8-sig"):
    if path.endswith(".xz"):
        return io.TextIOWrapper(lzma.open(path, "rb"), encoding=encoding, newline="")
    if path.endswith(".gz"):
        return io.TextIOWrapper(gzip.open(path, "rb"), encoding=encoding, newline="")
    return open(path, encoding=encoding, newline="")


def read_rows(path, delimiter=",", skip=0):
    """All rows of a delimited file as lists of strings, after `skip` title lines."""
    with open_text(path) as f:
        rows = list(csv.reader(f, delimiter=delimiter))
    return rows[skip:]


def read_dicts(path, delimiter=",", skip=0):
    rows = read_rows(path, delimiter, skip)
    header = [h.strip() for h in rows[0]]
    return [dict(zip(header, r)) for r in rows[1:] if any(cell.strip() for cell in r)]


def write_csv(name, header, rows):
    """Writes external-data/NAME atomically; returns the number of data rows."""
    path = os.path.join(EXT, name)
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        n = 0
        for r in rows:
            check(len(r) == len(header), "%s: row %r has %d cells" % (name, r, len(r)))
            w.writerow(["" if v is None else v for v in r])
            n += 1
    os.replace(tmp, path)
    print("%-48s %6d rows" % (name, n))
    return n


def fmt(x, decimals):
    """x rounded to `decimals` places, written without float noise ("" for None)."""
    if x is None:
        return ""
    s = "%.*f" % (decimals, x)
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


def check_unique(name, rows, key):
    """No two rows share the key (a function of the row)."""
    seen = {}
    for i, r in enumerate(rows):
        k = key(r)
        check(k not in seen, "%s: key %r on rows %d and %d" % (name, k, seen.get(k, -1), i))
        seen[k] = i


# ---- department and region codes -------------------------------------------------------

def departments():
    """{code: {"nom", "reg_2016", "reg_open_damir", "reg_avant_2016"}} in file order (101)."""
    with open(os.path.join(EXT, "departements.csv"), encoding="utf-8", newline="") as f:
        return {r["dep"]: r for r in csv.DictReader(f)}


def dep_code(text, known):
    """Canonical department code of `text` ("1" -> "01", " 2a" -> "2A"), or None when it is
    not one of the `known` codes."""
    t = text.strip().upper()
    if t.isdigit() and len(t) < 2:
        t = t.zfill(2)
    if t.isdigit() and len(t) == 3 and t.startswith("0"):
        t = t[1:]
    return t if t in known else None


def simple(name):
    """A name for matching: no accents, case, spaces, hyphens or apostrophes."""
    t = unicodedata.normalize("NFKD", name)
    return "".join(ch for ch in t if ch.isalnum()).lower()


def region_names_2016():
    """INSEE 2016 region code ("11", "01") -> name, from INSEE's 2023 life-expectancy file
    (raw/insee/Esperance_de_vie_a_la_naissance_com_regionale.csv lists the 18 regions)."""
    rows = read_rows(os.path.join(RAW, "insee", "Esperance_de_vie_a_la_naissance_com_regionale.csv"),
                     ";", skip=3)
    return {r[0].strip(): r[1].strip() for r in rows if r and r[0].strip()}


def region_names_open_damir():
    """BEN_RES_REG code (as an int) -> CNAM label, from the Open DAMIR code list."""
    rows = read_rows(os.path.join(RAW, "snds", "BEN_RES_REG.csv"), ";")
    return {int(r[0]): r[1] for r in rows[1:] if r}


def region_code_2016(value):
    """INSEE 2016 region code as text: 11 … 94 as is, overseas 1 … 6 as 01 … 06."""
    return "%02d" % int(value)


# ---- population -----------------------------------------------------------------------

def injep_5b(deps):
    """INJEP table 5b (licences, season 2024), sheet "Source 1" of the workbook: {dep:
    (licences, population on 1 January 2024, INJEP's licences/population x 100)} and
    the table's total columns ("France" for "Total", "Total Métropole", "Total DROM",
    "Total Métropole+DROM", …) as (licences, population or None, None)."""
    path = os.path.join(RAW, "injep", "Projet_2_Analyse_bivariee_quantixquanti.xlsx")
    rows = sheet_rows(xlsx_sheet(path, "Source 1"))
    check(str(rows[0][0]).startswith("5b. Licences annuelles par département"), "5b title")
    total = next(r for r in rows if r[2] == "Total")
    popul = next(r for r in rows if r[2] == "Population départementale")
    ratio = next(r for r in rows if r[2] == "% Population départementale")
    out = {}
    for c, label in enumerate(rows[3]):
        code = dep_code(str(label).split(" - ")[0], deps) if label and " - " in str(label) else None
        if code:
            out[code] = (as_int(total[c]), as_int(popul[c]), 100.0 * ratio[c])
        if str(label).startswith("Total"):  # Total Métropole, Total DROM, …, Total
            out["France" if label == "Total" else label] = (
                as_int(total[c]), as_int(popul[c]) if popul[c] != "nd" else None, None)
    return out


def department_population(deps, years):
    """{(dep, year): (population on 1 January, source)}: INSEE estimates (the 2023 vintage,
    raw/insee/insee_pop_dep_total_1975_2023.csv) up to 2023; 2024 from INJEP table 5b, which
    prints INSEE's estimate on 1 January 2024 (2025 vintage)."""
    out = {}
    for r in read_dicts(os.path.join(RAW, "insee", "insee_pop_dep_total_1975_2023.csv"), ";"):
        year = int(r["annee"])
        if year in years:
            out[(dep_code(r["dep"], deps), year)] = (int(r["pop_total"]), "INSEE 1/1/%d" % year)
    if 2024 in years:
        for code, (_, people, _) in injep_5b(deps).items():
            if code in deps:
                out[(code, 2024)] = (people, "INJEP 5b (INSEE 1/1/2024)")
    return out


# ---- xlsx -----------------------------------------------------------------------------

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
      "p": "http://schemas.openxmlformats.org/package/2006/relationships"}


def _col_index(ref):
    letters = re.match(r"([A-Z]+)", ref).group(1)
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return int(ref[len(letters):]) - 1, n - 1


def _xlsx_sheet_path(z, sheet):
    wb = ET.fromstring(z.read("xl/workbook.xml"))
    rels = ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))
    targets = {r.get("Id"): r.get("Target") for r in rels.findall("p:Relationship", NS)}
    for s in wb.find("m:sheets", NS):
        if s.get("name") == sheet:
            target = targets[s.get("{%s}id" % NS["r"])]
            return target.lstrip("/") if target.startswith("/xl/") else "xl/" + target
    sys.exit("no sheet %r" % sheet)


def xlsx_sheet(path, sheet):
    cells = {}
    with zipfile.ZipFile(path) as z:
        shared = []
        if "xl/sharedStrings.xml" in z.namelist():
            for si in ET.fromstring(z.read("xl/sharedStrings.xml")).findall("m:si", NS):
                shared.append("".join(t.text or "" for t in si.iter("{%s}t" % NS["m"])))
        root = ET.fromstring(z.read(_xlsx_sheet_path(z, sheet)))
        for c in root.iter("{%s}c" % NS["m"]):
            kind, v = c.get("t"), c.find("m:v", NS)
            if kind == "inlineStr":
                value = "".join(t.text or "" for t in c.iter("{%s}t" % NS["m"]))
            elif v is None:
                continue
            elif kind == "s":
                value = shared[int(v.text)]
            elif kind in ("str", "e"):
                value = v.text or ""
            elif kind == "b":
                value = float(v.text)
            else:
                value = float(v.text)
            cells[_col_index(c.get("r"))] = value
    return cells


# ---- xls (BIFF8 in an OLE2 compound file) ---------------------------------------------

def _ole_stream(data, name):
    """The bytes of the stream `name` of a compound file (regular sectors only: the
    streams read here are larger than the 4,096-byte mini-stream cutoff)."""
    check(data[:8] == bytes.fromhex("D0CF11E0A1B11AE1"), "not an OLE2 compound file")
    ssize = 1 << struct.unpack_from("<H", data, 30)[0]
    nfat, first_dir = struct.unpack_from("<II", data, 44)
    cutoff = struct.unpack_from("<I", data, 56)[0]
    first_difat, ndifat = struct.unpack_from("<II", data, 68)
    fat_sectors = list(struct.unpack_from("<109I", data, 76))
    sector = first_difat
    for _ in range(ndifat):
        off = (sector + 1) * ssize
        fat_sectors += struct.unpack_from("<%dI" % (ssize // 4 - 1), data, off)
        sector = struct.unpack_from("<I", data, off + ssize - 4)[0]
    fat = []
    for s in fat_sectors[:nfat]:
        fat += struct.unpack_from("<%dI" % (ssize // 4), data, (s + 1) * ssize)

    def chain(start):
        out, s, guard = [], start, 0
        while s < 0xFFFFFFFA:
            out.append(data[(s + 1) * ssize:(s + 2) * ssize])
            s, guard = fat[s], guard + 1
            check(guard <= len(fat), "OLE2 sector chain loops")
        return b"".join(out)

    directory = chain(first_dir)
    for off in range(0, len(directory), 128):
        entry = directory[off:off + 128]
        nlen = struct.unpack_from("<H", entry, 64)[0]
        if entry[:max(nlen - 2, 0)].decode("utf-16-le") == name:
            start, size = struct.unpack_from("<II", entry, 116)
            check(size >= cutoff, "stream %s is in the mini stream" % name)
            return chain(start)[:size]
    sys.exit("no stream %r" % name)


def _rk(value):
    if value & 2:
        x = float(value >> 2 if value < 0x80000000 else (value >> 2) - (1 << 30))
    else:
        x = struct.unpack("<d", struct.pack("<Q", (value & 0xFFFFFFFC) << 32))[0]
    return x / 100 if value & 1 else x


class _Pieces:
    """The SST record and its CONTINUE records: a string's characters may jump to the next
    piece, which then starts with a new option byte (compressed or UTF-16)."""

    def __init__(self, pieces):
        self.pieces, self.i, self.pos = pieces, 0, 0

    def take(self, n):
        out = b""
        while n > 0:
            if self.pos == len(self.pieces[self.i]):
                self.i, self.pos = self.i + 1, 0
            chunk = self.pieces[self.i][self.pos:self.pos + n]
            out, n, self.pos = out + chunk, n - len(chunk), self.pos + len(chunk)
        return out

    def chars(self, count, wide):
        text = ""
        while count > 0:
            if self.pos == len(self.pieces[self.i]):
                self.i, self.pos = self.i + 1, 0
                wide = self.take(1)[0] & 1
            room = (len(self.pieces[self.i]) - self.pos) // (2 if wide else 1)
            k = min(count, room)
            raw = self.take(k * (2 if wide else 1))
            text += raw.decode("utf-16-le" if wide else "latin-1")
            count -= k
        return text


def _sst(pieces):
    p = _Pieces(pieces)
    _, unique = struct.unpack("<II", p.take(8))
    strings = []
    for _ in range(unique):
        count = struct.unpack("<H", p.take(2))[0]
        flags = p.take(1)[0]
        runs = struct.unpack("<H", p.take(2))[0] if flags & 8 else 0
        ext = struct.unpack("<I", p.take(4))[0] if flags & 4 else 0
        strings.append(p.chars(count, flags & 1))
        p.take(4 * runs + ext)
    return strings


def _records(stream):
    pos = 0
    while pos + 4 <= len(stream):
        kind, size = struct.unpack_from("<HH", stream, pos)
        yield kind, stream[pos + 4:pos + 4 + size]
        pos += 4 + size


def _label(body):
    count, flags = struct.unpack_from("<HB", body, 6)
    raw = body[9:9 + count * (2 if flags & 1 else 1)]
    return raw.decode("utf-16-le" if flags & 1 else "latin-1")


def xls_sheet(path):
    """The cells of the first worksheet of an Excel 97-2003 workbook."""
    with open(path, "rb") as f:
        stream = _ole_stream(f.read(), "Workbook")
    records = list(_records(stream))
    sst, cells, i = [], {}, 0
    while i < len(records):
        kind, body = records[i]
        if kind == 0x00FC:  # SST and its CONTINUE records
            pieces = [body]
            while i + 1 < len(records) and records[i + 1][0] == 0x003C:
                i += 1
                pieces.append(records[i][1])
            sst = _sst(pieces)
        elif kind == 0x00FD:  # LABELSST
            r, c, _, k = struct.unpack_from("<HHHI", body)
            cells[(r, c)] = sst[k]
        elif kind == 0x0204:  # LABEL
            r, c = struct.unpack_from("<HH", body)
            cells[(r, c)] = _label(body)
        elif kind == 0x0203:  # NUMBER
            r, c, _, x = struct.unpack_from("<HHHd", body)
            cells[(r, c)] = x
        elif kind == 0x027E:  # RK
            r, c, _, v = struct.unpack_from("<HHHI", body)
            cells[(r, c)] = _rk(v)
        elif kind == 0x00BD:  # MULRK
            r, c = struct.unpack_from("<HH", body)
            for j in range((len(body) - 6) // 6):
                cells[(r, c + j)] = _rk(struct.unpack_from("<I", body, 6 + 6 * j)[0])
        elif kind == 0x0006:  # FORMULA: the cached result when it is a number
            r, c = struct.unpack_from("<HH", body)
            if body[12:14] != b"\xff\xff":
                cells[(r, c)] = struct.unpack_from("<d", body, 6)[0]
        elif kind == 0x000A and cells:  # EOF of the first worksheet
            break
        i += 1
    return cells


def sheet_rows(cells):
    """{(row, col): value} as a list of rows (lists, None for an empty cell)."""
    nrow = max(r for r, _ in cells) + 1
    ncol = max(c for _, c in cells) + 1
    return [[cells.get((r, c)) for c in range(ncol)] for r in range(nrow)]


def cell_text(x):
    """A cell as text: whole numbers without ".0" (a code stored as a number)."""
    if isinstance(x, float) and x == int(x):
        return str(int(x))
    return "" if x is None else str(x)


def as_int(x):
    """A cell holding a whole number (float or text) as an int."""
    v = float(x)
    check(math.isfinite(v) and v == int(v), "not a whole number: %r" % (x,))
    return int(v)
