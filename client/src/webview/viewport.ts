/** Pan and zoom of the drawing: one transform on one group, applied once per animation frame. */

export interface ViewportState {
  x: number;
  y: number;
  scale: number;
}

const MIN_SCALE = 0.05;
const MAX_SCALE = 4;
/** Space kept between a fitted drawing and the edges of the view. */
const FIT_MARGIN = 24;

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export class Viewport {
  private state: ViewportState = { x: 0, y: 0, scale: 1 };
  private frame = 0;
  private drag?: { pointerId: number; startX: number; startY: number; originX: number; originY: number; moved: boolean };
  /** Set while the last pointer gesture was a drag: the click it ends is not a click. */
  dragged = false;

  constructor(
    private readonly host: HTMLElement,
    private readonly target: SVGGElement,
    private readonly onChange: (state: ViewportState) => void,
  ) {
    host.addEventListener('wheel', (event) => this.onWheel(event), { passive: false });
    host.addEventListener('pointerdown', (event) => this.onPointerDown(event));
    host.addEventListener('pointermove', (event) => this.onPointerMove(event));
    host.addEventListener('pointerup', (event) => this.onPointerUp(event));
    host.addEventListener('pointercancel', (event) => this.onPointerUp(event));
  }

  get current(): ViewportState {
    return { ...this.state };
  }

  set(state: ViewportState) {
    this.state = { x: finite(state.x), y: finite(state.y), scale: clamp(finite(state.scale, 1), MIN_SCALE, MAX_SCALE) };
    this.schedule();
  }

  /** The scale at which `fit` would show a box of the drawing. */
  scaleToFit(box: Box, maxScale = 1.25) {
    const width = this.host.clientWidth || 800;
    const height = this.host.clientHeight || 600;
    return clamp(Math.min((width - 2 * FIT_MARGIN) / Math.max(box.width, 1), (height - 2 * FIT_MARGIN) / Math.max(box.height, 1), maxScale), MIN_SCALE, MAX_SCALE);
  }

  /** Fits a box of the drawing into the visible area (the whole graph, or a focus). */
  fit(box: Box, maxScale = 1.25) {
    const width = this.host.clientWidth || 800;
    const height = this.host.clientHeight || 600;
    const scale = this.scaleToFit(box, maxScale);
    this.set({ scale, x: (width - box.width * scale) / 2 - box.x * scale, y: (height - box.height * scale) / 2 - box.y * scale });
  }

  /**
   * Shows a drawing too big to fit at `scale`: its left edge at the left, and vertically the
   * `anchor` in the middle, as far as that leaves no empty band above or below the drawing.
   */
  showFrom(drawing: Box, anchor: Box, scale: number) {
    const height = this.host.clientHeight || 600;
    scale = clamp(scale, MIN_SCALE, MAX_SCALE);
    const centred = height / 2 - (anchor.y + anchor.height / 2) * scale;
    const top = FIT_MARGIN - drawing.y * scale;
    const bottom = height - FIT_MARGIN - (drawing.y + drawing.height) * scale;
    const y = drawing.height * scale <= height - 2 * FIT_MARGIN ? (height - drawing.height * scale) / 2 - drawing.y * scale : Math.min(top, Math.max(bottom, centred));
    this.set({ scale, x: FIT_MARGIN - drawing.x * scale, y });
  }

  zoomBy(factor: number, centreX = (this.host.clientWidth || 800) / 2, centreY = (this.host.clientHeight || 600) / 2) {
    const scale = clamp(this.state.scale * factor, MIN_SCALE, MAX_SCALE);
    const ratio = scale / this.state.scale;
    this.set({ scale, x: centreX - (centreX - this.state.x) * ratio, y: centreY - (centreY - this.state.y) * ratio });
  }

  panBy(dx: number, dy: number) {
    this.set({ ...this.state, x: this.state.x + dx, y: this.state.y + dy });
  }

  /** Pans the least needed to show a box of the drawing. */
  reveal(box: Box) {
    const { x, y, scale } = this.state;
    const width = this.host.clientWidth || 800;
    const height = this.host.clientHeight || 600;
    const margin = 32;
    const left = box.x * scale + x;
    const top = box.y * scale + y;
    let dx = 0;
    let dy = 0;
    if (left < margin) dx = margin - left;
    else if (left + box.width * scale > width - margin) dx = width - margin - (left + box.width * scale);
    if (top < margin) dy = margin - top;
    else if (top + box.height * scale > height - margin) dy = height - margin - (top + box.height * scale);
    if (dx || dy) this.panBy(dx, dy);
  }

  private schedule() {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      const { x, y, scale } = this.state;
      this.target.setAttribute('transform', `translate(${x.toFixed(2)} ${y.toFixed(2)}) scale(${scale.toFixed(4)})`);
      this.onChange(this.current);
    });
  }

  private onWheel(event: WheelEvent) {
    event.preventDefault();
    const bounds = this.host.getBoundingClientRect();
    if (event.ctrlKey || Math.abs(event.deltaY) >= Math.abs(event.deltaX)) {
      const delta = event.deltaMode === 1 ? event.deltaY * 16 : event.deltaY;
      this.zoomBy(Math.exp(-delta * (event.ctrlKey ? 0.01 : 0.0015)), event.clientX - bounds.left, event.clientY - bounds.top);
    } else {
      this.panBy(-event.deltaX, 0);
    }
  }

  private onPointerDown(event: PointerEvent) {
    if (event.button !== 0) return;
    this.dragged = false;
    this.drag = { pointerId: event.pointerId, startX: event.clientX, startY: event.clientY, originX: this.state.x, originY: this.state.y, moved: false };
  }

  private onPointerMove(event: PointerEvent) {
    const drag = this.drag;
    if (!drag || drag.pointerId !== event.pointerId) return;
    const dx = event.clientX - drag.startX;
    const dy = event.clientY - drag.startY;
    if (!drag.moved && Math.hypot(dx, dy) < 4) return;
    if (!drag.moved) {
      drag.moved = true;
      this.host.setPointerCapture(event.pointerId);
      this.host.classList.add('panning');
    }
    this.set({ ...this.state, x: drag.originX + dx, y: drag.originY + dy });
  }

  private onPointerUp(event: PointerEvent) {
    const drag = this.drag;
    if (!drag || drag.pointerId !== event.pointerId) return;
    this.dragged = drag.moved;
    this.drag = undefined;
    this.host.classList.remove('panning');
    if (this.host.hasPointerCapture(event.pointerId)) this.host.releasePointerCapture(event.pointerId);
  }
}

function clamp(value: number, min: number, max: number) {
  return Math.min(max, Math.max(min, value));
}

function finite(value: number, fallback = 0) {
  return Number.isFinite(value) ? value : fallback;
}
