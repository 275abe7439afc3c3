// --select/--ignore resolution: prefixes, specificity, and clear errors.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { selectRules, SelectionError } from './select.js';
import type { AnyRule } from '../rules/types.js';

const rule = (code: string, status: AnyRule['status'] = 'stable') => ({ code, status }) as AnyRule;
const rules = [rule('HS101'), rule('HS102'), rule('HS108'), rule('HS201'), rule('HS501', 'deprecated')];
const codes = (list: AnyRule[]) => list.map((r) => r.code);

describe('selectRules', () => {
  it('enables every non-deprecated rule by default', () => {
    assert.deepEqual(codes(selectRules(rules)), ['HS101', 'HS102', 'HS108', 'HS201']);
  });
  it('takes codes and prefixes, comma-separated or repeated', () => {
    assert.deepEqual(codes(selectRules(rules, ['HS1'])), ['HS101', 'HS102', 'HS108']);
    assert.deepEqual(codes(selectRules(rules, ['hs101,HS201'])), ['HS101', 'HS201']);
  });
  it('lets the more specific selector win', () => {
    assert.deepEqual(codes(selectRules(rules, ['HS101'], ['HS1'])), ['HS101']);
    assert.deepEqual(codes(selectRules(rules, ['HS1'], ['HS10'])), []);
    assert.deepEqual(codes(selectRules(rules, undefined, ['HS108'])), ['HS101', 'HS102', 'HS201']);
  });
  it('runs a deprecated rule only when selected by its exact code', () => {
    assert.deepEqual(codes(selectRules(rules, ['HS501'])), ['HS501']);
  });
  it('rejects malformed selectors and selectors that match nothing', () => {
    assert.throws(() => selectRules(rules, ['E501']), SelectionError);
    assert.throws(() => selectRules(rules, ['HS9']), /matches no rule/);
  });
});
