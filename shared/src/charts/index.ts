/** React chart components (visx), for the client's pages and the server's PDFs. The main entry stays React-free. */
export { SeriesChart, OwnSeriesChart, CHART_COLORS } from './SeriesChart.js';
export type { SeriesChartProps, ChartLine, ChartPoint, ChartFlag } from './SeriesChart.js';
export { instrumentChart, weeklyChart, objectiveChart } from './progressCharts.js';
export type { ChartWords, ChartFormat, ChartSize } from './progressCharts.js';
