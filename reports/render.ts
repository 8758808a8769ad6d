/** Vega-Lite spec → SVG, headless (Vega's `none` renderer), byte-stable from one run to the next; SVG → PNG. */
import { Resvg } from '@resvg/resvg-js';
import { parse, resetSVGDefIds, View } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

export async function renderSvg(spec: TopLevelSpec): Promise<string> {
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
  return new Resvg(svg, { fitTo: { mode: 'zoom', value: scale }, background: 'white', font: { loadSystemFonts: true } }).render().asPng();
}
