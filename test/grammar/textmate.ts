import * as fs from 'node:fs';
import * as path from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import * as vsctm from 'vscode-textmate';

/** One token of a tokenized line, with the text it covers. */
export interface Token {
  readonly text: string;
  readonly start: number;
  readonly end: number;
  readonly scopes: readonly string[];
}

export interface TokenizedLine {
  readonly lineNumber: number;
  readonly text: string;
  readonly tokens: readonly Token[];
}

let onigLib: Promise<vsctm.IOnigLib> | undefined;

/** vscode-oniguruma's WASM may be loaded once per process; every registry shares it. */
function loadOnigLib(): Promise<vsctm.IOnigLib> {
  onigLib ??= (async () => {
    const wasmPath = path.join(path.dirname(require.resolve('vscode-oniguruma')), 'onig.wasm');
    const wasm = fs.readFileSync(wasmPath);
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
    return {
      createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
      createOnigString: (s: string) => new oniguruma.OnigString(s),
    };
  })();
  return onigLib;
}

export interface RegistryOptions {
  /** scopeName → absolute path of its grammar file. */
  readonly grammars: Readonly<Record<string, string>>;
  /** Host scopeName → injection grammar scopeNames, like `injectTo` in package.json. */
  readonly injections?: Readonly<Record<string, readonly string[]>>;
}

/** A registry that resolves grammars from files, as VS Code does from `contributes.grammars`. */
export async function createRegistry(options: RegistryOptions): Promise<vsctm.Registry> {
  const lib = await loadOnigLib();
  return new vsctm.Registry({
    onigLib: Promise.resolve(lib),
    loadGrammar: async (scopeName) => {
      const file = options.grammars[scopeName];
      if (!file) return null;
      return vsctm.parseRawGrammar(fs.readFileSync(file, 'utf8'), file);
    },
    getInjections: (scopeName) => options.injections?.[scopeName]?.slice(),
  });
}

export async function loadGrammar(registry: vsctm.Registry, scopeName: string): Promise<vsctm.IGrammar> {
  const grammar = await registry.loadGrammar(scopeName);
  if (!grammar) throw new Error(`Grammar ${scopeName} could not be loaded`);
  return grammar;
}

/** Tokenizes a whole document line by line, carrying the rule stack like the editor does. */
export function tokenize(grammar: vsctm.IGrammar, text: string): TokenizedLine[] {
  const lines = text.split(/\r?\n/);
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  let ruleStack = vsctm.INITIAL;
  return lines.map((line, index) => {
    const result = grammar.tokenizeLine(line, ruleStack, 5000);
    if (result.stoppedEarly) throw new Error(`Tokenizing line ${index + 1} timed out: ${line}`);
    ruleStack = result.ruleStack;
    const tokens = result.tokens.map((t) => {
      const end = Math.min(t.endIndex, line.length);
      return { text: line.slice(t.startIndex, end), start: t.startIndex, end, scopes: t.scopes };
    });
    return { lineNumber: index + 1, text: line, tokens };
  });
}

/** Tokenizes a single line from the initial state. */
export function tokenizeLine(grammar: vsctm.IGrammar, line: string): Token[] {
  const [first] = tokenize(grammar, line);
  return first ? [...first.tokens] : [];
}
