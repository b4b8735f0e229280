import * as assert from 'node:assert/strict';
import { DEFAULT_SETTINGS, Engine } from '../../server/src/engine/engine';
import type { ParserDiagnostic } from '../../server/src/engine/asyncapi/parserValidation';
import { MemoryHost } from './support/memoryHost';

/** A host whose clock moves only when the test says, or by a fixed step at every reading. */
class FakeClockHost extends MemoryHost {
  time = 0;
  step = 0;
  override now() {
    this.time += this.step;
    return this.time;
  }
}

const ROOT = 'file:///workspace';
const DOCUMENT = ['asyncapi: 3.0.0', 'info: { title: Orders, version: 1.0.0 }', 'channels:', '  placed:', '    address: orders.placed', '    messages:', "      placed: { $ref: './shared.yaml#/Placed' }", 'operations:', '  announce:', '    action: publish', "    channel: { $ref: '#/channels/placed' }", ''].join('\n');
const SHARED = 'Placed:\n  payload: { type: object }\n';
const CLEAN = ['asyncapi: 3.0.0', 'info: { title: Clean, version: 1.0.0 }', ''].join('\n');

function engineOn(host: FakeClockHost) {
  host.files.set(`${ROOT}/orders.yaml`, DOCUMENT);
  host.files.set(`${ROOT}/shared.yaml`, SHARED);
  host.files.set(`${ROOT}/clean.yaml`, CLEAN);
  host.files.set(`${ROOT}/.event-design.yaml`, 'categories:\n  discipline: off\n');
  return new Engine(host, { ...DEFAULT_SETTINGS, workspaceFolders: [ROOT] });
}

const ruleIds = (findings: Map<string, Array<{ ruleId: string }>>, uri: string) => (findings.get(uri) ?? []).map((finding) => finding.ruleId);

describe('check deadlines (on the host clock)', function () {
  it('a fast check that runs out of time is an error on the file, and the next file is still checked', async function () {
    const host = new FakeClockHost();
    const engine = engineOn(host);
    host.step = 5; // every reading of the clock is 5 ms later than the one before
    const result = await engine.checkFast(`${ROOT}/orders.yaml`, undefined, { timeoutMs: 1 });
    const [finding] = result.findings.get(`${ROOT}/orders.yaml`)!;
    assert.equal(finding!.ruleId, 'check-timeout');
    assert.equal(finding!.severity, 'error');
    assert.deepEqual(finding!.range.start, { line: 0, character: 0 });
    assert.match(finding!.message, /took longer than 1 ms and stopped in the fast checks/);
    assert.equal(result.wantsFullValidation, false, 'a stopped check hands nothing to the full validation');
    assert.equal(result.timedOut, true);
    // The same engine, the next file, with time to spare: checked in full.
    host.step = 0;
    const next = await engine.checkFast(`${ROOT}/clean.yaml`, undefined, { timeoutMs: 1 });
    assert.deepEqual(ruleIds(next.findings, `${ROOT}/clean.yaml`), []);
    const again = await engine.checkFast(`${ROOT}/orders.yaml`, undefined, { timeoutMs: 1 });
    assert.deepEqual(ruleIds(again.findings, `${ROOT}/orders.yaml`), ['asyncapi-schema'], 'the action error, once there is time');
  });

  it('without a limit a check takes what it takes', async function () {
    const host = new FakeClockHost();
    const engine = engineOn(host);
    host.step = 1_000_000;
    const result = await engine.checkFast(`${ROOT}/orders.yaml`);
    assert.deepEqual(ruleIds(result.findings, `${ROOT}/orders.yaml`), ['asyncapi-schema']);
  });

  it('checkFile (the CLI): the full validation gets the time left, and running out keeps the fast findings', async function () {
    const host = new FakeClockHost();
    const engine = engineOn(host);
    let given: number | undefined;
    const validate = async (_snapshot: unknown, remainingMs?: number): Promise<ParserDiagnostic[]> => {
      given = remainingMs;
      host.time += 60_000; // the parser takes a minute
      return [];
    };
    const result = await engine.checkFile(`${ROOT}/orders.yaml`, validate, { timeoutMs: 30_000 });
    assert.equal(given, 30_000, 'the fast checks took no time on this clock');
    assert.deepEqual(ruleIds(result.findings, `${ROOT}/orders.yaml`).sort(), ['asyncapi-schema', 'check-timeout']);
    assert.match(result.findings.get(`${ROOT}/orders.yaml`)!.find((finding) => finding.ruleId === 'check-timeout')!.message, /took longer than 30 s and stopped in the full validation/);
  });

  it('check-timeout follows the configured severity', async function () {
    const host = new FakeClockHost();
    const engine = engineOn(host);
    host.files.set(`${ROOT}/.event-design.yaml`, 'categories:\n  discipline: off\nrules:\n  check-timeout: warning\n');
    host.step = 5;
    const result = await engine.checkFast(`${ROOT}/orders.yaml`, undefined, { timeoutMs: 1 });
    assert.equal(result.findings.get(`${ROOT}/orders.yaml`)![0]!.severity, 'warning');
  });
});
