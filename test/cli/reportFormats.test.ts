import * as assert from 'node:assert/strict';
import * as os from 'node:os';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import type { Finding, Severity } from '../../server/src/engine/findings/finding';
import { formatGithub } from '../../server/src/cli/formatters/github';
import { formatGitlab } from '../../server/src/cli/formatters/gitlab';
import { formatJunit } from '../../server/src/cli/formatters/junit';
import type { CheckReport } from '../../server/src/cli/report';
import { parseGithubCommands, validateGitlab, validateJunit } from './reportValidators';

/**
 * The CI report formats on reports built here, hostile ones included: each output is validated
 * against its consumer's format (reportValidators.ts) and read back. The CLI's own runs of these
 * formats are in reportFormatsCli.test.ts.
 */

const cwd = path.join(os.tmpdir(), 'event-design-repository');
const uriOf = (relative: string) => URI.file(path.join(cwd, ...relative.split('/'))).toString();
const heading = { title: 'event-design: check', errorNoun: 'error' };

/** Everything a message can hold that XML, workflow commands or JSON must escape. */
const HOSTILE_MESSAGE = `"quoted" <tag> & 'apostrophe' ]]> 100% done,\r\nsecond line: a, b\ttab \u0000\u0001\u001f\u000b\uFFFE lone \uD800 high, lone \uDC00 low, pair 😀 ::add-mask::secret %0A stays literal`;
/** The same, as JUnit can carry it: XML 1.0 holds none of these characters, not even as references. */
const HOSTILE_MESSAGE_IN_XML = HOSTILE_MESSAGE.replace('\u0000\u0001\u001f\u000b\uFFFE', '\\u0000\\u0001\\u001F\\u000B\\uFFFE').replace('\uD800', '\\uD800').replace('\uDC00', '\\uDC00');
const HOSTILE_PATH = 'odd dir/a,b:c %25 ü ::x.yaml';

function finding(file: string, ruleId: string, severity: Severity, line: number, jsonPath: Array<string | number> | undefined, message = `${ruleId} says no`): Finding {
  return { uri: uriOf(file), ruleId, severity, message, range: { start: { line, character: 4 }, end: { line, character: 9 } }, ...(jsonPath ? { path: jsonPath } : {}) };
}

function report(findings: Finding[], checked: string[] = []): CheckReport {
  return { cwd, checkedFiles: checked.map(uriOf), findings, toolVersion: '0.0.0-test' };
}

const hostile = report(
  [
    finding(HOSTILE_PATH, 'asyncapi-schema', 'error', 2, ['channels', 'a/b~c', 'messages'], HOSTILE_MESSAGE),
    { ...finding('orders/asyncapi.yaml', 'ref-target-invalid', 'warning', 10, ['components', 'messages', 'OrderPlaced', 'payload', '$ref']), related: [{ uri: uriOf('schemas/order.json'), range: { start: { line: 8, character: 2 }, end: { line: 8, character: 6 } }, message: 'must match "^[A-Z]{3}$"' }] },
    finding('orders/asyncapi.yaml', 'message-name', 'info', 12, ['components', 'messages', 'OrderPlaced']),
    finding('orders/asyncapi.yaml', 'asyncapi-id', 'hint', 0, []),
    finding('../outside/shared.yaml', 'syntax', 'error', 3, undefined, 'Unexpected scalar'),
    finding('../outside/shared.yaml', 'syntax', 'error', 5, undefined, 'Unexpected scalar'),
  ],
  [HOSTILE_PATH, 'orders/asyncapi.yaml', 'clean/asyncapi.yaml', 'notes/informed.yaml'],
);

