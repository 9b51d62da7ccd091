"""Transaction logs: loading and checking, RFM equal to lifetimes, cohorts, concentration."""

import numpy as np
import pandas as pd
import pytest
from lifetimes.utils import summary_data_from_transaction_data

from relmark_helpers import (
    cohort_retention,
    concentration,
    first_year_spend,
    get_exercise,
    load_transactions,
    rfm_summary,
    survivors_by_tenure,
)
from relmark_helpers.answers import nb05


def random_log(n=3000, customers=200, seed=7, string_ids=False):
    rng = np.random.default_rng(seed)
    ids = rng.integers(0, customers, n)
    log = pd.DataFrame({
        "customer_id": [f"c{i:03d}" for i in ids] if string_ids else ids,
        "date": pd.Timestamp("2024-01-01") + pd.to_timedelta(rng.integers(0, 400 * 86400, n), "s"),
        "amount": np.round(rng.gamma(2.0, 5.0, n), 2),
    })
    # Edge cases: one purchase only; several purchases the same day; unsorted rows.
    extra = pd.DataFrame({
        "customer_id": (["solo", "sameday", "sameday", "sameday", "late"] if string_ids
                        else [9001, 9002, 9002, 9002, 9003]),
        "date": pd.to_datetime(["2024-03-01 10:00", "2024-02-01 08:00", "2024-02-01 18:30",
                                "2024-02-09 12:00", "2025-01-20 09:00"]),
        "amount": [3.0, 4.0, 6.0, 2.5, 9.0],
    })
    return pd.concat([log, extra]).sample(frac=1.0, random_state=3).reset_index(drop=True)


def lifetimes_summary(log, **kwargs):
    return summary_data_from_transaction_data(log, "customer_id", "date", "amount", **kwargs)


@pytest.mark.parametrize("string_ids", [False, True], ids=["integer ids", "string ids"])
@pytest.mark.parametrize("end", [None, "2024-09-30"], ids=["end = last purchase", "purchases after end"])
@pytest.mark.parametrize("freq", ["D", "W"])
def test_rfm_equals_lifetimes(string_ids, end, freq):
    log = random_log(string_ids=string_ids)
    mine = rfm_summary(log, "customer_id", "date", "amount", observation_end=end, freq=freq)
    theirs = lifetimes_summary(log, observation_period_end=end, freq=freq)
    pd.testing.assert_frame_equal(mine, theirs, check_exact=False, rtol=1e-12, check_index_type=False)
    if end is not None:
        assert len(mine) < log["customer_id"].nunique()  # customers who start after the end are dropped


def test_rfm_without_amounts_and_with_text_dates_equals_lifetimes():
    log = random_log(n=500, customers=40)
    log["date"] = log["date"].dt.strftime("%Y-%m-%d %H:%M:%S")
    mine = rfm_summary(log, "customer_id", "date")
    theirs = summary_data_from_transaction_data(log, "customer_id", "date")
    pd.testing.assert_frame_equal(mine, theirs, check_exact=False, rtol=1e-12)


def test_rfm_edge_cases_by_hand():
    log = random_log(string_ids=True)
    rfm = rfm_summary(log, "customer_id", "date", "amount", observation_end="2024-12-31")
    assert rfm.loc["solo"].tolist() == [0.0, 0.0, 305.0, 0.0]
    # 4 + 6 on 1 February are one day; 2.5 on 9 February is the only repeat day.
    assert rfm.loc["sameday"].tolist() == [1.0, 8.0, 334.0, 2.5]
    assert rfm.index.name == "customer_id" and rfm.index.is_monotonic_increasing


def test_rfm_does_not_modify_its_input():
    log = random_log(n=200, customers=10)
    before = log.copy()
    rfm_summary(log, "customer_id", "date", "amount", observation_end="2024-06-30")
    pd.testing.assert_frame_equal(log, before)


def test_rfm_errors_name_the_problem():
    log = random_log(n=50, customers=5)
    with pytest.raises(ValueError, match=r"no column for amount_col='spend'; its columns are "
                                         r"'customer_id', 'date', 'amount'"):
        rfm_summary(log, "customer_id", "date", "spend")
    with pytest.raises(ValueError, match=r"freq must be one of 'D', 'W'; got 'M'"):
        rfm_summary(log, freq="M")
    with pytest.raises(ValueError, match="observation_end must be a date"):
        rfm_summary(log, observation_end="soon")
    with pytest.raises(TypeError, match="transactions must be a pandas DataFrame"):
        rfm_summary([1, 2, 3])


