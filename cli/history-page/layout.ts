// Where things sit on the page's time axis, in CSS: positions in % of the track (so the page
// reflows at any width without script), marks kept apart in pixels with CSS max()/min(), axis
// ticks on whole hours or days with the labels a narrow page can spare marked `minor`.

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** The axis: [start, end] maps to [LEFT_PAD, 100 - RIGHT_PAD] %; the right pad shows that open spans go on. */
export interface Axis {
  start: number;
  end: number;
}
const LEFT_PAD = 1.5;
const RIGHT_PAD = 4;

export function position(axis: Axis, time: number): number {
  if (axis.end <= axis.start) return 50;
  const share = (time - axis.start) / (axis.end - axis.start);
  return LEFT_PAD + Math.min(1, Math.max(0, share)) * (100 - LEFT_PAD - RIGHT_PAD);
}

/** "30 Nov 14:05" (UTC), with the year when the page spans more than one. */
export function shortTime(ms: number, withYear = false): string {
  const d = new Date(ms);
  const date = `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]}${withYear ? ` ${d.getUTCFullYear()}` : ''}`;
  return `${date} ${d.toISOString().slice(11, 16)}`;
}

/** "42m", "5h 12m", "2d 19h", "12d": how long a verdict held; `short` keeps the first unit. */
export function duration(ms: number): { long: string; short: string } {
  const minutes = Math.floor(ms / 60_000);
  if (ms <= 0) return { long: '0m', short: '0m' };
  if (minutes < 1) return { long: '<1m', short: '<1m' };
  if (minutes < 60) return { long: `${minutes}m`, short: `${minutes}m` };
  const hours = Math.floor(minutes / 60);
  if (hours < 24) {
    const rest = minutes % 60;
    return { long: rest ? `${hours}h ${rest}m` : `${hours}h`, short: `${hours}h` };
  }
  const days = Math.floor(hours / 24);
  const rest = hours % 24;
  return { long: days < 10 && rest ? `${days}d ${rest}h` : `${days}d`, short: `${days}d` };
}

export interface Tick {
  left: number;
  label: string;
  /** Left out when the axis is narrow (every other tick). */
  minor: boolean;
  /** Near an edge, the label is aligned inwards so it stays on the page. */
  align: 'start' | 'middle' | 'end';
}

const STEPS = [1, 2, 3, 6, 12].map((h) => h * HOUR_MS).concat([1, 2, 3, 4, 7, 14, 28, 56].map((d) => d * DAY_MS));
const MAX_TICKS = 6;

/** Whole-hour or whole-day ticks (UTC), at most six; hour ticks name the day at midnight. */
export function ticks(axis: Axis): Tick[] {
  const span = axis.end - axis.start;
  const withYear = new Date(axis.start).getUTCFullYear() !== new Date(axis.end).getUTCFullYear();
  if (span <= 0) return [{ left: 50, label: shortTime(axis.start, withYear), minor: false, align: 'middle' }];
  const step = STEPS.find((s) => span / s <= MAX_TICKS) ?? Math.ceil(span / MAX_TICKS / DAY_MS) * DAY_MS;
  const out: Tick[] = [];
  for (let t = Math.ceil(axis.start / step) * step; t <= axis.end; t += step) {
    const d = new Date(t);
    const midnight = t % DAY_MS === 0;
    const day = `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]}${withYear ? ` ${d.getUTCFullYear()}` : ''}`;
    const label = step >= DAY_MS || midnight ? day : d.toISOString().slice(11, 16);
    const left = position(axis, t);
    out.push({ left, label, minor: false, align: left < 8 ? 'start' : left > 92 ? 'end' : 'middle' });
  }
  // Every other label goes on a narrow axis, when that leaves at least two.
  if (out.length > 3)
    out.forEach((t, i) => {
      t.minor = i % 2 === 1;
    });
  return out;
}

/** Mark size plus the gap kept between two marks, in px (the page's .mark is 18px wide). */
export const MARK_PX = 18;
const GAP_PX = 4;
const PITCH = MARK_PX + GAP_PX;
/** The narrowest track the nudge is exact for; on a wider one, fewer marks need moving. */
const NARROWEST_TRACK_PX = 160;

/**
 * CSS `left` of each mark's centre on one track, in time order, so no two overlap at any width:
 * each mark sits at its time, or one pitch right of the mark before it when that is further
 * (x_i = max over j <= i of p_j + (i - j) * pitch, which CSS max() computes from the terms that
 * can matter), and marks that would run past the right edge are packed back from it.
 */
export function markLefts(percents: number[]): string[] {
  const n = percents.length;
  return percents.map((p, i) => {
    const terms = [`${p.toFixed(3)}%`, `${MARK_PX / 2 + i * PITCH}px`];
    for (let j = i - 1; j >= 0; j--) {
      const k = i - j;
      // Far enough back in time that it cannot push this mark on the narrowest track, nor on a wider one.
      if (((p - percents[j]!) / 100) * NARROWEST_TRACK_PX >= k * PITCH) continue;
      terms.push(`calc(${percents[j]!.toFixed(3)}% + ${k * PITCH}px)`);
    }
    return `min(max(${terms.join(', ')}), calc(100% - ${MARK_PX / 2 + (n - 1 - i) * PITCH}px))`;
  });
}
