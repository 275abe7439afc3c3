// Edit/Fix construction and applying fixes to text.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Edit, Fix } from './fix.js';
import { applyFixes } from './apply.js';

describe('Fix', () => {
  it('sorts edits and rejects overlapping ones', () => {
    const fix = Fix.safe('t', [Edit.replace(5, 6, 'b'), Edit.insert(0, 'a')]);
    assert.deepEqual(fix.edits.map((e) => e.start), [0, 5]);
    assert.throws(() => Fix.unsafe('t', [Edit.replace(0, 3, 'x'), Edit.delete(2, 4)]), /overlapping/);
  });
});

describe('applyFixes', () => {
  const text = 'a = sorted(x)[0]\nb = sorted(y)[-1]\n';
  const first = Fix.unsafe('min', [Edit.replace(4, 16, 'min(x)')]);
  const second = Fix.safe('max', [Edit.replace(21, 34, 'max(y)')]);

  it('applies fixes at or above the requested applicability', () => {
    assert.deepEqual(applyFixes(text, [second, first]), { text: 'a = sorted(x)[0]\nb = max(y)\n', applied: 1, skipped: 0 });
    assert.deepEqual(applyFixes(text, [second, first], 'unsafe'), { text: 'a = min(x)\nb = max(y)\n', applied: 2, skipped: 0 });
  });

  it('skips a fix overlapping one already applied', () => {
    const overlapping = Fix.safe('other', [Edit.replace(10, 12, 'zz')]);
    assert.equal(applyFixes(text, [first, overlapping], 'unsafe').skipped, 1);
  });
});
