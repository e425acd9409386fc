#!/usr/bin/env python3
"""check-layers: the dependency arrows of damirstat's source point one way.

    base <- scan, table <- model <- stats, plot <- study <- cli      (gen: base, table; mpi: scan, cli)

Reads every file under src/ and include/damirstat/ as text and builds two graphs between files:
the #include lines, and the uses of a function (or global array) that another .c file defines
(found by a small C tokenizer: comments, strings and preprocessor lines removed, definitions
taken at brace depth 0, static names kept local to their file). It then fails (exit 1) on:

  - an arrow from one stage to a stage it may not use (ALLOWED below), include or call;
  - a cycle of files, in the include graph or in the call graph (a .c using a .c that uses it
    back, directly or around a longer loop), named with the functions that tie it;
  - a figure that fits: a file of src/plot/ using a fitting function of src/model/ (plot draws
    the fit it is handed);
  - a public header that no stage owns (HEADER_STAGE), so that a new module must be placed;
  - a file over MAX_FILE_LINES lines, or a function body over MAX_FUNC_LINES (our functions
    open and close with a brace in column 0), so that a module past that size is split.

Usage: scripts/check-layers.py [--root DIR] [--quiet]. Exit 0 clean, 1 a violation, 2 usage.
Run by `make check` and by .ci/run; tests/cli/layers_*.sh plant a violation and expect exit 1.
Written by hand: the project needs only this one check, and a general tool (include-what-you-use,
cscope) would be a heavier dependency that does not know our stages.
"""
import os
import re
import sys

STAGES = ["base", "scan", "table", "model", "stats", "plot", "gen", "study", "cli", "mpi"]
ALLOWED = {
    "base": set(),
    "scan": {"base"},
    "table": {"base"},
    "model": {"base", "table"},
    "stats": {"base", "table", "model"},
    "plot": {"base", "table", "model"},
    "gen": {"base", "table"},
    "study": {"base", "scan", "table", "model", "stats", "plot"},
    "cli": {"base", "scan", "table", "model", "stats", "plot", "gen", "study"},
    "mpi": {"base", "scan", "cli"},
}
# The module each public header is the contract of (include/damirstat/NAME.h).
HEADER_STAGE = {
    "err": "base", "json": "base", "out": "base", "geo": "base", "fs": "base", "version": "base",
    "names": "base", "measure": "base", "suggest": "base",
    "read": "scan", "scan": "scan", "filter": "scan", "query": "scan", "agg": "scan",
    "partial": "scan", "job": "scan", "aggexpr": "scan",
    "table": "table", "join": "table", "expr": "table",
    "model": "model", "report": "model", "glm": "model", "cluster": "model", "spatial": "model",
    "fe": "model", "fitjson": "model", "regtable": "model", "wald": "model", "pvalue": "model",
    "weights": "model", "conley": "model",
    "corr": "stats", "moran": "stats", "adjust": "stats",
    "standardize": "stats", "lmtests": "stats",
    "plot": "plot",
    "gen": "gen", "genrow": "gen",
    "study": "study",
    "cli": "cli", "aggcmd": "cli", "opt": "cli",
}
MAX_FILE_LINES = 800
MAX_FUNC_LINES = 80
# Functions of src/model/ that fit a model: src/plot/ may not use them.
FITTING = re.compile(r"(^model_fit|_fit$|_fit_|^glm_|^spatial_fit|^fe_fit)")
ACCESSORS = re.compile(r"(_free$|_term$|_find$|_name$|_get$|_count$)")

KEYWORDS = set("""if for while switch return sizeof do else case default goto break continue
typedef struct union enum static extern const volatile inline register restrict auto
_Alignof _Static_assert _Generic __attribute__ __typeof__ typeof defined""".split())


