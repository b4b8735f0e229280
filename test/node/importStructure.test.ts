import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';

/**
 * The house's layering, checked on the sources: no module imports itself back through others
 * (type imports included — a circle of types is still a circle a reader has to untangle), and the
 * engine stays host-free.
 */
const REPO = path.resolve(__dirname, '..', '..', '..');
const SOURCE_ROOTS = ['server/src', 'client/src'];
/** Modules the engine must not import: it runs the same in the language server, the CLI and tests. */
const HOST_MODULES = /^(node:)?(fs|fs\/promises|child_process|worker_threads|net|http|https)$|^vscode$|^vscode-languageserver(\/node)?$/;

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

interface ModuleImports {
  relative: string[];
  packages: Array<{ name: string; typeOnly: boolean }>;
}

function importsOf(file: string): ModuleImports {
  const text = readFileSync(file, 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest);
  const relative: string[] = [];
  const packages: ModuleImports['packages'] = [];
  for (const imported of ts.preProcessFile(text, true, true).importedFiles) {
    const name = imported.fileName;
    if (name.startsWith('.')) {
      const target = path.resolve(path.dirname(file), name);
      const resolved = [`${target}.ts`, path.join(target, 'index.ts')].find((candidate) => existsSync(candidate));
      if (resolved) relative.push(resolved);
    } else {
      // The statement's own text says whether it is `import type`.
      const line = source.text.split('\n')[source.getLineAndCharacterOfPosition(imported.pos).line] ?? '';
      packages.push({ name, typeOnly: /^\s*(import|export)\s+type\b/.test(line) });
    }
  }
  return { relative, packages };
}

/** Strongly connected components of more than one module (Tarjan). */
function importCircles(graph: Map<string, string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const circles: string[][] = [];
  let counter = 0;
  const visit = (module: string) => {
    index.set(module, counter);
    low.set(module, counter++);
    stack.push(module);
    onStack.add(module);
    for (const next of graph.get(module) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(module, Math.min(low.get(module)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(module, Math.min(low.get(module)!, index.get(next)!));
      }
    }
    if (low.get(module) === index.get(module)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== module);
      if (component.length > 1) circles.push(component.sort());
    }
  };
  for (const module of graph.keys()) if (!index.has(module)) visit(module);
  return circles;
}

describe('import structure', () => {
  const files = SOURCE_ROOTS.flatMap((root) => sourceFiles(path.join(REPO, root)));
  const imports = new Map(files.map((file) => [file, importsOf(file)]));

  it('reads the sources', () => {
    assert.ok(files.length > 100, `only ${files.length} source files found under ${SOURCE_ROOTS.join(', ')}`);
    assert.ok([...imports.values()].some((found) => found.relative.length > 0));
  });

  it('has no import circle', () => {
    const graph = new Map([...imports].map(([file, found]) => [file, found.relative]));
    const circles = importCircles(graph).map((circle) => circle.map((file) => path.relative(REPO, file)).join(' ↔ '));
    assert.deepEqual(circles, []);
  });

  it('keeps the engine host-free', () => {
    const engineRoot = path.join(REPO, 'server', 'src', 'engine') + path.sep;
    const offending = [...imports]
      .filter(([file]) => file.startsWith(engineRoot))
      .flatMap(([file, found]) => found.packages.filter((imported) => !imported.typeOnly && HOST_MODULES.test(imported.name)).map((imported) => `${path.relative(REPO, file)} imports ${imported.name}`));
    assert.deepEqual(offending, []);
  });
});
