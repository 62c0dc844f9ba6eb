// A websocket that reconnects with exponential backoff (1 s, 2 s, 4 s ... 30 s, with jitter),
// keeps itself alive with pings, and tells its owner when it is (re)connected so the owner can
// re-read what it may have missed.

const PING_MS = 25000;
const MAX_DELAY_MS = 30000;
// Close codes 4000 + an HTTP status: the server refused us for good (bad token, logged out...).
const FATAL = (code) => code >= 4400 && code < 4500;

export class LiveSocket {
  /**
   * @param {() => string} url  called on every attempt
   * @param {{onMessage, onOpen, onDown, onFatal}} handlers
   * @param {() => string | undefined} greeting  sent first on every (re)connection: how the
   *   citizen page sends its token, never in the URL
   */
  constructor(url, handlers, greeting = () => undefined) {
    this.url = url;
    this.handlers = handlers;
    this.greeting = greeting;
    this.attempt = 0;
    this.stopped = false;
    this.ws = null;
    this.timer = null;
    this.ping = null;
    this.reconnectNow = () => this.connect();
    window.addEventListener("online", this.reconnectNow);
  }

  get open() {
    return this.ws !== null && this.ws.readyState === WebSocket.OPEN;
  }

  connect() {
    if (this.stopped) return;
    clearTimeout(this.timer);
    if (this.ws && this.ws.readyState <= WebSocket.OPEN) return;
    const ws = new WebSocket(this.url());
    this.ws = ws;
    ws.addEventListener("open", () => {
      const hello = this.greeting();
      if (hello) ws.send(hello);
      this.attempt = 0;
      clearInterval(this.ping);
      this.ping = setInterval(() => ws.readyState === WebSocket.OPEN && ws.send("ping"), PING_MS);
      this.handlers.onOpen?.();
    });
    ws.addEventListener("message", (event) => {
      let data;
      try {
        data = JSON.parse(event.data);
      } catch {
        return;
      }
      if (data.type !== "pong") this.handlers.onMessage?.(data);
    });
    ws.addEventListener("close", (event) => {
      clearInterval(this.ping);
      if (this.ws !== ws) return;
      this.ws = null;
      if (this.stopped) return;
      if (FATAL(event.code)) {
        this.stopped = true;
        this.handlers.onFatal?.(event.code);
        return;
      }
      this.handlers.onDown?.();
      const delay = Math.min(MAX_DELAY_MS, 1000 * 2 ** this.attempt) * (0.75 + Math.random() / 2);
      this.attempt += 1;
      this.timer = setTimeout(() => this.connect(), delay);
    });
  }

  /** Sends a short text frame if connected (e.g. "typing"); returns whether it went. */
  send(text) {
    if (!this.open) return false;
    this.ws.send(text);
    return true;
  }

  close() {
    this.stopped = true;
    clearTimeout(this.timer);
    clearInterval(this.ping);
    window.removeEventListener("online", this.reconnectNow);
    if (this.ws) this.ws.close(1000);
    this.ws = null;
  }
}

/** ws:// or wss:// for a path on this host. */
export function socketUrl(path) {
  const scheme = location.protocol === "https:" ? "wss:" : "ws:";
  return `${scheme}//${location.host}${path}`;
}
