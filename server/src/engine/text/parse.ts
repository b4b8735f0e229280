import { parseJson } from './jsonTree';
import type { SourceFile } from './sourceFile';
import { makeParsedTree, type ParsedTree } from './tree';
import { parseYaml, YamlParseCache } from './yamlTree';

export { YamlParseCache };

/** Parses a source file in its own format; `cache` makes YAML re-parses incremental. */
export function parseSource(file: SourceFile, cache?: YamlParseCache): ParsedTree {
  switch (file.format) {
    case 'yaml':
      return parseYaml(file.text, cache);
    case 'json':
      return parseJson(file.text, false);
    case 'jsonc':
      return parseJson(file.text, true);
    default:
      return makeParsedTree(undefined, []);
  }
}
