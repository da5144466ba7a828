// An SVG plot with no dependencies: per configuration, provisioned runner pods over busy
// runners (as Grafana shows gha_registered_runners over gha_busy_runners) and queued jobs over
// time, sharing one y-axis; and the cumulative distribution of queue waits.
import type { Sample } from "./engine";

export interface PlotSeries {
  readonly label: string;
  readonly samples: Sample[];
  readonly waits: number[];
}

const W = 900;
const H = 220;
const PAD = 40;
const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const f = (x: number) => (Math.round(x * 10) / 10).toString();

function path(points: [number, number][]): string {
  return points.map(([x, y], i) => `${i ? "L" : "M"}${f(x)},${f(y)}`).join("");
}

export function simulateSvg(series: PlotSeries[]): string {
  const yMax = Math.max(
    1,
    ...series.flatMap((s) => s.samples.flatMap((p) => [p.provisioned, p.queued])),
  );
  const panels = series.length;
  const height = panels * (H + PAD) + H + 2 * PAD;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W + 2 * PAD}" height="${height}" font-family="sans-serif" font-size="11">`,
    `<rect width="100%" height="100%" fill="white"/>`,
  ];
  series.forEach((s, i) => {
    const top = PAD + i * (H + PAD);
    const ts = s.samples.map((p) => p.t);
    const tMin = Math.min(...ts);
    const tMax = Math.max(tMin + 1, ...ts);
    const x = (t: number) => PAD + ((t - tMin) / (tMax - tMin)) * W;
    const y = (v: number) => top + H - (v / yMax) * H;
    out.push(
      `<text x="${PAD}" y="${top - 8}" font-weight="bold">${esc(s.label)}: runner pods (provisioned), gha_busy_runners, queued jobs; y max ${yMax}</text>`,
      `<rect x="${PAD}" y="${top}" width="${W}" height="${H}" fill="none" stroke="#ccc"/>`,
      `<path d="${path(s.samples.map((p) => [x(p.t), y(p.provisioned)]))}" fill="none" stroke="#1f77b4" stroke-width="1"/>`,
      `<path d="${path(s.samples.map((p) => [x(p.t), y(p.busy)]))}" fill="none" stroke="#2ca02c" stroke-width="1"/>`,
      `<path d="${path(s.samples.map((p) => [x(p.t), y(p.queued)]))}" fill="none" stroke="#d62728" stroke-width="1"/>`,
      `<text x="${PAD}" y="${top + H + 14}">${esc(new Date(tMin * 1000).toISOString())}</text>`,
      `<text x="${PAD + W}" y="${top + H + 14}" text-anchor="end">${esc(new Date(tMax * 1000).toISOString())}</text>`,
    );
  });
  const top = PAD + panels * (H + PAD);
  const wMax = Math.max(1, ...series.flatMap((s) => s.waits));
  out.push(
    `<text x="${PAD}" y="${top - 8}" font-weight="bold">Queue wait CDF (x: seconds, 0–${f(wMax)}; y: share of jobs)</text>`,
    `<rect x="${PAD}" y="${top}" width="${W}" height="${H}" fill="none" stroke="#ccc"/>`,
  );
  const colors = ["#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd"];
  series.forEach((s, i) => {
    const sorted = [...s.waits].sort((a, b) => a - b);
    const pts: [number, number][] = sorted.map((w, k) => [
      PAD + (w / wMax) * W,
      top + H - ((k + 1) / sorted.length) * H,
    ]);
    out.push(
      `<path d="${path(pts)}" fill="none" stroke="${colors[i % colors.length]}" stroke-width="1.5"/>`,
      `<text x="${PAD + W - 4}" y="${top + 14 + 14 * i}" text-anchor="end" fill="${colors[i % colors.length]}">${esc(s.label)}</text>`,
    );
  });
  out.push(
    `<text x="${PAD}" y="${height - 8}"><tspan fill="#1f77b4">■ runner pods</tspan> <tspan fill="#2ca02c">■ busy</tspan> <tspan fill="#d62728">■ queued</tspan></text>`,
    "</svg>",
  );
  return `${out.join("\n")}\n`;
}
