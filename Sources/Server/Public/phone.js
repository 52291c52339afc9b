// Participant's phone: the phase, their table and role, the vote and the table's turns.
(function () {
  "use strict";
  var C = window.Cocreate;
  var current = null;
  C.onView(function (v) {
    current = v;
    var p = v.phase;
    C.field("phaseTitle", v.closed ? C.t("phase.closed") : p ? p.title : C.t("phase.waiting"));
    C.field("question", p ? C.wording({ text: p.question || "", translations: p.questionTranslations }) : "");
    var rule = document.querySelector('[data-field="turnRule"]');
    rule.replaceChildren();
    if (p && p.structureID) rule.append(C.text("strong", C.t("structure." + p.structureID + ".name")), document.createTextNode(": " + C.t("structure." + p.structureID + ".rule")));

    var seat = document.querySelector('[data-field="seat"]');
    seat.replaceChildren();
    if (v.seat) {
      seat.append(C.text("p", v.seat.table, "big-number"));
      seat.firstChild.setAttribute("aria-label", C.t("screen.table") + " " + v.seat.table);
      if (v.seat.roleName) {
        var role = document.createElement("p");
        role.append(C.text("strong", C.t("phone.yourRole") + ": " + C.t("role." + v.seat.role + ".name")), document.createElement("br"), document.createTextNode(C.t("role." + v.seat.role + ".duty")));
        seat.append(role);
      }
      if (v.seat.tablemates.length) {
        var mates = C.text("p", C.t("phone.with") + ": ", "muted");
        v.seat.tablemates.forEach(function (name, i) { mates.append(C.userText("bdi", name), i < v.seat.tablemates.length - 1 ? C.t("common.listSeparator") : ""); });
        seat.append(mates);
      }
    } else {
      seat.append(C.text("p", C.t("phone.noSeat"), "muted"));
    }
    C.fill("upcoming", v.upcoming, function (u) { return C.text("li", C.t("live.upcoming", { round: u.round, table: u.table }) + (u.role ? " (" + u.role + ")" : "")); });
    C.fill("tableContributions", v.tableContributions.slice().reverse(), function (c) {
      var li = document.createElement("li");
      li.append(C.text("span", C.t("phone.kind." + c.kind), "kind"), " ", C.userText("bdi", c.text));
      return li;
    });
    C.fill("myCommitments", v.myCommitments, function (c) {
      var li = document.createElement("li");
      li.append(C.userText("bdi", c.text), " ");
      li.append(C.text("span", [c.due ? C.t("phone.due") + ": " + c.due : "", c.status].filter(Boolean).join(" · "), "muted"));
      return li;
    });
    var method = p && p.voteMethod;
    document.getElementById("budget-form").hidden = method !== "budget";
    document.getElementById("dots-form").hidden = method !== "dots";
    document.querySelector('[data-list="statements"]').hidden = method === "budget" || method === "dots";
    if (method === "budget") renderBudget(v); else if (method === "dots") renderDots(v); else renderStatements(v);
    renderTurns(v);
    // The phone shows what the phase asks of this person, and nothing else.
    var asks = v.asks || {};
    document.getElementById("contribute").hidden = !asks.contribute;
    document.getElementById("vote").hidden = !asks.vote;
    document.getElementById("commit").hidden = !asks.commit;
    document.getElementById("seat").hidden = !asks.seat;
    document.getElementById("mine").hidden = v.myCommitments.length === 0;
    document.getElementById("paused").hidden = !(p && p.paused);
  });

  function renderStatements(v) {
    var list = document.querySelector('[data-list="statements"]');
    var template = list.querySelector("form");
    var action = template ? template.action : location.pathname + "/votes";
    C.fill("statements", v.statements, function (s) {
      var li = document.createElement("li");
      li.append(C.userText("p", C.wording(s)));
      var form = document.createElement("form");
      form.method = "post"; form.action = action; form.className = "votes";
      form.setAttribute("data-enhance", "");
      var id = document.createElement("input"); id.type = "hidden"; id.name = "id";
      var sid = document.createElement("input"); sid.type = "hidden"; sid.name = "statementID"; sid.value = s.id;
      form.append(id, sid);
      [["agree", C.t("phone.agree"), s.agreed], ["disagree", C.t("phone.disagree"), s.disagreed], ["pass", C.t("phone.pass"), s.passed]].forEach(function (choice) {
        var b = C.text("button", choice[1], "vote " + choice[0]);
        b.type = "submit"; b.name = "vote"; b.value = choice[0];
        b.setAttribute("aria-pressed", choice[2] ? "true" : "false");
        form.append(b);
      });
      li.append(form);
      return li;
    });
  }

  // A ballot the person is still filling in keeps their unsaved choices when a live update arrives.
  function unsaved(form) { return form.getAttribute("data-dirty") === "yes"; }
  ["budget-form", "dots-form"].forEach(function (formID) {
    var form = document.getElementById(formID);
    form.addEventListener("input", function () { form.setAttribute("data-dirty", "yes"); summarise(); });
    form.addEventListener("submit", function () { form.removeAttribute("data-dirty"); });
  });

  function renderBudget(v) {
    var form = document.getElementById("budget-form");
    var keep = {};
    form.querySelectorAll("input[type=checkbox]").forEach(function (box) { keep[box.value] = box.checked; });
    C.fill("proposals", v.statements, function (s) {
      var li = document.createElement("li"), label = document.createElement("label");
      label.className = "check";
      var box = document.createElement("input");
      box.type = "checkbox"; box.name = "statementIDs[]"; box.value = s.id;
      box.setAttribute("data-cost", String(s.cost || 0));
      box.checked = unsaved(form) && s.id in keep ? keep[s.id] : s.chosen;
      label.append(box, " ", C.userText("bdi", C.wording(s)), " ", C.text("span", (s.cost || 0).toLocaleString(), "cost"));
      li.append(label);
      return li;
    });
    summarise();
  }

  function renderDots(v) {
    var form = document.getElementById("dots-form");
    var keep = {};
    form.querySelectorAll("input[type=number]").forEach(function (input) { keep[input.getAttribute("data-statement")] = input.value; });
    C.fill("dotOptions", v.statements, function (s) {
      var li = document.createElement("li"), label = document.createElement("label");
      var input = document.createElement("input");
      input.type = "number"; input.min = "0"; input.max = String(v.phase.dots || 0); input.inputMode = "numeric";
      input.name = "dots[" + s.id + "]"; input.className = "dots-input";
      input.setAttribute("data-statement", s.id);
      input.value = unsaved(form) && s.id in keep ? keep[s.id] : String(s.myDots || 0);
      label.append(C.userText("bdi", C.wording(s)), " ", input);
      li.append(label);
      return li;
    });
    summarise();
  }

  // The running total: what is chosen, what is left, and a plain warning when it is too much.
  function summarise() {
    if (!current || !current.phase) return;
    var budgetForm = document.getElementById("budget-form"), dotsForm = document.getElementById("dots-form");
    var budget = current.phase.budget || 0, spent = 0;
    budgetForm.querySelectorAll("input[type=checkbox]").forEach(function (box) { if (box.checked) spent += Number(box.getAttribute("data-cost")) || 0; });
    var over = spent - budget;
    C.field("budgetSummary", over > 0 ? C.t("phone.budgetOver", { over: over.toLocaleString(), budget: budget.toLocaleString() })
      : C.t("phone.budgetSpent", { spent: spent.toLocaleString(), budget: budget.toLocaleString(), left: (budget - spent).toLocaleString() }));
    budgetForm.querySelector("button[type=submit]").disabled = over > 0;
    var allowed = current.phase.dots || 0, placed = 0;
    dotsForm.querySelectorAll("input[type=number]").forEach(function (input) { placed += Math.max(0, Number(input.value) || 0); });
    C.field("dotsSummary", placed > allowed ? C.t("phone.dotsOver", { over: placed - allowed, allowed: allowed })
      : C.t("phone.dotsLeft", { placed: placed, allowed: allowed, left: allowed - placed }));
    dotsForm.querySelector("button[type=submit]").disabled = placed > allowed;
  }

  // Turns: the timekeeper taps the speaker; tapping again (or another) ends the turn and records it.
  // The turn under way is kept on the device for its round and table, so a reload (or a phone that
  // locks and comes back) carries on timing it instead of losing it.
  var speaking = null, speakingFor = null;
  function turnKey(turns) { return "cocreate.turn:" + location.pathname + ":" + turns.round + ":" + turns.table; }
  function keepTurn() {
    try {
      if (speaking && speakingFor) localStorage.setItem(speakingFor, JSON.stringify(speaking));
      else if (speakingFor) localStorage.removeItem(speakingFor);
    } catch (e) { /* private browsing: the turn lives as long as the page */ }
  }
  function renderTurns(v) {
    var panel = document.getElementById("turns");
    panel.hidden = !v.turns;
    if (!v.turns) return;
    var key = turnKey(v.turns);
    if (key !== speakingFor) {
      speakingFor = key;
      try { speaking = JSON.parse(localStorage.getItem(key) || "null"); } catch (e) { speaking = null; }
      if (speaking && !v.turns.speakers.some(function (s) { return s.id === speaking.id; })) speaking = null;
      C.field("speaker", speaking ? speaking.name : "–");
    }
    C.fill("speakers", v.turns.speakers, function (s) {
      var b = C.text("button", "", "secondary speaker");
      b.append(C.userText("bdi", s.name), C.text("span", C.t("live.speakerTurns", { turns: s.turns, seconds: s.seconds }), "turns"));
      b.type = "button";
      b.setAttribute("aria-pressed", speaking && speaking.id === s.id ? "true" : "false");
      b.addEventListener("click", function () { toggle(s); });
      return b;
    });
  }
  function toggle(speaker) {
    if (speaking) {
      var form = document.getElementById("turn-form");
      form.querySelector('[name="participantID"]').value = speaking.id;
      form.querySelector('[name="seconds"]').value = String(Math.round((Date.now() - speaking.since) / 1000));
      form.querySelector('[name="id"]').value = "";
      var wasSame = speaking.id === speaker.id;
      speaking = null;
      keepTurn();
      C.submit(form);
      if (wasSame) { C.field("speaker", "–"); if (current) renderTurns(current); return; }
    }
    speaking = { id: speaker.id, name: speaker.name, since: Date.now() };
    keepTurn();
    C.field("speaker", speaker.name);
    if (current) renderTurns(current);
  }
  setInterval(function () {
    if (!speaking || !current || !current.turns) { C.field("turnTimer", ""); return; }
    var left = current.turns.turnSeconds * 1000 - (Date.now() - speaking.since);
    var s = Math.ceil(Math.abs(left) / 1000);
    C.field("turnTimer", (left < 0 ? "−" : "") + Math.floor(s / 60) + ":" + String(s % 60).padStart(2, "0"));
  }, 250);
})();
