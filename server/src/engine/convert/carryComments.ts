import { isMap, isScalar, isSeq, type Document, type Node as YamlNode } from 'yaml';
import type { JsonPath } from '../text/paths';

/** Where a comment was and where it went: the comment on a key, or on (before, after) a value. */
interface CommentSite {
  path: JsonPath;
  role: 'key' | 'value';
  commentBefore?: string;
  comment?: string;
}

export interface CarriedComments {
  carried: number;
  /** The old paths of the comments that found no place in the new document. */
  lost: JsonPath[];
}

/**
 * Moves the comments of `original` to `target`, onto the node each commented node became: `newPathOf`
 * says where an old path went (undefined: nowhere). A comment whose node is gone, or whose
 * new place holds no node, is lost; the caller says so.
 */
export function carryComments(original: Document, target: Document, newPathOf: (path: JsonPath) => JsonPath | undefined): CarriedComments {
  const result: CarriedComments = { carried: 0, lost: [] };
  if (original.commentBefore) target.commentBefore = original.commentBefore;
  if (original.comment) target.comment = original.comment;
  for (const site of commentSites(original.contents as YamlNode | null, [])) {
    const newPath = newPathOf(site.path);
    const node = newPath ? nodeFor(target, newPath, site.role) : undefined;
    if (!node) {
      result.lost.push(site.path);
      continue;
    }
    if (site.commentBefore) node.commentBefore = node.commentBefore ? `${node.commentBefore}\n${site.commentBefore}` : site.commentBefore;
    if (site.comment) node.comment = node.comment ? `${node.comment}\n${site.comment}` : site.comment;
    result.carried++;
  }
  return result;
}

function commentSites(node: YamlNode | null | undefined, path: JsonPath): CommentSite[] {
  if (!node) return [];
  const sites: CommentSite[] = [];
  if (node.commentBefore || node.comment) sites.push({ path, role: 'value', ...comments(node) });
  if (isMap(node)) {
    for (const pair of node.items) {
      if (!isScalar(pair.key)) continue;
      const childPath = [...path, String(pair.key.value)];
      if (pair.key.commentBefore || pair.key.comment) sites.push({ path: childPath, role: 'key', ...comments(pair.key) });
      sites.push(...commentSites(pair.value as YamlNode | null, childPath));
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, index) => sites.push(...commentSites(item as YamlNode | null, [...path, index])));
  }
  return sites;
}

function comments(node: YamlNode) {
  return { ...(node.commentBefore ? { commentBefore: node.commentBefore } : {}), ...(node.comment ? { comment: node.comment } : {}) };
}

function nodeFor(document: Document, path: JsonPath, role: CommentSite['role']): YamlNode | undefined {
  if (role === 'value') {
    const node = path.length === 0 ? document.contents : document.getIn(path, true);
    return isScalar(node) || isMap(node) || isSeq(node) ? node : undefined;
  }
  const parent = path.length === 1 ? document.contents : document.getIn(path.slice(0, -1), true);
  if (!isMap(parent)) return undefined;
  const pair = parent.items.find((item) => isScalar(item.key) && String(item.key.value) === String(path[path.length - 1]));
  return pair && isScalar(pair.key) ? pair.key : undefined;
}
