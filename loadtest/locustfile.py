"""Court users under load: a mixed read/write scenario for locust (`make load`).

Each simulated user is one of the demo court accounts. It logs in twice — a
token for the API, a session for the pages — then, with think time between
requests, lists and filters cases, opens case details and ledgers, files new
cases, records receipts (each with its own idempotency key, sometimes sent
twice as a client retry would) and uploads documents to the dossier.

Every write the server acknowledged is appended to ``LOAD_ACK_FILE`` (one JSON
line each); ``scripts/loadtest.py`` then checks that the database holds exactly
those writes. The cases each account may write to, and valid party identity
numbers, come from ``LOAD_INPUT_FILE``, prepared by the runner.

Run it through ``make load`` (fresh database, gunicorn with 2 workers), not alone.
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
ACCOUNTS = itertools.cycle(INPUT["accounts"])
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


def acknowledge(kind: str, **values) -> None:
    with _ack_lock, open(ACK_FILE, "a", encoding="utf-8") as out:
        out.write(json.dumps({"kind": kind, **values}, ensure_ascii=False) + "\n")


class CourtUser(HttpUser):
    wait_time = between(0.5, 2.0)

    def on_start(self):
        account = next(ACCOUNTS)
        self.username = account["username"]
        self.writable = list(account["writable_case_ids"])
        self.identities = list(account["identities"])
        self.rng = random.Random(f"{self.username}-{uuid.uuid4()}")
        with _token_lock:
            if self.username not in _tokens:
                response = self.client.post(
                    "/api/v1/auth/token/",
                    json={"username": self.username, "password": PASSWORD},
                    name="/api/v1/auth/token/",
                )
                response.raise_for_status()
                _tokens[self.username] = response.json()["token"]
        self.api_headers = {"Authorization": f"Token {_tokens[self.username]}"}
        page = self.client.get("/accounts/login/", name="/accounts/login/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
        self.client.post(
            "/accounts/login/",
            data={"username": self.username, "password": PASSWORD, "csrfmiddlewaretoken": token},
            headers={"Referer": self.host + "/accounts/login/"},
            name="/accounts/login/",
        ).raise_for_status()
        self.seen_ids: list[int] = []

    # --- reads ---------------------------------------------------------------

    @task(6)
    def list_cases_api(self):
        params = self.rng.choice(
            [{}, {"is_open": "true"}, {"case_type": "执"}, {"page": 2}, {"overdue": "true"}]
        )
        response = self.client.get(
            "/api/v1/cases/", params=params, headers=self.api_headers, name="/api/v1/cases/"
        )
        if response.ok:
            self.seen_ids = [row["id"] for row in response.json()["results"]][:20] or self.seen_ids

    @task(4)
    def case_detail_api(self):
        case_id = self._some_case()
        self.client.get(
            f"/api/v1/cases/{case_id}/", headers=self.api_headers, name="/api/v1/cases/[id]/"
        )

    @task(3)
    def case_list_page(self):
        self.client.get("/cases/", params={"is_open": "true"}, name="/cases/")

    @task(3)
    def case_detail_page(self):
        self.client.get(f"/cases/{self._some_case()}/", name="/cases/[id]/")

    @task(2)
    def ledger_api(self):
        case_id = self.rng.choice(self.writable)
        self.client.get(
            f"/api/v1/cases/{case_id}/ledger/",
            headers=self.api_headers,
            name="/api/v1/cases/[id]/ledger/ GET",
        )

    # --- writes --------------------------------------------------------------

    @task(2)
    def file_case(self):
        applicant, respondent = self.rng.sample(self.identities, 2)
        marker = f"LOAD-{RUN}-{uuid.uuid4().hex[:10]}"
        body = {
            "case_type": "执",
            "origin": INPUT["origin"],
            "title_issuer": "海口市龙华区人民法院",
            "title_document_number": f"（2026）琼0106民初{marker}号",
            "title_effective_on": "2026-01-05",
            "amount_claimed": f"{self.rng.randint(1000, 900000)}.00",
            "filed_on": INPUT["today"],
            "cause": "民间借贷纠纷",
            "parties": [
                {"role": "applicant", "kind": "natural", "name": "王海生", "id_number": applicant},
                {"role": "respondent", "kind": "natural", "name": "李明", "id_number": respondent},
            ],
        }
        response = self.client.post(
            "/api/v1/cases/", json=body, headers=self.api_headers, name="/api/v1/cases/ POST"
        )
        if response.status_code == 201:
            acknowledge("case", id=response.json()["id"], marker=marker)

    @task(3)
    def record_receipt(self):
        case_id = self.rng.choice(self.writable)
        key = f"load-{RUN}-{uuid.uuid4().hex}"
        body = {
            "amount": f"{self.rng.randint(100, 50000)}.{self.rng.randint(0, 99):02d}",
            "counterparty": "海南椰城贸易有限公司",
            "occurred_on": INPUT["today"],
            "idempotency_key": key,
        }
        url = f"/api/v1/cases/{case_id}/ledger/"
        name = "/api/v1/cases/[id]/ledger/ POST"
        response = self.client.post(url, json=body, headers=self.api_headers, name=name)
        if response.status_code == 201:
            acknowledge("ledger", key=key, id=response.json()["id"], case=case_id)
            if self.rng.random() < 0.2:  # a client retry: same key, recorded once
                with self.client.post(
                    url,
                    json=body,
                    headers=self.api_headers,
                    name=name + " (retry)",
                    catch_response=True,
                ) as again:
                    if again.status_code != 200 or again.json()["id"] != response.json()["id"]:
                        again.failure("a retried key was not answered with the first entry")

    @task(1)
    def upload_to_dossier(self):
        case_id = self.rng.choice(self.writable)
        url = f"/cases/{case_id}/dossier/upload/"
        form = self.client.get(url, name="/cases/[id]/dossier/upload/")
        match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text)
        if not match:
            return
        title = f"LOAD-{RUN}-{uuid.uuid4().hex[:10]}"
        response = self.client.post(
            url,
            data={
                "csrfmiddlewaretoken": match.group(1),
                "category": INPUT["dossier_category"],
                "title": title,
            },
            files={
                "file": (f"{title}.pdf", PDF.replace(b"{title}", title.encode()), "application/pdf")
            },
            headers={"Referer": self.host + url},
            allow_redirects=False,
            name="/cases/[id]/dossier/upload/ POST",
        )
        if response.status_code == 302:
            acknowledge("dossier", title=title, case=case_id)

    def _some_case(self) -> int:
        return self.rng.choice(self.seen_ids or self.writable)
