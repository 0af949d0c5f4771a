// The parts of Apache ECharts the console draws with, registered once. Loaded lazily by
// charts.js (it is most of the console's JavaScript), so a screen shows its figures before the
// chart library has arrived.
import * as echarts from 'echarts/core';
import { LineChart } from 'echarts/charts';
import { GridSimpleComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

// Device health by type is drawn as HTML bars (TypeBars.vue): readable by screen readers and
// without ECharts' bar chart, which keeps the console under its JS budget. For the same reason
// the charts have no tooltip: TooltipComponent and the axis pointer that the full GridComponent
// brings cost 16 KB gzipped (console 263.9 → 247.8 KB together with the precompiled messages).
echarts.use([LineChart, GridSimpleComponent, CanvasRenderer]);

export const init = echarts.init;
