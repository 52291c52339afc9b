// Facilitator console: keeps the agenda, people, tables and contributions current.
// Lists are rebuilt from the view with textContent; action forms are cloned from the page.
(function () {
  "use strict";
  var C = window.Cocreate;
  var root = document.getElementById("live");
  var csrf = root.dataset.csrf, id = root.dataset.conversation;

  function postForm(action, fields, label, className) {
    var form = document.createElement("form");
    form.method = "post"; form.action = action; form.className = "inline";
    form.setAttribute("data-enhance", "");
    Object.keys(fields).forEach(function (name) {
      var input = document.createElement("input");
      input.type = "hidden"; input.name = name; input.value = fields[name];
      form.append(input);
    });
    var button = C.text("button", label, className == null ? "small secondary" : className);
    button.type = "submit";
    form.append(button);
    return form;
  }

  // The view's words for a table's balance of talk, and the catalog's key for each.
  var balanceWords = { "even": "console.balanceWord.even", "uneven": "console.balanceWord.uneven",
    "one voice dominates": "console.balanceWord.dominates", "too little recorded yet": "console.balanceWord.tooLittle" };
  function balanceText(word) { return balanceWords[word] ? C.t(balanceWords[word]) : word; }

  C.onView(function (v) {
    C.fill("actions", v.actions, function (a) {
      var label = C.t("console.action." + a.action, { phase: a.phaseTitle || "" });
      var form = postForm("/conversations/" + id + "/agenda", { _csrf: csrf, id: "", action: a.action }, label, a.style);
      if (a.confirm) form.setAttribute("data-confirm", C.t("console.action." + a.action + "Confirm"));
      return form;
    });
    C.fill("agenda", v.agenda, function (item) {
      var li = document.createElement("li");
      li.className = item.status.replace(" ", "-") + (item.isCurrent ? " current" : "");
      // What the words say in any language, for tests and styles.
      li.setAttribute("data-kind", item.kind);
      li.setAttribute("data-status", item.status);
      li.append(C.userText("bdi", item.title, "what"), document.createTextNode(" "));
      var status = C.t("console.status." + (item.status === "to come" ? "toCome" : item.status));
      li.append(C.text("span", C.t("phase.kind." + item.kind) + " · " + item.minutes + " " + C.t("common.minutes") + " · " + status, "muted"));
      return li;
    });
    C.field("arrivedCount", C.t("live.arrivedCount", { arrived: v.arrived, total: v.participants.length }));
    var run = v.runSheet;
    C.field("runNow", run.now || (v.closed ? C.t("console.closedNow") : C.t("phase.waiting")));
    C.field("runNext", run.next ? run.next + " · " + run.nextMinutes + " " + C.t("common.minutes") : "–");
    C.field("runSeated", v.seatedRound ? C.plural("console.tablesSeated", run.tables, { round: v.seatedRound }) : C.t("console.notSeatedYet"));
    C.field("runCameIn", [C.plural("live.contributionsCount", run.contributions), C.plural("live.votesCount", run.votes),
      C.plural("live.commitmentsCount", run.commitments)].join(" · "));
    document.querySelectorAll('[data-list="people"] tbody, table.people tbody').forEach(function (body) {
      body.replaceChildren.apply(body, v.participants.map(function (p) {
        var tr = document.createElement("tr");
        tr.setAttribute("data-participant", p.id);
        [p.name, p.group || "", p.table || ""].forEach(function (text) { tr.append(C.userText("td", text)); });
        var td = document.createElement("td");
        if (!p.arrived) td.append(postForm("/conversations/" + id + "/arrivals", { _csrf: csrf, participantID: p.id, present: "true" }, C.t("console.markArrived"), "small"));
        if (p.absent) td.append(C.text("span", C.t("console.absentBadge"), "badge"));
        if (p.arrived) td.append(C.text("span", "✓ " + C.t("console.here"), "badge"));
        if (p.claimed) {
          td.append(C.text("span", C.t("console.onAPhone"), "badge"));
          td.append(postForm("/conversations/" + id + "/names/release", { _csrf: csrf, participantID: p.id }, C.t("console.releaseName")));
        }
        if (!p.absent) td.append(postForm("/conversations/" + id + "/arrivals", { _csrf: csrf, participantID: p.id, present: "false" }, C.t("console.markAbsent"), "small secondary"));
        tr.append(td);
        return tr;
      }));
    });
    C.field("seatingLabel", v.roundsPlanned ? C.t("console.reseat") + " " + (v.seatFromRound || "") : C.t("console.seatEveryone"));
    C.field("seatingSummary", v.seatedRound && v.seatedCount ? C.plural("console.seatedCount", v.seatedCount, { round: v.seatedRound }) : "");
    var noSeating = document.getElementById("no-seating");
    if (noSeating) noSeating.hidden = v.tables.length > 0;
    var unseated = document.getElementById("unseated");
    if (unseated) {
      unseated.replaceChildren();
      [["console.notSeatedAbsent", v.absent], ["console.waitingForSeat", v.waiting]].forEach(function (pair) {
        if (!pair[1] || !pair[1].length) return;
        var p = C.text("p", C.t(pair[0]) + ": ", "warning");
        pair[1].forEach(function (name, i) { p.append(C.userText("bdi", name, "name"), document.createTextNode(i < pair[1].length - 1 ? ", " : "")); });
        unseated.append(p);
      });
    }
    C.fill("tables", v.tables, function (t) {
      var article = document.createElement("article");
      article.className = "table-card";
      article.append(C.text("h3", C.t("screen.table") + " " + t.table + (t.locked ? " 🔒 " + C.t("console.locked") : "")));
      article.append(postForm("/conversations/" + id + "/seating/lock", { _csrf: csrf, round: String(v.seatedRound), table: String(t.table), locked: String(!t.locked) },
        t.locked ? C.t("console.unlock") : C.t("console.lock")));
      var ul = document.createElement("ul");
      t.members.forEach(function (m) {
        var li = C.userText("li", m.name);
        if (m.role) { li.append(" "); li.append(C.text("span", m.role, "role")); }
        li.append(" ");
        li.append(C.text("span", m.contributions + " " + C.t("console.said") + " · " + m.seconds + " " + C.t("common.seconds") + " " + C.t("console.talking"), "muted"));
        ul.append(li);
      });
      article.append(ul);
      article.append(C.text("p", C.plural("live.contributionsCount", t.contributions) + (t.balance ? " · " + (t.topSharePercent == null ? C.t("live.balanceOnly", { balance: balanceText(t.balance) }) : C.t("live.balance", { balance: balanceText(t.balance), share: t.topSharePercent })) : ""), "muted"));
      return article;
    });
    C.fill("contributions", v.contributions, function (c) {
      var li = document.createElement("li");
      if (c.hidden) li.className = "hidden-item";
      li.append(C.text("span", c.kind, "kind"), document.createTextNode(" "), C.userText("span", c.text, "text"), document.createTextNode(" "));
      li.append(C.text("span", [c.table ? C.t("screen.table") + " " + c.table : "", c.author || ""].join(" "), "muted"));
      if (c.hidden) {
        li.append(" ", C.text("em", C.t("console.hidden")));
        li.append(" ", postForm("/conversations/" + id + "/contributions/" + encodeURIComponent(c.id) + "/show", { _csrf: csrf }, C.t("console.showAgain")));
      } else {
        li.append(" ", postForm("/conversations/" + id + "/contributions/" + encodeURIComponent(c.id) + "/hide", { _csrf: csrf }, C.t("console.hide")));
        li.append(" ", postForm("/conversations/" + id + "/statements", { _csrf: csrf, fromContribution: c.id }, C.t("console.promote")));
      }
      return li;
    });
    C.fill("statements", v.statements, function (s) {
      var li = document.createElement("li");
      var unvoted = s.tally.agree + s.tally.disagree + s.tally.pass === 0;
      if (unvoted) {
        // Before anyone votes, the wording can still change and the statement can go.
        var form = postForm("/conversations/" + id + "/statements/edit", { _csrf: csrf, statementID: s.id }, C.t("console.editStatement"));
        var input = document.createElement("input");
        input.name = "text"; input.value = s.text; input.required = true; input.maxLength = 2000;
        input.setAttribute("aria-label", C.t("console.statements") + ": " + s.text);
        form.insertBefore(input, form.querySelector("button"));
        li.append(form, " ", postForm("/conversations/" + id + "/statements/withdraw", { _csrf: csrf, statementID: s.id }, C.t("console.withdrawStatement")));
      } else {
        li.append(C.userText("span", s.text, "text"), " ");
      }
      C.translations(s).forEach(function (el) { li.append(el, " "); });
      li.append(C.text("span", C.t("live.tally", s.tally) + (s.tally.onPaper ? " (" + C.t("console.onPaperCount", { count: s.tally.onPaper }) + ")" : ""), "muted"));
      return li;
    });
    ["paper-statement", "translate-statement"].forEach(function (selectID) {
      var select = document.getElementById(selectID);
      if (!select) return;
      var chosen = select.value;
      select.replaceChildren.apply(select, v.statements.map(function (s) {
        var option = C.userText("option", s.text);
        option.value = s.id;
        option.selected = s.id === chosen;
        return option;
      }));
    });
    C.fill("commitments", v.commitments, function (c) {
      var li = document.createElement("li");
      li.append(C.userText("bdi", c.text), " ");
      li.append(C.text("span", [c.owners, c.due, c.status].filter(Boolean).join(" · "), "muted"));
      return li;
    });
  });
})();