def strip_c(text):
    """Comments, string and char literals and preprocessor lines blanked (newlines kept)."""
    out, i, n = [], 0, len(text)
    at_line_start = True
    while i < n:
        c = text[i]
        if at_line_start and c == "#":
            while i < n:  # a directive, with its continuation lines
                if text[i] == "\\" and i + 1 < n and text[i + 1] == "\n":
                    out.append("\n")
                    i += 2
                    continue
                if text[i] == "\n":
                    break
                i += 1
            continue
        if c == "/" and text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append(re.sub(r"[^\n]", " ", text[i:j]))
            i = j
            continue
        if c == "/" and text.startswith("//", i):
            while i < n and text[i] != "\n":
                i += 1
            continue
        if c in "\"'":
            j = i + 1
            while j < n and text[j] != c:
                j += 2 if text[j] == "\\" else 1
            out.append(c + " " + c)
            i = j + 1
            continue
        if c == "\n":
            at_line_start = True
        elif not c.isspace():
            at_line_start = False
        out.append(c)
        i += 1
    return "".join(out)


TOKEN = re.compile(r"[A-Za-z_]\w*|\S")


def scan_c(text):
    """(global definitions, static definitions, identifiers used) of one .c file."""
    toks = TOKEN.findall(strip_c(text))
    defs, statics, used = set(), set(), set()
    depth, paren = 0, 0
    stmt_static = False
    i = 0
    while i < len(toks):
        t = toks[i]
        if t == "{":
            depth += 1
        elif t == "}":
            depth -= 1
        elif t == "(":
            paren += 1
        elif t == ")":
            paren -= 1
        elif t == ";" and depth == 0:
            stmt_static = False
        if depth == 0 and paren == 0 and t == "static":
            stmt_static = True
        if depth == 0 and paren == 0 and re.match(r"[A-Za-z_]", t) and t not in KEYWORDS:
            nxt = toks[i + 1] if i + 1 < len(toks) else ""
            if nxt == "(":
                # a definition when the matching ')' is followed by '{' (or an attribute)
                k, p = i + 1, 0
                while k < len(toks):
                    if toks[k] == "(":
                        p += 1
                    elif toks[k] == ")":
                        p -= 1
                        if p == 0:
                            break
                    k += 1
                if k + 1 < len(toks) and toks[k + 1] == "{":
                    (statics if stmt_static else defs).add(t)
                    stmt_static = False
                    i += 1
                    continue
            elif nxt in ("[", "=") and not stmt_static and toks[i - 1:i] != ["."]:
                prev = toks[i - 1] if i else ""
                if prev not in (",", "(", "=") and "extern" not in toks[max(0, i - 6):i]:
                    defs.add(t)
                    i += 1
                    continue
            elif nxt in ("[", "=") and stmt_static:
                statics.add(t)
        if re.match(r"[A-Za-z_]", t) and t not in KEYWORDS:
            used.add(t)
        i += 1
    return defs, statics, used


def stage_of(rel):
    parts = rel.split("/")
    if parts[0] == "src" and len(parts) >= 3 and parts[1] in ALLOWED:
        return parts[1]
    if parts[0] == "include" and len(parts) == 3 and parts[1] == "damirstat":
        return HEADER_STAGE.get(parts[2][:-2])
    return None


