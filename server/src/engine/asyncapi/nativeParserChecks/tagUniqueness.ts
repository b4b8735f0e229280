import type { ParserReport } from './report';
import { isPlainObject, type ResolvedDocument, type ResolvedNode } from './resolvedDocument';
import { v2Operations } from './v2Walk';

/** asyncapi2-tags-uniqueness on one `tags` list; the parser skips a list whose items are not all named objects. */
export function checkTagList(document: ResolvedDocument, report: ParserReport, tags: ResolvedNode | undefined) {
  if (!tags || !Array.isArray(tags.value)) return;
  const items = document.items(tags);
  if (!items.every((item) => isPlainObject(item.value) && typeof item.value.name === 'string')) return;
  const names = items.map((item) => (item.value as { name: string }).name);
  names.forEach((name, index) => {
    if (names.indexOf(name) !== index) report.add('asyncapi2-tags-uniqueness', document.child(items[index]!, 'name')!, `"tags" object contains duplicate tag name "${name}".`);
  });
}

/** Every `tags` list the parser looks at: the root, operations, messages and their traits. */
export function checkV2TagLists(document: ResolvedDocument, report: ParserReport) {
  const tagsOf = (node: ResolvedNode | undefined) => checkTagList(document, report, node && document.child(node, 'tags'));
  const eachTrait = (node: ResolvedNode | undefined) => document.items(node && document.child(node, 'traits')).forEach(tagsOf);
  tagsOf(document.root);
  for (const channels of [['channels'], ['components', 'channels']]) {
    for (const operation of v2Operations(document, channels)) {
      tagsOf(operation);
      eachTrait(operation);
      const message = document.child(operation, 'message');
      tagsOf(message);
      eachTrait(message);
      for (const member of document.items(message && document.child(message, 'oneOf'))) {
        tagsOf(member);
        eachTrait(member);
      }
    }
  }
  for (const [, trait] of document.entries(document.at(['components', 'operationTraits']))) tagsOf(trait);
  for (const [, message] of document.entries(document.at(['components', 'messages']))) {
    tagsOf(message);
    eachTrait(message);
  }
  for (const [, trait] of document.entries(document.at(['components', 'messageTraits']))) tagsOf(trait);
}
