/*
 * <podops-approvals>: the customer's PodOps approvals on any storefront's account page, and on
 * PodOps' own hosted page behind a signed link. Framework-free (a custom element with a shadow root),
 * no build step, no dependencies.
 *
 * Attributes
 *   api-url          PodOps' customer GraphQL endpoint, e.g. https://podops.example.com/graphql/customer/
 *   saleor-api-url   the shop's Saleor API URL (with a customer token)
 *   token            a Saleor customer access token (or set the `token` / `tokenProvider` property)
 *   link-token       a signed approval link token (the hosted page sets it)
 *   order-id         show only this order (a CustomerOrder id)
 *   locale           "en" (default) or "de"; override any text with the `strings` property
 *
 * Styling: CSS custom properties on the element or an ancestor: --podops-font, --podops-text,
 * --podops-muted, --podops-background, --podops-surface, --podops-border, --podops-primary,
 * --podops-primary-text, --podops-danger, --podops-radius, --podops-gap.
 *
 * Events: `podops-decision` (detail: {kind, orderNumber}) after each decision, `podops-error`.
 */

const STRINGS = {
  en: {
    loading: "Loading your orders…",
    empty: "You have no orders in production.",
    orderTitle: "Order {number}",
    waitingForYou: "Waiting for you",
    proofTitle: "Your design for {product} (version {version})",
    previewPending: "The preview is being prepared. Please check back in a minute.",
    approve: "Approve design",
    approveConfirm: "Approve this design? It will be printed as shown.",
    requestChanges: "Request changes",
    changesHelp: "Tell us what to change. Click on the image to mark a spot.",
    commentLabel: "What should we change?",
    markNote: "Note for mark {n}",
    removeMark: "Remove mark {n}",
    send: "Send change request",
    cancel: "Cancel",
    freeRevisionsLeft: "Free changes left: {n}",
    noFreeRevisions: "You have used your free changes; the shop will contact you about this one.",
    photoTitle: "We need another photo for {product}",
    photoReason: "Why: {reason}",
    uploadPhoto: "Upload a new photo",
    goAhead: "Continue with this photo",
    goAheadConfirm: "Continue with the current photo? The result may not look as good.",
    uploading: "Uploading…",
    approved: "Thank you! Your design is approved and goes to print.",
    changesSent: "Thank you! We will make the changes and show you the new version.",
    changesSentOverLimit:
      "Thank you! This change is beyond the free changes; the shop will be in touch.",
    photoReplaced: "Thank you! We got your new photo.",
    wentAhead: "Thank you! We will continue with your photo.",
    history: "History",
    notFound: "We could not find this order.",
    errorGeneric: "Something went wrong. Please try again.",
    UNAUTHENTICATED: "Please sign in to see your orders.",
    TOKEN_EXPIRED: "Your session has expired. Please sign in again.",
    TOKEN_INVALID: "Please sign in again.",
    LINK_INVALID: "This approval link is not valid.",
    LINK_EXPIRED: "This approval link has expired. Please ask the shop for a new one.",
    LINK_USED_UP: "This approval link is no longer needed: your order has moved on.",
    SALEOR_UNAVAILABLE: "The shop cannot be reached right now. Please try again soon.",
    RATE_LIMITED: "Too many requests. Please wait a minute and try again.",
  },
  de: {
    loading: "Ihre Bestellungen werden geladen…",
    empty: "Sie haben keine Bestellungen in Produktion.",
    orderTitle: "Bestellung {number}",
    waitingForYou: "Wartet auf Sie",
    proofTitle: "Ihr Entwurf für {product} (Version {version})",
    previewPending: "Die Vorschau wird vorbereitet. Bitte schauen Sie gleich wieder vorbei.",
    approve: "Entwurf freigeben",
    approveConfirm: "Diesen Entwurf freigeben? Er wird so gedruckt.",
    requestChanges: "Änderungen wünschen",
    changesHelp: "Sagen Sie uns, was wir ändern sollen. Klicken Sie ins Bild, um eine Stelle zu markieren.",
    commentLabel: "Was sollen wir ändern?",
    markNote: "Notiz zu Markierung {n}",
    removeMark: "Markierung {n} entfernen",
    send: "Änderungswunsch senden",
    cancel: "Abbrechen",
    freeRevisionsLeft: "Kostenlose Änderungen übrig: {n}",
    noFreeRevisions:
      "Ihre kostenlosen Änderungen sind aufgebraucht; der Shop meldet sich zu dieser Änderung.",
    photoTitle: "Wir brauchen ein anderes Foto für {product}",
    photoReason: "Grund: {reason}",
    uploadPhoto: "Neues Foto hochladen",
    goAhead: "Mit diesem Foto fortfahren",
    goAheadConfirm: "Mit dem aktuellen Foto fortfahren? Das Ergebnis kann schlechter aussehen.",
    uploading: "Wird hochgeladen…",
    approved: "Danke! Ihr Entwurf ist freigegeben und geht in den Druck.",
    changesSent: "Danke! Wir setzen die Änderungen um und zeigen Ihnen die neue Version.",
    changesSentOverLimit:
      "Danke! Diese Änderung geht über die kostenlosen Änderungen hinaus; der Shop meldet sich.",
    photoReplaced: "Danke! Ihr neues Foto ist angekommen.",
    wentAhead: "Danke! Wir machen mit Ihrem Foto weiter.",
    history: "Verlauf",
    notFound: "Diese Bestellung konnten wir nicht finden.",
    errorGeneric: "Etwas ist schiefgelaufen. Bitte versuchen Sie es erneut.",
    UNAUTHENTICATED: "Bitte melden Sie sich an, um Ihre Bestellungen zu sehen.",
    TOKEN_EXPIRED: "Ihre Sitzung ist abgelaufen. Bitte melden Sie sich erneut an.",
    TOKEN_INVALID: "Bitte melden Sie sich erneut an.",
    LINK_INVALID: "Dieser Freigabelink ist ungültig.",
    LINK_EXPIRED: "Dieser Freigabelink ist abgelaufen. Bitte fragen Sie den Shop nach einem neuen.",
    LINK_USED_UP: "Dieser Freigabelink wird nicht mehr gebraucht: Ihre Bestellung ist weiter.",
    SALEOR_UNAVAILABLE: "Der Shop ist gerade nicht erreichbar. Bitte versuchen Sie es gleich noch einmal.",
    RATE_LIMITED: "Zu viele Anfragen. Bitte warten Sie eine Minute.",
  },
};

