// The apps' i18n instance (src/i18n/index.js) on petite-vue-i18n, as the build gives it: nested
// keys resolve, and `te`, which petite-vue-i18n lacks, answers for the labels (src/labels.js).
import { describe, expect, it } from 'vitest';
import { createAppI18n } from '../src/i18n/index.js';
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
