import type { ParserReport } from './report';
import { isPlainObject, type ResolvedDocument, type ResolvedNode } from './resolvedDocument';

/** The `{names}` of a server URL or channel address, in order, repeats kept, as the parser reads them. */
export function urlVariables(text: unknown): string[] {
  if (typeof text !== 'string') return [];
  return (text.match(/{(.+?)}/g) ?? []).map((variable) => variable.slice(1, -1));
}

/**
 * Variables used but not declared (one finding on the declarations) and declarations not used
 * (one finding each): server variables and channel parameters alike. An empty declaration object
 * declares nothing; with no variable used, every declaration is redundant.
 */
export function checkDeclaredVariables(
  document: ResolvedDocument,
  report: ParserReport,
  code: string,
  declarations: ResolvedNode,
  used: string[],
  wording: { missing: (names: string[]) => string; redundant: (name: string) => string },
) {
  if (!isPlainObject(declarations.value)) return;
  const declared = Object.keys(declarations.value);
  const missing = declared.length === 0 ? used : used.filter((name) => !Object.prototype.hasOwnProperty.call(declarations.value, name));
  if (missing.length > 0) report.add(code, declarations, wording.missing(missing));
  for (const name of used.length === 0 ? declared : declared.filter((key) => !used.includes(key))) {
    report.add(code, document.child(declarations, name)!, wording.redundant(name));
  }
}

export const CHANNEL_PARAMETER_WORDING = {
  missing: (names: string[]) => `Not all channel's parameters are described with "parameters" object. Missed: ${names.join(', ')}.`,
  redundant: (name: string) => `Channel's "parameters" object has redundant defined "${name}" parameter.`,
};