const ORDERS_QUERY = `query PodOpsCustomerOrders {
  customerSession { saleorApiUrl signedInWithLink }
  customerOrders {
    id number status waitingForYou
    items {
      id productName variantName status waitingForYou
      proof { id versionNumber round previewUrl freeRevisionsLeft }
      photoRequest { id reason comment photoUrl }
    }
  }
}`;
const APPROVE = `mutation PodOpsProofApprove($id: ID!) {
  proofApprove(proofId: $id) { errors { field code message } }
}`;
const REQUEST_CHANGES = `mutation PodOpsProofRequestChanges($id: ID!, $comment: String!, $marks: [ChangeMarkInput!]) {
  proofRequestChanges(proofId: $id, comment: $comment, marks: $marks) {
    overFreeLimit errors { field code message }
  }
}`;
const GO_AHEAD = `mutation PodOpsPhotoGoAhead($id: ID!) {
  photoGoAhead(itemId: $id) { errors { field code message } }
}`;
const REPLACE = `mutation PodOpsPhotoReplace($id: ID!, $ref: String!) {
  photoReplace(itemId: $id, uploadReference: $ref) { errors { field code message } }
}`;

const STYLE = `
:host { display: block; font-family: var(--podops-font, inherit); color: var(--podops-text, #1a1a1a);
  --_gap: var(--podops-gap, 16px); --_radius: var(--podops-radius, 8px);
  --_border: var(--podops-border, #d9d9d9); --_primary: var(--podops-primary, #1a1a1a);
  --_primary-text: var(--podops-primary-text, #ffffff); --_muted: var(--podops-muted, #666666);
  --_surface: var(--podops-surface, #ffffff); --_danger: var(--podops-danger, #b3261e); }
* { box-sizing: border-box; }
.order { background: var(--_surface); border: 1px solid var(--_border); border-radius: var(--_radius);
  padding: var(--_gap); margin-bottom: var(--_gap); }
.order h3 { margin: 0 0 4px; font-size: 1.1em; }
.status { color: var(--_muted); margin: 0 0 8px; }
.badge { display: inline-block; margin-left: 8px; padding: 2px 8px; border-radius: 999px; font-size: 0.8em;
  background: var(--_primary); color: var(--_primary-text); }
.item { border-top: 1px solid var(--_border); padding-top: var(--_gap); margin-top: var(--_gap); }
.canvas { position: relative; display: inline-block; max-width: 100%; }
.canvas img { display: block; max-width: 100%; max-height: 480px; border-radius: var(--_radius);
  border: 1px solid var(--_border); }
.canvas.marking img { cursor: crosshair; }
.pin { position: absolute; width: 24px; height: 24px; margin: -12px 0 0 -12px; border-radius: 50%;
  background: var(--_danger); color: #fff; font-size: 12px; line-height: 24px; text-align: center;
  pointer-events: none; }
.actions { display: flex; flex-wrap: wrap; gap: 8px; margin-top: 12px; }
button, .upload { display: inline-block; font: inherit; line-height: 1.4; padding: 8px 16px; border-radius: var(--_radius); cursor: pointer;
  border: 1px solid var(--_primary); background: var(--_surface); color: var(--_primary); }
button.primary { background: var(--_primary); color: var(--_primary-text); }
button:disabled { opacity: 0.6; cursor: default; }
.upload { position: relative; }
.upload input { position: absolute; inset: 0; width: 1px; height: 1px; opacity: 0; }
textarea, input[type=text] { font: inherit; width: 100%; padding: 8px; border: 1px solid var(--_border);
  border-radius: var(--_radius); margin-top: 4px; }
label { display: block; margin-top: 8px; }
.marks { list-style: none; padding: 0; }
.marks li { display: flex; gap: 8px; align-items: end; }
.notice { padding: 12px; border-radius: var(--_radius); border: 1px solid var(--_border); margin: 8px 0; }
.notice.error { border-color: var(--_danger); color: var(--_danger); }
.muted { color: var(--_muted); }
`;

