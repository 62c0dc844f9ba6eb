// The public chat API (README "Citizen"): one bearer token per conversation.

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }

  /** The chat is gone for this tab: unknown, or the token is not (or no longer) valid. */
  get lost() {
    return this.status === 401 || this.status === 403 || this.status === 404;
  }
}

const FRIENDLY = {
  0: "We couldn't reach the chat. Check your connection and try again.",
  409: "This chat has ended.",
  413: "That message is too long. Please keep it under 2,000 characters.",
  429: "You're sending messages quickly. Please wait a few seconds and try again.",
};

async function call(method, path, { token, body } = {}) {
  const headers = { Accept: "application/json" };
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  let response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: "no-store",
      credentials: "omit",
    });
  } catch {
    throw new ApiError(0, FRIENDLY[0]);
  }
  let data = null;
  try {
    data = await response.json();
  } catch {
    data = null;
  }
  if (!response.ok) {
    // 503: the gateway's own "we're having trouble" notice, with the 999 routes (and "call 999
    // now" when the message read as an emergency): shown as it is.
    const fallback = response.status === 503 && data && data.error
      ? data.error
      : response.status >= 500
        ? "Something went wrong on our side. Please try again, or call 101."
        : (data && data.error) || "Something went wrong. Please try again.";
    throw new ApiError(response.status, FRIENDLY[response.status] || fallback);
  }
  return data;
}

const path = (id) => `/api/chat/conversations/${encodeURIComponent(id)}`;

export const startConversation = () => call("POST", "/api/chat/conversations");

/** content is {text} or {payload} */
export const sendMessage = (chat, content) =>
  call("POST", `${path(chat.id)}/messages`, { token: chat.token, body: content });

export const readTranscript = (chat) => call("GET", path(chat.id), { token: chat.token });

/** The citizen left (the quick exit): sent with keepalive, so it goes out as the page unloads. */
export function leaveChat(chat, how) {
  try {
    return fetch(`${path(chat.id)}/leave`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${chat.token}` },
      body: JSON.stringify({ how }),
      keepalive: true,
      credentials: "omit",
    }).catch(() => {});
  } catch {
    return Promise.resolve();
  }
}
