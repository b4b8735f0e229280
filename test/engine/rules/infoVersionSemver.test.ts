import * as assert from 'node:assert/strict';
import { suggestSemver } from '../../../server/src/engine/rules/infoVersionSemver';
import { applyFix, findingsOf } from './ruleHarness';

const doc = (version: string) => `asyncapi: 3.0.0\ninfo:\n  title: Orders\n  version: ${version} # the contract's version\n`;

describe('rule info-version-semver', function () {
  it('accepts semantic versions, with pre-release and build parts', async function () {
    for (const version of ['1.0.0', "'2.10.3'", '1.0.0-rc.1', '1.0.0+build.5', '0.1.0-alpha.beta']) {
      assert.deepEqual((await findingsOf('info-version-semver', { 'a.yaml': doc(version) })).lines, [], version);
    }
  });

  it('reports other versions at the value, with a suggestion', async function () {
    assert.deepEqual((await findingsOf('info-version-semver', { 'a.yaml': doc("'2024-03'") })).lines, [
      'a.yaml:4:12 info.version "2024-03" is not a semantic version (MAJOR.MINOR.PATCH); for example "2024.3.0": consumers cannot tell a breaking release from a compatible one',
    ]);
    assert.deepEqual((await findingsOf('info-version-semver', { 'a.json': '{"asyncapi": "2.6.0", "info": {"title": "A", "version": "v2"}, "channels": {}}' })).lines, [
      'a.json:1:57 info.version "v2" is not a semantic version (MAJOR.MINOR.PATCH); for example "2.0.0": consumers cannot tell a breaking release from a compatible one',
    ]);
  });

  it('suggests a version that keeps what the old one said', function () {
    assert.equal(suggestSemver('2'), '2.0.0');
    assert.equal(suggestSemver('v1.2'), '1.2.0');
    assert.equal(suggestSemver('2024-03-15'), '2024.3.15');
    assert.equal(suggestSemver('latest'), undefined);
  });

  it('fixes YAML and JSON in place, keeping quotes and comments', async function () {
    const yaml = await applyFix('info-version-semver', { 'a.yaml': doc("'2024-03'") }, /Set info.version to "2024.3.0"/);
    assert.equal(yaml['a.yaml'], doc("'2024.3.0'"));
    const json = await applyFix('info-version-semver', { 'a.json': '{\n  "asyncapi": "2.6.0",\n  "info": { "title": "A", "version": "v2" },\n  "channels": {}\n}\n' }, /2\.0\.0/);
    assert.equal(json['a.json'], '{\n  "asyncapi": "2.6.0",\n  "info": { "title": "A", "version": "2.0.0" },\n  "channels": {}\n}\n');
  });
});
