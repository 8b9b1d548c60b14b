// Granskning: the page with the proposed masks, the findings table beside it (filters, click to jump,
// keyboard j/k/a/r/m), decisions, legal grounds, manual masks (text or a drawn box), preview, burn
// and download.
import { api, signedIn, waitForJob } from "./api.js";
import { PageView } from "./page-view.js";
import { say, fail, clearFail, el, ENTITY_LABELS, STATUS_LABELS, STATE_LABELS } from "./ui.js";

const documentId = document.getElementById("granskning").dataset.documentId;
const $ = (id) => document.getElementById(id);
const state = {
  document: null, pages: [], findings: [], grounds: [], page: 1, variant: "original", selectedId: null,
};
const view = new PageView({ documentId, onSelect: (id) => select(id, true, true), onBox: addBox });
const tbody = $("fynd");

// -- loading -------------------------------------------------------------------------------------

async function loadDocument() {
  state.document = await api.get(`/documents/${documentId}`);
  const d = state.document;
  $("dokument-namn").textContent = `Granskning: ${d.filename}`;
  document.title = `Granskning ${d.filename} – Skymma`;
  $("dokument-lage").textContent = STATE_LABELS[d.state] || d.state;
  $("till-arendet").href = `/ui/arenden/${d.case_id}`;
  $("rapport").href = `/api/v1/cases/${d.case_id}/report/draft`;
  const released = d.state === "released";
  $("visa-released").disabled = !released;
  $("ladda-ned").hidden = !released;
  $("ladda-ned").href = `/api/v1/documents/${documentId}/download`;
  $("bran").disabled = d.state !== "review";
  view.canDraw = d.state === "review";
  if (d.error) fail(new Error(d.error));
}

async function loadFindings() {
  state.findings = await api.get(`/documents/${documentId}/findings`);
  fillFilterOptions();
  render();
}

// -- rendering -----------------------------------------------------------------------------------

function visible() {
  const type = $("filter-typ").value;
  const page = $("filter-sida").value;
  const status = $("filter-status").value;
  const origin = $("filter-ursprung").value;
  const text = $("filter-text").value.trim().toLocaleLowerCase("sv");
  return state.findings.filter((f) =>
    (!type || f.entity === type)
    && (!page || String(f.page) === page)
    && (!status || f.status === status)
    && (!origin || (origin === "human") === f.human)
    && (!text || f.text.toLocaleLowerCase("sv").includes(text)));
}

function groundSelect(f) {
  const select = el("select", {
    "aria-label": `Grund för ${f.text}`,
    disabled: state.document.state !== "review",
    onchange: () => decide(f, { ground_id: select.value ? Number(select.value) : null }),
  }, el("option", { value: "", text: "– ingen grund –" }));
  for (const g of state.grounds) {
    select.append(el("option", { value: String(g.id), text: `${g.code}`, title: g.title,
      selected: g.id === f.ground_id }));
  }
  return select;
}

function actionButtons(f) {
  const open = state.document.state === "review";
  const buttons = [
    el("button", { type: "button", class: "small", text: "Godkänn", disabled: !open || f.status === "accepted",
      "aria-label": `Godkänn ${f.text}`, onclick: () => decide(f, { status: "accepted" }) }),
    el("button", { type: "button", class: "small", text: "Avvisa",
      disabled: !open || f.status === "rejected" || f.protected,
      "aria-label": `Avvisa ${f.text}`, onclick: () => decide(f, { status: "rejected" }) }),
    el("button", { type: "button", class: "small", text: "Alla", title: "Maskera alla förekomster i ärendet", disabled: !open,
      "aria-label": `Maskera alla förekomster av ${f.text} i ärendet`, onclick: () => maskAll(f) }),
  ];
  buttons.push(el("button", { type: "button", class: "small", text: "Ärendet",
    title: "Samma beslut för samma uppgift i ärendets övriga dokument",
    disabled: !open || f.status === "proposed",
    "aria-label": `Samma beslut för ${f.text} i hela ärendet`, onclick: () => applyToCase(f) }));
  if (f.human) {
    buttons.push(el("button", { type: "button", class: "small", text: "Ta bort", disabled: !open,
      "aria-label": `Ta bort masken ${f.text}`, onclick: () => removeMask(f) }));
  }
  return el("div", { class: "actions" }, ...buttons);
}

