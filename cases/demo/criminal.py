"""Demo data of the criminal enforcement bureau (DOMAIN.md §4): transfer forms from
the district courts' criminal divisions filed centrally at the intermediate court,
one still waiting in intake within its 7 days, a receipt allocated in the legal
order, and a prison's 减刑 request whose certificate is due this week — so the
criminal bureau's judge (xs_judge) has a working day on a fresh `make run`.
Everything goes through the services, as a clerk's form would."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.contrib.auth import get_user_model

from cases.choices import CommutationKind, CriminalItemKind
from cases.models import CriminalJudgment
from cases.services.assignment import assign_case
from cases.services.criminal import (
    CommutationData,
    ItemData,
    TransferFormData,
    open_commutation_review,
    receive_transfer_form,
    record_criminal_receipt,
)
from courts.models import Court
from haikou_exec.identifiers import make_resident_id


def _user(username: str):
    return get_user_model().objects.get(username=username)


def _team_of(username: str):
    from personnel.models import TeamMembership

    membership = (
        TeamMembership.objects.filter(officer__user__username=username, ended_on__isnull=True)
        .select_related("team")
        .first()
    )
    return membership.team if membership else None


# (judging court, judgment, convict, crime, received days ago, filed days ago or None, items)
FORMS = [
    (
        "琼0106",
        "（{y}）琼0106刑初88号",
        "符某强",
        "诈骗罪",
        20,
        18,
        [
            (CriminalItemKind.RESTITUTION, "60000.00", "李阿婆"),
            (CriminalItemKind.MEDICAL_COSTS, "8000.00", "李阿婆"),
            (CriminalItemKind.FINE, "20000.00", ""),
        ],
    ),
    (
        "琼0107",
        "（{y}）琼0107刑初31号",
        "王某",
        "非法吸收公众存款罪",
        6,
        5,
        [
            (CriminalItemKind.RESTITUTION, "150000.00", "海口某农民专业合作社"),
            (CriminalItemKind.CONFISCATION, "50000.00", ""),
            (CriminalItemKind.ILLICIT_PROPERTY, "12000.00", ""),
        ],
    ),
    (
        "琼0108",
        "（{y}）琼0108刑初57号",
        "陈某明",
        "盗窃罪",
        2,
        None,
        [
            (CriminalItemKind.FINE, "5000.00", ""),
            (CriminalItemKind.RESTITUTION, "3200.00", "吴先生"),
        ],
    ),
]


def seed_criminal_examples(today: dt.date) -> int:
    """The bureau's examples, once (none if a judgment is recorded already)."""
    if CriminalJudgment.objects.exists():
        return 0
    judge, leader = _user("xs_judge"), _user("zy_leader")
    team = _team_of("xs_judge")
    made = 0
    first_case = None
    for n, (court, number, convict, crime, received, filed, items) in enumerate(FORMS):
        received_on = today - dt.timedelta(days=received)
        judgment = receive_transfer_form(
            user=judge,
            data=TransferFormData(
                judging_court_id=Court.objects.get(code=court).pk,
                judgment_number=number.format(y=received_on.year),
                judgment_effective_on=received_on - dt.timedelta(days=15),
                convict_name=convict,
                convict_id_number=make_resident_id(random.Random(f"criminal-{n}")),
                convict_prison="海南省美兰监狱" if n == 0 else "",
                crime=crime,
                received_on=received_on,
                form_number=f"移执〔{received_on.year}〕{n + 11}号",
                items=[ItemData(kind, Decimal(amount), who) for kind, amount, who in items],
            ),
            file_now=filed is not None,
            filed_on=today - dt.timedelta(days=filed) if filed is not None else None,
        )
        made += 1
        if judgment.case_id and team:
            assign_case(
                user=leader, case_id=judgment.case_id, team_id=team.pk, reason="刑事执行局分案"
            )
        first_case = first_case or judgment.case
    if first_case:
        # The family pays part; the ledger allocates it in the legal order (§4).
        record_criminal_receipt(
            user=judge,
            case_id=first_case.pk,
            amount="25000.00",
            counterparty="符某强家属",
            occurred_on=today - dt.timedelta(days=10),
            idempotency_key="demo:criminal-receipt-1",
        )
        # The prison asks for a 减刑 of 符某强; the certificate is due within 7 days.
        review = open_commutation_review(
            user=judge,
            data=CommutationData(
                kind=CommutationKind.COMMUTATION,
                convict_name="符某强",
                convict_id_number=first_case.parties.get(role="respondent").id_number,
                prison="海南省美兰监狱",
                requested_on=today - dt.timedelta(days=3),
                request_document_number=f"（{today.year}）琼美狱减字第12号",
            ),
            filed_on=today - dt.timedelta(days=2),
        )
        if team:
            assign_case(user=leader, case_id=review.case_id, team_id=team.pk, reason="刑更案件分案")
    return made
