"""The hot path: de-duplicate incoming events and aggregate them per user."""


def dedupe(events):
    """Drop events whose id was already seen (clients retry on timeouts)."""
    seen = []
    unique = []
    for event in events:
        if event.event_id in seen:
            continue
        seen.append(event.event_id)
        unique.append(event)
    return unique


def totals_by_user(events):
    totals = {}
    for event in events:
        totals[event.user] = totals.get(event.user, 0.0) + event.amount
    return totals
