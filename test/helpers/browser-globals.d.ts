/**
 * The few DOM names used by functions the tests pass to page.evaluate, which run in Chromium.
 * Declared here rather than by adding the DOM library to tsconfig.test.json, whose fetch and
 * stream types would then shadow Node's for the rest of the tests.
 */
interface Element {
  readonly tagName: string;
}
interface HTMLImageElement extends Element {
  readonly complete: boolean;
  readonly naturalWidth: number;
}
interface CanvasContext2D {
  drawImage(image: Image, x: number, y: number): void;
  getImageData(x: number, y: number, width: number, height: number): { data: Uint8ClampedArray };
}
interface HTMLCanvasElement extends Element {
  width: number;
  height: number;
  getContext(kind: '2d'): CanvasContext2D | null;
}
declare class Image {
  src: string;
  readonly width: number;
  readonly height: number;
  decode(): Promise<void>;
}
declare const document: { createElement(tag: 'canvas'): HTMLCanvasElement };
declare const history: { readonly length: number };
declare function getComputedStyle(element: Element): { readonly stroke: string };
