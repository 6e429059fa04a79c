/**
 * Main's layering, checked on its import graph: the folders of main (a file directly in main/
 * counts as a unit of its own) depend on each other without a cycle, and nothing outside
 * main/electron/ reaches Electron. ESLint checks the second rule per import
 * (eslint.config.js); the cycle needs the whole graph, which no installed lint plugin reads, so
 * the imports are read here with a regex.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

const mainDir = resolve(import.meta.dirname, '../../main');

/** Every .ts file under `dir`, as absolute paths. */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

// `import … from '…'`, `export … from '…'`, `import '…'` and `import('…')`; comments that
// merely mention a path do not match, because they have no `from`/`import` before the quote.
const importPattern = /(?:\bfrom\s*|\bimport\s*\(?\s*)['"]([^'"]+)['"]/g;

/** The module specifiers a source text imports. */
function importsOf(source: string): string[] {
  return [...source.matchAll(importPattern)].map((match) => match[1] ?? '');
}

/** The unit of main a file belongs to: its first folder under main/, or its own name. */
function unitOf(file: string): string {
  const [first = '', ...rest] = relative(mainDir, file).split(sep);
  return rest.length > 0 ? first : first.replace(/\.ts$/, '');
}

/** unit → the units (other than itself) it imports from. */
function unitGraph(): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const file of sourceFiles(mainDir)) {
    const from = unitOf(file);
    const edges = graph.get(from) ?? new Set<string>();
    graph.set(from, edges);
    for (const specifier of importsOf(readFileSync(file, 'utf8'))) {
      if (!specifier.startsWith('.')) continue;
      const target = resolve(dirname(file), specifier);
      if (!target.startsWith(mainDir + sep)) continue;
      const to = unitOf(target.endsWith('.ts') ? target : `${target}.ts`);
      if (to !== from) edges.add(to);
    }
  }
  return graph;
}

/** The first cycle found in `graph` as a path that starts and ends at the same node, or null. */
function findCycle(graph: ReadonlyMap<string, ReadonlySet<string>>): string[] | null {
  const done = new Set<string>();
  const onPath: string[] = [];
  const visit = (node: string): string[] | null => {
    const at = onPath.indexOf(node);
    if (at >= 0) return [...onPath.slice(at), node];
    if (done.has(node)) return null;
    onPath.push(node);
    for (const next of [...(graph.get(node) ?? [])].sort()) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    onPath.pop();
    done.add(node);
    return null;
  };
  for (const node of [...graph.keys()].sort()) {
    const cycle = visit(node);
    if (cycle) return cycle;
  }
  return null;
}

describe('main layering', () => {
  it('reads static, re-exported and dynamic imports, and ignores paths in comments', () => {
    const source = [
      "import { a } from './a';",
      "import type { B } from '../b';",
      "export { c } from './c';",
      "import './d';",
      "const e = await import('../e');",
      '// see main/f.ts, or the file from f',
    ].join('\n');
    expect(importsOf(source)).toEqual(['./a', '../b', './c', './d', '../e']);
  });

  it('finds a cycle between folders when there is one', () => {
    const graph = new Map([
      ['chat', new Set(['storage', 'providers'])],
      ['storage', new Set(['chat'])],
      ['providers', new Set<string>()],
    ]);
    expect(findCycle(graph)).toEqual(['chat', 'storage', 'chat']);
    expect(findCycle(new Map([['chat', new Set(['storage'])]]))).toBeNull();
  });

  it('has no import cycle between the folders of main', () => {
    const graph = unitGraph();
    // The graph is real: the core folders are there and depend on each other.
    expect(graph.get('chat')).toContain('storage');
    expect(findCycle(graph)).toBeNull();
  });

  it('keeps the core of main free of Electron', () => {
    const offenders = sourceFiles(mainDir)
      .filter((file) => unitOf(file) !== 'electron')
      .flatMap((file) =>
        importsOf(readFileSync(file, 'utf8'))
          .filter(
            (specifier) =>
              /^(electron|electron-.*|@electron\/.*)$/.test(specifier) ||
              (specifier.startsWith('.') &&
                unitOf(resolve(dirname(file), `${specifier}.ts`)) === 'electron'),
          )
          .map((specifier) => `${relative(mainDir, file)} → ${specifier}`),
      );
    expect(offenders).toEqual([]);
  });

  it('puts the Electron entry in main/electron/', () => {
    const electronFiles = sourceFiles(join(mainDir, 'electron')).map((file) =>
      relative(mainDir, file),
    );
    expect(electronFiles).toContain(join('electron', 'index.ts'));
  });
});
