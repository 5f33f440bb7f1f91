/**
 * A measure over time as an SVG line chart (visx): one line per series (both partners side by side, or one
 * partner's own), the clinical range shaded, the objectives' targets as dashed lines, flagged points marked.
 * Plain React SVG with no effects or DOM reads, so the same component renders in the browser and, through
 * `renderToStaticMarkup`, on the server for the progress PDF.
 *
 * Accessible: the SVG has a <title> and <desc> (role img is not set, so the points stay reachable); each point
 * is focusable with a label saying whose, when and what value (and its flag). The same data as a table is the
 * page's to show (ChartTable in the client).
 */
import { AxisBottom, AxisLeft } from '@visx/axis';
import { Group } from '@visx/group';
import { scaleLinear, scaleTime } from '@visx/scale';
import { LinePath } from '@visx/shape';

export interface ChartPoint {
  at: number;
  value: number;
}

export interface ChartLine {
  id: string;
  label: string;
  /** Which look: partner A (solid, circles), partner B (dashed, squares), or the couple (solid, diamonds). */
  look: 'a' | 'b' | 'couple';
  points: ChartPoint[];
}

export interface ChartFlag extends ChartPoint {
  /** The line it belongs to (null: between the lines, e.g. a gap between the partners). */
  lineId: string | null;
  label: string;
}

export interface SeriesChartProps {
  /** Unique on the page: the ids of <title> and <desc> derive from it. */
  id: string;
  title: string;
  desc: string;
  width: number;
  height: number;
  yDomain: [number, number];
  /** Epoch ms; defaults to the points' span. */
  xDomain?: [number, number];
  lines: ChartLine[];
  /** The clinical range (shaded), e.g. below the cutoff. */
  band?: { from: number; to: number; label: string } | null;
  targets?: { value: number; label: string }[];
  flags?: ChartFlag[];
  formatDate: (ms: number) => string;
  formatValue: (value: number) => string;
  /** Focusable points (the browser); off in the PDF. */
  interactive?: boolean;
}

export const CHART_COLORS = {
  a: '#1f5fa8',
  b: '#a8461a',
  couple: '#2f6b4f',
  band: '#f3e3c7',
  target: '#4a4f4d',
  flag: '#b3261e',
  axis: '#55605d',
} as const;

const MARGIN = { top: 30, right: 16, bottom: 40, left: 44 };

function Marker({ look, x, y }: { look: ChartLine['look']; x: number; y: number }) {
  const color = CHART_COLORS[look];
  if (look === 'b') return <rect x={x - 4} y={y - 4} width={8} height={8} fill={color} />;
  if (look === 'couple') return <path d={`M${x},${y - 5}L${x + 5},${y}L${x},${y + 5}L${x - 5},${y}Z`} fill={color} />;
  return <circle cx={x} cy={y} r={4.5} fill={color} />;
}

/** Which line is whose, above the plot (colour, dash and marker shape differ, so colour is never the only cue). */
function Legend({ lines }: { lines: ChartLine[] }) {
  let x = MARGIN.left;
  return (
    <g className="chart-legend" aria-hidden="true">
      {lines.map((line) => {
        const at = x;
        // DejaVu Sans at 11 px: about 6.5 px a character.
        x += 34 + line.label.length * 6.5;
        return (
          <g key={line.id}>
            <line
              x1={at}
              x2={at + 22}
              y1={11}
              y2={11}
              stroke={CHART_COLORS[line.look]}
              strokeWidth={2}
              strokeDasharray={line.look === 'b' ? '6 4' : undefined}
            />
            <Marker look={line.look} x={at + 11} y={11} />
            <text x={at + 27} y={15} fontSize={11} fill={CHART_COLORS.axis}>
              {line.label}
            </text>
          </g>
        );
      })}
    </g>
  );
}

