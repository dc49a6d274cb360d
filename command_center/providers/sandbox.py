"""The built-in sandbox of the national property query network. It is NOT the
real network: it invents records.

It behaves like the real one where it matters to the code that calls it:

- **latency** per call (``PROPERTY_QUERY_SANDBOX_LATENCY_MS``, 0 in tests);
- **partial failures**: a deterministic fraction of calls
  (``PROPERTY_QUERY_SANDBOX_FAILURE_RATE``) raise ``ProviderUnavailable``, decided
  by the request's serial number, so a retry (a new serial) usually succeeds;
- **realistic records**, the same every time for the same ID number and
  institution (seeded by them): bank accounts with balances, real-estate titles,
  vehicles, securities accounts; most debtors hold little or nothing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
import time
from decimal import Decimal

from django.conf import settings
from django.utils import timezone

from command_center.providers.base import (
    AssetRecord,
    FreezeOrder,
    FreezeResult,
    Institution,
    PropertyNetwork,
    ProviderRejected,
    ProviderUnavailable,
    Subject,
)

BANKS = [
    ("icbc", "中国工商银行", "6222"),
    ("abc", "中国农业银行", "6228"),
    ("boc", "中国银行", "6217"),
    ("ccb", "中国建设银行", "6227"),
    ("psbc", "中国邮政储蓄银行", "6210"),
    ("hnrcb", "海南农村商业银行", "6231"),
]
DISTRICTS = ["龙华区", "美兰区", "琼山区", "秀英区"]
ROADS = ["滨海大道", "国兴大道", "海府路", "南沙路", "龙昆南路", "海秀中路", "白龙南路", "金盘路"]
VEHICLES = [
    ("比亚迪", "秦PLUS", 90_000, 160_000),
    ("丰田", "卡罗拉", 70_000, 130_000),
    ("大众", "朗逸", 60_000, 120_000),
    ("本田", "雅阁", 120_000, 200_000),
    ("五菱", "宏光MINI EV", 20_000, 45_000),
    ("奔驰", "C级", 200_000, 350_000),
    ("长安", "CS75", 60_000, 110_000),
]
STOCKS = [
    ("600519", "贵州茅台", 1400),
    ("000001", "平安银行", 11),
    ("600036", "招商银行", 35),
    ("601318", "中国平安", 45),
    ("000858", "五粮液", 130),
    ("600221", "海航控股", 1.5),
]

# Chance that a subject holds anything at one institution of a kind:
# (natural person, organisation).
HOLD_CHANCE = {
    "bank": (0.30, 0.50),
    "real_estate": (0.12, 0.20),
    "vehicle": (0.18, 0.30),
    "securities": (0.05, 0.08),
}


def _seed(*parts: str) -> int:
    return int.from_bytes(hashlib.sha256("|".join(parts).encode()).digest()[:8], "big")


def _fraction(*parts: str) -> float:
    return _seed(*parts) / 2**64


class SandboxPropertyNetwork(PropertyNetwork):
    name = "sandbox"
    is_sandbox = True

    def __init__(self, *, latency_ms: int = 0, failure_rate: float = 0.0):
        self.latency_ms = latency_ms
        self.failure_rate = failure_rate

    @classmethod
    def from_settings(cls) -> SandboxPropertyNetwork:
        return cls(
            latency_ms=int(getattr(settings, "PROPERTY_QUERY_SANDBOX_LATENCY_MS", 0)),
            failure_rate=float(getattr(settings, "PROPERTY_QUERY_SANDBOX_FAILURE_RATE", 0.0)),
        )

    # -- the interface -------------------------------------------------------

    def institutions(self) -> list[Institution]:
        banks = [
            Institution(
                code=code,
                name=name,
                kind="bank",
                asset_type="bank_deposit",
                investigation_kind="online_deposits",
                can_freeze=True,
            )
            for code, name, _bin in BANKS
        ]
        return banks + [
            Institution(
                code="realestate_hn",
                name="海南省不动产登记中心",
                kind="real_estate",
                asset_type="real_estate",
                investigation_kind="online_real_estate",
            ),
            Institution(
                code="vehicle_mps",
                name="公安部交通管理局（机动车登记）",
                kind="vehicle",
                asset_type="vehicle",
                investigation_kind="online_vehicles",
            ),
            Institution(
                code="securities_csdc",
                name="中国证券登记结算有限责任公司",
                kind="securities",
                asset_type="securities",
                investigation_kind="online_securities",
                can_freeze=True,
            ),
        ]

    def query(
        self, *, request_no: str, institution_code: str, subject: Subject
    ) -> list[AssetRecord]:
        institution = self.institution(institution_code)
        self._network_call(request_no, institution_code)
        if len(subject.id_number or "") != 18:
            raise ProviderRejected("证件号码不完整，无法查询")
        return self._holdings(institution, subject)

    def freeze(self, order: FreezeOrder) -> FreezeResult:
        institution = self.institution(order.institution_code)
        if not institution.can_freeze:
            raise ProviderRejected(f"{institution.name}不支持网络冻结")
        self._network_call(order.request_no, order.institution_code)
        held = {r.reference: r for r in self._holdings(institution, order.subject)}
        record = held.get(order.account_reference)
        if record is None:
            raise ProviderRejected(f"{institution.name}：账户 {order.account_reference} 不存在")
        available = record.value if record.value is not None else order.amount
        frozen = min(order.amount, available)
        from cases.deadlines import add_months

        today = timezone.localdate()
        return FreezeResult(
            reference=f"DJ{today:%Y%m%d}{_seed(order.request_no) % 10**8:08d}",
            frozen_amount=frozen.quantize(Decimal("0.01")),
            frozen_until=add_months(today, order.months) - dt.timedelta(days=1),
        )

    # -- behaviour of the network ----------------------------------------------

    def _network_call(self, request_no: str, institution_code: str) -> None:
        if self.latency_ms:
            time.sleep(self.latency_ms / 1000)
        if (
            self.failure_rate
            and _fraction("fail", request_no, institution_code) < self.failure_rate
        ):
            raise ProviderUnavailable(f"{institution_code}: 系统繁忙，请稍后重试（{request_no}）")

    def _holdings(self, institution: Institution, subject: Subject) -> list[AssetRecord]:
        rng = random.Random(_seed(subject.id_number.upper(), institution.code))
        organisation = subject.is_organisation
        chance = HOLD_CHANCE[institution.kind][1 if organisation else 0]
        if rng.random() >= chance:
            return []
        maker = getattr(self, f"_{institution.kind}_records")
        return maker(rng, institution, subject, organisation)

    def _bank_records(self, rng, institution, subject, organisation) -> list[AssetRecord]:
        bin_ = dict((c, b) for c, _n, b in BANKS)[institution.code]
        records = []
        for _ in range(1 if rng.random() < 0.8 else 2):
            account = bin_ + "".join(str(rng.randint(0, 9)) for _ in range(15))
            band = rng.random()
            if band < 0.7:
                balance = Decimal(rng.randint(0, 99_999)) / 100
            elif band < 0.95:
                balance = Decimal(rng.randint(100_000, 5_000_000)) / 100
            else:
                balance = Decimal(rng.randint(5_000_000, 50_000_000)) / 100
            if organisation:
                balance *= 5
            kind = "对公结算账户" if organisation else rng.choice(["借记卡", "活期储蓄账户"])
            branch = rng.choice(["海口分行", "海南省分行营业部", "海口龙华支行", "海口美兰支行"])
            records.append(
                AssetRecord(
                    institution_code=institution.code,
                    asset_type=institution.asset_type,
                    reference=account,
                    description=f"{institution.name}{branch} {kind} {account}，余额 {balance:,.2f} 元",
                    value=balance.quantize(Decimal("0.01")),
                    extra={"branch": branch, "account_kind": kind},
                )
            )
        return records

    def _real_estate_records(self, rng, institution, subject, organisation) -> list[AssetRecord]:
        district, road = rng.choice(DISTRICTS), rng.choice(ROADS)
        area = Decimal(rng.randint(450, 1800)) / 10 * (3 if organisation else 1)
        price = Decimal(rng.randint(11_000, 26_000))
        year = rng.randint(2008, 2025)
        title = f"琼（{year}）海口市不动产权第{rng.randint(1, 9_999_999):07d}号"
        address = f"海口市{district}{road}{rng.randint(1, 399)}号{rng.randint(1, 30)}栋{rng.randint(1, 32)}0{rng.randint(1, 6)}房"
        value = (area * price).quantize(Decimal("0.01"))
        return [
            AssetRecord(
                institution_code=institution.code,
                asset_type=institution.asset_type,
                reference=title,
                description=f"{address}，建筑面积 {area} ㎡，{title}",
                value=value,
                extra={"address": address, "area": str(area), "mortgaged": rng.random() < 0.4},
            )
        ]

    def _vehicle_records(self, rng, institution, subject, organisation) -> list[AssetRecord]:
        records = []
        for _ in range(1 if rng.random() < 0.85 else 2):
            brand, model, low, high = rng.choice(VEHICLES)
            letters = "ABCDEFGHJKLMNPQRSTUVWXYZ"
            plate = "琼A" + rng.choice(letters) + "".join(str(rng.randint(0, 9)) for _ in range(4))
            year = rng.randint(2012, 2025)
            value = Decimal(rng.randint(low, high)) * Decimal(max(0.3, 1 - (2026 - year) * 0.08))
            records.append(
                AssetRecord(
                    institution_code=institution.code,
                    asset_type=institution.asset_type,
                    reference=plate,
                    description=f"{plate} {brand}{model}（{year} 年登记）",
                    value=value.quantize(Decimal("0.01")),
                    extra={"brand": brand, "model": model, "registered": year},
                )
            )
        return records

    def _securities_records(self, rng, institution, subject, organisation) -> list[AssetRecord]:
        account = ("B" if organisation else "A") + "".join(str(rng.randint(0, 9)) for _ in range(9))
        code, name, price = rng.choice(STOCKS)
        shares = rng.randint(1, 50) * 100
        value = (Decimal(str(price)) * shares).quantize(Decimal("0.01"))
        return [
            AssetRecord(
                institution_code=institution.code,
                asset_type=institution.asset_type,
                reference=account,
                description=f"证券账户 {account}：{name}（{code}）{shares} 股，市值约 {value:,.2f} 元",
                value=value,
                extra={"stock": code, "shares": shares},
            )
        ]
