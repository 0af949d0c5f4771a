// The whole catalogues of both languages (the board, the resident portal and the tests).
import en from './en.json';
import zhCN from './zh-CN.json';

export const MESSAGES = Object.freeze({ 'zh-CN': zhCN, en });
