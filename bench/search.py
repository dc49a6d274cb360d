"""The header's search box at the design scale (DESIGN.md "global search, 50 results":
p95 ≤ 150 ms), measured in each reading cases/search.py gives a query: a case number
whole and by its distinctive tails, part of a party's name, the last digits of an ID
number — as a district judge (his court first) and as the city-wide leader."""

from __future__ import annotations

from bench.measure import _client, timed_together

COURT = "琼0106"  # 龙华, the largest district court (bench.measure.COURT)


def samples() -> dict[str, str]:
    """Queries made from rows that exist: a case of the court with a sequence that
    many courts and years share (``70号`` finds one in each), its respondent's name
    and ID number."""
    from cases.models import EnforcementCase, Party

    cases = EnforcementCase.objects.filter(court__code=COURT, case_type="执").order_by("-year")
    case = cases.filter(sequence=70).first() or cases.order_by("-year", "sequence").first()
    party = (
        Party.objects.filter(case__court__code=COURT, role="respondent")
        .exclude(id_number="")
        .order_by("pk")
        .first()
    )
    name = party.name
    # Part of a name: two characters from the middle of a company's or a person's name.
    part = name[1:3] if len(name) >= 3 else name
    return {
        "whole case number": case.case_number,
        "琼0106执70号": f"{COURT}执{case.sequence}号",
        "执70号": f"执{case.sequence}号",
        "70号": f"{case.sequence}号",
        f"part of a name ({part})": part,
        "last 4 of an ID number": party.id_number[-4:],
    }


def global_search(n: int) -> dict:
    queries = samples()
    out = {}
    for username in ("lh_judge", "zy_leader"):
        specs = {f"{username}: {label}": ("/search/", {"q": q}) for label, q in queries.items()}
        out.update(timed_together(_client(username), specs, n=n))
    return out
