// The build's stand-ins for parts of ECharts (scripts/echarts-trim.mjs) must export what the
// modules they replace export, or the chunk would fail to link in the browser.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { STAND_INS, standIn } from '../scripts/echarts-trim.mjs';

const NODE_MODULES = path.resolve(__dirname, '../node_modules');
const file = (key) => path.join(NODE_MODULES, key.replace(/^(echarts|zrender)\//, '$1/lib/'));
const exportsOf = async (code) => Object.keys(await import(`data:text/javascript,${encodeURIComponent(code)}`)).sort();

describe('ECharts stand-ins', () => {
  for (const key of Object.keys(STAND_INS)) {
    it(`${key} exports what the original does`, async () => {
      const original = Object.keys(await import(pathToFileURL(file(key)).href)).sort();
      expect(await exportsOf(await standIn(file(key)))).toEqual(original);
    });
  }

  it('keeps the time names of both ECharts languages and nothing else', async () => {
    for (const lang of ['langEN', 'langZH']) {
      const code = await standIn(file(`echarts/i18n/${lang}.js`));
      const { default: trimmed } = await import(`data:text/javascript,${encodeURIComponent(code)}`);
      const { default: original } = await import(pathToFileURL(file(`echarts/i18n/${lang}.js`)).href);
      expect(trimmed).toEqual({ time: original.time });
      expect(trimmed.time.monthAbbr).toHaveLength(12);
    }
  });

  it('leaves every other module alone', async () => {
    expect(await standIn(file('echarts/chart/line/LineView.js'))).toBeNull();
    expect(await standIn(path.resolve(__dirname, '../src/charts.js'))).toBeNull();
  });

  it('keeps the series of an option an array, the one step of backward compatibility the charts need', async () => {
    const { default: compat } = await import(`data:text/javascript,${encodeURIComponent(await standIn(file('echarts/preprocessor/backwardCompat.js')))}`);
    const none = {};
    const one = { series: { type: 'line' } };
    compat(none);
    compat(one);
    expect(none.series).toEqual([]);
    expect(one.series).toEqual([{ type: 'line' }]);
  });
});
