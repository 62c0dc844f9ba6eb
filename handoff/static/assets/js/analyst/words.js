// Wording for the analyst pages: percentages, dates, outcome codes.

export const humanise = (code) => {
  const text = String(code || "").replace(/_/g, " ").trim();
  return text ? text[0].toUpperCase() + text.slice(1) : "";
};

/** An intent or topic as the charts label it: underscores become spaces. */
export const topicLabel = (name) => String(name || "").replace(/_/g, " ");

/** 0.4123 or "0.4123" -> "41%"; "" or null -> "not given". */
export function percent(value) {
  if (value === "" || value === null || value === undefined) return "not given";
  const number = Number(value);
  return Number.isFinite(number) ? `${Math.round(number * 100)}%` : "not given";
}

/** An ISO timestamp as "28 Nov 2026, 14:05" (the browser's time zone). */
export function dateTime(iso) {
  const when = new Date(iso);
  if (Number.isNaN(when.getTime())) return String(iso || "");
  return when.toLocaleString("en-GB", {
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
  });
}

/** A calendar day "2026-11-28" as "Sat 28 Nov 2026", or "Sat 28 Nov" without the year (no time
 *  zone shift: it is a UTC day). */
export function day(isoDate, { year = true } = {}) {
  const when = new Date(`${isoDate}T00:00:00Z`);
  if (Number.isNaN(when.getTime())) return String(isoDate || "");
  return when
    .toLocaleDateString("en-GB", {
      weekday: "short",
      day: "numeric",
      month: "short",
      year: year ? "numeric" : undefined,
      timeZone: "UTC",
    })
    .replace(",", "");
}

/** A duration in seconds as "45 s", "3 min 20 s", "1 h 5 min"; null -> "no claimed chats". */
export function duration(seconds) {
  if (seconds === null || seconds === undefined) return "no claimed chats";
  const total = Math.max(0, Math.round(Number(seconds)));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h) return `${h} h ${m} min`;
  if (m) return `${m} min ${s} s`;
  return `${s} s`;
}

export const count = (n, one, many) => `${n} ${n === 1 ? one : many}`;

export const shortId = (id) => String(id || "").slice(0, 8);
