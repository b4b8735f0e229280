import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { OUTPUT_FORMATS } from '../../server/src/cli/formatters/formatReport';
import { findRepoRoot } from '../grammar/repoRoot';
import { CI_FORMATS, parseGithubCommands, validateCiReport, validateGitlab, validateJunit } from './reportValidators';

/**
 * Every report format from the bundled CLI, for check and contracts (diff: diff.test.ts): the same
 * exit code whatever the format, and each CI format valid for its consumer.
 */

const root = findRepoRoot();
const bundle = path.join(root, 'dist', 'cli', 'event-design.js');
const checkFixtures = path.join(root, 'test', 'cli', 'fixtures');
const contractFixtures = path.join(root, 'test', 'engine', 'contracts', 'fixtures');

function run(args: string[], cwd: string, env: Record<string, string> = {}) {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
  // A run inside GitHub Actions or GitLab CI must not move the paths these tests expect.
  for (const name of ['GITHUB_WORKSPACE', 'CI_PROJECT_DIR']) if (!(name in env)) delete childEnv[name];
  return spawnSync(process.execPath, [bundle, ...args], { cwd, encoding: 'utf8', env: childEnv });
}

describe('report formats from the CLI (the bundle)', function () {
  this.timeout(180_000);

  // A check run takes seconds: the clean one runs in the CI formats only.
  const cases = [
    { command: 'check', args: ['invalid', 'warnings', 'valid'], cwd: checkFixtures, exit: 1, formats: OUTPUT_FORMATS },
    { command: 'check', args: ['valid'], cwd: checkFixtures, exit: 0, formats: CI_FORMATS },
    { command: 'contracts', args: ['field-dropped'], cwd: contractFixtures, exit: 1, formats: OUTPUT_FORMATS },
    { command: 'contracts', args: ['orphans-and-names'], cwd: contractFixtures, exit: 0, formats: OUTPUT_FORMATS },
  ];
  for (const { command, args, cwd, exit, formats } of cases) {
    it(`${command} ${args.join(' ')}: exit ${exit} in ${formats === OUTPUT_FORMATS ? 'every format' : formats.join(', ')}, and each CI format valid`, function () {
      for (const format of formats) {
        const result = run([command, ...args, '--format', format], cwd);
        assert.equal(result.status, exit, `--format ${format}: ${result.stderr}`);
        assert.equal(result.stderr, '', `--format ${format} writes nothing on stderr`);
        validateCiReport(format, result.stdout);
      }
    });
  }

  it('contracts in JUnit: the consumer that cannot read fails, the producer passes (its finding is information)', function () {
    const suites = validateJunit(run(['contracts', 'field-dropped', '--format', 'junit'], contractFixtures).stdout);
    const outcomes = Object.fromEntries(suites.map((suite) => [suite.name, suite.testcase.map((testcase) => `${testcase.name}: ${testcase.failure?.type ?? 'passed'}`)]));
    assert.deepEqual(outcomes, {
      'field-dropped/notifications/asyncapi.yaml': ['no incompatible pair or warning: passed'],
      'field-dropped/orders/asyncapi.yaml': ['no incompatible pair or warning: passed'],
      'field-dropped/shipping/asyncapi.yaml': ['contract-incompatible at /channels/orders.placed/publish/message: error'],
    });
  });

  it('places GitHub annotations relative to GITHUB_WORKSPACE and GitLab issues relative to CI_PROJECT_DIR, not the current folder', function () {
    const github = parseGithubCommands(run(['check', 'invalid', '--format', 'github'], checkFixtures, { GITHUB_WORKSPACE: root }).stdout);
    assert.deepEqual(
      github.map(({ command, properties }) => [command, properties.file, properties.line, properties.col]),
      [['error', 'test/cli/fixtures/invalid/asyncapi.yaml', '21', '13']],
    );
    const gitlab = validateGitlab(run(['check', 'invalid', '--format', 'gitlab'], checkFixtures, { CI_PROJECT_DIR: root }).stdout);
    assert.deepEqual(
      gitlab.map((issue) => [issue.check_name, issue.severity, issue.location.path, issue.location.lines.begin]),
      [['asyncapi-schema', 'major', 'test/cli/fixtures/invalid/asyncapi.yaml', 21]],
    );
  });

  it('gives the same GitLab fingerprints on a second run', function () {
    const fingerprints = () => validateGitlab(run(['check', 'invalid', 'warnings', '--format', 'gitlab'], checkFixtures).stdout).map((issue) => issue.fingerprint);
    const first = fingerprints();
    assert.equal(first.length, 3);
    assert.deepEqual(fingerprints(), first);
  });

  it('lists every format in the usage error of an unknown one, for each command', function () {
    for (const [command, cwd] of [['check', checkFixtures], ['contracts', contractFixtures], ['diff', checkFixtures]] as const) {
      const result = run([command, '--format', 'xml', '--baseline', 'main'], cwd);
      assert.equal(result.status, 2);
      assert.match(result.stderr, /--format must be one of stylish, json, sarif, markdown, junit, github, gitlab, not "xml"/);
    }
  });
});
