"""Generated data: byte-identical regeneration, recorded checksums, size, load time, built-in patterns."""

import hashlib
import time

import pytest

from relmark_helpers import DATA_DIR, alive_counts, fit_sbg, rfm_summary
from relmark_helpers.customer_data import loyalty_club as datasets


def recorded():
    lines = (DATA_DIR / datasets.CHECKSUM_FILE).read_text(encoding="utf-8").splitlines()
    return {name: digest for digest, name in (line.split("  ") for line in lines)}


def test_regenerating_gives_the_recorded_checksums(tmp_path):
    digests = datasets.write_datasets(tmp_path)
    assert digests == recorded()
    for name in datasets.FILES:
        assert hashlib.sha256((DATA_DIR / name).read_bytes()).hexdigest() == recorded()[name], (
            f"data/{name} differs from its checksum: run `make data`")
        assert (tmp_path / name).read_bytes() == (DATA_DIR / name).read_bytes()
    assert (tmp_path / datasets.CHECKSUM_FILE).read_text() == (DATA_DIR / datasets.CHECKSUM_FILE).read_text()


def test_check_mode(tmp_path, capsys):
    datasets.write_datasets(tmp_path)
    assert datasets.main(["--check", "--out", str(tmp_path)]) == 0
    (tmp_path / datasets.CHECKSUM_FILE).write_text("0" * 64 + "  loyalty_transactions.csv\n")
    assert datasets.main(["--check", "--out", str(tmp_path)]) == 1


def test_total_size_within_budget_and_fast_to_load():
    total = sum((DATA_DIR / name).stat().st_size for name in datasets.FILES)
    assert total <= 5 * 2**20
    start = time.perf_counter()
    log = datasets.load_loyalty_transactions()
    renewals = datasets.load_loyalty_renewals()
    assert time.perf_counter() - start < 1.0
    assert 2000 <= log["customer_id"].nunique() <= 5000
    assert log["date"].min().year == 2023 and log["date"].max().year == 2025
    assert set(log["member_level"]) == {0, 1, 2, 3}
    assert (log["amount"] > 0).all()
    assert set(renewals["plan"]) == {"basic", "plus"}


def test_members_buy_more_often_and_spend_more_per_visit():
    log = datasets.load_loyalty_transactions()
    per_level = log.groupby("member_level").agg(visits=("amount", "size"), spend=("amount", "mean"),
                                                customers=("customer_id", "nunique"))
    per_customer = per_level["visits"] / per_level["customers"]
    assert per_customer.is_monotonic_increasing and per_level["spend"].is_monotonic_increasing
    assert per_customer[3] > 3 * per_customer[0] and per_level["spend"][3] > 1.8 * per_level["spend"][0]
    rfm = rfm_summary(log, "customer_id", "date", "amount")
    assert (rfm["frequency"] == 0).any() and rfm["frequency"].max() > 100


def test_member_level_is_constant_per_customer():
    log = datasets.load_loyalty_transactions()
    assert (log.groupby("customer_id")["member_level"].nunique() == 1).all()


def test_renewal_plans_recover_their_generating_parameters():
    counts = alive_counts(datasets.load_loyalty_renewals())
    for plan, (alpha, beta) in datasets.PLAN_TRUTH.items():
        fit = fit_sbg(counts.loc[plan].to_numpy())
        assert fit.mean_churn == pytest.approx(alpha / (alpha + beta), abs=0.04)
    assert (counts.loc["plus"] > counts.loc["basic"]).iloc[1:].all()
