import { type Announcement } from '../../shared/domain/queue/speech';

/**
 * Plays announcements one after another across all windows: a zh-CN voice where the machine has
 * one, otherwise a chime (the screen highlights the text meanwhile). `onShow` gets the text being
 * announced, null when done.
 */
export class Announcer {
  private queue: Announcement[] = [];
  private playing = false;

  constructor(private readonly onShow: (a: Announcement | null) => void) {}

  /** Whether speech will be used; else a chime. */
  static hasChineseVoice(): boolean {
    if (typeof speechSynthesis === 'undefined') return false;
    return speechSynthesis.getVoices().some((v) => v.lang.toLowerCase().replace('_', '-').startsWith('zh'));
  }

  push(a: Announcement): void {
    this.queue.push(a);
    if (!this.playing) void this.drain();
  }

  private async drain(): Promise<void> {
    this.playing = true;
    while (this.queue.length > 0) {
      const a = this.queue.shift()!;
      this.onShow(a);
      await chime();
      if (Announcer.hasChineseVoice()) await speak(a.speech);
      else await pause(3000);
    }
    this.onShow(null);
    this.playing = false;
  }
}

const pause = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function speak(text: string): Promise<void> {
  return new Promise((resolve) => {
    const u = new SpeechSynthesisUtterance(text);
    u.lang = 'zh-CN';
    u.rate = 0.9;
    const voice = speechSynthesis.getVoices().find((v) => v.lang.toLowerCase().replace('_', '-').startsWith('zh'));
    if (voice) u.voice = voice;
    // A voice that never reports its end must not stall the hall: give up after 12 s.
    const guard = setTimeout(resolve, 12_000);
    u.onend = u.onerror = () => {
      clearTimeout(guard);
      resolve();
    };
    speechSynthesis.speak(u);
  });
}

/** Two-tone “ding-dong” with Web Audio: no sound file to ship. */
async function chime(): Promise<void> {
  try {
    const ctx = new AudioContext();
    const tone = (freq: number, start: number) => {
      const o = ctx.createOscillator();
      const g = ctx.createGain();
      o.frequency.value = freq;
      g.gain.setValueAtTime(0.3, ctx.currentTime + start);
      g.gain.exponentialRampToValueAtTime(0.001, ctx.currentTime + start + 0.6);
      o.connect(g).connect(ctx.destination);
      o.start(ctx.currentTime + start);
      o.stop(ctx.currentTime + start + 0.6);
    };
    tone(880, 0);
    tone(660, 0.45);
    await pause(1100);
    void ctx.close();
  } catch {
    await pause(300);
  }
}