function decisionText(f) {
  if (f.status !== "proposed") return STATUS_LABELS[f.status];
  return f.masked ? "Förslag: maskeras" : "Förslag: visas";
}

function row(f) {
  const selected = f.id === state.selectedId;
  const label = f.staff ? " (personal)" : f.protected ? " (skyddad)" : "";
  return el("tr", {
    "data-finding-id": f.id,
    class: `status-${f.status}${f.masked ? " masked" : ""}${selected ? " selected" : ""}`,
    tabindex: selected ? "0" : "-1",
    "aria-selected": selected ? "true" : "false",
    onclick: (e) => { if (!e.target.closest("button, select")) select(f.id, true, false); },
    onfocus: (e) => { if (e.target === e.currentTarget && state.selectedId !== f.id) select(f.id, true, false); },
  },
  el("td", { text: f.page ? String(f.page) : "–" }),
  el("td", {}, el("span", { class: `swatch ent-${f.entity}`, "aria-hidden": "true" }),
    ENTITY_LABELS[f.entity] || f.entity),
  el("td", { class: "finding-text", text: f.text + label }),
  el("td", { text: f.human ? "Manuell" : "Maskin", title: f.recognizer }),
  el("td", { class: "decision", text: decisionText(f) }),
  el("td", {}, groundSelect(f)),
  el("td", {}, actionButtons(f)));
}

function renderSummary(shownCount) {
  const undecided = state.findings.filter((f) => f.status === "proposed").length;
  const ungrounded = state.findings.filter((f) => f.masked && f.ground_id === null).length;
  $("antal").textContent = `${shownCount} av ${state.findings.length} visas · ${undecided} obeslutade`
    + ` · ${ungrounded} maskeras utan grund`;
}

// The whole table (after loading or filtering); single changes go through updateRow/markSelected.
function render() {
  const hadFocus = tbody.contains(document.activeElement) && document.activeElement.tagName === "TR";
  const shown = visible();
  if (!shown.some((f) => f.id === state.selectedId)) state.selectedId = shown[0]?.id ?? null;
  tbody.replaceChildren(...shown.map(row));
  if (!shown.length) tbody.append(el("tr", {}, el("td", { colspan: "7", text: "Inga förslag matchar." })));
  renderSummary(shown.length);
  renderPage();
  if (hadFocus) rowOf(state.selectedId)?.focus();
}

function rowOf(id) {
  return id ? tbody.querySelector(`tr[data-finding-id="${CSS.escape(id)}"]`) : null;
}

function updateRow(f) {
  const old = rowOf(f.id);
  if (!old) return render();
  const hadFocus = old.contains(document.activeElement);
  const fresh = row(f);
  old.replaceWith(fresh);
  renderSummary(tbody.querySelectorAll("tr[data-finding-id]").length);
  renderPage();
  if (hadFocus) fresh.focus();
}

function markSelected(id) {
  for (const tr of tbody.querySelectorAll("tr.selected")) {
    tr.classList.remove("selected");
    tr.tabIndex = -1;
    tr.setAttribute("aria-selected", "false");
  }
  const tr = rowOf(id);
  if (tr) {
    tr.classList.add("selected");
    tr.tabIndex = 0;
    tr.setAttribute("aria-selected", "true");
  }
  return tr;
}

function renderPage() {
  const info = state.pages[state.page - 1];
  if (!info) return;
  $("sidval").value = String(state.page);
  $("foregaende").disabled = state.page <= 1;
  $("nasta").disabled = state.page >= state.pages.length;
  view.show(info, state.variant, state.findings, state.selectedId);
}

