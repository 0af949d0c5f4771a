// ECharts for the console: the chart options (pure) and a chart that loads the library lazily
// (src/echarts.js, only the parts used). Labels come from the caller (translated), so a language
// switch redraws them.
const FONT = 'system-ui, -apple-system, "Segoe UI", "Noto Sans CJK SC", "WenQuanYi Zen Hei", "PingFang SC", "Microsoft YaHei", sans-serif';
const COLORS = { rate: '#1d4ed8', axis: '#4a5568', grid: '#e6e9ef' };

/**
 * Creates a chart in `el` that follows the element's size. Returns at once `{setOption, dispose}`:
 * ECharts is fetched in the background and the latest option is drawn when it arrives, so the
 * screen around the chart never waits for the library; a chart disposed before that never draws.
 */
export function mountChart(el, option) {
  let chart = null;
  let pending = [option, false];
  let disposed = false;
  let frame = 0;
  const observer = new ResizeObserver(() => {
    cancelAnimationFrame(frame);
    frame = requestAnimationFrame(() => chart?.resize());
  });
  import('./echarts.js').then(({ init }) => {
    if (disposed) return;
    chart = init(el, null, { renderer: 'canvas' });
    chart.setOption({ textStyle: { fontFamily: FONT }, animationDuration: 300, animationDurationUpdate: 300 });
    chart.setOption(...pending);
    observer.observe(el);
  }, (e) => console.warn('[charts] ECharts failed to load', e));
  return {
    /** Draws `next` (replacing the previous option when `notMerge`), now or once ECharts is loaded. */
    setOption(next, notMerge = false) {
      if (chart) chart.setOption(next, notMerge);
      else pending = [next, notMerge];
    },
    dispose() {
      disposed = true;
      observer.disconnect();
      cancelAnimationFrame(frame);
      chart?.dispose();
    },
  };
}

/**
 * "Messages per 10 s": `[[bucketStartMs, count], ...]`. The last bucket is still filling, so it
 * is drawn dashed: a solid drop there would read as a falling rate.
 */
export function rateOption(series, labels) {
  const line = (name, lineType, area, data) => ({
    name, type: 'line', showSymbol: false, data,
    lineStyle: { width: 2, color: COLORS.rate, type: lineType },
    itemStyle: { color: COLORS.rate },
    areaStyle: area ? { color: 'rgba(29, 78, 216, 0.12)' } : undefined,
  });
  return {
    grid: { left: 8, right: 16, top: 16, bottom: 0, containLabel: true },
    xAxis: { type: 'time', axisLabel: { color: COLORS.axis, hideOverlap: true, formatter: '{HH}:{mm}' }, splitLine: { show: false } },
    yAxis: { type: 'value', minInterval: 1, axisLabel: { color: COLORS.axis }, splitLine: { lineStyle: { color: COLORS.grid } } },
    series: [line(labels.rate, 'solid', true, series.slice(0, -1)), line(labels.filling, 'dashed', false, series.slice(-2))],
  };
}

/**
 * A device history: raw points as one line; hourly or daily buckets as average with a min–max
 * band (drawn as a stacked area between min and max).
 */
export function historyOption(history, labels) {
  const points = history?.points ?? [];
  const at = (p) => Date.parse(p.ts);
  const base = {
    grid: { left: 8, right: 16, top: 16, bottom: 0, containLabel: true },
    xAxis: { type: 'time', axisLabel: { color: COLORS.axis, hideOverlap: true } },
    yAxis: { type: 'value', scale: true, axisLabel: { color: COLORS.axis }, splitLine: { lineStyle: { color: COLORS.grid } } },
  };
  if (history?.resolution === 'raw') {
    return { ...base, series: [{ name: labels.value, type: 'line', showSymbol: points.length < 60, data: points.map((p) => [at(p), p.value]), itemStyle: { color: COLORS.rate } }] };
  }
  return {
    ...base,
    series: [
      { name: labels.min, type: 'line', stack: 'band', showSymbol: false, lineStyle: { opacity: 0 }, data: points.map((p) => [at(p), p.min]) },
      { name: labels.max, type: 'line', stack: 'band', showSymbol: false, lineStyle: { opacity: 0 }, areaStyle: { color: 'rgba(29, 78, 216, 0.15)' }, data: points.map((p) => [at(p), p.max - p.min]) },
      { name: labels.avg, type: 'line', showSymbol: points.length < 60, itemStyle: { color: COLORS.rate }, data: points.map((p) => [at(p), p.avg]) },
    ],
  };
}

/**
 * A forecast's evidence: the daily points, the Theil–Sen trend, the band between its slope bounds
 * (dashed), the limit and the expected day (a marked point). `lines` comes from forecastLines.
 */
export function evidenceOption(points, lines, labels) {
  const base = {
    grid: { left: 8, right: 16, top: 16, bottom: 0, containLabel: true },
    xAxis: { type: 'time', axisLabel: { color: COLORS.axis, hideOverlap: true } },
    yAxis: { type: 'value', scale: true, axisLabel: { color: COLORS.axis }, splitLine: { lineStyle: { color: COLORS.grid } } },
  };
  const flat = (name, data, style) => ({ name, type: 'line', showSymbol: false, data, lineStyle: style, itemStyle: { color: style.color } });
  return {
    ...base,
    series: [
      { name: labels.points, type: 'line', data: points, showSymbol: true, symbolSize: 5, lineStyle: { opacity: 0 }, itemStyle: { color: '#4a5568' } },
      flat(labels.trend, lines?.line ?? [], { color: COLORS.rate, width: 2 }),
      flat(labels.band, lines?.low ?? [], { color: COLORS.rate, type: 'dashed', width: 1 }),
      flat(labels.band, lines?.high ?? [], { color: COLORS.rate, type: 'dashed', width: 1 }),
      flat(labels.limit, lines?.limit ?? [], { color: '#a8322a', width: 2 }),
      { name: labels.expected, type: 'line', data: lines?.expected ?? [], showSymbol: true, symbol: 'diamond', symbolSize: 14, itemStyle: { color: '#a8322a' } },
    ],
  };
}
