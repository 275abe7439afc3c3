// The fix vocabulary (Edit, Fix, Applicability). No applying engine yet: findings carry fixes.
export { Edit, Fix } from './fix.js';
export type { Applicability } from './fix.js';
export { applyFixes } from './apply.js';
export type { ApplyResult } from './apply.js';
