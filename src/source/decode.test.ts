// PEP 263 / BOM decoding, with real bytes in each encoding.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { decodePythonSource, findCodingDeclaration } from './decode.js';

const bytes = (...parts: Array<string | number[]>): Uint8Array =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? [...Buffer.from(p, 'latin1')] : p)));

describe('decodePythonSource', () => {
  it('decodes UTF-8 by default', () => {
    const r = decodePythonSource(Buffer.from('name = "café"\n', 'utf8'));
    assert.deepEqual(r, { ok: true, text: 'name = "café"\n', encoding: 'utf-8', bom: false });
  });

  it('strips a UTF-8 BOM', () => {
    const r = decodePythonSource(bytes([0xef, 0xbb, 0xbf], 'x = 1\n'));
    assert.ok(r.ok);
    assert.equal(r.text, 'x = 1\n');
    assert.equal(r.bom, true);
  });

  it('honours a latin-1 declaration on line 1 (bytes 0x80-0x9f stay C1 controls, unlike windows-1252)', () => {
    const r = decodePythonSource(bytes('# -*- coding: latin-1 -*-\ns = "caf', [0xe9, 0x80], '"\n'));
    assert.ok(r.ok);
    assert.equal(r.text, '# -*- coding: latin-1 -*-\ns = "café\u0080"\n');
    assert.equal(r.encoding, 'latin-1');
  });

  it('honours a declaration on line 2 after a shebang', () => {
    const r = decodePythonSource(bytes('#!/usr/bin/env python\n# vim: set fileencoding=iso-8859-15 :\ns = "', [0xa4], '"\n'));
    assert.ok(r.ok);
    assert.ok(r.text.endsWith('s = "€"\n'), r.text);
  });

  it('ignores a declaration on line 2 when line 1 is code', () => {
    assert.equal(findCodingDeclaration(bytes('import os\n# coding: latin-1\n')), undefined);
  });

  it('maps Python codec aliases: cp1252, euc-jp, shift_jis, utf8', () => {
    const cp1252 = decodePythonSource(bytes('# coding: cp1252\ns = "', [0x80], '"\n'));
    assert.ok(cp1252.ok && cp1252.text.includes('€'));
    const eucjp = decodePythonSource(bytes('# coding: euc_jp\ns = "', [0xc6, 0xfc, 0xcb, 0xdc], '"\n'));
    assert.ok(eucjp.ok && eucjp.text.includes('日本'), JSON.stringify(eucjp));
    const sjis = decodePythonSource(bytes('# coding=shift_jis\ns = "', [0x93, 0xfa, 0x96, 0x7b], '"\n'));
    assert.ok(sjis.ok && sjis.text.includes('日本'));
    const utf8 = decodePythonSource(Buffer.from('# -*- coding: UTF8 -*-\ns = "é"\n', 'utf8'));
    assert.ok(utf8.ok && utf8.text.includes('é'));
  });

  it('reports an unknown encoding', () => {
    assert.deepEqual(decodePythonSource(bytes('# coding: klingon-7\nx = 1\n')), { ok: false, encoding: 'klingon-7', reason: 'unknown encoding' });
  });

  it('reports invalid UTF-8 with its line', () => {
    const r = decodePythonSource(bytes('x = 1\ny = "', [0xff, 0xfe], '"\n'));
    assert.equal(r.ok, false);
    assert.ok(!r.ok && r.encoding === 'utf-8' && /line 2/.test(r.reason), JSON.stringify(r));
  });

  it('reports bytes that are not ASCII in an ASCII-declared file', () => {
    const r = decodePythonSource(bytes('# coding: ascii\ns = "', [0xe9], '"\n'));
    assert.ok(!r.ok && /line 2/.test(r.reason), JSON.stringify(r));
  });

  it('refuses a BOM together with a non-UTF-8 declaration, as CPython does', () => {
    const r = decodePythonSource(bytes([0xef, 0xbb, 0xbf], '# coding: latin-1\nx = 1\n'));
    assert.equal(r.ok, false);
  });

  it('after a BOM accepts only the declarations CPython 3.13 takes for utf-8 (not its utf8/u8 aliases)', () => {
    // measured: CPython 3.13 ast.parse on a BOM followed by `# coding: NAME`
    const accepted = ['utf-8', 'UTF-8', 'Utf-8', 'utf_8', 'UTF_8', 'utf-8-sig', 'utf-8-foo', 'utf-8_x'];
    const refused = ['utf8', 'UTF8', 'u8', 'utf8-sig', 'cp65001', 'latin-1'];
    for (const name of accepted) assert.ok(decodePythonSource(bytes([0xef, 0xbb, 0xbf], `# coding: ${name}\nx = 1\n`)).ok, name);
    for (const name of refused) assert.equal(decodePythonSource(bytes([0xef, 0xbb, 0xbf], `# coding: ${name}\nx = 1\n`)).ok, false, name);
  });

  it('accepts a BOM with a utf-8 declaration', () => {
    const r = decodePythonSource(bytes([0xef, 0xbb, 0xbf], '# coding: utf-8\nx = 1\n'));
    assert.ok(r.ok);
  });

  it('agrees with CPython on every stdlib file that declares a non-UTF-8 coding', async () => {
    // A handful of real files nobody here wrote (present on this machine's Python 3.11).
    const { default: fs } = await import('node:fs');
    const root = '/root/.pyenv/versions/3.11.7/lib/python3.11/test';
    const samples = ['encoded_modules/module_iso_8859_1.py', 'encoded_modules/module_koi8_r.py', 'test_source_encoding.py'].map((f) => `${root}/${f}`).filter((f) => fs.existsSync(f));
    for (const file of samples) assert.ok(decodePythonSource(fs.readFileSync(file)).ok, file);
  });
});
