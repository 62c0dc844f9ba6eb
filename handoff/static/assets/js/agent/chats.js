// "My chats": the conversations I hold, several at once, in their own scroll region. Each says
// how many citizen messages I have not seen (counted by the server from my read marks, so the
// numbers survive a reload), the latest thing the citizen wrote, and whether the citizen has left
// or a handover note waits to be accepted.

import { el, setText } from "../shared/dom.js";
import * as words from "./words.js";

export class MyChats {
  constructor({ list, count, empty, onSelect, onChange }) {
    this.list = list;
    this.count = count;
    this.empty = empty;
    this.onSelect = onSelect;
    this.onChange = onChange || (() => {});
    this.summaries = new Map();
    this.unread = new Map();
    this.active = null;
  }

  set(summaries) {
    this.summaries = new Map(summaries.map((s) => [s.conversation_id, s]));
    this.unread = new Map(summaries.map((s) => [s.conversation_id, s.conversation_id === this.active ? 0 : s.unread || 0]));
    this.render();
  }

  has(id) {
    return this.summaries.has(id);
  }

  ids() {
    return [...this.summaries.keys()];
  }

  upsert(summary) {
    const old = this.summaries.get(summary.conversation_id) || {};
    this.summaries.set(summary.conversation_id, { ...old, ...summary });
    if (typeof summary.unread === "number" && summary.conversation_id !== this.active) {
      this.unread.set(summary.conversation_id, summary.unread);
    }
    this.render();
  }

  remove(id) {
    this.summaries.delete(id);
    this.unread.delete(id);
    this.render();
  }

  /** A citizen message arrived in one of my chats. */
  noteMessage(id, message) {
    const summary = this.summaries.get(id);
    if (!summary) return;
    summary.preview = message.text;
    if (id !== this.active || document.hidden) this.unread.set(id, (this.unread.get(id) || 0) + 1);
    this.render();
  }

  select(id) {
    this.active = id;
    this.unread.delete(id);
    this.render();
  }

  totalUnread() {
    let total = 0;
    for (const n of this.unread.values()) total += n;
    for (const s of this.summaries.values()) if (s.handover_pending) total += 1;
    return total;
  }

  /** The next chat to look at: unread first (most urgent first), then round the list. */
  next() {
    const ids = this.ids();
    if (!ids.length) return null;
    const waiting = ids.filter((id) => id !== this.active && ((this.unread.get(id) || 0) > 0 || this.summaries.get(id)?.handover_pending));
    if (waiting.length) return waiting[0];
    const at = ids.indexOf(this.active);
    return ids[(at + 1) % ids.length];
  }

  render() {
    const focusedId = document.activeElement?.dataset?.chat;
    const items = [...this.summaries.values()].map((summary) => this.item(summary));
    this.list.replaceChildren(...items);
    setText(this.count, `(${items.length})`);
    this.empty.hidden = items.length > 0;
    if (focusedId) this.list.querySelector(`[data-chat="${CSS.escape(focusedId)}"]`)?.focus();
    this.onChange(this);
  }

  item(summary) {
    const id = summary.conversation_id;
    const unread = this.unread.get(id) || 0;
    const button = el(
      "button",
      {
        class: `mine__button${summary.emergency ? " mine__button--emergency" : ""}`,
        attrs: { type: "button", "aria-current": id === this.active ? "true" : false },
        data: { chat: id },
        on: { click: () => this.onSelect(id) },
      },
      el(
        "span",
        { class: "mine__top" },
        el("span", { class: "mine__title", text: `Chat ${words.shortId(id)}` }),
        el("span", { text: ` · ${summary.emergency ? "Emergency · " : ""}${words.reason(summary.reason)}` }),
        unread ? el("span", { class: "mine__unread", text: `${unread} new` }) : null,
        summary.handover_pending ? el("span", { class: "mine__flag", text: "Handover to accept" }) : null,
        summary.citizen_left_at ? el("span", { class: "mine__flag mine__flag--left", text: "Citizen left" }) : null,
      ),
      summary.preview ? el("span", { class: "mine__preview", text: `“${summary.preview}”` }) : null,
    );
    return el("li", {}, button);
  }
}
