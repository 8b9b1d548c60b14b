// Small DOM helpers shared by the pages: status and error lines, element building, Swedish labels.
export function say(message) {
  document.getElementById("status").textContent = message;
}

export function fail(error) {
  const box = document.getElementById("fel");
  box.textContent = error ? `Fel: ${error.message || error}` : "";
}

export function clearFail() { fail(null); }

export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else if (key in node && typeof value !== "string") node[key] = value;
    else node.setAttribute(key, value === true ? "" : value);
  }
  for (const child of children) if (child !== null && child !== undefined) node.append(child);
  return node;
}

export const ENTITY_LABELS = {
  PERSONNUMMER: "Personnummer",
  SAMORDNINGSNUMMER: "Samordningsnummer",
  ORGANISATIONSNUMMER: "Organisationsnummer",
  PERSON: "Namn",
  PHONE: "Telefon",
  EMAIL: "E-post",
  STREET_ADDRESS: "Gatuadress",
  POSTCODE: "Postnummer",
  BANK_ACCOUNT: "Bankkonto",
  LICENSE_PLATE: "Registreringsnummer",
  DATE_OF_BIRTH: "Födelsedatum",
  IP_ADDRESS: "IP-adress",
  LOCATION: "Plats",
  ORGANIZATION: "Organisation",
  OTHER: "Övrigt",
};

export const STATUS_LABELS = { proposed: "Föreslagen", accepted: "Godkänd", rejected: "Avvisad" };

export const STATE_LABELS = {
  received: "Mottaget",
  analyzing: "Analyseras",
  review: "Granskas",
  burning: "Bränns",
  released: "Utlämnat",
  failed: "Misslyckades",
  purged: "Gallrat",
};

export function formatDate(iso) {
  if (!iso) return "";
  return new Date(iso).toLocaleString("sv-SE", { dateStyle: "short", timeStyle: "short" });
}
