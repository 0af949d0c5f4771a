// The parts of Apache ECharts the console draws with, registered once. Loaded lazily by
// charts.js (it is most of the console's JavaScript), so a screen shows its figures before the
// chart library has arrived.
import * as echarts from 'echarts/core';
import { LineChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

// Device health by type is drawn as HTML bars (TypeBars.vue): readable by screen readers and
// without ECharts' bar chart, which keeps the console under its JS budget.
echarts.use([LineChart, GridComponent, TooltipComponent, CanvasRenderer]);

export const init = echarts.init;
