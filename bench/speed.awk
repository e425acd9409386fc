# bench/speed.awk: the draft of README's Speed section, every number taken from the summary of
# one bench/aggregate.sh run. Input: summary.tsv (QUERY ID WALL CPU RSS_KB BYTES CHECK STATUS
# LABEL, tab-separated, medians). Variables: mb rows date load runs threads groups (the many-group
# query's group count) top (its N).
#
# Ratios are per byte and thread for thread: a one-thread tool against damirstat -j1, a tool
# given THREADS threads against damirstat -jTHREADS; below 1× would be faster than damirstat.

function has(q, id) { return (q SUBSEP id) in wall }
function ok(q, id) { return has(q, id) && st[q, id] ~ /^ok/ }
function per_byte(q, id) { return wall[q, id] / bytes[q, id] }
function base(id) { return id ~ /2$/ ? "ds2" : "ds1" } # duck2, dt2: threads; ds2 is damirstat's
function ratio(q, id, against) {
    if (!has(q, id)) return "–"
    if (!ok(q, id)) return st[q, id] ~ /^WRONG/ ? "wrong totals" : tolower(substr(st[q, id], 1, 7))
    return sprintf("%.1f×", per_byte(q, id) / per_byte(q, against))
}
function mbs(q, id) { return sprintf("%.0f", bytes[q, id] / wall[q, id] / 1e6) }
function name(id,   s) { s = label[id]; sub(/ \(bench\/.*\)$/, "", s); gsub(/\|/, "\\|", s); return s }
function yes(c) { return c ? "met" : "**not met**" }
function jn(id) { return id == "ds2" ? "-j" threads : "-j1" }

{ k = $1 SUBSEP $2; wall[k] = $3; cpu[k] = $4; rss[k] = $5; bytes[k] = $6; st[k] = $8
  if (!($2 in label)) label[$2] = $9 }
$2 ~ /^ds/ && $5 > maxrss { maxrss = $5 }

function damirstat_table(   i, q, floor) {
    printf "| query | -j1 wall s | -j1 CPU s | -j1 MB/s | -j%d wall s | -j%d CPU s | -j%d MB/s | -j%d speed-up | -j1 against the floor |\n", threads, threads, threads, threads
    printf "|---|---:|---:|---:|---:|---:|---:|---:|---|\n"
    for (i = 1; i <= nq; i++) {
        q = qs[i]
        if (!has(q, "ds1")) continue
        floor = has(q, "newlines") ? sprintf("%.2f× memchr (wall), %.2f× (CPU)", wall[q, "ds1"] / wall[q, "newlines"], cpu[q, "ds1"] / cpu[q, "newlines"]) \
            : has(q, "igzip") ? sprintf("%.2f× igzip -dc alone (wall)", wall[q, "ds1"] / wall[q, "igzip"]) : "–"
        printf "| %s | %.3f | %.3f | %s | %.3f | %.3f | %s | %.2f× | %s |\n", qname[q], wall[q, "ds1"], cpu[q, "ds1"], mbs(q, "ds1"),
            wall[q, "ds2"], cpu[q, "ds2"], mbs(q, "ds2"), wall[q, "ds1"] / wall[q, "ds2"], floor
    }
}

function peer_table(   i, j, any) {
    printf "| tool | %s |\n|---|", plain_names
    for (j = 1; j <= np; j++) printf "---:|"
    printf "\n"
    for (i = 1; i <= npeer; i++) {
        any = 0
        for (j = 1; j <= np; j++) any += has(ps[j], peers[i])
        if (!any) continue
        printf "| %s (against %s) |", name(peers[i]), jn(base(peers[i]))
        for (j = 1; j <= np; j++) printf " %s |", ratio(ps[j], peers[i], base(peers[i]))
        printf "\n"
    }
}

# The peer closest to damirstat on query Q, thread for thread: sets near[Q] (its id), lead[Q]
function closest(q,   i, id, r, best) {
    best = ""
    for (i = 1; i <= npeer; i++) {
        id = peers[i]
        if (!ok(q, id)) continue
        r = per_byte(q, id) / per_byte(q, base(id))
        if (best == "" || r < lead[q]) { best = id; lead[q] = r }
    }
    near[q] = best
}

