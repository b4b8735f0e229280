import type { Finding } from '../findings/finding';
import { isPathPrefix, pathOfNode } from '../text/paths';
import type { TreeNode } from '../text/tree';

/**
 * Findings the user silenced in the document itself:
 *
 * - YAML: a comment line `# event-design-disable-next-line rule-a, rule-b` (no ids: every rule)
 *   silences findings that start on the next line that is not a comment;
 * - YAML and JSON: `x-event-design-disable: [rule-a]` in an object silences those rules for
 *   findings inside that object.
 *
 * Syntax errors cannot be silenced.
 */
export function applySuppressions(findings: Finding[], text: string, root: TreeNode | undefined): Finding[] {
  const byLine = lineSuppressions(text);
  // Walking a large tree for a key the text does not contain costs tens of milliseconds an edit.
  const byObject = text.includes('x-event-design-disable') ? objectSuppressions(root) : [];
  if (byLine.size === 0 && byObject.length === 0) return findings;
  return findings.filter((finding) => {
    if (finding.ruleId === 'syntax') return true;
    const line = byLine.get(finding.range.start.line);
    if (line && (line.size === 0 || line.has(finding.ruleId))) return false;
    if (finding.path) {
      for (const suppression of byObject) {
        if (suppression.rules.has(finding.ruleId) && isPathPrefix(suppression.path, finding.path)) return false;
      }
    }
    return true;
  });
}

const DIRECTIVE = /^\s*#\s*event-design-disable-next-line\b(.*)$/;

function lineSuppressions(text: string): Map<number, Set<string>> {
  const result = new Map<number, Set<string>>();
  if (!text.includes('event-design-disable-next-line')) return result;
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const match = DIRECTIVE.exec(lines[index]!);
    if (!match) continue;
    const rules = new Set(match[1]!.split(/[\s,]+/).map((rule) => rule.trim()).filter((rule) => rule.length > 0 && !rule.startsWith('--')));
    let target = index + 1;
    while (target < lines.length && /^\s*(#.*)?\r?$/.test(lines[target]!)) target++;
    const existing = result.get(target);
    if (existing && existing.size > 0 && rules.size > 0) for (const rule of rules) existing.add(rule);
    else result.set(target, existing && existing.size === 0 ? existing : rules);
  }
  return result;
}

function objectSuppressions(root: TreeNode | undefined): Array<{ path: Array<string | number>; rules: Set<string> }> {
  const result: Array<{ path: Array<string | number>; rules: Set<string> }> = [];
  if (!root) return result;
  const stack: TreeNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'object') {
      for (const property of node.children ?? []) {
        const [key, value] = property.children ?? [];
        if (key?.value !== 'x-event-design-disable' || !value) continue;
        const rules = value.type === 'array' ? (value.children ?? []).filter((item) => item.type === 'string').map((item) => String(item.value)) : value.type === 'string' ? [String(value.value)] : [];
        result.push({ path: pathOfNode(node), rules: new Set(rules) });
      }
    }
    for (const child of node.children ?? []) stack.push(child);
  }
  return result;
}

