import type { SchemaChange } from './change';
import { CHANGE_RULES } from './changeKinds';

/** One sentence for a change: what changed, where (the property, field or keyword) and from what to what. */
export function describeChange(change: SchemaChange): string {
  const rule = CHANGE_RULES[change.kind];
  const summary = rule.summary.charAt(0).toUpperCase() + rule.summary.slice(1);
  // A keyword the summary already names (`maxLength` decreased) needs no subject in front.
  const subject = change.subject !== undefined && !rule.summary.includes(`\`${change.subject}`) ? `${quote(change.subject)}: ` : '';
  return `${subject}${summary}${values(change)}${change.negated ? ' (inside `not`: its verdicts are swapped)' : ''}.`;
}

function values(change: SchemaChange): string {
  const { oldValue, newValue, kind } = change;
  if (oldValue === undefined && newValue === undefined) return '';
  if (kind.startsWith('enum-') || kind.startsWith('server-variable-enum-') || kind.startsWith('dependencies-array-')) {
    const parts = [];
    if (Array.isArray(oldValue) && oldValue.length > 0) parts.push(`removed ${oldValue.map(show).join(', ')}`);
    if (Array.isArray(newValue) && newValue.length > 0) parts.push(`added ${newValue.map(show).join(', ')}`);
    return parts.length > 0 ? ` (${parts.join('; ')})` : '';
  }
  if (kind.startsWith('avro-enum-symbol-')) return oldValue !== undefined ? ` (old default ${show(oldValue)})` : newValue !== undefined ? ` (new default ${show(newValue)})` : '';
  return ` (${oldValue === undefined ? 'none' : show(oldValue)} → ${newValue === undefined ? 'none' : show(newValue)})`;
}

function quote(text: string) {
  return `"${text}"`;
}

function show(value: unknown): string {
  return typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
}
