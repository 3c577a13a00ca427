#!/usr/bin/python3
"""The textbook reference for any labelled history, to put beside `fraud backtest`: the Fraud Detection Handbook's
feature recipe (Le Borgne et al., chapter 3: per-account count and mean amount over the previous 1/7/30 days,
per-merchant count and fraud share over 1/7/30 days counted only from labels older than the label delay, amount, night,
weekend) with scikit-learn's logistic regression and histogram gradient boosting, on the same time split as the backtest
(train window from --train-start or the first transaction, delay, test window). Night and weekend are taken in the
timestamps' own clock time.

  scripts/reference/handbook_reference.py FILE TRAIN_DAYS DELAY_DAYS TEST_DAYS [--train-start YYYY-MM-DD]
      [--time COL] [--epoch-seconds] [--account COL] [--merchant COL] [--amount COL] [--fraud COL]

Defaults read the terminals data set (`fraud generate --shape terminals`): timestamp, account_id, terminal_id, amount,
fraud. For Sparkov: --time unix_time --epoch-seconds --account cc_num --merchant merchant --amount amt --fraud is_fraud.
Needs Debian's python3-pandas and python3-sklearn. Prints ROC-AUC and average precision on the test window."""
import argparse
import numpy as np
import pandas as pd
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score, roc_auc_score
from sklearn.preprocessing import StandardScaler


def per_key_windows(times, keys, values, windows_s, shift_s=0):
    """For each row: count and sum of values of earlier rows with the same key in [t - shift - w, t - shift)."""
    order = np.lexsort((times, keys))
    t, k, v = times[order], keys[order], values[order]
    out_n = {w: np.zeros(len(t)) for w in windows_s}
    out_s = {w: np.zeros(len(t)) for w in windows_s}
    bounds = np.flatnonzero(np.diff(k)) + 1
    starts = np.concatenate([[0], bounds]); ends = np.concatenate([bounds, [len(t)]])
    for a, b in zip(starts, ends):
        tt = t[a:b]; cs = np.concatenate([[0], np.cumsum(v[a:b])])
        hi = np.searchsorted(tt, tt - shift_s, side="left")
        for w in windows_s:
            lo = np.searchsorted(tt, tt - shift_s - w, side="left")
            out_n[w][a:b] = hi - lo
            out_s[w][a:b] = cs[hi] - cs[lo]
    inv = np.empty_like(order); inv[order] = np.arange(len(order))
    return {w: out_n[w][inv] for w in windows_s}, {w: out_s[w][inv] for w in windows_s}


def build(df, delay_days):
    t = (df.t.astype("int64") // 10**9).to_numpy()
    acc = pd.factorize(df.account)[0]; mer = pd.factorize(df.merchant)[0]
    X = pd.DataFrame({"amount": df.amount.to_numpy(), "night": (df.t.dt.hour < 6).astype(int).to_numpy(),
                      "weekend": (df.t.dt.dayofweek >= 5).astype(int).to_numpy()})
    W = [86400 * d for d in (1, 7, 30)]
    n, s = per_key_windows(t, acc, df.amount.to_numpy(), W)
    for w in W:
        X[f"acc_n_{w//86400}"] = n[w]; X[f"acc_avg_{w//86400}"] = np.where(n[w] > 0, s[w] / np.maximum(n[w], 1), 0)
    n, f = per_key_windows(t, mer, df.fraud.to_numpy().astype(float), W, shift_s=86400 * delay_days)
    for w in W:
        X[f"mer_n_{w//86400}"] = n[w]; X[f"mer_risk_{w//86400}"] = np.where(n[w] > 0, f[w] / np.maximum(n[w], 1), 0)
    return X


def run(df, train_start, train_days, delay_days, test_days, test_mask_extra=None):
    X = build(df, delay_days)
    y = df.fraud.to_numpy()
    t = df.t
    tr = (t >= train_start) & (t < train_start + pd.Timedelta(days=train_days))
    ts0 = train_start + pd.Timedelta(days=train_days + delay_days)
    te = (t >= ts0) & (t < ts0 + pd.Timedelta(days=test_days))
    if test_mask_extra is not None:
        te = te & test_mask_extra
    out = {}
    sc = StandardScaler().fit(X[tr])
    lr = LogisticRegression(max_iter=2000).fit(sc.transform(X[tr]), y[tr])
    out["logistic"] = lr.predict_proba(sc.transform(X[te]))[:, 1]
    gb = HistGradientBoostingClassifier(max_iter=300, learning_rate=0.05, random_state=0).fit(X[tr], y[tr])
    out["gbdt"] = gb.predict_proba(X[te])[:, 1]
    out["amount"] = X[te].amount.to_numpy()
    for name, p in out.items():
        print(f"{name:9s} test rows {int(te.sum())} frauds {int(y[te].sum())}  ROC-AUC {roc_auc_score(y[te], p):.3f}  AP {average_precision_score(y[te], p):.3f}")


if __name__ == "__main__":
    p = argparse.ArgumentParser()
    p.add_argument("file"); p.add_argument("train_days", type=int); p.add_argument("delay_days", type=int); p.add_argument("test_days", type=int)
    p.add_argument("--train-start"); p.add_argument("--time", default="timestamp"); p.add_argument("--epoch-seconds", action="store_true")
    p.add_argument("--account", default="account_id"); p.add_argument("--merchant", default="terminal_id")
    p.add_argument("--amount", default="amount"); p.add_argument("--fraud", default="fraud")
    a = p.parse_args()
    d = pd.read_csv(a.file, usecols=[a.time, a.account, a.merchant, a.amount, a.fraud])
    if a.epoch_seconds:
        t = pd.to_datetime(d[a.time], unit="s")
    else:
        # clock time as written (the offset dropped), so night and weekend are local
        t = pd.to_datetime(d[a.time].str.slice(0, 19))
    df = pd.DataFrame({"t": t, "account": d[a.account], "merchant": d[a.merchant], "amount": d[a.amount],
                       "fraud": d[a.fraud].astype(int)}).sort_values("t", kind="stable").reset_index(drop=True)
    start = pd.Timestamp(a.train_start) if a.train_start else df.t.min()
    run(df, start, a.train_days, a.delay_days, a.test_days)
