"""A working day of the Haikou courts under load: the locust scenario of `make load`.

Who is simulated (weights are the share of the simulated people):

- district judges, judge assistants and clerks: list and filter cases (page and
  API), search, open cases and ledgers, look at their worklist; record receipts
  (each with its own idempotency key, a fifth of them sent twice as a client retry
  would), record measures, upload to the dossier, send tasks to the affairs
  centre, ask for disbursements, file cases;
- directors: their worklist and the disbursement queue, approving the requests;
- the affairs centre: its task queue, claiming and completing tasks;
- leaders: the leadership dashboard, the big screen and the city-wide case list;
- the public: the portal, looking a case up by its number and query code (each
  visitor from its own address, as behind the deployment's proxy);
- one property-query batch at a time in the background (a judge's cases, sent to
  the sandbox network through Celery), polled until it is done.

Think times are 1–5 s (the batch waits longer between batches).

Every write the server acknowledged is appended to ``LOAD_ACK_FILE`` (one JSON
line each); ``scripts/loadtest.py`` then checks that the database holds exactly
those writes. Each write carries the run's marker (``LOAD-<run>-`` or
``load-<run>-``) so that only this run's writes are counted. The accounts, the
cases each may write to and valid identity numbers come from ``LOAD_INPUT_FILE``,
prepared by the runner.

Run it through ``make load`` (scripts/loadtest.py), not alone.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import re
import threading
import uuid
from pathlib import Path

from locust import HttpUser, between, task

INPUT = json.loads(Path(os.environ["LOAD_INPUT_FILE"]).read_text(encoding="utf-8"))
ACK_FILE = os.environ["LOAD_ACK_FILE"]
RUN = os.environ.get("LOAD_RUN_ID", "run")  # in every marker, so the check counts this run
PASSWORD = INPUT["password"]
ACCOUNTS = {role: itertools.cycle(accounts) for role, accounts in INPUT["accounts"].items()}
_ack_lock = threading.Lock()
# A login issues a fresh token and revokes the previous one: simulated users sharing
# an account share the token its first login got.
_tokens: dict[str, str] = {}
_token_lock = threading.Lock()
# A small valid PDF: the dossier sniffs the content, not the name. Each upload
# differs (its title inside), since the dossier keeps identical content once
# per case (same SHA-256: answered "already in the dossier", no new file).
PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n%% {title}\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
# A name is what the run's figures are grouped by: one per endpoint and method.
LOGIN_NAMES = ("POST /accounts/login/", "POST /api/v1/auth/token/")


def acknowledge(kind: str, **values) -> None:
    with _ack_lock, open(ACK_FILE, "a", encoding="utf-8") as out:
        out.write(json.dumps({"kind": kind, **values}, ensure_ascii=False) + "\n")


def marker(prefix: str = "LOAD") -> str:
    return f"{prefix}-{RUN}-{uuid.uuid4().hex[:12]}"


def page_task(path: str, label: str = "", **params):
    """A task that opens a page (``params`` in its query string), counted under
    ``GET <path><label>``; a class lists such tasks with their weights in ``tasks``."""

    def open_page(user):
        user.client.get(path, params=params or None, name=f"GET {path}{label}")

    return open_page


class CourtUser(HttpUser):
    """A court officer: a token for the API and a session for the pages."""

    abstract = True
    wait_time = between(1, 5)
    role = ""

    def on_start(self):
        account = next(ACCOUNTS[self.role])
        self.account = account
        self.username = account["username"]
        self.writable = list(account.get("writable_case_ids", []))
        self.payees = {int(k): v for k, v in account.get("payees", {}).items()}
        self.identities = list(account.get("identities", []))
        self.searches = list(account.get("searches", [])) or ["（"]
        self.rng = random.Random(f"{self.username}-{uuid.uuid4()}")
        with _token_lock:
            if self.username not in _tokens:
                response = self.client.post(
                    "/api/v1/auth/token/",
                    json={"username": self.username, "password": PASSWORD},
                    name="POST /api/v1/auth/token/",
                )
                response.raise_for_status()
                _tokens[self.username] = response.json()["token"]
        self.api = {"Authorization": f"Token {_tokens[self.username]}"}
        page = self.client.get("/accounts/login/", name="GET /accounts/login/")
        self.client.post(
            "/accounts/login/",
            data={
                "username": self.username,
                "password": PASSWORD,
                "csrfmiddlewaretoken": CSRF.search(page.text).group(1),
            },
            headers={"Referer": self.host + "/accounts/login/"},
            name="POST /accounts/login/",
        ).raise_for_status()
        self.seen_ids: list[int] = []

    # --- helpers -------------------------------------------------------------

    def _some_case(self) -> int:
        return self.rng.choice(self.seen_ids or self.writable)

    def _form_post(self, url: str, name: str, data: dict, files=None):
        """GET the form (its CSRF token), POST it; a 302 is the acknowledgement."""
        form = self.client.get(url, name=f"GET {name}")
        match = CSRF.search(form.text)
        if not match:
            return None
        return self.client.post(
            url,
            data={"csrfmiddlewaretoken": match.group(1), **data},
            files=files,
            headers={"Referer": self.host + url},
            allow_redirects=False,
            name=f"POST {name}",
        )


class DistrictStaff(CourtUser):
    """What judges, assistants and clerks share: finding and reading cases."""

    abstract = True
    tasks = {page_task("/", " (worklist)"): 2}

    @task(6)
    def list_cases_api(self):
        params = self.rng.choice(
            [{}, {"is_open": "true"}, {"case_type": "执"}, {"page": 2}, {"overdue": "true"}]
        )
        response = self.client.get(
            "/api/v1/cases/", params=params, headers=self.api, name="GET /api/v1/cases/"
        )
        if response.ok:
            self.seen_ids = [row["id"] for row in response.json()["results"]][:20] or self.seen_ids

    @task(4)
    def case_list_page(self):
        params = self.rng.choice(
            [
                {"is_open": "true"},
                {"status": "in_progress"},
                {"case_type": "执", "status": "closed"},
                {"overdue": "true"},
                {"filed_from": INPUT["year_start"]},
                {},
            ]
        )
        self.client.get("/cases/", params=params, name="GET /cases/")

    @task(2)
    def search(self):
        self.client.get(
            "/search/", params={"q": self.rng.choice(self.searches)}, name="GET /search/"
        )

    @task(4)
    def case_detail_page(self):
        self.client.get(f"/cases/{self._some_case()}/", name="GET /cases/[id]/")

    @task(3)
    def case_detail_api(self):
        self.client.get(
            f"/api/v1/cases/{self._some_case()}/", headers=self.api, name="GET /api/v1/cases/[id]/"
        )

    @task(2)
    def ledger_api(self):
        if not self.writable:
            return
        self.client.get(
            f"/api/v1/cases/{self.rng.choice(self.writable)}/ledger/",
            headers=self.api,
            name="GET /api/v1/cases/[id]/ledger/",
        )

    # --- writes (each subclass chooses its own weights) ------------------------

    def file_case(self):
        if not self.account.get("may_file"):
            return
        applicant, respondent = self.rng.sample(self.identities, 2)
        mark = marker()
        body = {
            "case_type": "执",
            "origin": INPUT["origin"],
            "title_issuer": "海口市龙华区人民法院",
            "title_document_number": f"（2026）琼0106民初{mark}号",
            "title_effective_on": INPUT["title_effective_on"],
            "amount_claimed": f"{self.rng.randint(1000, 900000)}.00",
            "filed_on": INPUT["today"],
            "cause": "民间借贷纠纷",
            "parties": [
                {"role": "applicant", "kind": "natural", "name": "王海生", "id_number": applicant},
                {"role": "respondent", "kind": "natural", "name": "李明", "id_number": respondent},
            ],
        }
        response = self.client.post(
            "/api/v1/cases/", json=body, headers=self.api, name="POST /api/v1/cases/"
        )
        if response.status_code == 201:
            acknowledge("case", id=response.json()["id"], marker=mark)

    def record_receipt(self) -> tuple[int, str] | None:
        if not self.writable:
            return None
        case_id = self.rng.choice(self.writable)
        key = marker("load")
        amount = f"{self.rng.randint(100, 50000)}.{self.rng.randint(0, 99):02d}"
        body = {
            "amount": amount,
            "counterparty": "海南椰城贸易有限公司",
            "occurred_on": INPUT["today"],
            "idempotency_key": key,
        }
        url = f"/api/v1/cases/{case_id}/ledger/"
        name = "POST /api/v1/cases/[id]/ledger/"
        response = self.client.post(url, json=body, headers=self.api, name=name)
        if response.status_code != 201:
            return None
        acknowledge("ledger", key=key, id=response.json()["id"], case=case_id)
        if self.rng.random() < 0.2:  # a client retry: same key, recorded once
            with self.client.post(
                url, json=body, headers=self.api, name=name + " (retry)", catch_response=True
            ) as again:
                if again.status_code != 200 or again.json()["id"] != response.json()["id"]:
                    again.failure("a retried key was not answered with the first entry")
        return case_id, amount

    def receipt_then_disbursement(self):
        """A receipt, then (where the case has a payee and a director to approve)
        a request to pay part of it out: never more than the receipt, so the
        balance less pending requests always covers it."""
        recorded = self.record_receipt()
        if not recorded or recorded[0] not in self.payees:
            return
        case_id, amount = recorded
        key = marker("loadd")
        body = {
            "case": case_id,
            "amount": f"{max(1, int(float(amount) // 2))}.00",
            "payee": self.payees[case_id],
            "payee_account": "6222 0212 3456 7890",
            "reason": f"{key} 发放执行款",
            "idempotency_key": key,
        }
        response = self.client.post(
            "/api/v1/disbursement-requests/",
            json=body,
            headers=self.api,
            name="POST /api/v1/disbursement-requests/",
        )
        if response.status_code == 201:
            acknowledge("disbursement", key=key, id=response.json()["id"])

    def add_measure(self):
        if not self.writable:
            return
        case_id = self.rng.choice(self.writable)
        description = marker()
        response = self._form_post(
            f"/cases/{case_id}/measures/add/",
            "/cases/[id]/measures/add/",
            {
                "kind": "consumption_restriction",
                "asset_type": "",
                "description": description,
                "amount": "",
                "started_on": INPUT["today"],
                "expires_on": "",
                "reference": "",
            },
        )
        if response is not None and response.status_code == 302:
            acknowledge("measure", description=description, case=case_id)

    def upload_to_dossier(self):
        if not self.writable:
            return
        case_id = self.rng.choice(self.writable)
        title = marker()
        response = self._form_post(
            f"/cases/{case_id}/dossier/upload/",
            "/cases/[id]/dossier/upload/",
            {"category": INPUT["dossier_category"], "title": title},
            files={
                "file": (f"{title}.pdf", PDF.replace(b"{title}", title.encode()), "application/pdf")
            },
        )
        if response is not None and response.status_code == 302:
            acknowledge("dossier", title=title, case=case_id)

    def send_task(self):
        if not self.writable or not self.account.get("centre_serves"):
            return
        instructions = f"{marker()} 请协助送达执行通知书"
        response = self.client.post(
            "/api/v1/tasks/",
            json={
                "case": self.rng.choice(self.writable),
                "kind": "service",
                "instructions": instructions,
            },
            headers=self.api,
            name="POST /api/v1/tasks/",
        )
        if response.status_code == 201:
            acknowledge("task", id=response.json()["id"], instructions=instructions)


# The writes of district staff, weighted per role (the helpers of DistrictStaff).
_staff = DistrictStaff


class DistrictJudge(DistrictStaff):
    weight = 12
    role = "judge"
    tasks = {
        _staff.receipt_then_disbursement: 3,
        _staff.add_measure: 2,
        _staff.upload_to_dossier: 1,
        _staff.send_task: 1,
        _staff.file_case: 1,
    }


class JudgeAssistant(DistrictStaff):
    weight = 5
    role = "assistant"
    tasks = {
        _staff.receipt_then_disbursement: 3,
        _staff.add_measure: 2,
        _staff.upload_to_dossier: 2,
        _staff.send_task: 1,
    }


class Clerk(DistrictStaff):
    """The filing desk (立案) and the dossier."""

    weight = 4
    role = "clerk"
    tasks = {_staff.file_case: 4, _staff.upload_to_dossier: 2}


class Director(CourtUser):
    """A bureau director: the approvals waiting, deciding disbursements."""

    weight = 2
    role = "director"
    tasks = {
        page_task("/", " (worklist)"): 3,
        page_task("/cases/", status="in_progress"): 2,
        page_task("/centre/dashboard/"): 1,
    }

    @task(4)
    def approve_disbursements(self):
        response = self.client.get(
            "/api/v1/disbursement-requests/",
            params={"status": "pending"},
            headers=self.api,
            name="GET /api/v1/disbursement-requests/",
        )
        if not response.ok:
            return
        # Only this run's requests: the seeded ones are left as they were.
        ours = [r for r in response.json()["results"] if r["reason"].startswith(f"loadd-{RUN}-")]
        for row in ours[:3]:
            with self.client.post(
                f"/api/v1/disbursement-requests/{row['id']}/decide/",
                json={"approve": True, "opinion": "同意发放"},
                headers=self.api,
                name="POST /api/v1/disbursement-requests/[id]/decide/",
                catch_response=True,
            ) as decided:
                if decided.status_code == 200:
                    acknowledge("approval", id=row["id"])
                elif decided.status_code == 409:
                    # Another director (a simulated colleague) decided it first.
                    decided.success()


class AffairsCentre(CourtUser):
    """The affairs centre working its queue: the oldest waiting tasks first."""

    weight = 2
    role = "centre"
    tasks = {
        page_task("/centre/tasks/", status="pending"): 2,
        page_task("/centre/tasks/workload/"): 1,
    }

    @task(4)
    def work_a_task(self):
        response = self.client.get(
            "/api/v1/tasks/",
            params={"status": "pending"},
            headers=self.api,
            name="GET /api/v1/tasks/",
        )
        if not response.ok:
            return
        waiting = response.json()["results"]
        if not waiting:
            return
        row = self.rng.choice(waiting[:10])
        with self.client.post(
            f"/api/v1/tasks/{row['id']}/claim/",
            headers=self.api,
            name="POST /api/v1/tasks/[id]/claim/",
            catch_response=True,
        ) as claim:
            if claim.status_code in (400, 409):
                # A colleague claimed it first: the queue at work, not a failure.
                claim.success()
                return
        if claim.status_code != 200:
            return
        result = f"{marker()} 已办结"
        done = self.client.post(
            f"/api/v1/tasks/{row['id']}/complete/",
            json={"result": result},
            headers=self.api,
            name="POST /api/v1/tasks/[id]/complete/",
        )
        if done.status_code == 200:
            acknowledge("completion", id=row["id"], result=result)


class Leader(CourtUser):
    """The intermediate court's leadership: the dashboard and the screen."""

    weight = 2
    role = "leader"
    tasks = {
        page_task("/centre/dashboard/"): 4,
        page_task("/centre/dashboard/screen/"): 1,
        page_task("/cases/", overdue="true"): 2,
        page_task("/", " (worklist)"): 1,
    }


