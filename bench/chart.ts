import { writeFileSync } from "node:fs";
import { PNG } from "pngjs";

/** A small line chart drawn pixel by pixel with pngjs and a built-in 5×7 bitmap font. */

type Rgb = [number, number, number];

export interface Series {
  label: string;
  color: Rgb;
  /** [x, y] points; y may be undefined (no figure). */
  points: [number, number | undefined][];
}

export interface Panel {
  title: string;
  xLabel: string;
  yLabel: string;
  series: Series[];
}

const GLYPHS: Record<string, string> = {
  "0": "01110100011001110101110011000101110",
  "1": "00100011000010000100001000010001110",
  "2": "01110100010000100010001000100011111",
  "3": "11111000100010000010000011000101110",
  "4": "00010001100101010010111110001000010",
  "5": "11111100001111000001000011000101110",
  "6": "00110010001000011110100011000101110",
  "7": "11111000010001000100010000100001000",
  "8": "01110100011000101110100011000101110",
  "9": "01110100011000101111000010001001100",
  ".": "00000000000000000000000000110001100",
  A: "01110100011000111111100011000110001",
  B: "11110100011000111110100011000111110",
  C: "01110100011000010000100001000101110",
  D: "11110100011000110001100011000111110",
  E: "11111100001000011110100001000011111",
  F: "11111100001000011110100001000010000",
  G: "01110100011000010111100011000101111",
  H: "10001100011000111111100011000110001",
  I: "01110001000010000100001000010001110",
  K: "10001100101010011000101001001010001",
  L: "10000100001000010000100001000011111",
  M: "10001110111010110101100011000110001",
  N: "10001100011100110101100111000110001",
  O: "01110100011000110001100011000101110",
  P: "11110100011000111110100001000010000",
  R: "11110100011000111110101001001010001",
  S: "01111100001000001110000010000111110",
  T: "11111001000010000100001000010000100",
  U: "10001100011000110001100011000101110",
  V: "10001100011000110001100010101000100",
  W: "10001100011000110101101011010101010",
  X: "10001100010101000100010101000110001",
  Y: "10001100010101000100001000010000100",
  "(": "00010001000100001000010000010000010",
  ")": "01000001000001000010000100010001000",
  "-": "00000000000000011111000000000000000",
  "=": "00000000001111100000111110000000000",
  "/": "00001000100001000100010000100010000",
  ":": "00000011000110000000011000110000000",
  " ": "00000000000000000000000000000000000",
};

class Canvas {
  readonly png: PNG;

  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    this.png = new PNG({ width, height });
    this.png.data.fill(255);
  }

  set(x: number, y: number, [r, g, b]: Rgb): void {
    x = Math.round(x);
    y = Math.round(y);
    if (x < 0 || y < 0 || x >= this.width || y >= this.height) return;
    const i = (y * this.width + x) * 4;
    this.png.data[i] = r;
    this.png.data[i + 1] = g;
    this.png.data[i + 2] = b;
    this.png.data[i + 3] = 255;
  }

  rect(x: number, y: number, w: number, h: number, c: Rgb): void {
    for (let j = 0; j < h; j++) for (let i = 0; i < w; i++) this.set(x + i, y + j, c);
  }

  /** A line `thickness` pixels wide (square brush along a DDA). */
  line(x0: number, y0: number, x1: number, y1: number, c: Rgb, thickness = 1): void {
    const steps = Math.max(Math.abs(x1 - x0), Math.abs(y1 - y0), 1);
    const off = Math.floor(thickness / 2);
    for (let s = 0; s <= steps; s++) {
      const x = x0 + ((x1 - x0) * s) / steps;
      const y = y0 + ((y1 - y0) * s) / steps;
      this.rect(Math.round(x) - off, Math.round(y) - off, thickness, thickness, c);
    }
  }

  /** Text in the 5×7 font at `scale`; returns its width. Unknown characters draw as blanks. */
  text(x: number, y: number, s: string, c: Rgb, scale = 2): number {
    let cx = x;
    for (const ch of s.toUpperCase()) {
      const g = GLYPHS[ch] ?? GLYPHS[" "];
      for (let row = 0; row < 7; row++)
        for (let col = 0; col < 5; col++)
          if (g[row * 5 + col] === "1") this.rect(cx + col * scale, y + row * scale, scale, scale, c);
      cx += 6 * scale;
    }
    return cx - x - scale;
  }

  static textWidth(s: string, scale = 2): number {
    return s.length * 6 * scale - scale;
  }
}

