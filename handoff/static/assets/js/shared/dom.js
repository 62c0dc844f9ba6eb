// Building DOM safely: text always goes in through textContent, never through innerHTML.

/**
 * el("p", {class: "x", text: "hello", attrs: {id: "y"}, on: {click: fn}}, child, ...)
 */
export function el(tag, options = {}, ...children) {
  const node = document.createElement(tag);
  if (options.class) node.className = options.class;
  if (options.text !== undefined && options.text !== null) node.textContent = String(options.text);
  for (const [name, value] of Object.entries(options.attrs || {})) {
    if (value === false || value === null || value === undefined) continue;
    node.setAttribute(name, value === true ? "" : String(value));
  }
  for (const [name, value] of Object.entries(options.data || {})) node.dataset[name] = String(value);
  for (const [event, handler] of Object.entries(options.on || {})) node.addEventListener(event, handler);
  for (const child of children) if (child) node.append(child);
  return node;
}

export const byId = (id) => document.getElementById(id);

export function show(node, visible = true) {
  node.hidden = !visible;
}

/** Replace a region's text; does nothing when unchanged, so live regions are not re-announced. */
export function setText(node, text) {
  const value = text || "";
  if (node.textContent !== value) node.textContent = value;
  return node;
}

/** Shows a message in a role=alert paragraph, or hides it when the message is empty. */
export function setError(node, message) {
  setText(node, message);
  node.hidden = !message;
}
