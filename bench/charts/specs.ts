import type { TopLevelSpec } from "vega-lite";
import { CHART_FONT } from "./render";

/** One point of the time chart: the median wall time of an operation divided by N. */
export interface TimePoint {
  n: number;
  /** "raw", "noop" or "ours". */
  series: string;
  /** "file", "s3", or "API" for raw (it uses no backend). */
  backend: string;
  op: "up" | "destroy";
  msPerCertificate: number;
}

/** One point of the upload chart: what the engine uploaded to the S3 backend during one `pulumi up`. */
export interface UploadPoint {
  n: number;
  series: string;
  mebibytes: number;
}

const BACKEND_ORDER = ["file", "s3", "API"];
const SERIES_COLORS = { domain: ["raw", "noop", "ours"], range: ["#2ca02c", "#1f77b4", "#d62728"] };

/**
 * The bench chart: time per certificate against N (log) for `pulumi up` and `pulumi destroy`, one
 * line per series and backend (colour: series; dash and point shape: backend); below it, the bytes uploaded to the S3
 * backend per `pulumi up`.
 */
export function benchChartSpec(time: TimePoint[], uploads: UploadPoint[], subtitle: string): TopLevelSpec {
  const x = {
    field: "n",
    type: "quantitative" as const,
    title: "N certificates (log scale)",
    scale: { type: "log" as const },
    axis: { values: [...new Set(time.map((p) => p.n))] },
  };
  const color = { field: "series", type: "nominal" as const, title: "series", scale: SERIES_COLORS };
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v5.json",
    title: { text: "pulumi-bcs bench", subtitle },
    config: { font: CHART_FONT, view: { stroke: "#ccc" } },
    vconcat: [
      {
        data: { values: time },
        facet: {
          column: {
            field: "op",
            type: "nominal",
            title: null,
            sort: ["up", "destroy"],
            header: { labelFontSize: 13 },
          },
        },
        spec: {
          width: 300,
          height: 220,
          mark: { type: "line", point: true },
          encoding: {
            x,
            y: { field: "msPerCertificate", type: "quantitative", title: "ms per certificate (median)" },
            color,
            strokeDash: { field: "backend", type: "nominal", sort: BACKEND_ORDER, legend: null },
            shape: { field: "backend", type: "nominal", title: "backend (dash)", sort: BACKEND_ORDER },
            detail: { field: "backend" },
          },
        },
      },
      {
        data: { values: uploads },
        width: 620,
        height: 180,
        title: "Bytes uploaded to the S3 backend per pulumi up",
        mark: { type: "line", point: true },
        encoding: {
          x,
          y: {
            field: "mebibytes",
            type: "quantitative",
            title: "MiB uploaded (log scale)",
            scale: { type: "log" },
          },
          color,
        },
      },
    ],
  };
}
