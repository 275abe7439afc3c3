// How the report names a function: the profile's name, file and first line, with builtins and
// unknown locations as null rather than pseudo values such as `~` and 0.
import type { Frame } from '../model.js';
import { frameLabel } from '../model.js';
import type { FunctionRef } from './types.js';

export function functionRef(frame: Frame): FunctionRef {
  const hasFile = frame.kind !== 'builtin' && frame.kind !== 'synthetic' && frame.file !== '' && frame.file !== '~';
  return {
    name: frame.name,
    file: hasFile ? frame.file : null,
    line: hasFile && frame.line > 0 ? frame.line : null,
    kind: frame.kind,
    label: frameLabel(frame),
  };
}
