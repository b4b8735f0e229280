/**
 * The only way the app creates elements: attributes through setAttribute, text through
 * textContent. Nothing from a spec ever reaches innerHTML, so a message named
 * `<img src=x onerror=alert(1)>` is drawn as those characters and runs nothing.
 */

const SVG_NS = 'http://www.w3.org/2000/svg';

type Attributes = Record<string, string | number | boolean | undefined>;

function apply(element: Element, attributes: Attributes) {
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    // Event handlers are added with addEventListener, never as attributes.
    if (/^on/i.test(name)) throw new Error(`refusing to set the attribute ${name}`);
    element.setAttribute(name, value === true ? '' : String(value));
  }
}

export function svgElement<K extends keyof SVGElementTagNameMap>(tag: K, attributes: Attributes = {}, text?: string): SVGElementTagNameMap[K] {
  const element = document.createElementNS(SVG_NS, tag);
  apply(element, attributes);
  if (text !== undefined) element.textContent = text;
  return element;
}

export function htmlElement<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Attributes = {}, text?: string): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  apply(element, attributes);
  if (text !== undefined) element.textContent = text;
  return element;
}

export function clear(element: Element) {
  while (element.firstChild) element.firstChild.remove();
}
