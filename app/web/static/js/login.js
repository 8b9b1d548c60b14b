// Inloggning: sign in, and set a new password first when the account must change it.
import { api, ApiError } from "./api.js";
import { say, fail, clearFail } from "./ui.js";

const loginForm = document.getElementById("inloggning");
const changeForm = document.getElementById("byt-losenord");

function nextPage() {
  const next = new URLSearchParams(location.search).get("next") || "";
  return next.startsWith("/ui/") ? next : "/ui/arenden";
}

function askForNewPassword(current) {
  say("Välj ett nytt lösenord.");
  loginForm.hidden = true;
  changeForm.hidden = false;
  document.getElementById("nuvarande").value = current;
  document.getElementById(current ? "nytt" : "nuvarande").focus();
}

loginForm.addEventListener("submit", async (event) => {
  event.preventDefault();
  clearFail();
  const username = document.getElementById("anvandarnamn").value.trim();
  const password = document.getElementById("losenord").value;
  if (!username || !password) return fail(new Error("fyll i användarnamn och lösenord"));
  say("Loggar in …");
  try {
    const me = await api.post("/auth/login", { username, password }, { redirectOn401: false });
    api.setCsrf(me.csrf_token);
    if (me.must_change_password) return askForNewPassword(password);
    say("Inloggad.");
    location.assign(nextPage());
  } catch (error) {
    say("");
    fail(error instanceof ApiError && error.status === 401 ? new Error("fel användarnamn eller lösenord")
      : error);
  }
});

changeForm.addEventListener("submit", async (event) => {
  event.preventDefault();
  clearFail();
  const current = document.getElementById("nuvarande").value;
  const fresh = document.getElementById("nytt").value;
  if (fresh !== document.getElementById("upprepa").value) {
    return fail(new Error("lösenorden är inte lika"));
  }
  try {
    await api.post("/auth/password", { current_password: current, new_password: fresh },
      { redirectOn401: false });
    say("Lösenordet är bytt.");
    location.assign(nextPage());
  } catch (error) {
    fail(error);
  }
});

// Already signed in: go on, or set the new password this account still owes.
api.get("/auth/me", { redirectOn401: false }).then((me) => {
  api.setCsrf(me.csrf_token);
  if (me.must_change_password) askForNewPassword("");
  else location.assign(nextPage());
}).catch(() => { /* not signed in: the form is there */ });