function format(template, values) {
  return template.replace(/\{(\w+)\}/g, (_, name) => (name in values ? String(values[name]) : ""));
}

/** A DOM element: h("button", {class: "primary", onclick}, "text", child, ...). */
function h(tag, props, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else if (key === "dataset") Object.assign(node.dataset, value);
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

class ApiError extends Error {
  constructor(code, message) {
    super(message);
    this.code = code;
  }
}

export class PodOpsApprovals extends HTMLElement {
  static observedAttributes = ["api-url", "saleor-api-url", "token", "link-token", "order-id", "locale"];

  constructor() {
    super();
    this.attachShadow({ mode: "open" });
    this._token = null;
    this.tokenProvider = null;
    this.strings = {};
    this._state = { phase: "loading", orders: [], notices: {}, editing: null, busy: null };
    this._session = null;
  }

  set token(value) {
    this._token = value || null;
    if (this.isConnected) this.reload();
  }

  get token() {
    return this._token ?? this.getAttribute("token");
  }

  connectedCallback() {
    this.reload();
  }

  attributeChangedCallback(name, previous, value) {
    if (previous !== value && this.isConnected && this._connectedOnce) this.reload();
  }

  t(key, values = {}) {
    const locale = (this.getAttribute("locale") || "en").slice(0, 2).toLowerCase();
    const table = { ...STRINGS.en, ...(STRINGS[locale] ?? {}), ...this.strings };
    return format(table[key] ?? key, values);
  }

  get apiUrl() {
    return this.getAttribute("api-url") || new URL("/graphql/customer/", import.meta.url).toString();
  }

  async _headers(refresh = false) {
    const headers = { "content-type": "application/json" };
    const link = this.getAttribute("link-token");
    if (link) {
      headers["podops-approval-link"] = link;
      return headers;
    }
    let token = this.token;
    if ((refresh || !token) && typeof this.tokenProvider === "function") {
      token = await this.tokenProvider({ refresh });
      this._token = token || null;
    }
    if (token) headers.authorization = `Bearer ${token}`;
    const saleorApiUrl = this.getAttribute("saleor-api-url");
    if (saleorApiUrl) headers["saleor-api-url"] = saleorApiUrl;
    return headers;
  }

  async graphql(query, variables = {}, retried = false) {
    const response = await fetch(this.apiUrl, {
      method: "POST",
      headers: await this._headers(retried),
      body: JSON.stringify({ query, variables }),
    });
    let answer;
    try {
      answer = await response.json();
    } catch {
      throw new ApiError("HTTP", `HTTP ${response.status}`);
    }
    const error = answer.errors?.[0];
    if (error) {
      const code = error.extensions?.code ?? "ERROR";
      if (code === "TOKEN_EXPIRED" && !retried && typeof this.tokenProvider === "function") {
        return this.graphql(query, variables, true);
      }
      throw new ApiError(code, error.message);
    }
    return answer.data;
  }

  async reload() {
    this._connectedOnce = true;
    // Only the newest load may change the view (the token can arrive while an older load runs).
    const load = (this._loads = (this._loads ?? 0) + 1);
    this._state = { ...this._state, phase: "loading" };
    this.render();
    try {
      const data = await this.graphql(ORDERS_QUERY);
      if (load !== this._loads) return;
      this._session = data.customerSession;
      const only = this.getAttribute("order-id");
      const orders = only ? data.customerOrders.filter((order) => order.id === only) : data.customerOrders;
      this._state = { ...this._state, phase: only && orders.length === 0 ? "not-found" : "ready", orders };
    } catch (error) {
      if (load !== this._loads) return;
      this._state = { ...this._state, phase: "error", error };
      this.dispatchEvent(new CustomEvent("podops-error", { detail: { code: error.code }, bubbles: true }));
    }
    this.render();
  }

  _notice(itemId, kind, text) {
    this._state.notices = { ...this._state.notices, [itemId]: { kind, text } };
  }

  async _decide(itemId, orderNumber, kind, run) {
    this._state.busy = itemId;
    this.render();
    try {
      const errors = await run();
      if (errors?.length) {
        this._notice(itemId, "error", errors[0].message);
      } else {
        this._state.editing = null;
        this.dispatchEvent(
          new CustomEvent("podops-decision", { detail: { kind: kind.name, orderNumber }, bubbles: true }),
        );
        if (this.getAttribute("link-token")) {
          // The link dies with the decision (the order moved on): say thank you and stop here.
          this._state = { ...this._state, phase: "done", doneText: this.t(kind.message) };
        } else {
          // Show the thanks with the orders as they are now.
          await this.reload();
          this._notice(itemId, "success", this.t(kind.message));
        }
      }
    } catch (error) {
      this._notice(itemId, "error", STRINGS.en[error.code] ? this.t(error.code) : this.t("errorGeneric"));
    }
    this._state.busy = null;
    this.render();
  }

  approve(item, order) {
    if (!window.confirm(this.t("approveConfirm"))) return;
    this._decide(item.id, order.number, { name: "APPROVED", message: "approved" }, async () => {
      const data = await this.graphql(APPROVE, { id: item.proof.id });
      return data.proofApprove.errors;
    });
  }

  sendChanges(item, order) {
    const editing = this._state.editing;
    let overLimit = false;
    this._decide(item.id, order.number, { name: "CHANGES_REQUESTED", message: "changesSent" }, async () => {
      const data = await this.graphql(REQUEST_CHANGES, {
        id: item.proof.id,
        comment: editing.comment,
        marks: editing.marks.map(({ x, y, note }) => ({ x, y, note })),
      });
      overLimit = Boolean(data.proofRequestChanges.overFreeLimit);
      return data.proofRequestChanges.errors;
    }).then(() => {
      if (overLimit) {
        this._notice(item.id, "success", this.t("changesSentOverLimit"));
        if (this._state.phase === "done") this._state.doneText = this.t("changesSentOverLimit");
        this.render();
      }
    });
  }

  goAhead(item, order) {
    if (!window.confirm(this.t("goAheadConfirm"))) return;
    this._decide(item.id, order.number, { name: "GO_AHEAD", message: "wentAhead" }, async () => {
      const data = await this.graphql(GO_AHEAD, { id: item.id });
      return data.photoGoAhead.errors;
    });
  }

  replacePhoto(item, order, file) {
    this._decide(item.id, order.number, { name: "PHOTO_REPLACED", message: "photoReplaced" }, async () => {
      const origin = new URL(this.apiUrl).origin;
      const sessionResponse = await fetch(`${origin}/api/uploads/sessions`, {
        method: "POST",
        headers: { "saleor-api-url": this._session.saleorApiUrl },
      });
      const session = await sessionResponse.json();
      if (!sessionResponse.ok) return [{ message: session.error?.message ?? this.t("errorGeneric") }];
      const form = new FormData();
      form.append("file", file, file.name);
      const uploadResponse = await fetch(`${origin}/api/uploads`, {
        method: "POST",
        headers: { "saleor-api-url": this._session.saleorApiUrl, "podops-upload-session": session.token },
        body: form,
      });
      const upload = await uploadResponse.json();
      if (!uploadResponse.ok) return [{ message: upload.error?.message ?? this.t("errorGeneric") }];
      const data = await this.graphql(REPLACE, { id: item.id, ref: upload.reference });
      return data.photoReplace.errors;
    });
  }

  _proofView(item, order) {
    const proof = item.proof;
    const editing = this._state.editing?.itemId === item.id ? this._state.editing : null;
    const busy = this._state.busy === item.id;
    const image = proof.previewUrl
      ? h("img", { src: proof.previewUrl, alt: this.t("proofTitle", { product: item.productName, version: proof.versionNumber }) })
      : h("p", { class: "muted" }, this.t("previewPending"));
    const canvas = h("div", { class: editing ? "canvas marking" : "canvas", part: "proof-image" }, image);
    if (editing && proof.previewUrl) {
      image.addEventListener("click", (event) => {
        const box = image.getBoundingClientRect();
        const x = Math.min(1, Math.max(0, (event.clientX - box.left) / box.width));
        const y = Math.min(1, Math.max(0, (event.clientY - box.top) / box.height));
        editing.marks.push({ x: Number(x.toFixed(4)), y: Number(y.toFixed(4)), note: "" });
        this.render();
        this.shadowRoot.querySelector(`[data-mark-note="${editing.marks.length}"]`)?.focus();
      });
      editing.marks.forEach((mark, index) =>
        canvas.append(h("span", { class: "pin", style: `left:${mark.x * 100}%;top:${mark.y * 100}%` }, index + 1)),
      );
    }
    const revisions =
      proof.freeRevisionsLeft > 0
        ? this.t("freeRevisionsLeft", { n: proof.freeRevisionsLeft })
        : this.t("noFreeRevisions");
    const section = h(
      "section",
      { class: "proof", "data-proof": proof.id },
      h("h4", {}, this.t("proofTitle", { product: item.productName, version: proof.versionNumber })),
      canvas,
    );
    if (!editing) {
      section.append(
        h(
          "div",
          { class: "actions" },
          h("button", { class: "primary", disabled: busy, onclick: () => this.approve(item, order) }, this.t("approve")),
          h(
            "button",
            {
              disabled: busy,
              onclick: () => {
                this._state.editing = { itemId: item.id, comment: "", marks: [] };
                this.render();
              },
            },
            this.t("requestChanges"),
          ),
        ),
        h("p", { class: "muted" }, revisions),
      );
      return section;
    }
    const comment = h("textarea", { rows: 3, name: "comment", oninput: (e) => (editing.comment = e.target.value) });
    comment.value = editing.comment;
    section.append(
      h("p", { class: "muted" }, this.t("changesHelp")),
      h(
        "ol",
        { class: "marks" },
        editing.marks.map((mark, index) => {
          const input = h("input", {
            type: "text",
            "data-mark-note": index + 1,
            "aria-label": this.t("markNote", { n: index + 1 }),
            oninput: (e) => (mark.note = e.target.value),
          });
          input.value = mark.note;
          return h(
            "li",
            {},
            h("label", {}, this.t("markNote", { n: index + 1 }), input),
            h(
              "button",
              {
                "aria-label": this.t("removeMark", { n: index + 1 }),
                onclick: () => {
                  editing.marks.splice(index, 1);
                  this.render();
                },
              },
              "×",
            ),
          );
        }),
      ),
      h("label", {}, this.t("commentLabel"), comment),
      h(
        "div",
        { class: "actions" },
        h("button", { class: "primary", disabled: busy, onclick: () => this.sendChanges(item, order) }, this.t("send")),
        h(
          "button",
          {
            disabled: busy,
            onclick: () => {
              this._state.editing = null;
              this.render();
            },
          },
          this.t("cancel"),
        ),
      ),
      h("p", { class: "muted" }, revisions),
    );
    return section;
  }

  _photoView(item, order) {
    const request = item.photoRequest;
    const busy = this._state.busy === item.id;
    const input = h("input", {
      type: "file",
      accept: "image/*",
      disabled: busy,
      onchange: (event) => {
        const file = event.target.files?.[0];
        if (file) this.replacePhoto(item, order, file);
      },
    });
    return h(
      "section",
      { class: "photo-request", "data-photo-request": request.id },
      h("h4", {}, this.t("photoTitle", { product: item.productName })),
      h("p", {}, this.t("photoReason", { reason: request.reason })),
      request.comment ? h("p", { class: "muted" }, request.comment) : null,
      request.photoUrl ? h("div", { class: "canvas" }, h("img", { src: request.photoUrl, alt: "" })) : null,
      h(
        "div",
        { class: "actions" },
        h("label", { class: "upload" }, busy ? this.t("uploading") : this.t("uploadPhoto"), input),
        h("button", { disabled: busy, onclick: () => this.goAhead(item, order) }, this.t("goAhead")),
      ),
    );
  }

  _orderView(order) {
    return h(
      "article",
      { class: "order", "data-order": order.number },
      h(
        "h3",
        {},
        this.t("orderTitle", { number: order.number }),
        order.waitingForYou ? h("span", { class: "badge" }, this.t("waitingForYou")) : null,
      ),
      h("p", { class: "status" }, order.status),
      order.items.map((item) => {
        const notice = this._state.notices[item.id];
        return h(
          "div",
          { class: "item", "data-item": item.id },
          h("strong", {}, item.productName),
          item.variantName ? h("span", { class: "muted" }, ` · ${item.variantName}`) : null,
          h("p", { class: "status" }, item.status),
          notice
            ? h("div", { class: `notice ${notice.kind}`, role: notice.kind === "error" ? "alert" : "status" }, notice.text)
            : null,
          item.proof ? this._proofView(item, order) : null,
          item.photoRequest ? this._photoView(item, order) : null,
        );
      }),
    );
  }

  render() {
    const root = this.shadowRoot;
    const { phase, orders, error } = this._state;
    const content = [];
    if (phase === "loading" && orders.length === 0) {
      content.push(h("p", { class: "muted", role: "status" }, this.t("loading")));
    } else if (phase === "error") {
      const known = error?.code && STRINGS.en[error.code];
      content.push(h("div", { class: "notice error", role: "alert" }, known ? this.t(error.code) : this.t("errorGeneric")));
    } else if (phase === "done") {
      content.push(h("div", { class: "notice success", role: "status" }, this._state.doneText));
    } else if (phase === "not-found") {
      content.push(h("div", { class: "notice error", role: "alert" }, this.t("notFound")));
    } else if (orders.length === 0) {
      content.push(h("p", { class: "muted" }, this.t("empty")));
    } else {
      content.push(...orders.map((order) => this._orderView(order)));
    }
    root.replaceChildren(h("style", {}, STYLE), h("div", { part: "container" }, content));
  }
}

if (!customElements.get("podops-approvals")) {
  customElements.define("podops-approvals", PodOpsApprovals);
}
