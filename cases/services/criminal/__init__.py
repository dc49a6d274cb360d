"""Criminal property judgments and commutation/parole review (DOMAIN.md §4), one
module per step:

- ``intake``: the trial department's transfer form (移送执行表) and the filing of
  the case to the intermediate court's criminal enforcement bureau (centralised
  jurisdiction, within 7 days of the form's receipt);
- ``allocation``: receipts allocated over the judgment's items in the legal order
  (最高人民法院《关于刑事裁判涉财产部分执行的若干规定》art. 13);
- ``commutation``: the 刑更 review, its links to the convict's cases and the "able
  but not paying" facts (法释〔2024〕5号);
- ``certificates``: the certificate of performance status, due 7 days after the
  prison's request (its content is read by ``cases.selectors.criminal``).

The services are named here too, so callers import them from
``cases.services.criminal``."""

from cases.services.criminal.allocation import (
    allocate_receipts,
    plan_allocation,
    record_criminal_receipt,
)
from cases.services.criminal.certificates import generate_certificate
from cases.services.criminal.common import criminal_bureau, may_work_criminal
from cases.services.criminal.commutation import (
    CommutationData,
    link_case_by_hand,
    link_convict_cases,
    open_commutation_review,
    record_ability_fact,
)
from cases.services.criminal.intake import (
    ItemData,
    TransferFormData,
    file_criminal_judgment,
    filing_due_on,
    receive_transfer_form,
)

__all__ = [
    "CommutationData",
    "ItemData",
    "TransferFormData",
    "allocate_receipts",
    "criminal_bureau",
    "file_criminal_judgment",
    "filing_due_on",
    "generate_certificate",
    "link_case_by_hand",
    "link_convict_cases",
    "may_work_criminal",
    "open_commutation_review",
    "plan_allocation",
    "receive_transfer_form",
    "record_ability_fact",
    "record_criminal_receipt",
]
