"""Risk scoring: a pure-Python numeric model, run on a thread pool "to use all cores"."""
from concurrent.futures import ThreadPoolExecutor
import math


def risk_score(amounts):
    score = 0.0
    for i, amount in enumerate(amounts):
        for k in range(1, 120):
            score += math.sin(amount * k) / (k + i % 7 + 1)
    return score


def score_users(amounts_by_user, workers=4):
    users = sorted(amounts_by_user)
    with ThreadPoolExecutor(max_workers=workers) as pool:
        scores = list(pool.map(risk_score, [amounts_by_user[u] for u in users]))
    return dict(zip(users, scores))