/** A "nice" tick step (1, 2 or 5 × 10^k) giving about `target` ticks up to `max`. */
function niceStep(max: number, target = 5): number {
  const raw = max / target;
  const pow = 10 ** Math.floor(Math.log10(raw));
  const m = raw / pow;
  return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * pow;
}

function formatTick(v: number): string {
  return String(Number(v.toFixed(2)));
}

const BLACK: Rgb = [0, 0, 0];
const GRID: Rgb = [225, 225, 225];
const GREY: Rgb = [90, 90, 90];

function drawPanel(cv: Canvas, panel: Panel, ox: number, oy: number, w: number, h: number): void {
  const left = ox + 70;
  const right = ox + w - 20;
  const top = oy + 40;
  const bottom = oy + h - 55;
  cv.text(ox + (w - Canvas.textWidth(panel.title)) / 2, oy + 10, panel.title, BLACK);

  const xs = [...new Set(panel.series.flatMap((s) => s.points.map((p) => p[0])))].sort((a, b) => a - b);
  const ys = panel.series.flatMap((s) =>
    s.points.map((p) => p[1]).filter((y): y is number => y !== undefined),
  );
  const step = niceStep(Math.max(...ys, 1e-9));
  const yMax = Math.ceil(Math.max(...ys, 1e-9) / step) * step;
  const lx = (x: number) => Math.log10(x);
  const [x0, x1] = [lx(xs[0]) - 0.1, lx(xs[xs.length - 1]) + 0.1];
  const px = (x: number) => left + ((lx(x) - x0) / (x1 - x0)) * (right - left);
  const py = (y: number) => bottom - (y / yMax) * (bottom - top);

  for (let v = 0; v <= yMax + step / 2; v += step) {
    const y = Math.round(py(v));
    cv.line(left, y, right, y, GRID);
    const label = formatTick(Math.round(v * 1000) / 1000);
    cv.text(left - 8 - Canvas.textWidth(label), y - 7, label, GREY);
  }
  for (const x of xs) {
    const X = Math.round(px(x));
    cv.line(X, bottom, X, bottom + 5, BLACK);
    const label = String(x);
    cv.text(X - Canvas.textWidth(label) / 2, bottom + 10, label, GREY);
  }
  cv.line(left, top, left, bottom, BLACK, 2);
  cv.line(left, bottom, right, bottom, BLACK, 2);
  cv.text((left + right - Canvas.textWidth(panel.xLabel)) / 2, bottom + 32, panel.xLabel, BLACK);
  cv.text(ox + 6, top - 22, panel.yLabel, BLACK);

  for (const s of panel.series) {
    const pts = s.points
      .filter((p): p is [number, number] => p[1] !== undefined)
      .map(([x, y]) => [px(x), py(y)]);
    for (let i = 1; i < pts.length; i++)
      cv.line(pts[i - 1][0], pts[i - 1][1], pts[i][0], pts[i][1], s.color, 3);
    for (const [x, y] of pts) cv.rect(Math.round(x) - 4, Math.round(y) - 4, 9, 9, s.color);
  }
}

/** Panels side by side, a legend of coloured boxes underneath; writes the PNG to `file`. */
export function drawChart(file: string, panels: Panel[], footer: string): void {
  const pw = 420;
  const ph = 330;
  const cv = new Canvas(pw * panels.length, ph + 50);
  panels.forEach((p, i) => drawPanel(cv, p, i * pw, 0, pw, ph));
  let x = 20;
  const y = ph + 8;
  for (const s of panels[0].series) {
    cv.rect(x, y, 16, 16, s.color);
    x += 24;
    x += cv.text(x, y + 1, s.label, BLACK) + 28;
  }
  cv.text(20, y + 26, footer, GREY);
  writeFileSync(file, PNG.sync.write(cv.png));
}
