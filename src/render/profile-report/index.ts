// Renderers of the profile report: text for people, JSON for programs.
export { renderReportText, type TextRenderOptions } from './text.js';
export { renderReportJson, reportToJson, REPORT_JSON_VERSION } from './json.js';
export { colourEnabled, ANSI, PLAIN, type Style } from './style.js';
export { shortPath } from './paths.js';
