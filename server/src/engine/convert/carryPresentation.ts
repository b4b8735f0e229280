import { isMap, isScalar, isSeq, Scalar, type Document, type Node as YamlNode } from 'yaml';
import type { JsonPath } from '../text/paths';

/** A node the author styled: its comments (on a key, or before and after a value), how a scalar is quoted, a collection written in flow style. */
interface StyledSite {
  path: JsonPath;
  role: 'key' | 'value';
  commentBefore?: string;
  comment?: string;
  scalar?: { value: unknown; type: Scalar['type'] };
  flow?: boolean;
}

export interface CarriedComments {
  carried: number;
  /** The old paths of the comments that found no place in the new document. */
  lost: JsonPath[];
}

/**
 * Moves the comments of `original` to `target`, onto the node each commented node became, and
 * with them how the author wrote scalars (quotes, block scalars) and collections (flow style)
 * that kept their value: `newPathOf` says where an old path went (undefined: nowhere). A comment
 * whose node is gone, or whose new place holds no node, is lost; the caller says so.
 */
export function carryPresentation(original: Document, target: Document, newPathOf: (path: JsonPath) => JsonPath | undefined): CarriedComments {
  const result: CarriedComments = { carried: 0, lost: [] };
  if (original.commentBefore) target.commentBefore = original.commentBefore;
  if (original.comment) target.comment = original.comment;
  for (const site of styledSites(original.contents as YamlNode | null, [])) {
    const newPath = newPathOf(site.path);
    const node = newPath ? nodeFor(target, newPath, site.role) : undefined;
    const commented = site.commentBefore !== undefined || site.comment !== undefined;
    if (!node) {
      if (commented) result.lost.push(site.path);
      continue;
    }
    if (site.scalar && isScalar(node) && node.value === site.scalar.value) node.type = site.scalar.type;
    if (site.flow && (isMap(node) || isSeq(node))) node.flow = true;
    if (!commented) continue;
    if (site.commentBefore) node.commentBefore = node.commentBefore ? `${node.commentBefore}\n${site.commentBefore}` : site.commentBefore;
    if (site.comment) node.comment = node.comment ? `${node.comment}\n${site.comment}` : site.comment;
    result.carried++;
  }
  return result;
}

function styledSites(node: YamlNode | null | undefined, path: JsonPath): StyledSite[] {
  if (!node) return [];
  const sites: StyledSite[] = [];
  const scalar = isScalar(node) && node.type !== undefined && node.type !== Scalar.PLAIN ? { scalar: { value: node.value, type: node.type } } : {};
  const flow = (isMap(node) || isSeq(node)) && node.flow ? { flow: true } : {};
  if (node.commentBefore || node.comment || scalar.scalar || flow.flow) sites.push({ path, role: 'value', ...comments(node), ...scalar, ...flow });
  if (isMap(node)) {
    for (const pair of node.items) {
      if (!isScalar(pair.key)) continue;
      const childPath = [...path, String(pair.key.value)];
      if (pair.key.commentBefore || pair.key.comment) sites.push({ path: childPath, role: 'key', ...comments(pair.key) });
      sites.push(...styledSites(pair.value as YamlNode | null, childPath));
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, index) => sites.push(...styledSites(item as YamlNode | null, [...path, index])));
  }
  return sites;
}

function comments(node: YamlNode) {
  return { ...(node.commentBefore ? { commentBefore: node.commentBefore } : {}), ...(node.comment ? { comment: node.comment } : {}) };
}

function nodeFor(document: Document, path: JsonPath, role: StyledSite['role']): YamlNode | undefined {
  if (role === 'value') {
    const node = path.length === 0 ? document.contents : document.getIn(path, true);
    return isScalar(node) || isMap(node) || isSeq(node) ? node : undefined;
  }
  const parent = path.length === 1 ? document.contents : document.getIn(path.slice(0, -1), true);
  if (!isMap(parent)) return undefined;
  const pair = parent.items.find((item) => isScalar(item.key) && String(item.key.value) === String(path[path.length - 1]));
  return pair && isScalar(pair.key) ? pair.key : undefined;
}
