// Labels for codes the API uses (reasons, outcomes, priorities, intents).

const REASONS = {
  emergency: "Emergency",
  safeguarding: "Safeguarding",
  risk_disclosed: "Risk disclosed in a report",
  collision_injury: "Collision with an injury",
  requested: "Asked for a person",
  not_understood: "Assistant did not understand",
  specific_ticket: "A specific ticket",
  assistant_unavailable: "Assistant unavailable",
  transfer: "Released or transferred",
};

export const humanise = (code) => {
  const text = String(code || "").replace(/_/g, " ").trim();
  return text ? text[0].toUpperCase() + text.slice(1) : "";
};

export const reason = (code) => REASONS[code] || humanise(code) || "Not given";
export const outcome = (code) => (code === "referred_999" ? "Referred to 999" : humanise(code));
export const priority = (label) => humanise(label || "normal");

export function triage(value) {
  if (!value || !value.intent) return "No reading yet";
  const confidence = typeof value.confidence === "number" ? ` (${Math.round(value.confidence * 100)}%)` : "";
  return `${value.intent}${confidence}`;
}

export const shortId = (id) => String(id || "").slice(0, 8);
