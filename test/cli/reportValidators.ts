import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import { XMLParser } from 'fast-xml-parser';
import type { OutputFormat } from '../../server/src/cli/formatters/formatReport';
import { findRepoRoot } from '../grammar/repoRoot';

/**
 * Each report format checked against what its consumer documents: JUnit XML against an XSD of the
 * Jenkins/Ant format (xmllint, from the Debian package libxml2-utils), GitHub workflow commands
 * parsed back as the runner parses them, GitLab Code Quality against a JSON Schema of GitLab's
 * format. The XSD and the schema are written from the documentation (test/cli/fixtures/NOTICE.md).
 */

const fixtures = path.join(findRepoRoot(), 'test', 'cli', 'fixtures');

export interface JunitCase {
  name: string;
  classname: string;
  file?: string;
  failure?: { message?: string; type: string; '#text'?: string };
}
export interface JunitSuite {
  name: string;
  tests: string;
  failures: string;
  testcase: JunitCase[];
}

/** Validates a JUnit report against the XSD (well-formedness included) and its counts; returns its suites. */
export function validateJunit(xml: string): JunitSuite[] {
  const lint = spawnSync('xmllint', ['--noout', '--schema', path.join(fixtures, 'junit.xsd'), '-'], { input: xml, encoding: 'utf8' });
  assert.ok(!lint.error, `xmllint is needed to validate JUnit reports (Debian/Ubuntu: apt-get install libxml2-utils): ${lint.error?.message}`);
  assert.equal(lint.status, 0, `the JUnit report breaks test/cli/fixtures/junit.xsd:\n${lint.stderr}`);
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', parseAttributeValue: false, parseTagValue: false, trimValues: false, htmlEntities: true, isArray: (name) => name === 'testsuite' || name === 'testcase' });
  const document = parser.parse(xml) as { testsuites: { tests: string; failures: string; testsuite?: JunitSuite[] } };
  const suites = document.testsuites.testsuite ?? [];
  for (const suite of suites) {
    assert.equal(Number(suite.tests), suite.testcase.length, `tests="${suite.tests}" of ${suite.name} counts its test cases`);
    assert.equal(Number(suite.failures), suite.testcase.filter((testcase) => testcase.failure).length, `failures="${suite.failures}" of ${suite.name} counts its failures`);
  }
  assert.equal(Number(document.testsuites.tests), suites.reduce((sum, suite) => sum + suite.testcase.length, 0), 'testsuites tests= is the sum');
  assert.equal(Number(document.testsuites.failures), suites.reduce((sum, suite) => sum + Number(suite.failures), 0), 'testsuites failures= is the sum');
  return suites;
}

export interface GithubCommand {
  command: string;
  properties: Record<string, string>;
  message: string;
}

const GITHUB_PROPERTIES = new Set(['file', 'line', 'col', 'endLine', 'endColumn', 'title']);

/**
 * Reads workflow commands back as the Actions runner does (`::name key=value,…::data`, then
 * `%0D`, `%0A`, `%3A`, `%2C`, `%25` undone), and checks that every line is an annotation with
 * known properties, positions that are positive integers and a relative `/` path.
 */
export function parseGithubCommands(output: string): GithubCommand[] {
  if (output === '') return [];
  assert.ok(output.endsWith('\n'), 'the last command ends its line');
  return output
    .slice(0, -1)
    .split('\n')
    .map((line) => {
      const match = /^::([a-z]+) ([^:]*)::(.*)$/s.exec(line);
      assert.ok(match, `not a workflow command with properties: ${JSON.stringify(line)}`);
      assert.ok(!line.includes('\r'), `a carriage return inside a command: ${JSON.stringify(line)}`);
      const [, command, propertyText, data] = match;
      assert.ok(['error', 'warning', 'notice'].includes(command!), `an annotation command, not ${command}`);
      const properties: Record<string, string> = {};
      for (const pair of propertyText!.split(',')) {
        const equals = pair.indexOf('=');
        assert.ok(equals > 0, `a key=value property: ${pair}`);
        const key = pair.slice(0, equals);
        assert.ok(GITHUB_PROPERTIES.has(key), `a property GitHub knows: ${key}`);
        properties[key] = unescapeGithub(pair.slice(equals + 1), true);
      }
      for (const key of ['line', 'col', 'endLine', 'endColumn']) if (key in properties) assert.match(properties[key]!, /^[1-9]\d*$/, `${key} is a 1-based number`);
      assert.ok(properties.file, 'every annotation names its file');
      assert.ok(!properties.file.startsWith('/') && !properties.file.includes('\\'), `a path relative to the repository, with /: ${properties.file}`);
      return { command: command!, properties, message: unescapeGithub(data!, false) };
    });
}

function unescapeGithub(text: string, property: boolean) {
  let result = text.replace(/%0D/g, '\r').replace(/%0A/g, '\n');
  if (property) result = result.replace(/%3A/g, ':').replace(/%2C/g, ',');
  return result.replace(/%25/g, '%');
}

export interface CodeQualityIssue {
  description: string;
  check_name: string;
  fingerprint: string;
  severity: string;
  location: { path: string; lines: { begin: number; end?: number } };
}

let codeQualityValidator: ReturnType<Ajv['compile']> | undefined;

/** Validates a GitLab Code Quality report against the schema, and that no two issues share a fingerprint. */
export function validateGitlab(json: string): CodeQualityIssue[] {
  codeQualityValidator ??= new Ajv({ allErrors: true }).compile(JSON.parse(fs.readFileSync(path.join(fixtures, 'gitlab-code-quality.schema.json'), 'utf8')) as object);
  const issues = JSON.parse(json) as CodeQualityIssue[];
  assert.ok(codeQualityValidator(issues), `the Code Quality report breaks test/cli/fixtures/gitlab-code-quality.schema.json: ${JSON.stringify(codeQualityValidator.errors?.slice(0, 10), null, 2)}`);
  const fingerprints = issues.map((issue) => issue.fingerprint);
  assert.equal(new Set(fingerprints).size, fingerprints.length, 'fingerprints are unique within a report');
  return issues;
}

/** The formats whose consumer is a CI server, validated here; the others have their tests in cli.test.ts. */
export const CI_FORMATS: readonly OutputFormat[] = ['junit', 'github', 'gitlab'];

/** Validates the output of a CI format for its consumer (nothing to do for the others). */
export function validateCiReport(format: OutputFormat, output: string) {
  if (format === 'junit') validateJunit(output);
  if (format === 'github') parseGithubCommands(output);
  if (format === 'gitlab') validateGitlab(output);
}
