// Text for `hotspy explain HS201 --measure`: both measurements per attribute count, and what the
// difference adds up to per million instances.
import type { SlotsMeasurement } from './slots.js';

export function renderSlotsMeasurement(m: SlotsMeasurement): string {
  const lines: string[] = [];
  lines.push(`Measured on ${m.python.implementation} ${m.python.version} (${m.python.executable}), ${m.instances.toLocaleString('en-US')} instances per class:`);
  lines.push('');
  const header = ['attributes', 'getsizeof dict', 'getsizeof slots', 'allocated dict', 'allocated slots', 'saved/instance', 'saved per 1M instances'];
  const rows = m.rows.map((r) => {
    const saved = r.traced.dict - r.traced.slots;
    return [String(r.attributes), `${r.getsizeof.dict} B`, `${r.getsizeof.slots} B`, `${fmt(r.traced.dict)} B`, `${fmt(r.traced.slots)} B`, `${fmt(saved)} B`, mib(saved * 1e6)];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]): string => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ').trimEnd();
  lines.push(line(header));
  for (const r of rows) lines.push(line(r));
  lines.push('');
  lines.push('getsizeof: sys.getsizeof(obj) + sys.getsizeof(obj.__dict__) vs sys.getsizeof(slotted obj).');
  lines.push('allocated: bytes really allocated per instance (tracemalloc), never touching __dict__; on 3.11+');
  lines.push('  CPython may not create the dict at all, so this is the number that matters. The saved');
  lines.push('  columns use it.');
  return lines.join('\n') + '\n';
}

function fmt(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(1);
}

function mib(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}
