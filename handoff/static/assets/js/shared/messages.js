// A transcript rendered into an <ol role="log">: one <li> per message, kept in id order, each id
// once (the same message can arrive from a POST reply, the websocket and a re-read transcript).
// All text goes in through textContent.

import { el } from "./dom.js";
import { clock } from "./time.js";

export class MessageList {
  /**
   * @param {HTMLOListElement} list
   * @param {{who: (m) => string, meta?: (m) => string, onButton?: (button, message) => void,
   *          buttonsLive?: (message, isLast) => boolean}} options
   */
  constructor(list, options) {
    this.list = list;
    this.options = options;
    this.messages = new Map();
  }

  has(id) {
    return this.messages.has(id);
  }

  /** Adds a message unless it is already shown; returns whether it was new. */
  add(message, { animate = true } = {}) {
    if (!message || typeof message.id !== "number" || this.messages.has(message.id)) return false;
    this.messages.set(message.id, message);
    const node = this.render(message);
    if (animate) node.classList.add("msg--new");
    let before = null;
    const last = this.list.lastElementChild;
    if (last && Number(last.dataset.id) > message.id) {
      before = [...this.list.children].find((child) => Number(child.dataset.id) > message.id) || null;
    }
    this.list.insertBefore(node, before);
    this.refreshButtons();
    return true;
  }

  clear() {
    this.messages.clear();
    this.list.replaceChildren();
  }

  /** The messages in order. */
  all() {
    return [...this.messages.values()].sort((a, b) => a.id - b.id);
  }

  render(message) {
    const sender = ["bot", "citizen", "agent", "system"].includes(message.sender) ? message.sender : "system";
    const item = el("li", { class: `msg msg--${sender}`, data: { id: message.id } });
    item.append(el("p", { class: "msg__who", text: this.options.who(message) }));
    item.append(el("p", { class: "msg__text", text: message.text }));
    if (this.options.onButton && Array.isArray(message.buttons) && message.buttons.length) {
      const buttons = el("ul", { class: "msg__buttons" });
      for (const button of message.buttons) {
        const control = el("button", {
          class: "button button--secondary",
          text: button.title,
          attrs: { type: "button", value: button.payload },
          on: { click: () => this.options.onButton(button, message) },
        });
        buttons.append(el("li", {}, control));
      }
      item.append(buttons);
    }
    const time = el("time", { text: clock(message.created_at), attrs: { datetime: message.created_at } });
    const meta = el("p", { class: "msg__meta" }, time);
    const extra = this.options.meta ? this.options.meta(message) : "";
    if (extra) meta.append(document.createTextNode(` · ${extra}`));
    item.append(meta);
    return item;
  }

  /** Only the newest message's buttons can be pressed (older questions have been answered). */
  refreshButtons() {
    const items = [...this.list.children];
    items.forEach((item, index) => {
      const message = this.messages.get(Number(item.dataset.id));
      const isLast = index === items.length - 1;
      const live = this.options.buttonsLive ? this.options.buttonsLive(message, isLast) : isLast;
      for (const button of item.querySelectorAll(".msg__buttons button")) button.disabled = !live;
    });
  }
}
