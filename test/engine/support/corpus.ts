import * as fs from 'node:fs';
import * as path from 'node:path';
import { findRepoRoot } from '../../grammar/repoRoot';

/**
 * The official AsyncAPI examples: ../shared/corpus/asyncapi-examples beside the clone (CI has it
 * there), or the folder EVENT_DESIGN_CORPUS names.
 */
export const CORPUS = process.env.EVENT_DESIGN_CORPUS ? path.resolve(process.env.EVENT_DESIGN_CORPUS) : path.join(findRepoRoot(), '..', 'shared', 'corpus', 'asyncapi-examples');

const noted = new Set<string>();

/** Skips the test or suite when `folder` of the corpus is not there, and says so once: a skip must not pass unnoticed. */
export function skipWithoutCorpus(context: Mocha.Context, folder = CORPUS) {
  if (fs.existsSync(folder)) return;
  if (!noted.has(folder)) console.log(`      skipped: the corpus folder ${folder} does not exist (see the README)`);
  noted.add(folder);
  context.skip();
}
