/**
 * SVG and PNG of what the view shows (filters applied), in the editor's current colours: the
 * live drawing is cloned, the theme's computed colours are written onto the clone as presentation
 * attributes (a file cannot see the editor's CSS variables), hidden parts are dropped, and the
 * viewport's pan and zoom are undone so that the file holds the whole drawing.
 */

const PROPERTIES = ['fill', 'stroke', 'stroke-width', 'stroke-dasharray', 'opacity', 'font-family', 'font-size', 'font-weight', 'font-style'] as const;

export function exportSvg(svg: SVGSVGElement, size: { width: number; height: number }): string {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  const originals = [svg, ...svg.querySelectorAll('*')];
  const copies = [clone, ...clone.querySelectorAll('*')];
  const hidden: Element[] = [];
  originals.forEach((original, position) => {
    const copy = copies[position];
    if (!copy) return;
    const style = getComputedStyle(original);
    if (style.display === 'none' || style.visibility === 'hidden') {
      hidden.push(copy);
      return;
    }
    if (original.closest('defs') && original.tagName !== 'path') return;
    for (const property of PROPERTIES) {
      const value = style.getPropertyValue(property);
      if (value) copy.setAttribute(property, value);
    }
    copy.removeAttribute('class');
    copy.removeAttribute('tabindex');
    copy.removeAttribute('role');
  });
  for (const element of hidden) element.remove();
  for (const element of clone.querySelectorAll('.edge-hit, [data-export="omit"]')) element.remove();
  const viewport = clone.querySelector('[data-viewport]');
  viewport?.removeAttribute('transform');
  const background = getComputedStyle(document.body).getPropertyValue('--vscode-editor-background').trim() || getComputedStyle(document.body).backgroundColor;
  const rect = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
  for (const [name, value] of Object.entries({ x: '0', y: '0', width: String(size.width), height: String(size.height), fill: background })) rect.setAttribute(name, value);
  clone.insertBefore(rect, clone.firstChild);
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  clone.setAttribute('width', String(size.width));
  clone.setAttribute('height', String(size.height));
  clone.setAttribute('viewBox', `0 0 ${size.width} ${size.height}`);
  clone.removeAttribute('class');
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(clone)}\n`;
}

/** The SVG drawn onto a canvas at twice the size (less for very large graphs), as PNG base64. */
export async function exportPng(svgText: string, size: { width: number; height: number }): Promise<string> {
  const maxSide = 16_000;
  const scale = Math.max(0.1, Math.min(2, maxSide / Math.max(size.width, size.height)));
  const url = URL.createObjectURL(new Blob([svgText], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.decoding = 'async';
    await new Promise<void>((resolve, reject) => {
      image.onload = () => resolve();
      image.onerror = () => reject(new Error('the SVG could not be drawn'));
      image.src = url;
    });
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(size.width * scale));
    canvas.height = Math.max(1, Math.round(size.height * scale));
    const context = canvas.getContext('2d');
    if (!context) throw new Error('no 2D canvas');
    context.scale(scale, scale);
    context.drawImage(image, 0, 0, size.width, size.height);
    return canvas.toDataURL('image/png').replace(/^data:image\/png;base64,/, '');
  } finally {
    URL.revokeObjectURL(url);
  }
}
