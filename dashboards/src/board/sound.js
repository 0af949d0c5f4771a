// The board's audible alarm: a two-tone siren made with Web Audio oscillators (no audio file to
// fetch). Browsers start an AudioContext suspended until the page is touched once; the board
// says so and resumes on the first click. `window.__anjuAlarm` exposes the state to the tests
// (only with the test-only flag, src/testHooks.js).
import { exposeForTests } from '../testHooks.js';

const TONES = [880, 660];
const BEEP_S = 0.25;

export class AlarmSound {
  constructor() {
    this.context = null;
    this.muted = false;
    this.started = 0;
    exposeForTests('__anjuAlarm', this);
  }

  /** The AudioContext state: 'none' before the first alarm, then suspended / running. */
  get state() {
    return this.context?.state ?? 'none';
  }

  /** Resumes the context after a user gesture (autoplay policy). */
  unlock() {
    this.ensure();
    return this.context.resume();
  }

  ensure() {
    this.context ??= new AudioContext();
  }

  /** Sounds the siren three times unless muted; counts each started oscillator. */
  ring() {
    if (this.muted) return false;
    this.ensure();
    if (this.context.state === 'suspended') this.context.resume().catch(() => {});
    const t0 = this.context.currentTime;
    for (let i = 0; i < 6; i += 1) {
      const osc = this.context.createOscillator();
      const gain = this.context.createGain();
      osc.type = 'square';
      osc.frequency.value = TONES[i % 2];
      gain.gain.value = 0.08;
      osc.connect(gain).connect(this.context.destination);
      osc.start(t0 + i * BEEP_S);
      osc.stop(t0 + (i + 1) * BEEP_S);
      this.started += 1;
    }
    return true;
  }
}
