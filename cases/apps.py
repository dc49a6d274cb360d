from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "cases"
    verbose_name = _("Enforcement cases")
    nav_items = [(_("Cases"), "cases:case_list", "cases.view_enforcementcase")]
    nav_order = 5
    _team = {
        "enforcementcase": "vac",
        "party": "vac",
        "caseassignment": "v",
        "casenode": "vc",
        "clockpause": "vac",
        "deadlineextension": "va",
        "nodedefinition": "v",
        "measure": "vac",
        "auctionround": "vac",
        "propertyfinding": "vac",
        "investigationstep": "vac",
        "applicantinterview": "vac",
        "caseaccount": "v",
        "ledgerentry": "va",
        "disbursementrequest": "va",
        "dossierfile": "va",
        "generateddocument": "va",
        "measuretermrule": "v",
    }
    _leaders = {
        **_team,
        "caseassignment": "vac",
        "deadlineextension": "vac",
        "disbursementrequest": "vac",
    }
    role_permissions = {
        "judge": _team,
        "assistant": _team,
        "clerk": _team,
        "director": _leaders,
        "deputy_director": _leaders,
        "leadership": _leaders,
        "center_staff": {**_team, "enforcementcase": "va"},
        "supervisor": {k: "v" for k in _team},
        "judicial_police": {"enforcementcase": "v", "party": "v", "measure": "v", "casenode": "v"},
    }
