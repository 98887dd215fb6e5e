// The Airgap dashboard: reads the server's own APIs and renders them; no framework, nothing loaded from elsewhere.
"use strict";

const keyStore = "airgap.key";
const throughput = new Map(); // model -> [{t, completed}] over the last minute

function key() { return sessionStorage.getItem(keyStore) || ""; }

async function api(path) {
  const headers = { Accept: "application/json" };
  if (key()) headers.Authorization = "Bearer " + key();
  const response = await fetch(path, { headers, cache: "no-store" });
  if (response.status === 401) needKey(true);
  const body = response.headers.get("content-type")?.includes("json") ? await response.json() : null;
  return { status: response.status, body };
}

function needKey(needed) {
  document.getElementById("key-form").hidden = !needed && !key();
  document.getElementById("key-needed").hidden = !needed;
}

function el(tag, props, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(props || {})) {
    if (value === undefined || value === null) continue;
    if (name === "class") node.className = value; else node.setAttribute(name, value);
  }
  for (const child of children) node.append(child instanceof Node ? child : document.createTextNode(child ?? ""));
  return node;
}

function rows(panel, list, render) {
  const body = document.querySelector(`#${panel} tbody`);
  body.replaceChildren(...list.map(item => el("tr", {}, ...render(item).map(cell => cell instanceof Node && cell.tagName === "TD" ? cell : el("td", {}, cell)))));
}

function status(panel, text, kind) {
  const node = document.querySelector(`#${panel} .status`);
  node.textContent = text;
  node.className = "status" + (kind ? " " + kind : "");
}

const bytes = n => n == null ? "" : n >= 1 << 30 ? (n / (1 << 30)).toFixed(1) + " GiB" : n >= 1 << 20 ? (n / (1 << 20)).toFixed(1) + " MiB" : (n / 1024).toFixed(0) + " KiB";
const when = t => t ? new Date(t).toLocaleString() : "";
const clock = () => new Date().toLocaleTimeString();
const short = digest => el("code", { title: digest }, (digest || "").slice(0, 12));
const yes = flag => el("span", { class: flag ? "ok" : "" }, flag ? "yes" : "no");

async function models() {
  const { status: code, body } = await api("/api/airgap/models");
  if (code !== 200) return status("models", `models: HTTP ${code}`, "bad");
  status("models", `${body.models.length} version(s) registered · updated ${clock()}`);
  rows("models", body.models, m => [
    m.name, m.version, yes(m.active), m.format, m.quantization || "", bytes(m.size), short(m.digest),
    m.signer || el("span", { class: "warn" }, "unsigned"), el("span", { title: m.validated_at }, when(m.validated_at)),
    yes(m.loaded), bytes(m.memory_bytes)]);
}

async function queue() {
  const { status: code, body } = await api("/api/ps");
  if (code !== 200) return status("queue", `queue: HTTP ${code}`, "bad");
  const now = Date.now();
  let running = 0, queued = 0;
  rows("queue", body.models, m => {
    running += m.running ?? 0; queued += m.queued ?? 0;
    const seen = (throughput.get(m.name) || []).filter(s => now - s.t <= 60000);
    seen.push({ t: now, completed: m.completed ?? 0 });
    throughput.set(m.name, seen);
    // Completed in the last minute, counted from the oldest sample of that minute (exact once the page has watched a minute).
    const lastMinute = String(seen.at(-1).completed - seen[0].completed) + (now - seen[0].t < 55000 ? " (so far)" : "");
    const expires = m.expires_at && !m.expires_at.startsWith("9999") ? when(m.expires_at) : "kept loaded";
    return [m.name, String(m.running ?? 0), String(m.queued ?? 0), String(m.completed ?? 0), String(m.cancelled ?? 0), lastMinute, bytes(m.size), expires];
  });
  status("queue", `${body.models.length} model(s) loaded · ${running} running · ${queued} queued · updated ${clock()}`);
}

async function requests() {
  const { status: code, body } = await api("/api/airgap/requests");
  if (code === 404) return status("requests", "not available: this server does not log requests", "warn");
  if (code !== 200) return status("requests", `requests: HTTP ${code}`, "bad");
  status("requests", `${body.requests.length} recent request(s) · updated ${clock()}`);
  rows("requests", body.requests, r => [
    when(r.time), r.method, r.route, r.model || "", el("span", { class: r.status >= 400 ? "bad" : "ok" }, String(r.status)),
    String(r.prompt_tokens ?? ""), String(r.generated_tokens ?? ""), String(r.queue_ms ?? ""), String(r.ttft_ms ?? ""),
    String(r.total_ms ?? ""), String(r.priority ?? ""), r.key_id || ""]);
}

async function audit() {
  const { status: code, body } = await api("/api/airgap/audit");
  if (code === 403) return status("audit", "the audit trail needs an admin API key", "warn");
  if (code !== 200) return status("audit", `audit: HTTP ${code}`, "bad");
  const v = body.verification;
  status("audit", v.intact
    ? `verified: chain intact · ${v.entries} entries · head ${v.head.slice(0, 16)}… · ${v.registered_versions} registered version(s)`
    : `NOT intact: ${v.problem}${v.broken_entry_id ? ` (entry ${v.broken_entry_id})` : ""}`, v.intact ? "ok" : "bad");
  rows("audit", body.entries, e => [String(e.id), when(e.at), e.action, e.name || "", e.version || "", e.actor || "", el("td", { class: "detail" }, e.detail), short(e.hash)]);
}

async function header() {
  const version = await api("/api/version");
  if (version.status === 200) document.getElementById("version").textContent = version.body.version;
  const health = await api("/health");
  const node = document.getElementById("health");
  node.textContent = health.body?.status ?? `HTTP ${health.status}`;
  node.className = "badge " + (health.status === 200 ? "ok" : "bad");
}

function every(ms, work) {
  const run = () => work().catch(e => console.error(e));
  run();
  setInterval(run, ms);
}

document.addEventListener("DOMContentLoaded", () => {
  const form = document.getElementById("key-form");
  form.hidden = !key();
  form.addEventListener("submit", e => {
    e.preventDefault();
    sessionStorage.setItem(keyStore, document.getElementById("key").value.trim());
    document.getElementById("key").value = "";
    needKey(false);
    header(); models(); queue(); requests(); audit();
  });
  document.getElementById("forget-key").addEventListener("click", () => { sessionStorage.removeItem(keyStore); location.reload(); });
  every(10000, header);
  every(5000, models);
  every(2000, queue);
  every(5000, requests);
  every(10000, audit);
});
