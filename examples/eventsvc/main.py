"""Event-processing service, batch mode: ingest a day of events, dedupe, score, export.

Run: python3 examples/eventsvc/main.py [EVENT_COUNT]
"""
import sys

import admin
import events as ev
import export
import pipeline
import scoring


def main(argv):
    count = int(argv[1]) if len(argv) > 1 else 25_000
    records = list(ev.generate(count))
    parsed = ev.parse(records)
    unique = pipeline.dedupe(parsed)
    totals = pipeline.totals_by_user(unique)

    amounts = {}
    for event in unique:
        amounts.setdefault(event.user, []).append(event.amount)
    scores = scoring.score_users(amounts)

    documents = export.export_batches(unique)
    snapshot = export.daily_snapshot(unique)
    config = {"service": "eventsvc", "users": ["Ops ", " Admin"], "batch": 500}
    print(admin.describe(config), end="")
    print(f"events: {len(parsed)}  unique: {len(unique)}  users: {len(totals)}")
    print(f"top risk: {max(scores.values()):.2f}  documents: {len(documents)}  snapshot: {len(snapshot) // 1024} KiB")
    print(f"admins: {', '.join(admin.user_list(config))}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
