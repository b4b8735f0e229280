/**
 * Compatibility modes as schema registries name them. BACKWARD: a reader on the new schema reads
 * data written with the old one. FORWARD: a reader on the old schema reads data written with the
 * new one. FULL: both. `_TRANSITIVE`: against every earlier version, not only the latest. NONE:
 * no check.
 */
export const COMPATIBILITY_MODES = ['BACKWARD', 'BACKWARD_TRANSITIVE', 'FORWARD', 'FORWARD_TRANSITIVE', 'FULL', 'FULL_TRANSITIVE', 'NONE'] as const;
export type CompatibilityMode = (typeof COMPATIBILITY_MODES)[number];

/**
 * Confluent's two JSON Schema policies. `lenient` accepts changes that break only data a
 * producer wrote under an open content model without declaring it (an optional property added
 * to an open model, the model closed or narrowed).
 */
export type CompatibilityPolicy = 'strict' | 'lenient';

/** Which reader reads which writer: `backward` = new reads old, `forward` = old reads new. */
export type Direction = 'backward' | 'forward';

/** What an application does with a message, which decides the mode its schema needs. */
export type MessageRole = 'send' | 'receive' | 'both';

export function isCompatibilityMode(value: string): value is CompatibilityMode {
  return (COMPATIBILITY_MODES as readonly string[]).includes(value);
}

/** The directions a mode checks: FULL checks both, NONE neither. */
export function directionsOf(mode: CompatibilityMode): Direction[] {
  switch (mode) {
    case 'BACKWARD':
    case 'BACKWARD_TRANSITIVE':
      return ['backward'];
    case 'FORWARD':
    case 'FORWARD_TRANSITIVE':
      return ['forward'];
    case 'FULL':
    case 'FULL_TRANSITIVE':
      return ['backward', 'forward'];
    case 'NONE':
      return [];
  }
}

export function isTransitive(mode: CompatibilityMode) {
  return mode.endsWith('_TRANSITIVE');
}

export function flipDirection(direction: Direction): Direction {
  return direction === 'backward' ? 'forward' : 'backward';
}

/** The same mode without (or with) `_TRANSITIVE`. */
export function withTransitivity(mode: CompatibilityMode, transitive: boolean): CompatibilityMode {
  if (mode === 'NONE') return mode;
  const base = mode.replace(/_TRANSITIVE$/, '') as 'BACKWARD' | 'FORWARD' | 'FULL';
  return transitive ? `${base}_TRANSITIVE` : base;
}

/**
 * The mode a message's schema needs, from what the application does with it: consumers of a
 * message it sends must read what it now produces (FORWARD); for a message it receives, it must
 * still read what existing producers send (BACKWARD); both needs FULL. No role: the default.
 */
export function modeForRole(role: MessageRole | undefined, defaultMode: CompatibilityMode = 'BACKWARD'): CompatibilityMode {
  const transitive = isTransitive(defaultMode);
  switch (role) {
    case 'send':
      return withTransitivity('FORWARD', transitive);
    case 'receive':
      return withTransitivity('BACKWARD', transitive);
    case 'both':
      return withTransitivity('FULL', transitive);
    default:
      return defaultMode;
  }
}

/** Combines roles: a schema sent somewhere and received elsewhere has both. */
export function combineRoles(roles: Iterable<MessageRole | undefined>): MessageRole | undefined {
  let send = false;
  let receive = false;
  for (const role of roles) {
    if (role === 'send' || role === 'both') send = true;
    if (role === 'receive' || role === 'both') receive = true;
  }
  return send && receive ? 'both' : send ? 'send' : receive ? 'receive' : undefined;
}