def sccs(nodes, edges):
    """Tarjan's strongly connected components of size > 1 (or with a self-loop)."""
    index, low, on, stack, out = {}, {}, set(), [], []
    counter = [0]
    sys.setrecursionlimit(10000)

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in sorted(edges.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in sorted(nodes):
        if v not in index:
            visit(v)
    return out


def main(argv):
    root, quiet = ".", False
    args = argv[1:]
    while args:
        a = args.pop(0)
        if a == "--root" and args:
            root = args.pop(0)
        elif a == "--quiet":
            quiet = True
        elif a in ("-h", "--help"):
            print(__doc__.strip())
            return 0
        else:
            print(f"check-layers: unknown argument '{a}' (see --help)", file=sys.stderr)
            return 2
    files = []
    for top in ("src", "include/damirstat"):
        for d, _, names in os.walk(os.path.join(root, top)):
            for nm in names:
                if nm.endswith((".c", ".h")):
                    files.append(os.path.relpath(os.path.join(d, nm), root))
    if not files:
        print(f"check-layers: no source under {root}/src", file=sys.stderr)
        return 2
    files.sort()
    problems = []
    text = {}
    for f in files:
        with open(os.path.join(root, f), encoding="utf-8", errors="replace") as fh:
            text[f] = fh.read()
        if f.startswith("include/") and stage_of(f) is None:
            problems.append(f"{f}: a public header no stage owns: add it to HEADER_STAGE "
                            f"in scripts/check-layers.py")
        elif f.startswith("src/") and stage_of(f) is None:
            problems.append(f"{f}: not in a stage folder ({', '.join(STAGES)})")

    for f in files:
        lines = text[f].splitlines()
        if len(lines) > MAX_FILE_LINES:
            problems.append(f"{f}: {len(lines)} lines (at most {MAX_FILE_LINES}): split the module")
        start = None
        for ln, line in enumerate(lines, 1):
            if line.startswith("{"):
                start = ln
            elif line.startswith("}") and start is not None:
                if ln - start - 1 > MAX_FUNC_LINES:
                    problems.append(f"{f}:{start}: a body of {ln - start - 1} lines "
                                    f"(at most {MAX_FUNC_LINES}): split the function")
                start = None

    inc_edges = {}
    for f in files:
        for ln, line in enumerate(text[f].splitlines(), 1):
            m = re.match(r'\s*#\s*include\s+"([^"]+)"', line)
            if not m:
                continue
            name = m.group(1)
            cands = [os.path.normpath(os.path.join(os.path.dirname(f), name)),
                     os.path.normpath(os.path.join("include", name))]
            target = next((c for c in cands if c in text), None)
            if target is None:
                continue
            inc_edges.setdefault(f, set()).add(target)
            a, b = stage_of(f), stage_of(target)
            if a and b and a != b and b not in ALLOWED[a]:
                problems.append(f"{f}:{ln}: {a} may not include {target} ({b}): "
                                f"allowed from {a}: {', '.join(sorted(ALLOWED[a])) or 'nothing'}")

    cfiles = [f for f in files if f.endswith(".c")]
    defs, used, owner = {}, {}, {}
    for f in cfiles:
        d, s, u = scan_c(text[f])
        defs[f] = d
        used[f] = u - d - s
        for name in d:
            owner.setdefault(name, []).append(f)
    call_edges, ties = {}, {}
    for f in cfiles:
        for name in used[f]:
            for g in owner.get(name, ()):
                # mpi and main define entry points of their own binaries: never a callee
                if g == f:
                    continue
                call_edges.setdefault(f, set()).add(g)
                ties.setdefault((f, g), set()).add(name)
    for (f, g), names in sorted(ties.items()):
        a, b = stage_of(f), stage_of(g)
        if a and b and a != b and b not in ALLOWED[a]:
            problems.append(f"{f}: {a} may not use {b}: {', '.join(sorted(names))} "
                            f"(defined in {g})")
        if a == "plot" and b == "model":
            fits = sorted(n for n in names if FITTING.search(n) and not ACCESSORS.search(n))
            if fits:
                problems.append(f"{f}: plot fits a model itself ({', '.join(fits)}): "
                                f"draw the fit it is handed")

    for comp in sccs(set(files), inc_edges):
        problems.append("include cycle: " + " -> ".join(comp))
    for comp in sccs(set(cfiles), call_edges):
        lines = [f"call cycle between {len(comp)} files:"]
        for f in comp:
            for g in comp:
                if (f, g) in ties:
                    lines.append(f"    {f} -> {g}: {', '.join(sorted(ties[(f, g)])[:6])}")
        problems.append("\n".join(lines))

    for p in problems:
        print(f"check-layers: {p}", file=sys.stderr)
    if problems:
        print(f"check-layers: {len(problems)} problem(s)", file=sys.stderr)
        return 1
    if not quiet:
        n_inc = sum(len(v) for v in inc_edges.values())
        n_call = sum(len(v) for v in call_edges.values())
        print(f"check-layers: {len(files)} files, {n_inc} includes, {n_call} call arrows "
              f"between files: arrows one way, no cycle")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