describe('report formats for CI (formatters on reports built in the test)', function () {
  describe('junit', function () {
    it('validates against the JUnit XSD, hostile messages and paths included, and reads back to what was found', function () {
      const suites = validateJunit(formatJunit(hostile, heading));
      assert.deepEqual(
        suites.map((suite) => suite.name),
        ['../outside/shared.yaml', 'clean/asyncapi.yaml', 'notes/informed.yaml', HOSTILE_PATH, 'orders/asyncapi.yaml'].sort((a, b) => a.localeCompare(b)),
      );
      const odd = suites.find((suite) => suite.name === HOSTILE_PATH)!;
      assert.equal(odd.testcase.length, 1);
      const [testcase] = odd.testcase;
      assert.equal(testcase!.classname, HOSTILE_PATH);
      assert.equal(testcase!.file, HOSTILE_PATH);
      assert.equal(testcase!.name, 'asyncapi-schema at /channels/a~1b~0c/messages');
      assert.equal(testcase!.failure!.type, 'error');
      assert.equal(testcase!.failure!.message, HOSTILE_MESSAGE_IN_XML);
      assert.equal(testcase!.failure!['#text'], `${HOSTILE_PATH}:3:5 asyncapi-schema ${HOSTILE_MESSAGE_IN_XML}`);
    });

    it('gives a file without errors or warnings one passing test, and lists related places in the failure', function () {
      const suites = validateJunit(formatJunit(hostile, heading));
      for (const name of ['clean/asyncapi.yaml', 'notes/informed.yaml']) {
        const suite = suites.find((candidate) => candidate.name === name)!;
        assert.deepEqual(
          suite.testcase.map((testcase) => ({ name: testcase.name, failure: testcase.failure })),
          [{ name: 'no error or warning', failure: undefined }],
        );
      }
      const orders = suites.find((suite) => suite.name === 'orders/asyncapi.yaml')!;
      assert.deepEqual(
        orders.testcase.map((testcase) => testcase.name),
        ['ref-target-invalid at /components/messages/OrderPlaced/payload/$ref'],
        'information and hints are no test results',
      );
      assert.equal(orders.testcase[0]!.failure!.type, 'warning');
      assert.equal(orders.testcase[0]!.failure!['#text'], 'orders/asyncapi.yaml:11:5 ref-target-invalid ref-target-invalid says no\n  schemas/order.json:9:3 must match "^[A-Z]{3}$"');
    });

    it('names findings without a JSON path by position, numbering names that repeat, so that each stays a test of its own', function () {
      const outside = validateJunit(formatJunit(hostile, heading)).find((suite) => suite.name === '../outside/shared.yaml')!;
      assert.deepEqual(
        outside.testcase.map((testcase) => testcase.name),
        ['syntax at line 4:5', 'syntax at line 6:5'],
      );
      const twice = report([finding('a.yaml', 'schema-type', 'error', 1, ['x']), finding('a.yaml', 'schema-type', 'error', 1, ['x'], 'other')], ['a.yaml']);
      assert.deepEqual(
        validateJunit(formatJunit(twice, heading))[0]!.testcase.map((testcase) => testcase.name),
        ['schema-type at /x', 'schema-type at /x (2)'],
      );
    });

    it('is a valid report of passed tests for a clean run, and of no tests when nothing was checked', function () {
      assert.equal(validateJunit(formatJunit(report([], ['a.yaml', 'b.avsc']), heading)).length, 2);
      assert.deepEqual(validateJunit(formatJunit(report([]), heading)), []);
    });
  });

  describe('github', function () {
    it('writes one annotation per finding (error, warning, notice; hints left out) that the runner reads back exactly, hostile message and path included', function () {
      const commands = parseGithubCommands(formatGithub(hostile));
      assert.deepEqual(
        commands.map(({ command, properties }) => [command, properties.file, properties.title]),
        [
          ['error', HOSTILE_PATH, 'asyncapi-schema (event-design)'],
          ['warning', 'orders/asyncapi.yaml', 'ref-target-invalid (event-design)'],
          ['notice', 'orders/asyncapi.yaml', 'message-name (event-design)'],
          ['error', '../outside/shared.yaml', 'syntax (event-design)'],
          ['error', '../outside/shared.yaml', 'syntax (event-design)'],
        ],
      );
      assert.deepEqual(commands[0], {
        command: 'error',
        properties: { file: HOSTILE_PATH, line: '3', col: '5', endLine: '3', endColumn: '10', title: 'asyncapi-schema (event-design)' },
        message: HOSTILE_MESSAGE,
      });
      assert.equal(commands[1]!.message, 'ref-target-invalid says no\nschemas/order.json:9:3: must match "^[A-Z]{3}$"', 'related places follow on lines of their own');
    });

    it('writes nothing for a clean run', function () {
      assert.equal(formatGithub(report([], ['a.yaml'])), '');
    });
  });

  describe('gitlab', function () {
    it('validates against the Code Quality schema, with unique fingerprints, severities on GitLab scale and hints left out', function () {
      const issues = validateGitlab(formatGitlab(hostile));
      assert.deepEqual(
        issues.map((issue) => [issue.check_name, issue.severity, issue.location.path, issue.location.lines.begin]),
        [
          ['asyncapi-schema', 'major', HOSTILE_PATH, 3],
          ['ref-target-invalid', 'minor', 'orders/asyncapi.yaml', 11],
          ['message-name', 'info', 'orders/asyncapi.yaml', 13],
          ['syntax', 'major', '../outside/shared.yaml', 4],
          ['syntax', 'major', '../outside/shared.yaml', 6],
        ],
      );
      assert.equal(issues[0]!.description, HOSTILE_MESSAGE);
      assert.deepEqual(validateGitlab(formatGitlab(report([], ['a.yaml']))), []);
    });

    it('keeps each fingerprint when lines move or other findings come and go, and tells apart findings of one rule at one place', function () {
      const fingerprints = (findings: Finding[]) => validateGitlab(formatGitlab(report(findings))).map((issue) => issue.fingerprint);
      const [before] = fingerprints([finding('a.yaml', 'schema-type', 'error', 3, ['properties', 'id'], 'must be string, line 4')]);
      const moved = fingerprints([finding('other.yaml', 'syntax', 'error', 0, []), finding('a.yaml', 'schema-type', 'error', 30, ['properties', 'id'], 'must be string, line 31')]);
      assert.equal(moved[1], before, 'the same finding 27 lines further down, after a new finding elsewhere');
      const [otherPath] = fingerprints([finding('a.yaml', 'schema-type', 'error', 3, ['properties', 'name'], 'must be string, line 4')]);
      const [otherRule] = fingerprints([finding('a.yaml', 'schema-format', 'error', 3, ['properties', 'id'], 'must be string, line 4')]);
      const [otherFile] = fingerprints([finding('b.yaml', 'schema-type', 'error', 3, ['properties', 'id'], 'must be string, line 4')]);
      assert.equal(new Set([before, otherPath, otherRule, otherFile]).size, 4);
      const samePlace = fingerprints([finding('a.yaml', 'asyncapi-schema', 'error', 3, ['info'], 'must have "title"'), finding('a.yaml', 'asyncapi-schema', 'error', 3, ['info'], 'must have "version"')]);
      assert.notEqual(samePlace[0], samePlace[1]);
      const afterFix = fingerprints([finding('a.yaml', 'asyncapi-schema', 'error', 3, ['info'], 'must have "version"')]);
      assert.equal(afterFix[0], samePlace[1], 'fixing one of two findings at a place leaves the other its fingerprint');
    });
  });
});
