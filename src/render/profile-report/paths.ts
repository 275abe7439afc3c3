// Short, recognisable file paths for reports: relative to the working directory when inside it,
// `site-packages/…` and stdlib paths from the package on, pseudo names (`<frozen runpy>`) as is.
import path from 'node:path';

const SITE_PACKAGES = /[/\\](?:site|dist)-packages[/\\]/;
const STDLIB = /[/\\]lib[/\\](?:python\d+(?:\.\d+)*t?|pypy\d*(?:\.\d+)*)[/\\]/i;

export function shortPath(file: string, cwd: string = process.cwd(), max = 60): string {
  if (file === '' || file.startsWith('<')) return file;
  let short = file;
  if (path.isAbsolute(file)) {
    const rel = path.relative(cwd, file);
    if (rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel)) {
      short = rel;
    } else {
      const site = SITE_PACKAGES.exec(file);
      const std = STDLIB.exec(file);
      if (site) short = file.slice(site.index + site[0].length);
      else if (std) short = file.slice(std.index + std[0].length);
    }
  }
  if (short.length > max) short = `…${short.slice(short.length - max + 1)}`;
  return short;
}