def test_exercises_4_1_and_4_2_by_hand():
    # Days 1 Mar (12 + 8), 15 Mar (10), 10 Apr (14): two repeat days, mean (10 + 14) / 2.
    assert get_exercise("5.1").answer() == 2
    assert get_exercise("5.2").answer() == pytest.approx(12.0)
    assert nb05.OBSERVATION_END == "2025-04-30"


# --- load_transactions: every bad file gets its own message ---------------------------------------

def write(tmp_path, text, name="mine.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


GOOD = "customer_id,date,amount\n007,2025-01-02,4.50\n007,2025-01-09,5.00\n12,2025-01-03,3.20\n"


def test_loads_a_good_file_and_never_changes_it(tmp_path):
    path = write(tmp_path, GOOD)
    log = load_transactions(path)
    assert log["customer_id"].tolist() == ["007", "007", "12"]  # ids stay text
    assert str(log["date"].dtype).startswith("datetime64")
    assert log["amount"].tolist() == [4.5, 5.0, 3.2]
    assert path.read_text(encoding="utf-8") == GOOD


def test_other_column_names_and_date_format(tmp_path):
    path = write(tmp_path, "client;day;paid\n".replace(";", ",") + "a,31/01/2025,2\nb,01/02/2025,3\n")
    log = load_transactions(path, customer_col="client", date_col="day", amount_col="paid",
                            date_format="%d/%m/%Y")
    assert log["day"].dt.day.tolist() == [31, 1]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("client,date,amount\na,2025-01-01,3\n",
         r"file 'mine.csv' has no column for customer_col='customer_id'; its columns are 'client', "
         r"'date', 'amount'"),
        ("customer_id,date,amount\na,2025-01-01,3\nb,not a date,4\nc,2025-13-45,5\n",
         r"file 'mine.csv', column 'date': 2 value\(s\) are not dates, at lines 3, 4 \(e.g. 'not a date'\)"),
        ("customer_id,date,amount\na,2025-01-01,3\nb,,4\n",
         r"file 'mine.csv', column 'date': 1 value\(s\) are missing, at line 3"),
        ("customer_id,date,amount\na,2025-01-01,3\nb,2025-01-02,€4\n",
         r"file 'mine.csv', column 'amount': 1 amount\(s\) are not finite numbers, at line 3 \(e.g. '€4'\)"),
        ("customer_id,date,amount\na,2025-01-01,3\nb,2025-01-02,-4\nc,2025-01-02,-1\n",
         r"file 'mine.csv', column 'amount': amounts must be >= 0; 2 are negative, at lines 3, 4 "
         r"\(e.g. -4\)"),
        ("customer_id,date,amount\na,2025-01-01,\n",
         r"file 'mine.csv', column 'amount': 1 amount\(s\) are missing, at line 2"),
        ("customer_id,date,amount\n,2025-01-01,3\n",
         r"file 'mine.csv', column 'customer_id': 1 customer id\(s\) are missing, at line 2"),
        ("customer_id,date,amount\n", r"file 'mine.csv' has a header but no purchases"),
        ("", r"file 'mine.csv' is empty"),
    ],
    ids=["missing column", "bad dates", "missing date", "amount not a number", "negative amounts",
         "missing amount", "missing id", "no rows", "empty file"],
)
def test_bad_files_get_specific_errors(tmp_path, text, message):
    path = write(tmp_path, text)
    with pytest.raises(ValueError, match=message):
        load_transactions(path)
    assert path.read_text(encoding="utf-8") == text


def test_missing_file_and_wrong_type(tmp_path):
    with pytest.raises(FileNotFoundError, match=r"no transaction file at .*nothere.csv"):
        load_transactions(tmp_path / "nothere.csv")
    with pytest.raises(TypeError, match="path_or_frame must be a file path or a pandas DataFrame"):
        load_transactions(42)


