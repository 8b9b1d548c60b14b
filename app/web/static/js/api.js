// The REST API from the browser: session cookie + CSRF token, errors as Swedish one-liners.
const BASE = "/api/v1";
let csrfToken = "";

// A Swedish headline per status; the service's own one-line reason follows it.
const HEADLINES = {
  0: "Kunde inte nå tjänsten",
  400: "Ogiltig uppgift",
  401: "Inte inloggad",
  403: "Behörighet saknas",
  404: "Finns inte",
  409: "Går inte i nuvarande läge",
  413: "För stor",
  415: "Filtypen stöds inte",
  422: "Kan inte utföras",
  429: "Kontot är tillfälligt låst",
  500: "Internt fel",
};

export class ApiError extends Error {
  constructor(status, detail) {
    const headline = HEADLINES[status] || `Fel ${status}`;
    super(detail ? `${headline} (${detail})` : headline);
    this.status = status;
    this.detail = detail;
  }
}

function loginUrl() {
  const next = encodeURIComponent(location.pathname + location.search);
  return `/ui/inloggning?next=${next}`;
}

async function parse(response) {
  const type = response.headers.get("content-type") || "";
  if (response.status === 204) return null;
  return type.includes("json") ? response.json() : response.blob();
}

export async function request(method, path, body, { redirectOn401 = true } = {}) {
  const headers = {};
  const options = { method, headers, credentials: "same-origin" };
  if (method !== "GET") headers["X-CSRF-Token"] = csrfToken;
  if (body instanceof FormData) options.body = body;
  else if (body !== undefined) {
    headers["Content-Type"] = "application/json";
    options.body = JSON.stringify(body);
  }
  const response = await fetch(BASE + path, options);
  if (response.ok) return parse(response);
  let detail = "";
  try {
    const data = await response.json();
    if (typeof data.detail === "string") detail = data.detail;
    else if (Array.isArray(data.detail)) detail = data.detail.map((d) => d.msg).join("; ");
  } catch { /* not JSON */ }
  if (response.status === 401 && redirectOn401) location.assign(loginUrl());
  if (response.status === 403 && /password/i.test(detail)) location.assign(loginUrl());
  throw new ApiError(response.status, detail);
}

export const api = {
  get: (path, opts) => request("GET", path, undefined, opts),
  post: (path, body, opts) => request("POST", path, body ?? {}, opts),
  patch: (path, body) => request("PATCH", path, body),
  put: (path, body) => request("PUT", path, body),
  del: (path) => request("DELETE", path),
  setCsrf(token) { csrfToken = token || ""; },
  get csrf() { return csrfToken; },
};

// Upload with progress (fetch has no upload progress): resolves with the parsed JSON answer.
export function upload(path, formData, onProgress) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", BASE + path);
    xhr.setRequestHeader("X-CSRF-Token", csrfToken);
    xhr.upload.addEventListener("progress", (e) => {
      if (e.lengthComputable) onProgress(Math.round((100 * e.loaded) / e.total));
    });
    xhr.addEventListener("load", () => {
      let data = null;
      try { data = JSON.parse(xhr.responseText); } catch { /* empty */ }
      if (xhr.status >= 200 && xhr.status < 300) resolve(data);
      else reject(new ApiError(xhr.status, (data && typeof data.detail === "string") ? data.detail : ""));
    });
    xhr.addEventListener("error", () => reject(new ApiError(0, "")));
    xhr.send(formData);
  });
}

// Who is signed in (and the CSRF token); sends the browser to the login page when nobody is.
export async function signedIn() {
  const me = await api.get("/auth/me");
  if (me.must_change_password) {
    location.assign(loginUrl());
    throw new ApiError(403, "byt lösenord först");
  }
  api.setCsrf(me.csrf_token);
  const who = document.getElementById("vem");
  document.getElementById("anvandare").textContent = me.full_name || me.username;
  who.hidden = false;
  document.getElementById("logga-ut").addEventListener("click", async () => {
    try { await api.post("/auth/logout"); } finally { location.assign("/ui/inloggning"); }
  });
  return me;
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export async function waitForJob(jobId, onState, intervalMs = 400) {
  for (;;) {
    const job = await api.get(`/jobs/${jobId}`);
    if (onState) onState(job);
    if (job.state === "done" || job.state === "failed") return job;
    await sleep(intervalMs);
  }
}
