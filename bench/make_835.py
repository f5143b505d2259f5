#!/usr/bin/env python3
"""Write a large, valid, deterministic 5010 835 (005010X221A1) for benchmarks.

    python make_835.py --claims 250000 --out /tmp/bench.835

One interchange (ISA/GS ... GE/IEA) holding one 835 transaction per
--per-transaction claims (default 5,000). Each transaction has the 835 header
(BPR, TRN, DTM*405, payer N1/N3/N4/PER, payee N1/N3/N4/REF), LX header loops,
one 2100 loop per claim (CLP, NM1*QC, sometimes NM1*82, REF, DTM*232/233)
with one to five 2110 service lines (2.25 on average) (SVC, DTM*472, CAS, AMT*B6, sometimes
LQ*HE), PLB in about one transaction in three, and SE01 counting every
segment from ST to SE.

Money is integer cents written with two decimals, and it balances:
  SVC02 - SVC03 = sum of that line's CAS amounts,
  CLP03 = sum SVC02, CLP04 = sum SVC03, CLP05 = sum of PR adjustments,
  BPR02 = sum CLP04 - sum PLB amounts of the transaction.

The same arguments give the same bytes (the only randomness is
random.Random(--seed)). Segment terminator "~" followed by a newline,
element "*", component ":", repetition "^". Standard library only.
Prints the claim count, service-line count and size on standard error.
"""

import argparse
import random
import sys

LAST = ["SMITH", "JOHNSON", "WILLIAMS", "BROWN", "JONES", "GARCIA", "MILLER", "DAVIS",
        "RODRIGUEZ", "MARTINEZ", "HERNANDEZ", "LOPEZ", "GONZALEZ", "WILSON", "ANDERSON",
        "THOMAS", "TAYLOR", "MOORE", "JACKSON", "MARTIN", "LEE", "PEREZ", "THOMPSON", "WHITE"]
FIRST = ["JAMES", "MARY", "ROBERT", "PATRICIA", "JOHN", "JENNIFER", "MICHAEL", "LINDA",
         "DAVID", "ELIZABETH", "WILLIAM", "BARBARA", "RICHARD", "SUSAN", "JOSEPH", "JESSICA",
         "ANA", "LUIS", "SARAH", "KAREN", "NANCY", "LISA", "BETTY", "MARK"]
# procedure code, typical charge in cents
PROCS = [("99213", 12500), ("99214", 18500), ("99203", 16000), ("99204", 24000),
         ("36415", 1500), ("85025", 2800), ("80053", 4200), ("93000", 6500),
         ("71046", 9800), ("90471", 3000), ("90686", 4500), ("97110", 8800),
         ("20610", 21000), ("11721", 7500), ("G0439", 17500), ("81002", 1200)]
MODS = ["", "", "", "", ":25", ":59", ":LT", ":RT"]
CARC_CO = ["45", "45", "45", "253", "97"]
CARC_PR = ["1", "2", "3"]          # deductible, coinsurance, co-payment
RARC = ["N130", "M15", "N381", "MA130"]


def money(cents):
    """Two-decimal amount; negative allowed (PLB)."""
    sign = "-" if cents < 0 else ""
    cents = abs(cents)
    return f"{sign}{cents // 100}.{cents % 100:02d}"


def isa(control, date6, time4):
    seg = ("ISA*00*          *00*          *ZZ*SIGHTLINEPAYER *ZZ*SIGHTLINEPROV  *"
           f"{date6}*{time4}*^*00501*{control:09d}*0*T*:")
    assert len(seg) == 105, len(seg)
    return seg


def claim_lines(rng, claim_no, prov_npi):
    """Segments of one 2100 loop and its 2110 loops.

    Returns (segments, paid_cents, service_line_count).
    """
    segs = []
    denied = rng.random() < 0.06
    n_svc = rng.choice((1, 1, 2, 2, 2, 2, 3, 5))
    svc_date = 20240101 + rng.randrange(0, 28) + 100 * rng.randrange(0, 6)
    total_charge = total_paid = total_pr = 0
    svc_segs = []
    for _ in range(n_svc):
        code, base = PROCS[rng.randrange(len(PROCS))]
        units = 1 if rng.random() < 0.85 else rng.randrange(2, 4)
        charge = base * units + rng.randrange(0, 500)
        sl = [f"SVC*HC:{code}{MODS[rng.randrange(len(MODS))]}*{money(charge)}*"]
        sl.append(f"DTM*472*{svc_date}")
        if denied:
            paid, pr = 0, 0
            sl.append(f"CAS*CO*50*{money(charge)}")
        else:
            allowed = charge * rng.randrange(55, 96) // 100
            pr = 0
            r = rng.random()
            if r < 0.35:
                pr = min(allowed, rng.choice((1000, 2000, 2500, 3000, 4000)))
            elif r < 0.55:
                pr = allowed // 5
            paid = allowed - pr
            co = charge - allowed
            if co:
                sl.append(f"CAS*CO*{CARC_CO[rng.randrange(len(CARC_CO))]}*{money(co)}")
            if pr:
                sl.append(f"CAS*PR*{CARC_PR[rng.randrange(len(CARC_PR))]}*{money(pr)}")
            sl.append(f"AMT*B6*{money(allowed)}")
            if rng.random() < 0.1:
                sl.append(f"LQ*HE*{RARC[rng.randrange(len(RARC))]}")
        sl[0] += f"{money(paid)}**{units}" if units > 1 else f"{money(paid)}"
        total_charge += charge
        total_paid += paid
        total_pr += pr
        svc_segs.extend(sl)

    status = "4" if denied else ("1" if rng.random() < 0.9 else "2")
    last = LAST[rng.randrange(len(LAST))]
    first = FIRST[rng.randrange(len(FIRST))]
    segs.append(f"CLP*PCN{claim_no:09d}*{status}*{money(total_charge)}*{money(total_paid)}*"
                f"{money(total_pr) if total_pr else ''}*12*ICN{claim_no:011d}*11*1")
    segs.append(f"NM1*QC*1*{last}*{first}****MI*M{claim_no * 7919 % 1000000007:010d}")
    if rng.random() < 0.3:
        segs.append(f"NM1*82*1*{LAST[claim_no % len(LAST)]}*{FIRST[claim_no % len(FIRST)]}****XX*{prov_npi}")
    if rng.random() < 0.2:
        segs.append(f"REF*EA*MRN{claim_no:08d}")
    segs.append(f"DTM*232*{svc_date}")
    segs.extend(svc_segs)
    return segs, total_paid, n_svc