def test_a_frame_is_copied_and_rows_named_by_index():
    frame = pd.DataFrame({"customer_id": ["a", "b"], "date": ["2025-01-01", "2025-02-30"],
                          "amount": [1.0, 2.0]}, index=[10, 11])
    with pytest.raises(ValueError, match=r"the DataFrame, column 'date'.*row \(index\) 11"):
        load_transactions(frame)
    assert frame["date"].tolist() == ["2025-01-01", "2025-02-30"]


# --- cohorts, survivors, spend, concentration ---------------------------------------------------------

def test_cohort_retention_by_hand():
    log = pd.DataFrame({"customer_id": [1, 1, 1, 2, 3, 3, 4],
                        "date": pd.to_datetime(["2025-01-05", "2025-01-20", "2025-03-02", "2025-01-20",
                                                "2025-02-11", "2025-03-09", "2025-03-30"])})
    shares = cohort_retention(log)
    assert shares.loc["2025-01"].tolist() == [1.0, 0.0, 0.5]
    assert shares.loc["2025-02"].tolist()[:2] == [1.0, 1.0] and np.isnan(shares.loc["2025-02", 2])
    counts = cohort_retention(log, counts=True)
    assert counts[0].tolist() == [2, 1, 1]
    quarterly = cohort_retention(log, period="Q")
    assert quarterly.shape == (1, 1) and quarterly.iloc[0, 0] == 1.0
    with pytest.raises(ValueError, match="period must be one of 'M', 'Q', 'Y'"):
        cohort_retention(log, period="W")


def test_cohort_retention_observation_end_hides_later_ages():
    log = pd.DataFrame({"customer_id": [1, 1, 2], "date": pd.to_datetime(
        ["2025-01-05", "2025-03-02", "2025-02-20"])})
    table = cohort_retention(log, observation_end="2025-02-28")
    assert table.columns.tolist() == [0, 1] and np.isnan(table.loc["2025-02", 1])


def test_survivors_never_increase_and_follow_anniversaries():
    log = pd.DataFrame({"customer_id": ["a", "a", "b", "b", "c", "d"], "level": [1, 1, 1, 1, 0, 0],
                        "date": pd.to_datetime(["2023-01-10", "2025-02-01", "2023-02-01", "2024-01-15",
                                                "2023-01-03", "2025-06-30"])})
    table = survivors_by_tenure(log, joined_from="2023-01-01", joined_to="2023-03-31", years=3, by="level")
    assert table.loc[1].tolist() == [2, 1, 1]  # b's last purchase is before its first anniversary
    assert table.loc[0].tolist() == [1, 0, 0]  # d joined in 2025: outside the window
    with pytest.raises(ValueError, match="reaches past the end of the log"):
        survivors_by_tenure(log, joined_from="2023-01-01", joined_to="2024-12-31", years=3)


def test_first_year_spend_by_hand():
    log = pd.DataFrame({"customer_id": [1, 1, 1, 2], "level": [0, 0, 0, 1], "amount": [5.0, 7.0, 100.0, 4.0],
                        "date": pd.to_datetime(["2024-01-01", "2024-12-30", "2025-01-02", "2024-02-01"])})
    assert first_year_spend(log, by="level").to_dict() == {0: 12.0, 1: 4.0}


def test_concentration_reference_values():
    even = concentration([5, 5, 5, 5, 5])
    assert even.top_share == pytest.approx(0.2) and even.gini == pytest.approx(0.0)
    one = concentration([0, 0, 0, 0, 10])
    assert one.top_share == pytest.approx(1.0) and one.gini == pytest.approx(0.8)
    # Ten customers, 20 % = the top two: (9 + 10) / 55.
    assert concentration(np.arange(1, 11)).top_share == pytest.approx(19 / 55)
    # Not a whole number of customers: interpolate (top 10 % of 5 = half the largest).
    assert concentration([1, 1, 1, 1, 6], top=0.1).top_share == pytest.approx(0.3)
    c = concentration([3, 1, 2])
    assert c.customers[0] == 0 and c.value[-1] == pytest.approx(1.0) and np.all(np.diff(c.value) >= 0)


def test_concentration_errors():
    with pytest.raises(ValueError, match="values must be >= 0"):
        concentration([1, -2])
    with pytest.raises(ValueError, match="must not all be zero"):
        concentration([0, 0])
    with pytest.raises(ValueError, match=r"top must be in \(0, 1\); got 20"):
        concentration([1, 2], top=20)
