"""The generated data sets of notebook 05: a café chain's loyalty club, written byte-identically.

Run ``python -m relmark_helpers.customer_data.loyalty_club`` (or ``make data``) to write

``data/loyalty_transactions.csv``
    Two to three years of purchases of a fictional café chain: one row per
    purchase with ``customer_id``, ``date``, ``amount``, ``store``,
    ``channel`` and ``member_level`` (0 = not in the club, 1-3 = the three
    levels of bonding: financial, social, structural).
``data/loyalty_renewals.csv``
    The chain's annual coffee subscription: one row per subscriber per year,
    ``subscribed`` 1 or 0, for two plans whose underlying retention differs.
``data/CHECKSUMS.sha256``
    SHA-256 of both files (``sha256sum -c`` format); a test regenerates the
    files and compares.

``python -m relmark_helpers.customer_data.loyalty_club --check`` regenerates in memory and
only compares with the recorded checksums.  How each column is generated is
documented in ``data/README.md``.  Every random number comes from
``numpy.random.default_rng(SEED)``, so the files are the same on every run.

Introduced in notebook 05.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import sys
from pathlib import Path

import numpy as np
import pandas as pd

from relmark_helpers.core.bundled_data import DATA_DIR, data_path
from relmark_helpers.core.messages import N_

__all__ = [
    "CHECKSUM_FILE",
    "FILES",
    "LEVEL_NAMES",
    "PLAN_TRUTH",
    "SEED",
    "checksums",
    "generate_renewals",
    "generate_transactions",
    "load_loyalty_renewals",
    "load_loyalty_transactions",
    "write_datasets",
]

SEED = 2026
"""Seed of every random number in the generated data."""

TRANSACTIONS_FILE = "loyalty_transactions.csv"
RENEWALS_FILE = "loyalty_renewals.csv"
CHECKSUM_FILE = "CHECKSUMS.sha256"
FILES: tuple[str, ...] = (TRANSACTIONS_FILE, RENEWALS_FILE)

START, END = pd.Timestamp("2023-01-01"), pd.Timestamp("2025-12-31")
"""First and last day of the transaction log."""

CUSTOMERS = 2400
LEVEL_NAMES: dict[int, str] = {0: N_("not a member"), 1: N_("financial"), 2: N_("social"),
                               3: N_("structural")}
"""Member level -> the bonding level the club offers at that level (0: not in the club)."""

# Per member level 0-3: share of customers, mean visits per year, mean spend per visit (money),
# yearly churn probability ~ Beta(a, b), and the share of visits by app.
_LEVEL_SHARE = np.array([0.50, 0.25, 0.15, 0.10])
_VISITS_PER_YEAR = np.array([10.0, 18.0, 26.0, 34.0])
_SPEND_PER_VISIT = np.array([5.5, 8.0, 10.0, 12.0])
_CHURN_BETA = np.array([[0.9, 1.2], [0.8, 1.6], [0.7, 2.2], [0.6, 3.0]])
_APP_SHARE = np.array([0.05, 0.35, 0.45, 0.55])
_DELIVERY_SHARE = 0.06
STORES: tuple[str, ...] = ("harbour", "old town", "station", "campus", "market", "riverside")
_STORE_WEIGHT = np.array([0.24, 0.20, 0.19, 0.15, 0.12, 0.10])

PLAN_TRUTH: dict[str, tuple[float, float]] = {N_("basic"): (0.8, 1.4), N_("plus"): (0.6, 3.2)}
"""Subscription plan -> the (alpha, beta) of the Beta distribution of yearly churn probabilities."""
SUBSCRIBERS_PER_PLAN = 1000
RENEWAL_YEARS = tuple(range(2018, 2026))


def generate_transactions(seed: int = SEED) -> pd.DataFrame:
    """The loyalty club's purchase log (see the module docstring and ``data/README.md``).

    Parameters
    ----------
    seed : int
        Seed of ``numpy.random.default_rng``.

    Returns
    -------
    pandas.DataFrame
        Columns ``customer_id`` (text, ``C0001`` ...), ``date`` (text,
        YYYY-MM-DD), ``amount`` (money, two decimals), ``store``, ``channel``
        and ``member_level`` (0-3); sorted by date, customer and amount.

    Examples
    --------
    >>> generate_transactions().columns.tolist()
    ['customer_id', 'date', 'amount', 'store', 'channel', 'member_level']
    """
    rng = np.random.default_rng(seed)
    n = CUSTOMERS
    days = (END - START).days + 1
    level = rng.choice(4, size=n, p=_LEVEL_SHARE)
    # Customers join over the first 30 months; a quarter join in the club's launch quarter.
    join = np.where(rng.random(n) < 0.25, rng.integers(0, 90, n), rng.integers(0, 912, n))
    churn = rng.beta(_CHURN_BETA[level, 0], _CHURN_BETA[level, 1])
    hazard = -np.log1p(-np.minimum(churn, 0.999))  # per year
    lifetime = rng.exponential(1.0, n) / hazard * 365.25  # days
    stop = np.minimum(join + lifetime, days)  # exclusive end of the active spell
    rate = rng.gamma(2.0, _VISITS_PER_YEAR[level] / 2.0)  # visits per year
    extra = rng.poisson(rate * (stop - join) / 365.25)
    spend = rng.gamma(4.0, _SPEND_PER_VISIT[level] / 4.0)  # mean spend per visit
    home = rng.choice(len(STORES), size=n, p=_STORE_WEIGHT)
    counts = 1 + extra
    who = np.repeat(np.arange(n), counts)
    is_first = np.zeros(len(who), dtype=bool)
    is_first[np.concatenate([[0], np.cumsum(counts)[:-1]])] = True
    offset = rng.random(len(who)) * (stop - join)[who]
    day = np.where(is_first, join[who], np.floor(join[who] + offset)).astype(np.int64)
    amount = np.maximum(np.round(rng.gamma(6.0, spend[who] / 6.0), 2), 0.8)
    store = np.where(rng.random(len(who)) < 0.85, home[who],
                     rng.choice(len(STORES), size=len(who), p=_STORE_WEIGHT))
    u = rng.random(len(who))
    app = _APP_SHARE[level[who]]
    channel = np.where(u < app, "app", np.where(u < app + _DELIVERY_SHARE, "delivery", "counter"))
    frame = pd.DataFrame({
        "customer_id": np.char.add("C", np.char.zfill(np.char.mod("%d", who + 1), 4)),
        "day": day,
        "amount": amount,
        "store": np.asarray(STORES)[store],
        "channel": channel,
        "member_level": level[who],
    })
    frame = frame.sort_values(["day", "customer_id", "amount"], kind="stable").reset_index(drop=True)
    dates = (START + pd.to_timedelta(frame.pop("day"), unit="D")).dt.strftime("%Y-%m-%d")
    frame.insert(1, "date", dates)
    return frame


def generate_renewals(seed: int = SEED) -> pd.DataFrame:
    """The subscription plans' renewal table: one row per subscriber per year.

    Every subscriber joined in January 2018.  Each has a yearly churn
    probability drawn from Beta(alpha, beta) of their plan
    (:data:`PLAN_TRUTH`), the shifted-beta-geometric model's assumption.

    Returns
    -------
    pandas.DataFrame
        Columns ``subscriber_id`` (``P0001`` ...), ``plan`` (``basic`` or
        ``plus``), ``year`` (2018-2025), ``period`` (years since joining, 0-7)
        and ``subscribed`` (1 if subscribed that year, else 0).

    Examples
    --------
    >>> table = generate_renewals()
    >>> table.groupby("plan")["subscriber_id"].nunique().tolist()
    [1000, 1000]
    """
    rng = np.random.default_rng([seed, 1])
    frames = []
    first_id = 1
    periods = len(RENEWAL_YEARS)
    for plan, (alpha, beta) in PLAN_TRUTH.items():
        churn = rng.beta(alpha, beta, SUBSCRIBERS_PER_PLAN)
        years_subscribed = rng.geometric(churn)  # 1 = left at the first renewal
        ids = np.char.add("P", np.char.zfill(np.char.mod("%d", np.arange(first_id, first_id
                                                                        + SUBSCRIBERS_PER_PLAN)), 4))
        first_id += SUBSCRIBERS_PER_PLAN
        period = np.tile(np.arange(periods), SUBSCRIBERS_PER_PLAN)
        frames.append(pd.DataFrame({
            "subscriber_id": np.repeat(ids, periods),
            "plan": plan,
            "year": np.asarray(RENEWAL_YEARS)[period],
            "period": period,
            "subscribed": (period < np.repeat(years_subscribed, periods)).astype(int),
        }))
    return pd.concat(frames, ignore_index=True)


def _csv_bytes(frame: pd.DataFrame) -> bytes:
    buffer = io.StringIO()
    frame.to_csv(buffer, index=False, lineterminator="\n", float_format="%.2f")
    return buffer.getvalue().encode("utf-8")


def _generated(seed: int = SEED) -> dict[str, bytes]:
    return {TRANSACTIONS_FILE: _csv_bytes(generate_transactions(seed)),
            RENEWALS_FILE: _csv_bytes(generate_renewals(seed))}


def checksums(contents: dict[str, bytes]) -> str:
    """The checksum file's text: one ``<sha256>  <name>`` line per file (``sha256sum`` format)."""
    if not isinstance(contents, dict) or not all(
            isinstance(name, str) and isinstance(data, bytes) for name, data in contents.items()):
        raise TypeError(f"contents must be a dict of file name (str) to file bytes; got {contents!r:.60}.")
    return "".join(f"{hashlib.sha256(data).hexdigest()}  {name}\n" for name, data in contents.items())


