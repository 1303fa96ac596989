/**
 * A small SVG line chart on log-log axes, written by hand: a panel per metric,
 * a line per series through its medians, a bar from min to max at each point.
 */

export interface PlotPoint {
    x: number;
    median: number;
    min: number;
    max: number;
}

export interface PlotSeries {
    label: string;
    colour: string;
    dashed: boolean;
    points: PlotPoint[];
}

export interface PlotPanel {
    title: string;
    yLabel: string;
    series: PlotSeries[];
}

const panelWidth = 420;
const panelHeight = 320;
const margin = { left: 64, right: 28, top: 36, bottom: 48 };
const legendHeight = 28;

export function logLogChart(title: string, xLabel: string, panels: PlotPanel[]): string {
    const width = panelWidth * panels.length;
    const height = panelHeight + legendHeight + 24;
    const parts = [
        `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
        `<rect width="${width}" height="${height}" fill="white"/>`,
        `<text x="${width / 2}" y="18" text-anchor="middle" font-size="14" font-weight="bold">${escape(title)}</text>`,
    ];
    panels.forEach((panel, index) => parts.push(renderPanel(panel, xLabel, index * panelWidth, 24)));
    parts.push(renderLegend(panels[0]?.series ?? [], 24 + panelHeight + 8));
    parts.push("</svg>");
    return parts.join("\n") + "\n";
}

function renderPanel(panel: PlotPanel, xLabel: string, left: number, top: number): string {
    const points = panel.series.flatMap((s) => s.points);
    const xs = decades(Math.min(...points.map((p) => p.x)), Math.max(...points.map((p) => p.x)));
    const ys = decades(Math.min(...points.map((p) => p.min)), Math.max(...points.map((p) => p.max)));
    const plotLeft = left + margin.left;
    const plotRight = left + panelWidth - margin.right;
    const plotTop = top + margin.top;
    const plotBottom = top + panelHeight - margin.bottom;
    const scale = (value: number, [low, high]: number[], from: number, to: number) =>
        from + ((Math.log10(value) - Math.log10(low)) / (Math.log10(high) - Math.log10(low))) * (to - from);
    const x = (value: number) => scale(value, [xs[0], xs[xs.length - 1]], plotLeft, plotRight);
    const y = (value: number) => scale(value, [ys[0], ys[ys.length - 1]], plotBottom, plotTop);

    const out = [`<text x="${left + panelWidth / 2}" y="${top + 20}" text-anchor="middle" font-weight="bold">${escape(panel.title)}</text>`];
    for (const tick of xs) {
        out.push(`<line x1="${x(tick)}" y1="${plotTop}" x2="${x(tick)}" y2="${plotBottom}" stroke="#ddd"/>`);
        out.push(`<text x="${x(tick)}" y="${plotBottom + 16}" text-anchor="middle">${tick}</text>`);
    }
    for (const tick of ys) {
        out.push(`<line x1="${plotLeft}" y1="${y(tick)}" x2="${plotRight}" y2="${y(tick)}" stroke="#ddd"/>`);
        out.push(`<text x="${plotLeft - 6}" y="${y(tick) + 4}" text-anchor="end">${tick}</text>`);
    }
    out.push(`<rect x="${plotLeft}" y="${plotTop}" width="${plotRight - plotLeft}" height="${plotBottom - plotTop}" fill="none" stroke="#333"/>`);
    out.push(`<text x="${(plotLeft + plotRight) / 2}" y="${plotBottom + 36}" text-anchor="middle">${escape(xLabel)}</text>`);
    const yMiddle = (plotTop + plotBottom) / 2;
    out.push(`<text x="${left + 16}" y="${yMiddle}" text-anchor="middle" transform="rotate(-90 ${left + 16} ${yMiddle})">${escape(panel.yLabel)}</text>`);

    for (const series of panel.series) {
        const dash = series.dashed ? ` stroke-dasharray="6 4"` : "";
        const line = series.points.map((p) => `${x(p.x).toFixed(1)},${y(p.median).toFixed(1)}`).join(" ");
        out.push(`<polyline points="${line}" fill="none" stroke="${series.colour}" stroke-width="2"${dash}/>`);
        for (const p of series.points) {
            out.push(`<line x1="${x(p.x)}" y1="${y(p.min)}" x2="${x(p.x)}" y2="${y(p.max)}" stroke="${series.colour}"/>`);
            out.push(`<circle cx="${x(p.x)}" cy="${y(p.median)}" r="3" fill="${series.colour}"/>`);
        }
    }
    return out.join("\n");
}

function renderLegend(series: PlotSeries[], top: number): string {
    return series
        .map((s, index) => {
            const left = margin.left + index * 200;
            const dash = s.dashed ? ` stroke-dasharray="6 4"` : "";
            return (
                `<line x1="${left}" y1="${top + 8}" x2="${left + 28}" y2="${top + 8}" stroke="${s.colour}" stroke-width="2"${dash}/>` +
                `<text x="${left + 34}" y="${top + 12}">${escape(s.label)}</text>`
            );
        })
        .join("\n");
}

/** Powers of ten covering [low, high]. */
function decades(low: number, high: number): number[] {
    const ticks: number[] = [];
    for (let exponent = Math.floor(Math.log10(low)); exponent <= Math.ceil(Math.log10(high)); exponent++) {
        ticks.push(10 ** exponent);
    }
    return ticks.length > 1 ? ticks : [ticks[0], ticks[0] * 10];
}

function escape(text: string): string {
    return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
