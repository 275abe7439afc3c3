"""Event model and a deterministic generator of synthetic traffic."""
import random

KINDS = ["click", "view", "purchase", "signup", "logout"]


class Event:
    """One tracked user event. Millions are created per day, one per incoming record."""

    def __init__(self, event_id, user, kind, amount, ts):
        self.event_id = event_id
        self.user = user
        self.kind = kind
        self.amount = amount
        self.ts = ts


def generate(count, users=4000, seed=7):
    """Yield raw records as the ingestion endpoint receives them (with ~25% duplicates)."""
    rng = random.Random(seed)
    for i in range(count):
        # Retries from flaky clients resend an earlier event id.
        event_id = i if rng.random() > 0.25 or i == 0 else rng.randrange(i)
        yield {
            "id": f"evt-{event_id:07d}",
            "user": f"user-{rng.randrange(users):05d}",
            "kind": rng.choice(KINDS),
            "amount": round(rng.random() * 100, 2),
            "ts": 1_700_000_000 + i,
        }


def parse(records):
    return [Event(r["id"], r["user"], r["kind"], r["amount"], r["ts"]) for r in records]
