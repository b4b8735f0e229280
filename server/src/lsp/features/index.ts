import { codeActions } from './codeActions';
import type { LanguageFeature } from './feature';

/** Every language feature beyond diagnostics, listed explicitly. */
export const FEATURES: readonly LanguageFeature[] = [codeActions];
