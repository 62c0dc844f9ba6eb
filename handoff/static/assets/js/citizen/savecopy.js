// "Save a copy": the transcript as a plain text file. The file name is deliberately neutral
// (someone else may look at this device's downloads).

import { el } from "../shared/dom.js";

export function transcriptText({ title, messages, who, reference }) {
  const saved = new Date().toLocaleString("en-GB");
  const lines = [title, `Saved ${saved}`];
  if (reference) lines.push(`Receipt reference: ${reference}`);
  lines.push("");
  for (const message of messages) {
    const when = new Date(message.created_at).toLocaleString("en-GB");
    lines.push(`[${when}] ${who(message)}:`);
    lines.push(message.text);
    if (Array.isArray(message.buttons) && message.buttons.length) {
      lines.push(`(Options: ${message.buttons.map((b) => b.title).join(" / ")})`);
    }
    lines.push("");
  }
  return lines.join("\r\n");
}

export function downloadText(text) {
  const stamp = new Date().toISOString().slice(0, 16).replace(/[-:T]/g, "");
  const url = URL.createObjectURL(new Blob([text], { type: "text/plain;charset=utf-8" }));
  const link = el("a", { attrs: { href: url, download: `transcript-${stamp}.txt` } });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}