def transaction(rng, st_no, first_claim, n_claims, date8, with_plb):
    """Returns (segments including ST and SE, claims, service lines)."""
    prov_npi = f"1{(st_no * 104729) % 1000000000:09d}"
    body = []
    paid_sum = 0
    svc_count = 0
    claims_per_lx = 500
    for i in range(n_claims):
        if i % claims_per_lx == 0:
            body.append(f"LX*{i // claims_per_lx + 1}")
        segs, paid, n_svc = claim_lines(rng, first_claim + i, prov_npi)
        body.extend(segs)
        paid_sum += paid
        svc_count += n_svc
    plb_total = 0
    if with_plb:
        # Provider-level adjustments: a positive amount lowers the payment,
        # a negative one raises it. Never more than the claims pay.
        a1 = min(paid_sum, 1000 + rng.randrange(0, 90000))
        a2 = -rng.randrange(100, 20000)
        plb_total = a1 + a2
        body.append(f"PLB*{prov_npi}*{date8[:4]}1231*WO:OVP{st_no:06d}*{money(a1)}*"
                    f"FB:FB{st_no:06d}*{money(a2)}")
    bpr = paid_sum - plb_total
    trace = f"EFT{st_no:09d}"
    head = [
        f"ST*835*{st_no:04d}",
        f"BPR*I*{money(bpr)}*C*ACH*CCP*01*999999992*DA*123456789*1512345678**01*999988880*DA*98765432*{date8}",
        f"TRN*1*{trace}*1512345678",
        f"DTM*405*{date8}",
        "N1*PR*SIGHTLINE HEALTH PLAN",
        "N3*100 PAYER WAY",
        "N4*HARRISBURG*PA*17101",
        "PER*BL*PROVIDER SERVICES*TE*8005550100",
        f"N1*PE*CLINIC NUMBER {st_no}*XX*{prov_npi}",
        "N3*200 MAIN STREET",
        "N4*LANCASTER*PA*17601",
        f"REF*TJ*{(st_no * 7) % 1000000000:09d}",
    ]
    segs = head + body
    segs.append(f"SE*{len(segs) + 1}*{st_no:04d}")
    return segs, n_claims, svc_count


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--claims", type=int, default=250000, help="number of CLP claims (default 250000)")
    ap.add_argument("--per-transaction", type=int, default=5000,
                    help="claims per ST/SE transaction (default 5000)")
    ap.add_argument("--seed", type=int, default=835, help="PRNG seed (default 835)")
    ap.add_argument("--out", required=True, help="output path ('-' for standard output)")
    ap.add_argument("--no-newline", action="store_true",
                    help="write '~' alone, without a newline after each segment")
    args = ap.parse_args(argv)
    if args.claims < 1 or args.per_transaction < 1:
        ap.error("--claims and --per-transaction must be positive")

    rng = random.Random(args.seed)
    term = "~" if args.no_newline else "~\n"
    out = sys.stdout.buffer if args.out == "-" else open(args.out, "wb")
    date8, date6, time4 = "20240131", "240131", "1200"
    written = 0
    claims = svcs = 0
    n_tx = 0

    def emit(segs):
        nonlocal written
        data = (term.join(segs) + term).encode("ascii")
        out.write(data)
        written += len(data)

    emit([isa(1, date6, time4),
          f"GS*HP*SIGHTLINEPAYER*SIGHTLINEPROV*{date8}*{time4}*1*X*005010X221A1"])
    remaining = args.claims
    while remaining:
        n = min(args.per_transaction, remaining)
        n_tx += 1
        segs, c, s = transaction(rng, n_tx, claims + 1, n, date8, with_plb=(n_tx % 3 == 1))
        emit(segs)
        claims += c
        svcs += s
        remaining -= n
    emit([f"GE*{n_tx}*1", f"IEA*1*{1:09d}"])
    if out is not sys.stdout.buffer:
        out.close()
    print(f"make_835: {claims} claims, {svcs} service lines, {n_tx} transactions, "
          f"{written} bytes ({written / 1e6:.1f} MB) -> {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