class PublicVisitor(HttpUser):
    """A party looking its case up on the public portal. Each visitor comes from
    its own address (the portal limits lookups per address; the runner trusts one
    proxy hop, as a deployment behind nginx does)."""

    weight = 5
    wait_time = between(1, 5)

    def on_start(self):
        self.rng = random.Random(uuid.uuid4().hex)
        self._new_visitor()

    def _new_visitor(self):
        self.lookups = 0
        self.headers = {
            "X-Forwarded-For": "10.{}.{}.{}".format(*(self.rng.randint(1, 254) for _ in range(3)))
        }

    @task(1)
    def portal(self):
        self.client.get("/public/", headers=self.headers, name="GET /public/")

    @task(2)
    def lookup(self):
        if self.lookups >= 5:  # the next person
            self._new_visitor()
        self.lookups += 1
        number, code = self.rng.choice(INPUT["portal_cases"])
        with self.client.post(
            "/public/",
            data={"case_number": number, "query_code": code},
            headers=self.headers,
            name="POST /public/",
            catch_response=True,
        ) as response:
            if response.status_code == 200 and number not in response.text:
                response.failure("the portal did not show the case looked up")


class PropertyQueryBatch(CourtUser):
    """One batch of online property queries at a time, in the background: the
    judge's open cases against every institution of the (sandbox) network, run by
    the Celery worker, polled until it is finished."""

    fixed_count = 1
    role = "batch"
    wait_time = between(5, 10)

    def on_start(self):
        super().on_start()
        self.job: int | None = None

    @task
    def batch(self):
        if self.job is None:
            cases = self.rng.sample(self.writable, min(len(self.writable), INPUT["batch_size"]))
            response = self.client.post(
                "/api/v1/asset-queries/",
                json={"cases": cases},
                headers=self.api,
                name="POST /api/v1/asset-queries/ (batch)",
            )
            if response.status_code == 202:
                self.job = response.json()["id"]
                acknowledge("batch", id=self.job, cases=len(cases))
            return
        # The page's progress fragment, as htmx polls it in the browser.
        response = self.client.get(
            f"/centre/jobs/{self.job}/",
            headers={"HX-Request": "true"},
            name="GET /centre/jobs/[id]/ (batch progress)",
        )
        self.client.get(
            "/api/v1/asset-queries/",
            params={"job": self.job},
            headers=self.api,
            name="GET /api/v1/asset-queries/",
        )
        status = re.search(r'data-status="(\w+)"', response.text or "")
        if status and status.group(1) in ("succeeded", "failed"):
            self.job = None
