// The status line above the message box: place in the queue and wait, who you are talking to,
// the receipt reference, or that the chat has ended. It is a polite live region, so a change is
// announced; an unchanged state is not re-written (and not re-announced).

import { el } from "../shared/dom.js";
import { aboutMinutes } from "../shared/time.js";

export function statusLines(state, call999Now) {
  if (!state) return [];
  const lines = [];
  if (state.emergency && state.status !== "closed") lines.push({ text: call999Now, class: "status__urgent" });
  if (state.status === "queued") {
    if (state.queue_position) {
      lines.push({ text: `You're number ${state.queue_position} in the queue for a person.` });
    } else {
      lines.push({ text: "You're in the queue for a person." });
    }
    if (state.estimated_wait_seconds) {
      lines.push({ text: `The estimated wait is ${aboutMinutes(state.estimated_wait_seconds)}.` });
    }
  } else if (state.status === "agent") {
    lines.push({ text: state.agent_name ? `You're talking to ${state.agent_name}.` : "You're talking to a person." });
  } else if (state.status === "closed") {
    lines.push({ text: "This chat has ended. Thank you." });
  }
  if (state.report_reference) {
    lines.push({
      text: `Your receipt reference: ${state.report_reference}`,
      class: "status__reference",
    });
  }
  return lines;
}

export function renderStatus(region, state, call999Now) {
  const lines = statusLines(state, call999Now);
  const signature = lines.map((line) => line.text).join("\n");
  if (region.dataset.signature === signature) return;
  region.dataset.signature = signature;
  region.replaceChildren(...lines.map((line) => el("p", { class: `status__line ${line.class || ""}`, text: line.text })));
}
