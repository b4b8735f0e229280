import type { DocumentRule, RuleFinding } from '../discipline/documentRule';
import { composeEdits, setValue } from '../edits/documentEdits';

/** `OrderPlaced` → `Order placed`: a readable title from a message name in any casing. */
export function titleFromName(name: string): string {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[._\-/]+/g, ' ')
    .trim()
    .split(/\s+/)
    .map((word) => word.toLowerCase());
  const sentence = words.join(' ');
  return sentence.charAt(0).toUpperCase() + sentence.slice(1);
}

export const messageIdentity: DocumentRule = {
  id: 'message-identity',
  defaultSeverity: 'info',
  strictSeverity: 'warning',
  rationale: 'A message needs a name (what code, catalogues and schema registries call it) and a title or summary (what people read) to be found and understood across teams.',
  category: 'discipline',
  origin: 'event-design',
  check(context) {
    const findings: RuleFinding[] = [];
    for (const message of context.messages) {
      // A message defined in another file is reported there, once, by whoever checks it.
      const inThisFile = message.definition.uri === context.uri;
      const addName = typeof message.value.name !== 'string' || message.value.name.trim() === '';
      const addTitle = typeof message.value.title !== 'string' && typeof message.value.summary !== 'string';
      if (!addName && !addTitle) continue;
      const missing = addName && addTitle ? 'no name, and no title or summary' : addName ? 'no name' : 'no title or summary';
      findings.push({
        ruleId: this.id,
        uri: inThisFile ? undefined : message.definition.uri,
        message: `Message "${message.key}" has ${missing}: other teams find a message by its name and understand it by its title`,
        path: message.definition.path,
        anchor: 'key',
        data: { key: message.key, addName, addTitle },
      });
    }
    return findings;
  },
  async fixes(finding, context) {
    const key = String(finding.data?.key ?? '');
    const uri = finding.uri ?? context.uri;
    const target = await context.fileAt(uri);
    if (!target || !key) return [];
    const values: Record<string, string> = {};
    if (finding.data?.addName) values.name = key;
    if (finding.data?.addTitle) values.title = titleFromName(key);
    const file = { source: target.source, root: target.tree.root };
    const edits = composeEdits(
      file,
      Object.entries(values).map(([property, value]) => (current) => setValue(current, [...finding.path, property], value)),
    );
    return [{ title: `Add ${Object.entries(values).map(([property, value]) => `${property} "${value}"`).join(' and ')} to message "${key}"`, edits: new Map([[uri, edits]]), preferred: true }];
  },
};
