// The console's catalogues: the full ones less the sections it never shows (src/i18n/sections.js);
// the build reads `?app=console`, tests and the dev server load the whole catalogue.
import en from './en.json?app=console';
import zhCN from './zh-CN.json?app=console';

export default Object.freeze({ 'zh-CN': zhCN, en });
