// Getting an agent's attention when something happens outside the open chat: a short sound
// (configurable, with an off switch kept for the tab, off by default when the system asks for
// reduced motion; sessionStorage: nothing about a shift stays in the browser after it),
// the tab title ("(2) Agent console"), and the browser's Notification API (asked for once, when
// the agent presses "Desktop alerts"; never required). Notifications never carry message text.

const SOUND_KEY = "console:sound";

export class Attention {
  constructor({ soundButton, notifyButton, baseTitle }) {
    this.soundButton = soundButton;
    this.notifyButton = notifyButton;
    this.baseTitle = baseTitle || document.title;
    this.audio = null;
    const stored = sessionStorage.getItem(SOUND_KEY);
    const quiet = window.matchMedia?.("(prefers-reduced-motion: reduce)").matches;
    this.sound = stored === null ? !quiet : stored === "on";
    this.showSound();
    soundButton.addEventListener("click", () => {
      this.sound = !this.sound;
      sessionStorage.setItem(SOUND_KEY, this.sound ? "on" : "off");
      this.showSound();
      if (this.sound) this.beep("message");
    });
    const supported = "Notification" in window;
    notifyButton.hidden = !supported || Notification.permission !== "default";
    notifyButton.addEventListener("click", async () => {
      try {
        await Notification.requestPermission();
      } finally {
        notifyButton.hidden = true; // asked once; the browser remembers the answer
      }
    });
  }

  showSound() {
    this.soundButton.setAttribute("aria-pressed", this.sound ? "true" : "false");
    this.soundButton.textContent = this.sound ? "Sound on" : "Sound off";
  }

  /** The tab title counts what waits for me: unread messages, handovers, emergencies waiting. */
  setCount(count) {
    document.title = count > 0 ? `(${count}) ${this.baseTitle}` : this.baseTitle;
  }

  /** kind: "emergency" | "message" | "transfer" */
  alert(kind, title) {
    if (this.sound) this.beep(kind);
    if ("Notification" in window && Notification.permission === "granted" && (document.hidden || kind === "emergency")) {
      try {
        const note = new Notification(title, { tag: `console-${kind}`, renotify: kind === "emergency" });
        note.onclick = () => window.focus();
      } catch {
        // some browsers only allow notifications from a service worker: the title still counts
      }
    }
  }

  beep(kind) {
    try {
      const AudioContext = window.AudioContext || window.webkitAudioContext;
      if (!AudioContext) return;
      this.audio = this.audio || new AudioContext();
      const ctx = this.audio;
      const tones = kind === "emergency" ? [880, 660, 880] : kind === "transfer" ? [520, 780] : [660];
      tones.forEach((frequency, i) => {
        const osc = ctx.createOscillator();
        const gain = ctx.createGain();
        osc.frequency.value = frequency;
        gain.gain.value = 0.08;
        osc.connect(gain).connect(ctx.destination);
        const start = ctx.currentTime + i * 0.18;
        osc.start(start);
        osc.stop(start + 0.14);
      });
    } catch {
      // no audio device: the title and the announcement still tell
    }
  }
}
