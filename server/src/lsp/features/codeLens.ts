import { CodeLensRefreshRequest, CodeLensRequest, CodeLensResolveRequest, type CodeLens, type CodeLensParams } from 'vscode-languageserver';
import { flowLensPlaces, resolveFlowLens } from '../../engine/navigation/flowLenses';
import { SHOW_FLOW_COMMAND, type ShowFlowArguments } from '../../engine/navigation/showFlowCommand';
import type { JsonPath } from '../../engine/text/paths';
import { runSafeNotification } from '../runSafe';
import type { LanguageFeature } from './feature';

/** What an unresolved lens carries to its resolution. */
interface FlowLensData {
  uri: string;
  element: 'channel' | 'message';
  path: JsonPath;
}

function isFlowLensData(value: unknown): value is FlowLensData {
  const data = value as FlowLensData;
  return typeof value === 'object' && value !== null && typeof data.uri === 'string' && (data.element === 'channel' || data.element === 'message') && Array.isArray(data.path);
}

/** Lenses are refreshed this long after the last change anywhere (counts depend on other files). */
const REFRESH_DELAY_MS = 1500;

/**
 * "2 producers · 3 consumers" above every channel and message: cheap placeholders first, the
 * counts when the editor shows a lens. Clicking one runs the extension's `eventDesign.showFlow`,
 * which opens the operations in the references view. Other documents change the counts, so the
 * client is asked to refresh lenses shortly after any change.
 */
export const codeLensFeature: LanguageFeature = {
  name: 'code lens',
  capabilities: () => ({ codeLensProvider: { resolveProvider: true } }),
  register({ connection, documents, engine, logger, onShutdown, onRequest }) {
    onRequest<CodeLensParams, CodeLens[]>(CodeLensRequest.method, [], async (params, token) => {
      const uri = params.textDocument.uri;
      if (!documents.get(uri)) return [];
      const places = await flowLensPlaces(engine, uri, token);
      return places.map((place) => ({ range: place.range, data: { uri, element: place.element, path: place.path } satisfies FlowLensData }));
    });
    onRequest<CodeLens, CodeLens>(CodeLensResolveRequest.method, (lens) => lens, async (lens, token) => {
      if (!isFlowLensData(lens.data)) return lens;
      const content = await resolveFlowLens(engine, lens.data.uri, lens.data.element, lens.data.path, token);
      if (!content) return lens;
      const clickable = content.locations.length > 0;
      const args: ShowFlowArguments = [lens.data.uri, content.position, content.locations];
      // A lens with nobody to show is plain text (an empty command id is not clickable).
      return { ...lens, command: { title: content.title, command: clickable ? SHOW_FLOW_COMMAND : '', arguments: clickable ? args : undefined } };
    });

    let timer: NodeJS.Timeout | undefined;
    let refreshedAt = -1;
    const scheduleRefresh = () => {
      clearTimeout(timer);
      timer = setTimeout(
        () =>
          runSafeNotification(logger, 'codeLens refresh', async () => {
            engine.indexOpenDocuments();
            if (engine.index.generation === refreshedAt) return;
            refreshedAt = engine.index.generation;
            // Clients that do not support the refresh answer with an error; nothing to do then.
            await connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
          }),
        REFRESH_DELAY_MS,
      );
      timer.unref?.();
    };
    documents.onDidChangeContent(scheduleRefresh);
    documents.onDidClose(scheduleRefresh);
    onShutdown(() => clearTimeout(timer));
  },
};
