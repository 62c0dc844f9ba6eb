// "My chats": the conversations I hold, several at once; one is open at a time, the others count
// their unread messages.

import { el, setText } from "../shared/dom.js";
import * as words from "./words.js";

export class MyChats {
  constructor({ list, count, empty, onSelect }) {
    this.list = list;
    this.count = count;
    this.empty = empty;
    this.onSelect = onSelect;
    this.summaries = new Map();
    this.unread = new Map();
    this.active = null;
  }

  set(summaries) {
    this.summaries = new Map(summaries.map((s) => [s.conversation_id, s]));
    this.render();
  }

  has(id) {
    return this.summaries.has(id);
  }

  upsert(summary) {
    this.summaries.set(summary.conversation_id, summary);
    this.render();
  }

  remove(id) {
    this.summaries.delete(id);
    this.unread.delete(id);
    this.render();
  }

  markUnread(id) {
    if (id === this.active || !this.summaries.has(id)) return;
    this.unread.set(id, (this.unread.get(id) || 0) + 1);
    this.render();
  }

  select(id) {
    this.active = id;
    this.unread.delete(id);
    this.render();
  }

  render() {
    const focusedId = document.activeElement?.dataset?.chat;
    const items = [...this.summaries.values()].map((summary) => this.item(summary));
    this.list.replaceChildren(...items);
    setText(this.count, `(${items.length})`);
    this.empty.hidden = items.length > 0;
    if (focusedId) this.list.querySelector(`[data-chat="${CSS.escape(focusedId)}"]`)?.focus();
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
      el("span", { text: `Chat ${words.shortId(id)}` }),
      el("span", { text: ` · ${summary.emergency ? "Emergency · " : ""}${words.reason(summary.reason)}` }),
    );
    if (unread) button.append(el("span", { class: "mine__unread", text: `${unread} new` }));
    return el("li", {}, button);
  }
}
