import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SEVERITY_SETTINGS } from '../../server/src/engine/findings/finding';
import { RULES, ruleDocPath } from '../../server/src/engine/rules';
import configSchema from '../../schemas/event-design.schema.json';
import { findRepoRoot } from '../grammar/repoRoot';

describe('rule registry', function () {
  const root = findRepoRoot();

  it('has unique, stable-looking ids', function () {
    const ids = RULES.map((rule) => rule.id);
    assert.equal(new Set(ids).size, ids.length, 'ids are unique');
    for (const id of ids) assert.match(id, /^[a-z0-9]+(-[a-z0-9A-Z]+)*$/, id);
  });

  it('adopts each parser code under exactly one rule', function () {
    const codes = RULES.flatMap((rule) => rule.parserCodes ?? []);
    assert.equal(new Set(codes).size, codes.length);
  });

  it('documents every rule in docs/rules/<id>.md, with its default severity', function () {
    for (const rule of RULES) {
      const file = path.join(root, ruleDocPath(rule.id));
      assert.ok(fs.existsSync(file), `${ruleDocPath(rule.id)} exists`);
      const [title, , severityLine] = fs.readFileSync(file, 'utf8').split('\n');
      assert.equal(title, `# ${rule.id}`);
      assert.ok(severityLine?.includes(`**Default severity:** \`${rule.defaultSeverity}\``), `${rule.id}: the page says default severity ${rule.defaultSeverity} (it says: ${severityLine})`);
    }
    const pages = fs.readdirSync(path.join(root, 'docs', 'rules')).filter((name) => name.endsWith('.md') && name !== 'README.md');
    assert.deepEqual(pages.map((name) => name.slice(0, -3)).sort(), RULES.map((rule) => rule.id).sort(), 'no page for a rule that does not exist');
  });

  it('lists every rule in the rules index', function () {
    const index = fs.readFileSync(path.join(root, 'docs', 'rules', 'README.md'), 'utf8');
    for (const rule of RULES) assert.ok(index.includes(`(${rule.id}.md)`), `${rule.id} is in docs/rules/README.md`);
  });

  it('offers the same severities in the configuration schema as the engine knows', function () {
    assert.deepEqual(configSchema.definitions.severity.enum, [...SEVERITY_SETTINGS]);
  });
});
