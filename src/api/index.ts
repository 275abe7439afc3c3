// hotspy's public library surface. Everything a program can rely on is re-exported here; the
// CLI is built on these same functions.
export type * from '../parse/ast.js';
// Profiles: read any supported profiler output into the one profile model.
export { readProfile, readProfileFile, readers, type ReadProfileOptions } from '../profile/readers/index.js';
export type { ProfileReader, Probe, SniffResult, Detection } from '../profile/readers/index.js';
export { ProfileFormatError } from '../profile/errors.js';
export { frameLabel, stackSites } from '../profile/model.js';
export type * from '../profile/model.js';
