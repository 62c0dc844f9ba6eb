// The privacy notice has the same quick exit as the chat.
import { installQuickExit } from "./exit.js";

installQuickExit({
  url: document.body.dataset.exitUrl || "https://www.bbc.co.uk/weather",
  link: document.getElementById("quick-exit"),
});