function fillFilterOptions() {
  const typeSelect = $("filter-typ");
  const chosen = typeSelect.value;
  const types = [...new Set(state.findings.map((f) => f.entity))].sort();
  typeSelect.replaceChildren(el("option", { value: "", text: "Alla typer" }),
    ...types.map((t) => el("option", { value: t, text: ENTITY_LABELS[t] || t, selected: t === chosen })));
  const legend = $("teckenforklaring");
  legend.replaceChildren(...types.map((t) => el("li", {},
    el("span", { class: `swatch ent-${t}`, "aria-hidden": "true" }), ENTITY_LABELS[t] || t)),
  el("li", {}, el("span", { class: "swatch line-solid", "aria-hidden": "true" }), "Maskinens förslag"),
  el("li", {}, el("span", { class: "swatch line-dashed", "aria-hidden": "true" }), "Manuell mask"));
}

function select(id, jump, focusRow) {
  state.selectedId = id;
  const f = state.findings.find((x) => x.id === id);
  if (jump && f?.page && f.page !== state.page) state.page = f.page;
  const tr = markSelected(id);
  renderPage();
  if (tr) {
    tr.scrollIntoView({ block: "nearest" });
    if (focusRow && document.activeElement !== tr) tr.focus();
  }
  if (f) say(`${ENTITY_LABELS[f.entity] || f.entity} ”${f.text}” på sida ${f.page ?? "–"}: `
    + `${STATUS_LABELS[f.status]}.`);
}

// -- actions -------------------------------------------------------------------------------------

async function act(message, work) {
  clearFail();
  try {
    await work();
    await loadFindings();
    say(message);
  } catch (error) {
    fail(error);
  }
}

async function decide(f, change) {
  const words = { accepted: "godkänd", rejected: "avvisad" };
  const message = change.status ? `”${f.text}” ${words[change.status]}.` : `Grund ändrad för ”${f.text}”.`;
  if (f.group_id) return act(message, () => api.patch(`/findings/${f.id}`, change)); // decided together
  clearFail();
  try {
    const updated = await api.patch(`/findings/${f.id}`, change); // only this finding changed
    state.findings = state.findings.map((x) => (x.id === updated.id ? updated : x));
    updateRow(updated);
    say(message);
  } catch (error) {
    fail(error);
  }
}

function newMaskFields() {
  const ground = $("ny-grund").value;
  return { entity: $("ny-typ").value, ...(ground ? { ground_id: Number(ground) } : {}) };
}

function maskAll(f) {
  return act(`Alla förekomster av ”${f.text}” i ärendet maskeras.`, () => api.post(
    `/documents/${documentId}/masks`,
    { text: f.text, scope: "case", entity: f.entity, ...(f.ground_id ? { ground_id: f.ground_id } : {}) },
  ));
}

async function applyToCase(f) {
  clearFail();
  try {
    const { count } = await api.post(`/findings/${f.id}/apply-to-case`);
    await loadFindings();
    const times = count === 1 ? "1 förekomst" : `${count} förekomster`;
    say(`Samma beslut för ”${f.text}” i ärendet: ${times} i andra dokument.`);
  } catch (error) {
    fail(error);
  }
}

function removeMask(f) {
  return act(`Masken ”${f.text}” är borttagen.`, () => api.del(`/findings/${f.id}`));
}

function addBox(page, box) {
  return act(`Ruta maskerad på sida ${page}.`, async () => {
    const result = await api.post(`/documents/${documentId}/masks`,
      { page, box, box_space: "display", ...newMaskFields() });
    state.selectedId = result.findings[0]?.id ?? state.selectedId;
  });
}

