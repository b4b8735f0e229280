import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';

/** The folder the webview may load from, and nothing else. */
export function webviewRoot(extensionUri: vscode.Uri) {
  return vscode.Uri.joinPath(extensionUri, 'dist', 'webview');
}

/**
 * The webview's page: no data in it (the graph arrives by postMessage after `ready`), a strict
 * Content-Security-Policy, one script allowed by a fresh nonce, one stylesheet from dist/webview.
 * `img-src blob:` is for the PNG export, which draws the SVG through an image onto a canvas.
 */
export function webviewHtml(webview: vscode.Webview, extensionUri: vscode.Uri): string {
  const nonce = randomBytes(16).toString('base64');
  const root = webviewRoot(extensionUri);
  const script = webview.asWebviewUri(vscode.Uri.joinPath(root, 'main.js'));
  const style = webview.asWebviewUri(vscode.Uri.joinPath(root, 'main.css'));
  const csp = [`default-src 'none'`, `style-src ${webview.cspSource}`, `script-src 'nonce-${nonce}'`, `img-src ${webview.cspSource} blob:`, `font-src ${webview.cspSource}`].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${style.toString()}">
<title>Event Flow</title>
</head>
<body>
<script nonce="${nonce}" src="${script.toString()}"></script>
</body>
</html>`;
}
