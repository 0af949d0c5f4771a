// The apps' i18n instance (src/i18n/index.js) on petite-vue-i18n, as the build gives it: nested
// keys resolve, and `te`, which petite-vue-i18n lacks, answers for the labels (src/labels.js).
import { describe, expect, it } from 'vitest';
import { createAppI18n, createLoadingI18n, switchLocale } from '../src/i18n/index.js';
import { MESSAGES } from '../src/i18n/messages.js';
import { alertTypeLabel, deviceTypeLabel } from '../src/labels.js';

describe('the apps i18n instance', () => {
  const i18n = createAppI18n(MESSAGES).global;

  it('resolves nested keys in the default language', () => {
    expect(i18n.locale.value).toBe('zh-CN');
    expect(i18n.t('deviceType.elevator')).toBe(MESSAGES['zh-CN'].deviceType.elevator);
  });

  it('tells a catalogued key from an unknown one', () => {
    expect(i18n.te('deviceType.elevator')).toBe(true);
    expect(i18n.te('deviceType.teleporter')).toBe(false);
    expect(i18n.te('deviceType.elevator', 'en')).toBe(true);
  });

  it('labels known codes from the catalogue and unknown ones as sent', () => {
    expect(deviceTypeLabel(i18n, 'elevator')).toBe(MESSAGES['zh-CN'].deviceType.elevator);
    expect(deviceTypeLabel(i18n, 'teleporter')).toBe('teleporter');
    expect(alertTypeLabel(i18n, 'teleporter_fault.04')).toBe('teleporter_fault · 04');
  });
});

describe('an app that fetches its catalogues one language at a time (the console)', () => {
  const fetching = (failing = new Set()) => {
    const asked = [];
    const load = async (locale) => {
      asked.push(locale);
      if (failing.has(locale)) throw new Error(`no ${locale}`);
      return MESSAGES[locale];
    };
    return { asked, load };
  };

  it('starts with the catalogue of the remembered language only', async () => {
    const { asked, load } = fetching();
    const i18n = await createLoadingI18n(load);
    expect(asked).toEqual(['zh-CN']);
    expect(i18n.global.t('app.language')).toBe(MESSAGES['zh-CN'].app.language);
  });

  it('switches once the other language has arrived, and fetches it once', async () => {
    const { asked, load } = fetching();
    const i18n = await createLoadingI18n(load);
    const switching = switchLocale(i18n, 'en', null);
    expect(i18n.global.locale.value).toBe('zh-CN');
    await switching;
    expect(i18n.global.locale.value).toBe('en');
    expect(i18n.global.t('app.language')).toBe(MESSAGES.en.app.language);
    switchLocale(i18n, 'zh-CN', null);
    await switchLocale(i18n, 'en', null);
    expect(asked).toEqual(['zh-CN', 'en']);
  });

  it('keeps the language when the other catalogue does not arrive', async () => {
    const { load } = fetching(new Set(['en']));
    const i18n = await createLoadingI18n(load);
    await switchLocale(i18n, 'en', null);
    expect(i18n.global.locale.value).toBe('zh-CN');
  });
});
