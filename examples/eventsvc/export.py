"""Export the day's results for the warehouse as JSON documents."""
import json


def to_document(event):
    return {"id": event.event_id, "user": event.user, "kind": event.kind,
            "amount": event.amount, "ts": event.ts}


def export_batches(events, batch_size=500):
    documents = []
    for start in range(0, len(events), batch_size):
        payload = [to_document(e) for e in events[start:start + batch_size]]
        documents.append(json.dumps({"events": payload, "count": len(payload)}))
    return documents


def daily_snapshot(events):
    """One human-readable document with the whole day, for the audit bucket."""
    return json.dumps({"events": [to_document(e) for e in events]}, indent=2, sort_keys=True)
