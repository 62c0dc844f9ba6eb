// The 403 page ("You cannot open the analyst pages"): only the Log out button needs a script.

import { wireLogout } from "./session.js";

wireLogout();
