// ECharts for the console. Only the parts used are imported from echarts/core so the bundle
// carries no unused chart types. Labels come from the caller (translated), so a language
// switch redraws them.
import * as echarts from 'echarts/core';
import { LineChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

// Device health by type is drawn as HTML bars (TypeBars.vue): readable by screen readers and
// without ECharts' bar chart, which keeps the console under its JS budget.
echarts.use([LineChart, GridComponent, TooltipComponent, CanvasRenderer]);

const FONT = 'system-ui, -apple-system, "Segoe UI", "Noto Sans CJK SC", "WenQuanYi Zen Hei", "PingFang SC", "Microsoft YaHei", sans-serif';
const COLORS = { rate: '#1d4ed8', axis: '#4a5568', grid: '#e6e9ef' };
// Tooltips render on the canvas (richText), not as HTML, so device-provided text can never
// become markup.
const TOOLTIP = { renderMode: 'richText', confine: true };

/** Creates a chart in `el` that follows the element's size; returns the instance and a dispose function. */
export function mountChart(el, option) {
  const chart = echarts.init(el, null, { renderer: 'canvas' });
  chart.setOption({ textStyle: { fontFamily: FONT }, animationDuration: 300, animationDurationUpdate: 300, ...option });
  let frame = 0;
  const observer = new ResizeObserver(() => {
    cancelAnimationFrame(frame);
    frame = requestAnimationFrame(() => chart.resize());
  });
  observer.observe(el);
  return {
    chart,
    dispose() {
      observer.disconnect();
      cancelAnimationFrame(frame);
      chart.dispose();
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
    tooltip: { ...TOOLTIP, trigger: 'axis' },
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
    tooltip: { ...TOOLTIP, trigger: 'axis' },
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
