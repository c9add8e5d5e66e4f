// The teacher's live page: one WebSocket to the host, a card per table, textContent only.
"use strict";
(function () {
  const key = new URLSearchParams(location.hash.slice(1)).get("key") || "";
  const $ = (id) => document.getElementById(id);
  let T = {};          // the interface's texts, in the host's language (sent with the state)
  let socket = null;

  function el(tag, cls, text) {
    const node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function fmt(template, values) {
    return template.replace(/\{(\w+)\}/g, (m, name) => (name in values ? String(values[name]) : m));
  }

  function seatLine(seat, table) {
    const line = el("div", "seat");
    const dot = el("span", "dot" + (seat.connected ? " on" : ""));
    dot.title = seat.connected ? T.connected : T.disconnected;
    line.appendChild(dot);
    const who = seat.kind === "open" ? T.open_seat : seat.name;
    line.appendChild(el("span", table.started && table.turn === seat.party ? "turn" : "", seat.party_name + ": " + who));
    if (seat.pin) line.appendChild(el("span", "pin private", T.pin + " " + seat.pin));  // not on the projector
    return line;
  }

  function card(table) {
    const box = el("article", "card");
    box.dataset.table = table.id;
    const head = el("h2");
    head.appendChild(el("span", "", fmt(T.table, { n: table.id })));
    let where = !table.started ? T.waiting : fmt(T.round, { k: table.round, n: table.rounds });
    if (table.finished) where = table.deal ? T.deal : T.no_deal;
    head.appendChild(el("span", table.finished ? (table.deal ? "deal" : "nodeal") : "", where));
    box.appendChild(head);
    const names = {};
    for (const seat of table.seats) { box.appendChild(seatLine(seat, table)); names[seat.party] = seat.party_name; }
    if (table.last_offer) {
      const offer = el("div", "offer");
      offer.appendChild(el("div", "", fmt(T.last_offer, { who: names[table.last_offer.party] })));
      for (const [issue, option] of table.last_offer.package) offer.appendChild(el("div", "", issue + ": " + option));
      box.appendChild(offer);
      const pts = Object.entries(table.scores || table.last_offer.points).map(([p, v]) => names[p] + " " + v).join(" · ");
      box.appendChild(el("div", "points private", (table.scores ? T.scores : T.points) + " " + pts));
    }
    return box;
  }

  function render(state) {
    T = state.texts;
    document.title = T.page_title;
    $("title").textContent = T.page_title;
    $("controls").hidden = false;
    $("code-label").textContent = T.code;
    $("code").textContent = state.code;
    $("projector-label").textContent = T.projector;
    $("reveal").textContent = document.body.classList.contains("revealed") ? T.hide : T.reveal;
    $("fill").textContent = T.fill;
    $("fill").hidden = !state.ai_fill || state.ended;
    $("end").textContent = T.end;
    $("end").hidden = state.ended;
    $("report").textContent = T.report;
    $("report").href = "/report?key=" + encodeURIComponent(key);
    $("report").hidden = !state.ended;
    $("status").textContent = state.ended ? T.ended : "";
    const c = state.counters;
    const counters = $("counters");
    counters.replaceChildren(
      el("span", "", fmt(T.count_playing, c)), el("span", "", fmt(T.count_finished, c)),
      el("span", "", fmt(T.count_deals, c)), el("span", "", fmt(T.count_students, c)));
    $("tables").replaceChildren(...state.tables.map(card));
  }

  function connect() {
    const scheme = location.protocol === "https:" ? "wss:" : "ws:";
    socket = new WebSocket(scheme + "//" + location.host + "/ws/teacher?key=" + encodeURIComponent(key));
    socket.onmessage = (event) => {
      const msg = JSON.parse(event.data);
      if (msg.type === "state") render(msg.state);
      else if (msg.type === "report") window.open(msg.url, "_blank", "noopener");
      else if (msg.type === "error") {
        $("status").textContent = msg.reason;
        if (msg.code === "wrong-key") { $("controls").hidden = true; $("tables").replaceChildren(); document.body.classList.add("wrong"); }
      }
    };
    socket.onclose = (event) => {
      if (document.body.classList.contains("wrong")) return;
      $("status").textContent = T.reconnecting || "…";
      setTimeout(connect, 1500);
    };
  }

  function send(type) { if (socket && socket.readyState === 1) socket.send(JSON.stringify({ v: 1, type: type })); }

  document.addEventListener("DOMContentLoaded", () => {
    $("projector").addEventListener("change", (e) => {
      document.body.classList.toggle("projector", e.target.checked);
      document.body.classList.remove("revealed");
      $("reveal").hidden = !e.target.checked;
      $("reveal").textContent = T.reveal;
    });
    $("reveal").addEventListener("click", () => {
      document.body.classList.toggle("revealed");
      $("reveal").textContent = document.body.classList.contains("revealed") ? T.hide : T.reveal;
    });
    $("fill").addEventListener("click", () => send("fill"));
    $("end").addEventListener("click", () => { if (confirm(T.end_confirm)) send("end"); });
    connect();
  });
})();
