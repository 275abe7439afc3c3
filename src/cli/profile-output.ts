// Prints a profile report to stdout in the chosen format, styled for the terminal it goes to;
// shared by `hotspy report` and `hotspy profile`.
import fs from 'node:fs';
import type { ProfileReport } from '../profile/analysis/index.js';
import { ANSI, colourEnabled, PLAIN, renderReportJson, renderReportText } from '../render/profile-report/index.js';

export type ReportFormat = 'text' | 'json';

/** Source files bigger than this are not read just to show one line of them. */
const MAX_SOURCE_BYTES = 4 * 1024 * 1024;

export function printReport(report: ProfileReport, format: ReportFormat, files: { profile?: string; lineSamples?: string }): void {
  if (format === 'json') {
    process.stdout.write(renderReportJson(report, files));
    return;
  }
  process.stdout.write(
    renderReportText(report, {
      ...(files.profile ? { source: files.profile } : {}),
      ...(files.lineSamples ? { lineSource: files.lineSamples } : {}),
      style: colourEnabled(process.stdout) ? ANSI : PLAIN,
      width: process.stdout.columns ?? 100,
      sourceLine: sourceLineReader(),
    }),
  );
}

/** Reads source lines for the top-lines list, each file once; unreadable files show no text. */
function sourceLineReader(): (file: string, line: number) => string | undefined {
  const cache = new Map<string, string[] | null>();
  return (file, line) => {
    let lines = cache.get(file);
    if (lines === undefined) {
      lines = null;
      try {
        if (!file.startsWith('<') && fs.statSync(file).size <= MAX_SOURCE_BYTES) lines = fs.readFileSync(file, 'utf8').split(/\r?\n/);
      } catch {
        lines = null;
      }
      cache.set(file, lines);
    }
    return lines?.[line - 1];
  };
}