async function burn() {
  clearFail();
  const button = $("bran");
  button.disabled = true;
  try {
    const job = await api.post(`/documents/${documentId}/burn`, { accept_remaining: $("godta-resten").checked });
    say("Bränner och verifierar …");
    const done = await waitForJob(job.id);
    await loadDocument();
    await loadFindings();
    if (state.document.state === "released") say("Dokumentet är bränt och verifierat. Det kan laddas ned.");
    else fail(new Error(done.error || state.document.error || "bränningen misslyckades"));
  } catch (error) {
    fail(error);
    button.disabled = state.document?.state !== "review";
  }
}

// -- keyboard ------------------------------------------------------------------------------------

function onTableKey(event) {
  if (event.target.closest("select, input, textarea") || event.ctrlKey || event.metaKey || event.altKey) return;
  const shown = visible();
  const index = shown.findIndex((f) => f.id === state.selectedId);
  const current = shown[index];
  const move = (step) => {
    const next = shown[Math.min(Math.max(index + step, 0), shown.length - 1)];
    if (next) select(next.id, true, true);
  };
  const keys = {
    j: () => move(1), ArrowDown: () => move(1), k: () => move(-1), ArrowUp: () => move(-1),
    a: () => current && state.document.state === "review" && decide(current, { status: "accepted" }),
    r: () => current && state.document.state === "review" && decide(current, { status: "rejected" }),
    m: () => current && state.document.state === "review" && maskAll(current),
    c: () => current && state.document.state === "review" && current.status !== "proposed"
      && applyToCase(current),
  };
  if (keys[event.key]) {
    event.preventDefault();
    keys[event.key]();
  }
}

// -- set-up --------------------------------------------------------------------------------------

function setUpControls() {
  $("sidval").replaceChildren(...state.pages.map((p) => el("option", { value: String(p.number),
    text: `Sida ${p.number} av ${state.pages.length}` })));
  $("filter-sida").replaceChildren(el("option", { value: "", text: "Alla sidor" }),
    ...state.pages.map((p) => el("option", { value: String(p.number), text: String(p.number) })));
  $("sidval").addEventListener("change", () => { state.page = Number($("sidval").value); renderPage(); });
  $("foregaende").addEventListener("click", () => { state.page -= 1; renderPage(); });
  $("nasta").addEventListener("click", () => { state.page += 1; renderPage(); });
  for (const radio of document.querySelectorAll("input[name=variant]")) {
    radio.addEventListener("change", () => { state.variant = radio.value; renderPage(); });
  }
  for (const id of ["filter-typ", "filter-sida", "filter-status", "filter-ursprung"]) {
    $(id).addEventListener("change", render);
  }
  $("filter-text").addEventListener("input", render);
  $("filter").addEventListener("submit", (e) => e.preventDefault());
  tbody.addEventListener("keydown", onTableKey);
  $("ny-typ").replaceChildren(...Object.entries(ENTITY_LABELS).map(([value, text]) =>
    el("option", { value, text, selected: value === "OTHER" })));
  $("ny-grund").replaceChildren(el("option", { value: "", text: "Förvald grund för typen" }),
    ...state.grounds.map((g) => el("option", { value: String(g.id), text: `${g.code} ${g.title}` })));
  $("ny-mask").addEventListener("submit", (event) => {
    event.preventDefault();
    const text = $("mask-text").value.trim();
    if (!text) return fail(new Error("skriv texten som ska maskeras"));
    const scope = $("mask-arende").checked ? "case" : "document";
    act(`”${text}” maskeras (${scope === "case" ? "hela ärendet" : "dokumentet"}).`, async () => {
      await api.post(`/documents/${documentId}/masks`, { text, scope, ...newMaskFields() });
      $("mask-text").value = "";
    });
  });
  $("bran").addEventListener("click", burn);
}

async function start() {
  await signedIn();
  await loadDocument();
  const [pages, grounds] = await Promise.all([
    api.get(`/documents/${documentId}/pages`), api.get("/grounds?active_only=true"),
  ]);
  state.pages = pages;
  state.grounds = grounds;
  setUpControls();
  await loadFindings();
  say(`${state.findings.length} förslag och masker att granska.`);
}

start().catch(fail);
