import { Resvg } from "@resvg/resvg-js";
import * as vega from "vega";
import { compile, type TopLevelSpec } from "vega-lite";

/** A chart rendered by Vega (headless, no canvas) to SVG, and that SVG to PNG by resvg. */
export interface RenderedChart {
  svg: string;
  png: Buffer;
  width: number;
  height: number;
}

/** Text is drawn with this family; resvg finds it among the system fonts (DejaVu on most Linux). */
export const CHART_FONT = "DejaVu Sans";

export async function renderChart(spec: TopLevelSpec, scale = 2): Promise<RenderedChart> {
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: "none" });
  try {
    const svg = await view.toSVG();
    const image = new Resvg(svg, {
      background: "white",
      fitTo: { mode: "zoom", value: scale },
      font: { loadSystemFonts: true, defaultFontFamily: CHART_FONT },
    }).render();
    return { svg, png: image.asPng(), width: image.width, height: image.height };
  } finally {
    view.finalize();
  }
}
