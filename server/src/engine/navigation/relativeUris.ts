/**
 * Relative references between workspace files, as a user writes them in a `$ref`
 * (`../schemas/order-placed.schema.json`), and short names of files for hovers.
 */

/** The reference from the file `fromUri` to the file `toUri`: `./x.json`, `../schemas/x.json`. */
export function relativeReference(fromUri: string, toUri: string): string {
  const from = splitUri(fromUri);
  const to = splitUri(toUri);
  if (!from || !to || from.origin !== to.origin) return toUri;
  const fromDirectory = from.segments.slice(0, -1);
  let common = 0;
  while (common < fromDirectory.length && common < to.segments.length - 1 && fromDirectory[common] === to.segments[common]) common++;
  const up = fromDirectory.length - common;
  const rest = to.segments.slice(common).join('/');
  return up === 0 ? `./${rest}` : `${'../'.repeat(up)}${rest}`;
}

function splitUri(uri: string): { origin: string; segments: string[] } | undefined {
  const match = /^([a-z][a-z0-9+.-]*:\/\/[^/]*)(\/.*)$/i.exec(uri.replace(/[?#].*$/, ''));
  if (!match) return undefined;
  return { origin: match[1]!, segments: match[2]!.slice(1).split('/') };
}

/** `file:///w/orders/asyncapi.yaml` → `orders/asyncapi.yaml` relative to the nearest workspace folder, else the file name. */
export function displayPath(uri: string, workspaceFolders: readonly string[]): string {
  for (const folder of workspaceFolders) {
    const prefix = folder.endsWith('/') ? folder : folder + '/';
    if (uri.startsWith(prefix)) return safeDecode(uri.slice(prefix.length));
  }
  return safeDecode(uri.slice(uri.lastIndexOf('/') + 1));
}

function safeDecode(text: string) {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