export function SeriesChart(props: SeriesChartProps) {
  const { width, height, lines, formatDate, formatValue } = props;
  const innerW = Math.max(10, width - MARGIN.left - MARGIN.right);
  const innerH = Math.max(10, height - MARGIN.top - MARGIN.bottom);
  const all = lines.flatMap((l) => l.points);
  const xs = all.map((p) => p.at);
  const xDomain: [number, number] = props.xDomain ?? (xs.length ? [Math.min(...xs), Math.max(...xs)] : [0, 1]);
  const span = xDomain[1] - xDomain[0];
  const x = scaleTime<number>({
    domain:
      span > 0
        ? [new Date(xDomain[0]), new Date(xDomain[1])]
        : [new Date(xDomain[0] - 86_400_000), new Date(xDomain[0] + 86_400_000)],
    range: [0, innerW],
  });
  const y = scaleLinear<number>({ domain: props.yDomain, range: [innerH, 0], nice: false });
  const X = (ms: number) => x(new Date(ms));
  const titleId = `${props.id}-title`;
  const descId = `${props.id}-desc`;
  const ticks = Math.max(2, Math.min(6, Math.floor(innerW / 90)));
  const flagsOf = (lineId: string, p: ChartPoint) =>
    (props.flags ?? []).filter((f) => f.lineId === lineId && f.at === p.at && f.value === p.value);
  return (
    <svg
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      aria-labelledby={titleId}
      aria-describedby={descId}
      className="series-chart"
      fontFamily="DejaVu Sans, system-ui, sans-serif"
    >
      <title id={titleId}>{props.title}</title>
      <desc id={descId}>{props.desc}</desc>
      <Legend lines={lines} />
      <Group left={MARGIN.left} top={MARGIN.top}>
        {props.band ? (
          <rect
            x={0}
            width={innerW}
            y={y(Math.min(props.yDomain[1], props.band.to))}
            height={Math.max(
              0,
              y(Math.max(props.yDomain[0], props.band.from)) - y(Math.min(props.yDomain[1], props.band.to)),
            )}
            fill={CHART_COLORS.band}
          >
            <title>{props.band.label}</title>
          </rect>
        ) : null}
        {(props.targets ?? []).map((t, i) => (
          <g key={`t${i}`}>
            <line
              x1={0}
              x2={innerW}
              y1={y(t.value)}
              y2={y(t.value)}
              stroke={CHART_COLORS.target}
              strokeWidth={1.5}
              strokeDasharray="2 4"
            />
            <text x={4} y={y(t.value) - 4} textAnchor="start" fontSize={10} fill={CHART_COLORS.target}>
              {t.label}
            </text>
          </g>
        ))}
        <AxisLeft
          scale={y}
          numTicks={5}
          stroke={CHART_COLORS.axis}
          tickStroke={CHART_COLORS.axis}
          tickFormat={(v) => formatValue(Number(v))}
          tickLabelProps={{ fill: CHART_COLORS.axis, fontSize: 10, textAnchor: 'end', dx: -4, dy: 3 }}
        />
        <AxisBottom
          top={innerH}
          scale={x}
          numTicks={ticks}
          stroke={CHART_COLORS.axis}
          tickStroke={CHART_COLORS.axis}
          tickFormat={(v) => formatDate(v instanceof Date ? v.getTime() : Number(v))}
          tickLabelProps={{ fill: CHART_COLORS.axis, fontSize: 10, textAnchor: 'middle' }}
        />
        {lines.map((line) => (
          <g key={line.id} data-line={line.id}>
            <LinePath
              data={[...line.points].sort((p, q) => p.at - q.at)}
              x={(p) => X(p.at)}
              y={(p) => y(p.value)}
              stroke={CHART_COLORS[line.look]}
              strokeWidth={2}
              strokeDasharray={line.look === 'b' ? '6 4' : undefined}
            />
            {line.points.map((p) => {
              const flags = flagsOf(line.id, p);
              const label = [line.label, formatDate(p.at), formatValue(p.value), ...flags.map((f) => f.label)].join(
                ', ',
              );
              return (
                <g
                  key={`${p.at}-${p.value}`}
                  tabIndex={props.interactive ? 0 : undefined}
                  role={props.interactive ? 'img' : undefined}
                  aria-label={props.interactive ? label : undefined}
                  className="chart-point"
                  data-point={`${line.id}:${p.value}`}
                >
                  <Marker look={line.look} x={X(p.at)} y={y(p.value)} />
                  {flags.length > 0 ? (
                    <path d={`M${X(p.at)},${y(p.value) - 16}l6,10h-12Z`} fill={CHART_COLORS.flag} data-flag={line.id} />
                  ) : null}
                </g>
              );
            })}
          </g>
        ))}
        {(props.flags ?? [])
          .filter((f) => f.lineId === null)
          .map((f) => (
            <g key={`g${f.at}`} data-flag="gap">
              <line
                x1={X(f.at)}
                x2={X(f.at)}
                y1={0}
                y2={innerH}
                stroke={CHART_COLORS.flag}
                strokeWidth={1}
                strokeDasharray="3 3"
              />
              <path d={`M${X(f.at)},${10}l6,-10h-12Z`} fill={CHART_COLORS.flag}>
                <title>{f.label}</title>
              </path>
            </g>
          ))}
      </Group>
    </svg>
  );
}

/** One partner's own chart (their line only, no other partner's data in its props): for a partner's page. */
export function OwnSeriesChart(
  props: Omit<SeriesChartProps, 'lines' | 'flags'> & { line: ChartLine; flags?: ChartFlag[] },
) {
  const { line, flags, ...rest } = props;
  return <SeriesChart {...rest} lines={[line]} flags={(flags ?? []).filter((f) => f.lineId === line.id)} />;
}
