import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Finding } from '../../server/src/engine/findings/finding';
import { ruleById } from '../../server/src/engine/rules';
import { CORPUS as corpus, skipWithoutCorpus } from './support/corpus';
import { checkWorkspace, describeFinding, disposeParserPool, loadWorkspace, type LoadedWorkspace } from './support/workspaceFixture';

interface CorpusCase {
  path: string;
  kind: string;
}

describe('the official AsyncAPI examples', function () {
  this.timeout(600_000);
  let workspace: LoadedWorkspace;
  let findings: Finding[];
  let cases: CorpusCase[];

  before(async function () {
    skipWithoutCorpus(this);
    cases = (JSON.parse(fs.readFileSync(path.join(corpus, 'index.json'), 'utf8')) as { cases: CorpusCase[] }).cases;
    workspace = await loadWorkspace(corpus, {}, (relative) => !/\.(ya?ml|json)$/.test(relative) || relative === 'index.json');
    findings = await checkWorkspace(workspace);
  });
  after(disposeParserPool);

  const inFile = (relative: string) => findings.filter((finding) => finding.uri === workspace.uriOf(relative));

  it('finds no error in any document', function () {
    const documents = cases.filter((entry) => entry.kind === 'document');
    assert.equal(documents.length, 69);
    const errors = findings.filter((finding) => finding.severity === 'error');
    assert.deepEqual(errors.map((finding) => describeFinding(finding, workspace.rootUri)), []);
  });

  it('gives the adeo documents one information finding per remote .avsc reference, and no follow-on finding', function () {
    // The 3.1.0 document has two genuine defects of its own, unrelated to the remote references:
    // `examples: [1]` on two string schemas. They are reported as what they are, and nothing else.
    const ownDefects = ['v3.1.0/examples/adeo-kafka-request-reply-asyncapi.yml:217:11 warning schema-examples-invalid', 'v3.1.0/examples/adeo-kafka-request-reply-asyncapi.yml:244:11 warning schema-examples-invalid'];
    for (const [relative, remoteRefs] of [
      ['v3.0.0/examples/adeo-kafka-request-reply-asyncapi.yml', 3],
      ['v3.1.0/examples/adeo-kafka-request-reply-asyncapi.yml', 2],
    ] as const) {
      // Discipline findings (info.version "%REPLACED_BY_MAVEN%" is not semantic…) are the rules'
      // business and tested there; this test is about the remote references.
      const all = inFile(relative).filter((finding) => ruleById(finding.ruleId)?.category !== 'discipline');
      const defects = all.filter((finding) => ownDefects.some((defect) => describeFinding(finding, workspace.rootUri).startsWith(defect)));
      if (relative.startsWith('v3.1.0')) assert.equal(defects.length, 2);
      const own = all.filter((finding) => !defects.includes(finding));
      assert.equal(own.length, remoteRefs, own.map((finding) => describeFinding(finding, workspace.rootUri)).join('\n'));
      for (const finding of own) {
        assert.equal(finding.ruleId, 'remote-ref');
        assert.equal(finding.severity, 'info');
        assert.match(finding.message, /^Remote reference not fetched: https:\/\/.*\.avsc\./);
      }
    }
  });

  it('resolves the cross-file references of the social-media example', function () {
    const social = findings.filter((finding) => finding.uri.includes('/social-media/'));
    assert.deepEqual(social.filter((finding) => ['unresolved-ref', 'ref-target-invalid', 'ref-cycle'].includes(finding.ruleId)), []);
    const backend = workspace.uriOf('v3.0.0/examples/social-media/backend/asyncapi.yaml');
    const indexed = workspace.engine.index.get(backend);
    assert.ok(indexed, 'the backend document is indexed');
    assert.ok([...indexed.references].some((uri) => uri.endsWith('/social-media/common/messages.yaml')));
  });

  it('indexes the five social-media services of 3.0.0 with their operations', function () {
    const applications = workspace.engine.index.applications().filter((application) => application.uri.includes('/v3.0.0/examples/social-media/'));
    const summary: Record<string, string[]> = Object.fromEntries(
      applications.map((application) => [application.uri.split('/social-media/')[1], application.operations.map((operation) => `${operation.action} ${operation.channelKey}`).sort()]),
    );
    assert.deepEqual(Object.keys(summary).sort(), ['backend/asyncapi.yaml', 'comments-service/asyncapi.yaml', 'frontend/asyncapi.yaml', 'notification-service/asyncapi.yaml', 'public-api/asyncapi.yaml']);
    for (const [service, operations] of Object.entries(summary)) assert.ok(operations.length > 0, `${service} has operations`);
    // The comments service receives likes and publishes the updated comment count.
    assert.ok(summary['comments-service/asyncapi.yaml']!.some((operation) => operation.startsWith('receive ')));
    assert.ok(summary['comments-service/asyncapi.yaml']!.some((operation) => operation.startsWith('send ')));
  });
});
