// hotspy's public library surface. Everything a program can rely on is re-exported here; the
// CLI is built on these same functions.
export type * from '../parse/ast.js';
