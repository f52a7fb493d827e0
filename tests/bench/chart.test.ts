import { renderChart } from "../../bench/charts/render";
import { benchChartSpec, type TimePoint } from "../../bench/charts/specs";
import { chartPoints } from "../../bench/charts/write";

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

const medians = (scale: number) => ({
  medianMs: {
    raw: { up: 1000, destroy: 500 },
    noop: { up: 3000 * scale, destroy: 2000 * scale },
    ours: { up: 4000 * scale, destroy: 2500 * scale },
  },
});

describe("the bench chart", () => {
  it("takes time per certificate from both backends' medians, raw once, and the bytes of each up", () => {
    const { time, uploads } = chartPoints({
      ns: [10, 100],
      summaries: {
        file: { "10": medians(1), "100": medians(1) },
        s3: { "10": medians(2), "100": medians(2) },
      },
      uploads: {
        "100": { noop: { up: { bytes: 2 ** 20, puts: 3 } }, ours: { up: { bytes: 2 ** 21, puts: 3 } } },
      },
      subtitle: "",
    });
    const at = (p: Partial<TimePoint>) =>
      time.filter((t) => Object.entries(p).every(([k, v]) => t[k as keyof TimePoint] === v));
    expect(at({ n: 100, op: "up", series: "ours", backend: "s3" })).toEqual([
      { n: 100, series: "ours", backend: "s3", op: "up", msPerCertificate: 80 },
    ]);
    expect(at({ series: "raw" })).toHaveLength(4); // 2 N × up/destroy, not once per backend
    expect(uploads).toEqual([
      { n: 100, series: "noop", mebibytes: 1 },
      { n: 100, series: "ours", mebibytes: 2 },
    ]);
  });

  it("renders to an SVG naming every series and backend, and to a PNG of twice its size", async () => {
    const time: TimePoint[] = [10, 100].flatMap((n) =>
      (["raw", "noop", "ours"] as const).flatMap((series) =>
        (series === "raw" ? ["API"] : ["file", "s3"]).map((backend) => ({
          n,
          series,
          backend,
          op: "up" as const,
          msPerCertificate: n,
        })),
      ),
    );
    const chart = await renderChart(
      benchChartSpec(time, [{ n: 100, series: "ours", mebibytes: 3 }], "a subtitle"),
    );
    for (const name of ["raw", "noop", "ours", "file", "s3", "API", "a subtitle"])
      expect(chart.svg).toContain(`>${name}<`);
    const [, svgWidth, svgHeight] = /<svg[^>]* width="(\d+)" height="(\d+)"/.exec(chart.svg)!.map(Number);
    expect(chart.png.subarray(0, 8)).toEqual(PNG_SIGNATURE);
    // IHDR: width and height, big-endian, right after the chunk's length and type.
    expect([chart.png.readUInt32BE(16), chart.png.readUInt32BE(20)]).toEqual([svgWidth * 2, svgHeight * 2]);
    expect([chart.width, chart.height]).toEqual([svgWidth * 2, svgHeight * 2]);
  });
});
