import * as path from 'node:path';
import { URI } from 'vscode-uri';

/** A file URI as a path relative to `cwd`, with forward slashes (for every output format). */
export function displayPath(uri: string, cwd: string): string {
  if (!uri.startsWith('file:')) return uri;
  const relative = path.relative(cwd, URI.parse(uri).fsPath);
  return relative.split(path.sep).join('/');
}
