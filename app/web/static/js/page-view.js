// The page viewer of the review page: the page image, the masks drawn over it (positions in percent
// of the displayed page, so they follow any image size) and drawing a new box with the mouse.
import { el, ENTITY_LABELS, STATUS_LABELS } from "./ui.js";

const MIN_DRAG_PX = 4;

export class PageView {
  constructor({ documentId, onSelect, onBox }) {
    this.documentId = documentId;
    this.onSelect = onSelect;
    this.onBox = onBox;
    this.page = document.getElementById("sida");
    this.image = document.getElementById("sidbild");
    this.overlay = document.getElementById("masker");
    this.drawing = document.getElementById("ritruta");
    this.pageInfo = null; // {number, display_width, display_height}
    this.variant = "original";
    this.canDraw = false;
    this.image.draggable = false;
    this.setUpDrawing();
  }

  show(pageInfo, variant, findings, selectedId) {
    const changed = !this.pageInfo || this.pageInfo.number !== pageInfo.number || this.variant !== variant;
    this.pageInfo = pageInfo;
    this.variant = variant;
    const names = { original: "original", preview: "förhandsvisning", released: "utlämnad version" };
    this.image.alt = `Sida ${pageInfo.number}, ${names[variant]}`;
    this.page.style.aspectRatio = `${pageInfo.display_width} / ${pageInfo.display_height}`;
    this.page.classList.toggle("drawable", this.canDraw && variant === "original");
    if (changed || variant === "preview") this.reloadImage();
    this.drawMasks(findings, selectedId);
  }

  reloadImage() {
    const { number } = this.pageInfo;
    const url = `/api/v1/documents/${this.documentId}/pages/${number}/image?variant=${this.variant}`;
    this.image.src = `${url}&v=${Date.now()}`; // never a stale preview
  }

  drawMasks(findings, selectedId) {
    const index = this.pageInfo.number - 1;
    const { display_width: w, display_height: h } = this.pageInfo;
    const boxes = [];
    if (this.variant === "original") {
      for (const f of findings) {
        for (const [page, x0, y0, x1, y1] of f.display_boxes) {
          if (page !== index) continue;
          const mask = el("div", {
            class: [
              "mask", `ent-${f.entity}`, f.human ? "human" : "machine", `status-${f.status}`,
              f.masked ? "masked" : "", f.id === selectedId ? "selected" : "",
            ].join(" "),
            title: `${ENTITY_LABELS[f.entity] || f.entity} (${f.human ? "manuell" : "maskin"}): `
              + `${STATUS_LABELS[f.status]}`,
            "data-finding-id": f.id,
          });
          mask.style.left = `${(100 * x0) / w}%`;
          mask.style.top = `${(100 * y0) / h}%`;
          mask.style.width = `${(100 * (x1 - x0)) / w}%`;
          mask.style.height = `${(100 * (y1 - y0)) / h}%`;
          mask.addEventListener("pointerdown", (e) => { e.stopPropagation(); this.onSelect(f.id, true); });
          boxes.push(mask);
        }
      }
    }
    this.overlay.replaceChildren(...boxes);
    const selected = this.overlay.querySelector(".selected");
    if (selected) selected.scrollIntoView({ block: "nearest", inline: "nearest" });
  }

  setUpDrawing() {
    let start = null;
    const point = (e) => {
      const r = this.page.getBoundingClientRect();
      return {
        x: Math.min(Math.max(e.clientX - r.left, 0), r.width),
        y: Math.min(Math.max(e.clientY - r.top, 0), r.height),
        r,
      };
    };
    const rect = (a, b) => ({
      left: Math.min(a.x, b.x), top: Math.min(a.y, b.y),
      width: Math.abs(a.x - b.x), height: Math.abs(a.y - b.y),
    });
    this.page.addEventListener("pointerdown", (e) => {
      if (e.button !== 0 || !this.canDraw || this.variant !== "original") return;
      e.preventDefault();
      start = point(e);
      this.page.setPointerCapture(e.pointerId);
      Object.assign(this.drawing.style, { left: `${start.x}px`, top: `${start.y}px`, width: "0", height: "0" });
      this.drawing.hidden = false;
    });
    this.page.addEventListener("pointermove", (e) => {
      if (!start) return;
      const r = rect(start, point(e));
      Object.assign(this.drawing.style, {
        left: `${r.left}px`, top: `${r.top}px`, width: `${r.width}px`, height: `${r.height}px`,
      });
    });
    const finish = (e) => {
      if (!start) return;
      const end = point(e);
      const r = rect(start, end);
      start = null;
      this.drawing.hidden = true;
      if (r.width < MIN_DRAG_PX || r.height < MIN_DRAG_PX) return;
      const sx = this.pageInfo.display_width / end.r.width;
      const sy = this.pageInfo.display_height / end.r.height;
      const box = [r.left * sx, r.top * sy, (r.left + r.width) * sx, (r.top + r.height) * sy];
      this.onBox(this.pageInfo.number, box.map((v) => Math.round(v * 100) / 100));
    };
    this.page.addEventListener("pointerup", finish);
    this.page.addEventListener("pointercancel", () => { start = null; this.drawing.hidden = true; });
  }
}
