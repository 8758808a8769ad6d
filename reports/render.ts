/**
 * Vega-Lite spec → SVG, headless (Vega's `none` renderer), byte-stable from one run to the next; SVG → PNG.
 * Vega, Vega-Lite and resvg are loaded on the first chart, not with the module: a program that draws
 * no chart (a worker thread, `campus --help`, the package's engine) never loads them.
 */
import { createRequire } from 'node:module';
import type { TopLevelSpec } from 'vega-lite';

export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const [{ parse, resetSVGDefIds, View }, { compile }] = await Promise.all([import('vega'), import('vega-lite')]);
  // Clip-path and gradient ids come from a process-wide counter; reset it so the same chart gives
  // the same bytes whatever was rendered before it.
  resetSVGDefIds();
  const view = new View(parse(compile(spec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** SVG → PNG at `scale` × the chart's size, on a white background, with the system's fonts. */
export function renderPng(svg: string, scale = 2): Uint8Array {
  const { Resvg } = createRequire(import.meta.url)('@resvg/resvg-js') as typeof import('@resvg/resvg-js');
  return new Resvg(svg, { fitTo: { mode: 'zoom', value: scale }, background: 'white', font: { loadSystemFonts: true } }).render().asPng();
}