function leads(   i, j, n, order, t, q, s) {
    n = 0
    for (i = 1; i <= np; i++) { closest(ps[i]); if (near[ps[i]] != "") order[++n] = ps[i] }
    for (i = 2; i <= n; i++) for (j = i; j > 1 && lead[order[j - 1]] > lead[order[j]]; j--) { t = order[j]; order[j] = order[j - 1]; order[j - 1] = t }
    if (n == 0) return
    printf "- Where damirstat leads by less, from the smallest lead to the largest (the closest peer, thread for thread):"
    for (i = 1; i <= n; i++) {
        q = order[i]
        printf "%s %s: %s takes %.1f× the time of damirstat %s", (i == 1 ? "" : ";"), qname[q], name(near[q]), lead[q], jn(base(near[q]))
    }
    printf ".\n"
    if (order[n] == "gp")
        printf "- The GP filter reads two codes and drops 88 %% of rows before any amount is parsed: its lead is the widest, and the queries that parse amounts on every row are the ones to quote.\n"
}

function targets(   i, q, r, within, fast, list) {
    within = fast = 1; list = ""
    for (i = 1; i <= split("rows oop groups", every, " "); i++) {
        q = every[i]
        if (!has(q, "ds1") || !has(q, "newlines")) continue
        r = wall[q, "ds1"] / wall[q, "newlines"]
        within = within && r <= 4; fast = fast && mbs(q, "ds1") + 0 >= 2500
        list = list sprintf("%s%s %.2f× (%s MB/s)", list == "" ? "" : ", ", qname[q], r, mbs(q, "ds1"))
    }
    printf "- Every-row queries at -j1 against a memchr newline count over the same file (issue 18 asks within 4×, above 2,500 MB/s a core): %s; within 4×: %s; above 2,500 MB/s: %s. The GP filter: %.2f× (%s MB/s).\n",
        list, yes(within), yes(fast), wall["gp", "ds1"] / wall["gp", "newlines"], mbs("gp", "ds1")
}

function gzip_lines(   cores) {
    if (has("gz", "ds1")) {
        cores = cpu["gz", "ds1"] / wall["gz", "ds1"]
        printf "- One gzip -6 month at -j1: %.3f s wall and %.3f s of CPU (%.2f cores)", wall["gz", "ds1"], cpu["gz", "ds1"], cores
        if (has("gz", "igzip")) printf ", %+.1f %% against ISA-L's `igzip -dc` alone (%.3f s, one thread)", 100 * (wall["gz", "ds1"] / wall["gz", "igzip"] - 1), wall["gz", "igzip"]
        if (has("gz", "gzip")) printf "; GNU `gzip -dc` alone takes %.3f s", wall["gz", "gzip"]
        printf ". At -j%d, %.3f s wall and %.3f s of CPU (a decompression thread beside the scan).\n", threads, wall["gz", "ds2"], cpu["gz", "ds2"]
    }
    if (has("year", "ds1")) {
        printf "- A year of 12 gzip -6 files: -j%d is %.2f× faster than -j1 (%.3f s against %.3f s; CPU %.3f s against %.3f s); issue 18 asks at least 1.8×: %s.",
            threads, wall["year", "ds1"] / wall["year", "ds2"], wall["year", "ds2"], wall["year", "ds1"], cpu["year", "ds2"], cpu["year", "ds1"], yes(wall["year", "ds1"] / wall["year", "ds2"] >= 1.8)
        if (has("year", "igzip2")) printf " For scale, decompression alone: igzip -dc in %d processes (xargs -P) takes %.3f s, one process %.3f s (%.2f×).", threads, wall["year", "igzip2"], wall["year", "igzip"], wall["year", "igzip"] / wall["year", "igzip2"]
        printf "\n"
    }
}

END {
    nq = split("gp rows oop groups top gz year", qs, " ")
    split("GP filter|every-row sums|out-of-pocket|many groups|top " top "|gzip month (GP filter)|year of 12 gzip files (GP filter)", qn, "|")
    for (i = 1; i <= nq; i++) qname[qs[i]] = qn[i]
    np = split("gp rows oop groups top", ps, " ")
    plain_names = "GP filter | every-row sums | out-of-pocket | many groups | top " top
    npeer = split("duck1 duck2 dt1 dt2 mawk strsep libcsv datamash miller", peers, " ")

    printf "`bench/aggregate.sh` generates a %s MB month (%s rows) and times damirstat and its peers on the\n", mb, rows
    printf "same files, checking every tool's totals (bench/RESULTS.md, %s: %d cores, load %s before the\n", date, threads, load
    printf "run, files locked in the page cache, medians of %s). damirstat on each query:\n\n", runs
    damirstat_table()
    printf "\nThe peers' time over damirstat's on the same query, per byte, thread for thread (a tool run with\n"
    printf "%d threads against damirstat -j%d, the others against -j1); the every-row queries read every line's\n", threads, threads
    printf "amounts, the many-group and top %s queries fill %d groups:\n\n", top, groups
    peer_table()
    printf "\n"
    targets()
    leads()
    gzip_lines()
    printf "- Peak RSS of damirstat stays under %.0f MB on every query.\n", maxrss / 1024 + 0.5
}
