// Ärendelista: the cases, newest first, and a form to open a new one.
import { api, signedIn } from "./api.js";
import { say, fail, clearFail, el, formatDate, STATE_LABELS } from "./ui.js";

const body = document.getElementById("arenden");

function documentSummary(counts) {
  const parts = Object.entries(counts).map(([state, n]) => `${n} ${(STATE_LABELS[state] || state).toLowerCase()}`);
  return parts.join(", ") || "inga";
}

async function load(query = "") {
  const list = await api.get(`/cases?limit=200&q=${encodeURIComponent(query)}`);
  body.replaceChildren(...list.items.map((c) => el("tr", {},
    el("td", {}, el("a", { href: `/ui/arenden/${c.id}`, text: c.diarienummer })),
    el("td", { text: c.title }),
    el("td", { text: c.status === "decided" ? "Beslutat" : "Öppet" }),
    el("td", { text: documentSummary(c.documents) }),
    el("td", { text: formatDate(c.created_at) }),
  )));
  if (!list.items.length) body.append(el("tr", {}, el("td", { colspan: "5", text: "Inga ärenden." })));
  say(`${list.total} ärenden.`);
}

document.getElementById("nytt-arende").addEventListener("submit", async (event) => {
  event.preventDefault();
  clearFail();
  const diarienummer = document.getElementById("diarienummer").value.trim();
  if (!diarienummer) return fail(new Error("ange diarienummer"));
  const requester = document.getElementById("sokande").value.trim();
  try {
    const created = await api.post("/cases", {
      diarienummer,
      title: document.getElementById("rubrik").value.trim(),
      case_type: document.getElementById("arendetyp").value.trim(),
      requester: requester || null,
    });
    say(`Ärende ${created.diarienummer} skapat.`);
    location.assign(`/ui/arenden/${created.id}`);
  } catch (error) {
    fail(error);
  }
});

document.getElementById("sok-arende").addEventListener("submit", (event) => {
  event.preventDefault();
  load(document.getElementById("sok").value.trim()).catch(fail);
});

signedIn().then(() => load()).catch(fail);
