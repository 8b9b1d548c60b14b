// Ärende: upload documents (drag and drop or file picker, several at once), follow their analysis,
// open them for review, and decide the case.
import { api, upload, signedIn, waitForJob } from "./api.js";
import { say, fail, clearFail, el, STATE_LABELS, STATUS_LABELS } from "./ui.js";

const caseId = document.getElementById("arende").dataset.caseId;
const rows = document.getElementById("dokument");
const progress = document.getElementById("uppladdning");
const BUSY = new Set(["received", "analyzing", "burning"]);

function findingSummary(counts) {
  return Object.entries(counts).map(([s, n]) => `${n} ${(STATUS_LABELS[s] || s).toLowerCase()}`).join(", ");
}

function documentRow(d) {
  const canReview = d.state === "review" || d.state === "released";
  const action = canReview
    ? el("a", { href: `/ui/dokument/${d.id}/granskning`, text: `Granska ${d.filename}` })
    : d.state === "failed"
      ? el("button", { type: "button", text: "Försök igen", onclick: () => retry(d.id) })
      : el("span", { text: "–" });
  const state = STATE_LABELS[d.state] || d.state;
  return el("tr", { "data-document-id": d.id },
    el("td", { text: d.filename }),
    el("td", { text: String(d.page_count || "") }),
    el("td", { class: `state state-${d.state}`, text: d.error ? `${state}: ${d.error}` : state }),
    el("td", { text: findingSummary(d.findings) }),
    el("td", {}, action),
  );
}

async function loadDocuments() {
  const documents = await api.get(`/cases/${caseId}/documents`);
  rows.replaceChildren(...documents.map(documentRow));
  if (!documents.length) rows.append(el("tr", {}, el("td", { colspan: "5", text: "Inga dokument ännu." })));
  return documents;
}

async function follow() {
  // Poll while anything is being processed; the table shows each document's state as it changes.
  for (;;) {
    const documents = await loadDocuments();
    const busy = documents.filter((d) => BUSY.has(d.state));
    if (!busy.length) return documents;
    say(`Bearbetar ${busy.length} dokument …`);
    await new Promise((r) => setTimeout(r, 700));
  }
}

async function retry(documentId) {
  clearFail();
  try {
    const job = await api.post(`/documents/${documentId}/analyze`);
    say("Analyserar igen …");
    await waitForJob(job.id);
    await follow();
    say("Klart.");
  } catch (error) { fail(error); }
}

async function send(files) {
  clearFail();
  const pdfs = [...files];
  if (!pdfs.length) return;
  const form = new FormData();
  for (const file of pdfs) form.append("files", file, file.name);
  progress.hidden = false;
  progress.value = 0;
  say(`Laddar upp ${pdfs.length} fil(er) …`);
  try {
    const uploaded = await upload(`/cases/${caseId}/documents`, form, (p) => { progress.value = p; });
    say(`${uploaded.length} fil(er) uppladdade. Analyserar …`);
    await follow();
    const documents = await loadDocuments();
    const ready = documents.filter((d) => d.state === "review").length;
    say(`Analysen är klar. ${ready} dokument att granska.`);
  } catch (error) {
    fail(error);
    say("");
  } finally {
    progress.hidden = true;
  }
}

function setUpDropzone() {
  const zone = document.getElementById("slappyta");
  const picker = document.getElementById("filval");
  picker.addEventListener("change", () => { send(picker.files); picker.value = ""; });
  for (const type of ["dragenter", "dragover"]) {
    zone.addEventListener(type, (e) => { e.preventDefault(); zone.classList.add("over"); });
  }
  for (const type of ["dragleave", "drop"]) {
    zone.addEventListener(type, (e) => { e.preventDefault(); zone.classList.remove("over"); });
  }
  zone.addEventListener("drop", (e) => send(e.dataTransfer.files));
}

function setUpDecision(theCase) {
  document.getElementById("utkast").href = `/api/v1/cases/${caseId}/report/draft`;
  const done = document.getElementById("beslut-klart");
  document.getElementById("beslutsrapport").href = `/api/v1/cases/${caseId}/report`;
  done.hidden = theCase.status !== "decided";
  document.getElementById("fatta-beslut").addEventListener("submit", async (event) => {
    event.preventDefault();
    clearFail();
    try {
      await api.post(`/cases/${caseId}/decision`, {
        decision_text: document.getElementById("beslutstext").value,
      });
      done.hidden = false;
      say("Beslutet är fattat och beslutsrapporten sparad.");
    } catch (error) { fail(error); }
  });
}

async function start() {
  await signedIn();
  const theCase = await api.get(`/cases/${caseId}`);
  document.getElementById("arende-rubrik").textContent = `Ärende ${theCase.diarienummer}`;
  document.title = `${theCase.diarienummer} – Skymma`;
  const facts = [theCase.title, theCase.anonymous ? "anonym sökande" : `sökande: ${theCase.requester}`];
  document.getElementById("arende-fakta").textContent = facts.filter(Boolean).join(" · ");
  setUpDropzone();
  setUpDecision(theCase);
  await follow();
  say("");
}

start().catch(fail);
