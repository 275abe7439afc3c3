// File discovery for `hotspy check`.
export { discoverPythonFiles, DEFAULT_EXCLUDED_DIRS } from './discover.js';
export type { DiscoverResult } from './discover.js';
