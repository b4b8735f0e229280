import * as assert from 'node:assert/strict';
import type { Diagnostic } from 'vscode-languageserver';
import { DiagnosticsCollector } from '../../server/src/lsp/diagnosticsCollector';

function diagnostic(line: number, message: string, code = 'some-rule'): Diagnostic {
  return { range: { start: { line, character: 0 }, end: { line, character: 5 } }, message, code, source: 'event-design' };
}

describe('DiagnosticsCollector', () => {
  let published: Array<{ uri: string; messages: string[] }>;
  let collector: DiagnosticsCollector;

  beforeEach(() => {
    published = [];
    collector = new DiagnosticsCollector((uri, diagnostics) => published.push({ uri, messages: diagnostics.map((item) => String(item.message)) }));
  });

  it('publishes the union of what several producers say of one file, each finding once', () => {
    collector.set('file:///a.yaml', new Map([['file:///schema.json', [diagnostic(1, 'broken')]]]));
    collector.set('file:///b.yaml', new Map([['file:///schema.json', [diagnostic(1, 'broken'), diagnostic(2, 'also')]]]));
    assert.deepEqual(published.at(-1), { uri: 'file:///schema.json', messages: ['broken', 'also'] });
  });

  it('does not publish a file again when its producer says the same of it', () => {
    const findings = () => new Map([['file:///a.yaml', [diagnostic(3, 'mismatch')]], ['file:///b.yaml', [diagnostic(4, 'other side')]]]);
    collector.set('contracts', findings());
    assert.equal(published.length, 2);
    collector.set('contracts', findings());
    assert.equal(published.length, 2, 'nothing changed, nothing published');
    const changed = findings();
    changed.set('file:///b.yaml', [diagnostic(5, 'other side')]);
    collector.set('contracts', changed);
    assert.deepEqual(published.slice(2), [{ uri: 'file:///b.yaml', messages: ['other side'] }]);
  });

  it('clears a file its producer no longer speaks of, and everything of a removed producer', () => {
    collector.set('contracts', new Map([['file:///a.yaml', [diagnostic(3, 'mismatch')]], ['file:///b.yaml', [diagnostic(4, 'other side')]]]));
    collector.set('contracts', new Map([['file:///a.yaml', [diagnostic(3, 'mismatch')]]]));
    assert.deepEqual(published.at(-1), { uri: 'file:///b.yaml', messages: [] });
    collector.remove('contracts');
    assert.deepEqual(published.at(-1), { uri: 'file:///a.yaml', messages: [] });
    assert.deepEqual(collector.current('file:///a.yaml'), []);
  });

  it('publishes a first empty set, so that a file checked clean is shown clean', () => {
    collector.set('file:///a.yaml', new Map([['file:///a.yaml', []]]));
    assert.deepEqual(published, [{ uri: 'file:///a.yaml', messages: [] }]);
  });
});
