// Human wording for durations and clock times.

/** Python's round(): halves go to the even neighbour (2.5 -> 2, 3.5 -> 4). */
function roundHalfEven(value) {
  const floor = Math.floor(value);
  const diff = value - floor;
  if (diff > 0.5) return floor + 1;
  if (diff < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}

/** 150 -> "about 2 minutes", worded exactly as the gateway's own queue notices
 *  (handoff/service/wording.py minutes()), so the page never shows two different waits. */
export function aboutMinutes(seconds) {
  const value = Number(seconds || 0);
  if (value >= 3600) return "over an hour";
  const minutes = Math.max(1, roundHalfEven(value / 60));
  return minutes === 1 ? "about 1 minute" : `about ${minutes} minutes`;
}

/** 75 -> "1 min 15 s"; 3725 -> "1 h 2 min". */
export function elapsed(seconds) {
  const total = Math.max(0, Math.floor(Number(seconds || 0)));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h) return `${h} h ${m} min`;
  if (m) return `${m} min ${String(s).padStart(2, "0")} s`;
  return `${s} s`;
}

/** An ISO timestamp as a local 24-hour clock time, "14:05". */
export function clock(iso) {
  const when = new Date(iso);
  if (Number.isNaN(when.getTime())) return "";
  return when.toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit" });
}
