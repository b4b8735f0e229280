import type { PathFinding } from '../findings/finding';
import { CONFIG_FILE_NAME } from '../workspace/fileKind';
import type { FileStore } from '../workspace/fileStore';
import { EMPTY_CONFIG, readConfig, type EventDesignConfig } from './config';

/**
 * Finds the configuration that governs a file: the nearest `.event-design.yaml` in its folder
 * or above, up to the workspace folder that holds it. Answers are cached per folder until a
 * configuration file changes.
 */
export class ConfigResolver {
  private readonly byFolder = new Map<string, Promise<EventDesignConfig>>();
  private readonly parsed = new Map<string, { config: EventDesignConfig; problems: PathFinding[] }>();

  constructor(
    private readonly files: FileStore,
    private roots: string[],
  ) {}

  setRoots(roots: string[]) {
    this.roots = roots;
    this.clear();
  }

  clear() {
    this.byFolder.clear();
    this.parsed.clear();
  }

  async configFor(fileUri: string): Promise<EventDesignConfig> {
    return this.configForFolder(folderOf(fileUri));
  }

  /** Problems of a configuration file itself. */
  async problemsOf(configUri: string): Promise<PathFinding[]> {
    return (await this.read(configUri))?.problems ?? [];
  }

  private configForFolder(folder: string): Promise<EventDesignConfig> {
    let pending = this.byFolder.get(folder);
    if (!pending) {
      pending = this.lookUp(folder);
      this.byFolder.set(folder, pending);
    }
    return pending;
  }

  private async lookUp(folder: string): Promise<EventDesignConfig> {
    const here = await this.read(`${folder}/${CONFIG_FILE_NAME}`);
    if (here) return here.config;
    const parent = folderOf(folder);
    // Stop at a workspace folder, or at the top of the file system (`file://` has no parent).
    const isTop = this.roots.some((root) => trimSlash(root) === folder) || parent === folder || !parent.includes('//');
    if (isTop) return EMPTY_CONFIG;
    if (this.roots.length > 0 && !this.roots.some((root) => parent.startsWith(trimSlash(root)))) return EMPTY_CONFIG;
    return this.configForFolder(parent);
  }

  private async read(configUri: string) {
    const cached = this.parsed.get(configUri);
    if (cached) return cached;
    const file = await this.files.get(configUri);
    if (!file) return undefined;
    const result = readConfig(file.tree, folderOf(configUri));
    this.parsed.set(configUri, result);
    return result;
  }
}

export function folderOf(uri: string) {
  const trimmed = trimSlash(uri);
  const slash = trimmed.lastIndexOf('/');
  return slash < 0 ? trimmed : trimmed.slice(0, slash);
}

function trimSlash(uri: string) {
  return uri.endsWith('/') ? uri.slice(0, -1) : uri;
}