def write_datasets(directory: str | Path = DATA_DIR, *, seed: int = SEED) -> dict[str, str]:
    """Generate both files and the checksum file into ``directory``.

    Returns
    -------
    dict of str to str
        File name -> SHA-256 hex digest.
    """
    folder = Path(directory)
    folder.mkdir(parents=True, exist_ok=True)
    contents = _generated(seed)
    for name, data in contents.items():
        (folder / name).write_bytes(data)
    (folder / CHECKSUM_FILE).write_text(checksums(contents), encoding="utf-8")
    return {name: hashlib.sha256(data).hexdigest() for name, data in contents.items()}


def load_loyalty_transactions() -> pd.DataFrame:
    """The bundled purchase log, checked by :func:`~.transactions.load_transactions`.

    Returns
    -------
    pandas.DataFrame
        As :func:`generate_transactions`, with ``date`` as ``datetime64`` and
        ``amount`` as float.
    """
    from relmark_helpers.customer_data.transactions import load_transactions

    return load_transactions(data_path(TRANSACTIONS_FILE))


def load_loyalty_renewals() -> pd.DataFrame:
    """The bundled renewal table (see :func:`generate_renewals`)."""
    from relmark_helpers.core.file_reading import bundled_numbers, read_bundled_csv

    columns = ("subscriber_id", "plan", "year", "period", "subscribed")
    frame = read_bundled_csv(data_path(RENEWALS_FILE), columns, dtype={"subscriber_id": str, "plan": str})
    for column, low, high in (("year", 1900, 2100), ("period", 0, 200), ("subscribed", 0, 1)):
        frame[column] = bundled_numbers(frame, RENEWALS_FILE, column, low=low, high=high, whole=True)
    return frame.reset_index(drop=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write notebook 05's generated data sets.")
    parser.add_argument("--check", action="store_true",
                        help="only compare freshly generated files with the recorded checksums")
    parser.add_argument("--out", type=Path, default=DATA_DIR, help="folder to write to")
    args = parser.parse_args(argv)
    if args.check:
        recorded = (args.out / CHECKSUM_FILE).read_text(encoding="utf-8")
        fresh = checksums(_generated())
        if fresh != recorded:
            print(f"generated data differ from {args.out / CHECKSUM_FILE}", file=sys.stderr)
            return 1
        print("generated data match the recorded checksums")
        return 0
    digests = write_datasets(args.out)
    for name, digest in digests.items():
        size = (args.out / name).stat().st_size
        print(f"wrote {name} ({size / 1024:,.0f} KiB, sha256 {digest[:12]}...)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
