// The console's two ECharts charts. Only the parts used are imported from echarts/core so the
// bundle carries no unused chart types.
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { typeLabel } from './format.js';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

const FONT = 'system-ui, -apple-system, "Segoe UI", "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif';
const COLORS = { online: '#2e9d6b', offline: '#d4574b', rate: '#2563eb', axis: '#8a94a6', grid: '#e6e9ef' };

// Tooltips render on the canvas (richText), not as HTML, so a device-provided type name can
// never become markup.
const TOOLTIP = { renderMode: 'richText', confine: true };

/**
 * Creates the "devices by type" and "messages per 10 s" charts in the given elements and
 * keeps them sized to their containers. Returns update functions and `dispose`.
 */
export function createCharts(typesEl, rateEl) {
  const types = echarts.init(typesEl, null, { renderer: 'canvas' });
  const rate = echarts.init(rateEl, null, { renderer: 'canvas' });
  types.setOption(typesOption());
  rate.setOption(rateOption());

  // Containers change size with the window and with the grid's breakpoints; observing the
  // elements covers both. The resize waits a frame to stay out of the observer's callback.
  let frame = 0;
  const resize = () => {
    cancelAnimationFrame(frame);
    frame = requestAnimationFrame(() => {
      types.resize();
      rate.resize();
    });
  };
  const observer = new ResizeObserver(resize);
  observer.observe(typesEl);
  observer.observe(rateEl);
  window.addEventListener('resize', resize);

  return {
    /** Shows `[{type, online, offline}]` as stacked bars. */
    updateTypes(counts) {
      types.setOption({
        yAxis: { data: counts.map((c) => axisLabel(c.type)) },
        series: [{ data: counts.map((c) => c.online) }, { data: counts.map((c) => c.offline) }],
      });
    },
    /**
     * Shows `[[bucketStartMs, count], ...]` as the message-rate line. The last bucket is still
     * filling, so it is drawn dashed: a solid drop there would read as a falling rate.
     */
    updateRate(series) {
      rate.setOption({ series: [{ data: series.slice(0, -1) }, { data: series.slice(-2) }] });
    },
    dispose() {
      observer.disconnect();
      window.removeEventListener('resize', resize);
      cancelAnimationFrame(frame);
      types.dispose();
      rate.dispose();
    },
  };
}

function axisLabel(type) {
  const label = typeLabel(type);
  return label.zh ? `${label.en} ${label.zh}` : label.en;
}

function base() {
  return {
    textStyle: { fontFamily: FONT },
    animationDuration: 300,
    animationDurationUpdate: 300,
    tooltip: { ...TOOLTIP, trigger: 'axis' },
  };
}

// Horizontal bars: the bilingual type names stay readable on a phone-width chart.
function typesOption() {
  const bar = (name, color) => ({ name, type: 'bar', stack: 'total', barMaxWidth: 22, itemStyle: { color }, data: [] });
  return {
    ...base(),
    tooltip: { ...TOOLTIP, trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0, right: 0, itemWidth: 10, itemHeight: 10, textStyle: { color: '#4a5568' } },
    grid: { left: 8, right: 16, top: 32, bottom: 0, containLabel: true },
    yAxis: {
      type: 'category',
      inverse: true,
      data: [],
      axisTick: { show: false },
      axisLine: { lineStyle: { color: COLORS.grid } },
      axisLabel: { color: '#4a5568', fontSize: 12 },
    },
    xAxis: { type: 'value', minInterval: 1, axisLabel: { color: COLORS.axis }, splitLine: { lineStyle: { color: COLORS.grid } } },
    series: [bar('Online 在线', COLORS.online), bar('Offline 离线', COLORS.offline)],
  };
}

function rateOption() {
  const line = (name, lineType, area) => ({
    name,
    type: 'line',
    showSymbol: false,
    lineStyle: { width: 2, color: COLORS.rate, type: lineType },
    itemStyle: { color: COLORS.rate },
    areaStyle: area ? { color: 'rgba(37, 99, 235, 0.12)' } : undefined,
    data: [],
  });
  return {
    ...base(),
    grid: { left: 8, right: 16, top: 16, bottom: 0, containLabel: true },
    xAxis: {
      type: 'time',
      axisLine: { lineStyle: { color: COLORS.grid } },
      axisLabel: { color: COLORS.axis, hideOverlap: true, formatter: '{HH}:{mm}' },
      splitLine: { show: false },
    },
    yAxis: { type: 'value', minInterval: 1, axisLabel: { color: COLORS.axis }, splitLine: { lineStyle: { color: COLORS.grid } } },
    series: [line('Messages / 10 s 消息数', 'solid', true), line('Filling 统计中', 'dashed', false)],
  };
}
