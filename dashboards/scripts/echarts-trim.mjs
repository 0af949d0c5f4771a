// Vite plugin: replaces the parts of ECharts' core that the console's line charts never run with
// small stand-ins, about 8 KB gzipped. echarts/core registers them whatever the chart types:
//   theme/dark.js                  the dark theme (the console draws with the default theme only)
//   loading/default.js             the spinner of chart.showLoading() (never called)
//   legacy/dataSelectAction.js     ECharts 4's 'pieselected' events (no pie, no such listener)
//   preprocessor/backwardCompat.js rewrites of options deprecated since ECharts 4 and 5 (the
//                                  options of src/charts.js use none; its one needed step, series
//                                  as an array, is kept)
//   util/decal.js                  decal patterns of aria.decal or itemStyle.decal (none used)
//   data/helper/transform.js       dataset transforms (no dataset component)
//   component/tooltip/seriesFormatTooltip.js  a series' tooltip text (no tooltip component)
//   scale/Log.js                   logarithmic axes (the charts' axes are time and value)
//   zrender core/GestureMgr.js     two-finger pinch recognition (no zoom component to use it)
//   zrender mixin/Draggable.js     dragging of elements marked draggable (none are)
//   zrender graphic/helper/roundSector.js  drawing sectors (pie, polar bars and clips; the
//                                  console's charts are cartesian lines)
//   i18n/langEN.js, langZH.js      kept to their `time` names (the time axis): the rest labels
//                                  the toolbox, legend and aria, which the console does not load
// test/echarts-trim.test.js checks that the stand-ins export what the originals do.
import { pathToFileURL } from 'node:url';

const LIB = /[\\/]node_modules[\\/](echarts|zrender)[\\/]lib[\\/]/;

export const STAND_INS = Object.freeze({
  'echarts/theme/dark.js': 'export default {};',
  'echarts/loading/default.js': "export default function defaultLoading() { throw new Error('chart.showLoading is not in this build (scripts/echarts-trim.mjs)'); }",
  'echarts/legacy/dataSelectAction.js': 'export function createLegacyDataSelectAction() {}\nexport function handleLegacySelectEvents() {}',
  'echarts/preprocessor/backwardCompat.js': 'export default function globalBackwardCompat(option) {\n'
    + '  option.series = Array.isArray(option.series) ? option.series : option.series == null ? [] : [option.series];\n}',
  'echarts/util/decal.js': 'export function createOrUpdatePatternFromDecal() { return null; }',
  'echarts/data/helper/transform.js': 'export class ExternalSource {}\n'
    + 'export function registerExternalTransform() {}\n'
    + "export function applyDataTransform() { throw new Error('dataset transforms are not in this build (scripts/echarts-trim.mjs)'); }",
  'echarts/component/tooltip/seriesFormatTooltip.js': 'export function defaultSeriesFormatTooltip() { return null; }',
  'echarts/scale/Log.js': "export default class LogScale { constructor() { throw new Error('log axes are not in this build (scripts/echarts-trim.mjs)'); } }",
  'zrender/core/GestureMgr.js': 'export class GestureMgr { recognize() { return undefined; } clear() { return this; } }',
  'zrender/mixin/Draggable.js': 'export default class Draggable {}',
  'zrender/graphic/helper/roundSector.js': "export function buildPath() { throw new Error('sectors are not in this build (scripts/echarts-trim.mjs)'); }",
});
const TIME_ONLY = new Set(['echarts/i18n/langEN.js', 'echarts/i18n/langZH.js']);

/** The stand-in of the ECharts module `id` (a resolved file path), or null to load the original. */
export async function standIn(id) {
  const match = LIB.exec(id);
  if (!match) return null;
  const file = id.split('?')[0];
  const rest = `${match[1]}/${file.slice(match.index + match[0].length).replaceAll('\\', '/')}`;
  if (TIME_ONLY.has(rest)) {
    const { default: lang } = await import(pathToFileURL(file).href);
    return `export default ${JSON.stringify({ time: lang.time })};`;
  }
  return STAND_INS[rest] ?? null;
}

/** The plugin, build only: the dev server and the tests keep the whole of ECharts. */
export default function echartsTrim() {
  return { name: 'anju-echarts-trim', apply: 'build', enforce: 'pre', load: { filter: { id: LIB }, handler: standIn } };
}
