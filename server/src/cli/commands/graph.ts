import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import type { Engine } from '../../engine/engine';
import { EventFlow } from '../../engine/graph/eventFlow';
import type { EventFlowGraph, GraphViewOptions } from '../../engine/graph/graphModel';
import { renderSvg, type SvgTheme } from '../../engine/graph/svgExport';
import { toDot, toMermaid } from '../../engine/graph/textExport';
import { ArgumentReader, UsageError, type CliCommand, type CommandIo } from '../argumentReader';
import { loadWorkspace } from '../checkCommand';
import { displayPath } from '../formatters/paths';

export type GraphFormat = 'json' | 'mermaid' | 'dot' | 'svg';

export interface GraphArguments {
  paths: string[];
  format: GraphFormat;
  collapse: GraphViewOptions['collapse'];
  /** Services to expand in a grouped view: titles or document paths. */
  expand: string[];
  theme: SvgTheme;
  output?: string;
  /** Exit 1 when a channel lacks a producer or a consumer, or a message is never received. */
  strict: boolean;
}

const FORMATS: readonly GraphFormat[] = ['json', 'mermaid', 'dot', 'svg'];

export function parseGraphArguments(args: readonly string[]): GraphArguments | 'help' {
  const result: GraphArguments = { paths: [], format: 'json', collapse: 'auto', expand: [], theme: 'light', strict: false };
  const reader = new ArgumentReader(args);
  for (let flag = reader.next(); flag !== undefined; flag = reader.next()) {
    switch (flag) {
      case '--format':
      case '-f':
        result.format = reader.choice(FORMATS);
        break;
      case '--collapse':
        result.collapse = reader.choice(['auto', 'always', 'never'] as const);
        break;
      case '--expand':
        result.expand.push(reader.value());
        break;
      case '--theme':
        result.theme = reader.choice(['light', 'dark'] as const);
        break;
      case '--output':
      case '-o':
        result.output = reader.value();
        break;
      case '--strict':
        result.strict = true;
        break;
      default:
        if (reader.shared(flag, result) === 'help') return 'help';
    }
  }
  return result;
}

/** Reads the documents under the paths into an engine, as `check` finds them; no network. */
async function loadEngine(paths: string[], cwd: string): Promise<Engine> {
  const { engine, uris } = await loadWorkspace(paths, cwd);
  if (engine.index.applications().length === 0) throw new UsageError(`No AsyncAPI document among ${uris.length} file(s)`);
  return engine;
}

/** `--expand` names a service by its title or by its document's path. */
function resolveExpanded(graph: EventFlowGraph, names: string[], cwd: string): string[] {
  const ids: string[] = [];
  for (const name of names) {
    const wanted = name.toLowerCase();
    const asPath = URI.file(path.resolve(cwd, name)).toString();
    const matches = graph.model.services.filter((service) => service.title.toLowerCase() === wanted || service.uri === asPath);
    if (matches.length === 0) throw new UsageError(`--expand: no service titled or stored at "${name}". Services: ${graph.model.services.map((service) => service.title).join(', ')}`);
    ids.push(...matches.map((service) => service.id));
  }
  return ids;
}

function formatGraph(graph: EventFlowGraph, options: GraphArguments, io: CommandIo): string {
  switch (options.format) {
    case 'mermaid':
      return toMermaid(graph);
    case 'dot':
      return toDot(graph);
    case 'svg':
      return renderSvg(graph, options.theme);
    default: {
      const output = { formatVersion: 1, tool: { name: 'event-design', version: io.version }, model: graph.model, view: graph.view };
      // Files as paths relative to the current folder, as every other output does; ids stay URIs.
      return JSON.stringify(output, (key, value: unknown) => (key === 'uri' && typeof value === 'string' ? displayPath(value, io.cwd) : value), 2) + '\n';
    }
  }
}

export const graphCommand: CliCommand = {
  name: 'graph',
  summary: 'export the event-flow graph (who sends and receives what) as JSON, Mermaid, DOT or SVG',
  help: `Usage:
  event-design graph [paths...] [options]

  Reads every AsyncAPI document under the given files or folders (default: the current folder),
  as check does, and prints the event-flow graph: services, channels shared across documents
  (same address on the same protocol and host, or the same $ref'd definition), and who sends and
  receives which message. The layout is the one the VS Code extension draws.

Options:
  -f, --format <json|mermaid|dot|svg>  Output format (default: json).
  --collapse <auto|always|never>       Group channels by service (default: auto, past 200 channels).
  --expand <service>                   In a grouped graph, show this service's channels one by one
                                       (a title or a document path; repeatable).
  --theme <light|dark>                 Colours of the SVG (default: light).
  -o, --output <file>                  Write to a file instead of standard output.
  --strict                             Exit 1 when a channel has no producer or no consumer, or a
                                       message is sent that nobody receives.
  -h, --help                           Show this help.

Exit codes: 0 the graph was written; 1 --strict found an orphan channel or an unconsumed message;
2 usage error, no AsyncAPI document found, or internal error.
`,
  async run(args: readonly string[], io: CommandIo): Promise<number> {
    const options = parseGraphArguments(args);
    if (options === 'help') {
      io.write(this.help);
      return 0;
    }
    const engine = await loadEngine(options.paths, io.cwd);
    const flow = new EventFlow(engine);
    let graph = await flow.graph({ collapse: options.collapse, expandedServices: [] });
    if (options.expand.length > 0) graph = await flow.graph({ collapse: options.collapse, expandedServices: resolveExpanded(graph, options.expand, io.cwd) });
    const text = formatGraph(graph, options, io);
    if (options.output) await fs.writeFile(path.resolve(io.cwd, options.output), text, 'utf8');
    else io.write(text);
    if (!options.strict) return 0;
    const titles = new Map(graph.model.services.map((service) => [service.id, service.title]));
    const problems: string[] = [];
    for (const channel of graph.model.channels) {
      if (channel.noProducer) problems.push(`channel ${channel.address}: no service sends to it (declared by ${channel.declarations.map((declaration) => titles.get(declaration.serviceId)).join(', ') || 'a reply'})`);
      if (channel.noConsumer) problems.push(`channel ${channel.address}: no service receives from it`);
    }
    for (const message of graph.model.messages) if (message.unconsumed) problems.push(`message ${message.name}: sent by ${message.producers.map((id) => titles.get(id)).join(', ')}, received by no service`);
    for (const problem of problems) io.writeError(`event-design graph: ${problem}\n`);
    return problems.length > 0 ? 1 : 0;
  },
};
