import { baselineContent } from './baselineContent';
import { codeActions } from './codeActions';
import { codeLensFeature } from './codeLens';
import { completionFeature } from './completion';
import { contractsFeature } from './contracts';
import { convertToAsyncApi3Feature } from './convertToAsyncApi3';
import { definitionFeature } from './definition';
import { documentSymbolsFeature } from './documentSymbols';
import type { LanguageFeature } from './feature';
import { graphFeature } from './graph';
import { hoverFeature } from './hover';
import { referencesFeature } from './references';
import { renameFeature } from './rename';
import { semanticTokensFeature } from './semanticTokens';
import { workspaceSymbolsFeature } from './workspaceSymbols';

/** Every language feature beyond diagnostics, listed explicitly. */
export const FEATURES: readonly LanguageFeature[] = [
  codeActions,
  baselineContent,
  graphFeature,
  contractsFeature,
  definitionFeature,
  referencesFeature,
  hoverFeature,
  completionFeature,
  documentSymbolsFeature,
  workspaceSymbolsFeature,
  codeLensFeature,
  renameFeature,
  semanticTokensFeature,
  convertToAsyncApi3Feature,
];
