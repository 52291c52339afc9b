// Projector view: updates the phase, the board of tables and the results from each new view.
(function () {
  "use strict";
  var C = window.Cocreate;
  C.onView(function (v) {
    var p = v.phase;
    C.field("phaseKind", p ? C.t("phase.kind." + p.kind) : "");
    C.field("phaseTitle", p ? p.title : v.title);
    // The question in the projector's language, its other wordings beneath it.
    var question = p ? { text: p.question || "", translations: p.questionTranslations } : { text: v.mainQuestion, translations: v.mainQuestionTranslations };
    var ownQuestion = C.wording(question);
    C.field("question", ownQuestion);
    C.fill("questionWordings", (ownQuestion !== question.text && question.text ? [C.userText("p", question.text, "translation")] : [])
      .concat(C.translations(question, document.documentElement.lang, "p")),
      function (el) { return el; });
    C.field("next", v.nextPhaseTitle ? C.t("phase.next") + ": " + v.nextPhaseTitle : "");
    var rule = document.querySelector('[data-field="turnRule"]');
    rule.replaceChildren();
    if (p && p.structureID) {
      rule.append(C.text("strong", C.t("structure." + p.structureID + ".name")), document.createTextNode(": " + C.t("structure." + p.structureID + ".rule") + (p.turnSeconds ? " " + C.t("live.turnSeconds", { seconds: p.turnSeconds }) : "")));
    }
    document.querySelector('[data-section="seating"]').hidden = !v.seating;
    C.field("seatingRound", v.seating ? "· " + C.t("screen.round") + " " + v.seating.round : "");
    C.fill("board", v.seating ? v.seating.tables : [], function (t) {
      var article = document.createElement("article");
      article.append(C.text("h3", C.t("screen.table") + " " + t.table));
      var ul = document.createElement("ul");
      t.people.forEach(function (person) {
        var li = C.userText("li", person.name);
        if (person.role) { li.append(" "); li.append(C.text("span", person.roleID ? C.t("role." + person.roleID + ".name") : person.role, "role")); }
        ul.append(li);
      });
      article.append(ul);
      return article;
    });
    var results = document.querySelector('[data-section="results"]');
    results.hidden = !v.showResults;
    var ballot = v.phase && v.phase.voteMethod;
    C.field("resultsHeading", C.t(ballot === "budget" ? "screen.resultsBudget" : ballot === "dots" ? "screen.resultsDots" : "screen.results"));
    C.fill("results", v.results, function (r) {
      var li = document.createElement("li");
      // The projector's language first; the other wordings of the same statement beneath, one tally for all.
      var lang = document.documentElement.lang, own = C.wording(r);
      li.append(C.userText("span", own));
      if (own !== r.text) li.append(C.userText("span", r.text, "translation"));
      C.translations(r, lang).forEach(function (el) { li.append(el); });
      var t = r.tally, total = Math.max(1, t.agree + t.disagree + t.pass);
      var bar = document.createElement("div");
      bar.className = "bar-row";
      bar.setAttribute("role", "img");
      bar.setAttribute("aria-label", C.t("live.tally", t));
      [["a", t.agree], ["d", t.disagree], ["p", t.pass]].forEach(function (part) {
        var s = document.createElement("span");
        s.className = part[0];
        s.style.width = (100 * part[1] / total) + "%";
        bar.append(s);
      });
      var method = v.phase && v.phase.voteMethod;
      if (method === "budget" || (r.cost != null && r.supporters)) {
        // A budget vote: supporters and cost, and whether it is funded while the budget lasts.
        li.append(C.text("span", C.t("screen.budgetLine", { supporters: r.supporters, cost: (r.cost || 0).toLocaleString() })
          + (r.funded ? " · ✓ " + C.t("screen.funded") : ""), "result-line" + (r.funded ? " funded" : " muted")));
        return li;
      }
      if (method === "dots") {
        li.append(C.text("span", C.plural("live.dots", r.dots), "result-line"));
        return li;
      }
      li.append(bar);
      li.append(C.text("span", C.t("live.tally", t) + (r.dots ? " · " + C.plural("live.dots", r.dots) : ""), "muted"));
      return li;
    });
    C.fill("commitments", v.commitments, function (c) {
      var li = document.createElement("li");
      li.append(C.userText("bdi", c.text), " ");
      li.append(C.userText("span", [c.owners, c.due].filter(Boolean).join(" · "), "muted"));
      return li;
    });
    document.querySelector('[data-section="commitments"]').hidden = v.commitments.length === 0;
    var countdown = document.querySelector(".countdown");
    if (countdown) countdown.hidden = !p;
    fit();
  });

  // The projector never scrolls. The content under the heading shrinks step by step until it fits;
  // if it still does not at the smallest size still readable at the back of the room, its longest
  // list is shown a page at a time, each page for `data-cycle` seconds (8 unless the address says).
  // One clock turns the pages, and the page shown survives a new view: during a vote a view comes
  // with every vote, and restarting the clock on each kept the screen on page 1.
  var MIN_FIT = 0.6, pager = null, page = 0, showPage = null;
  function overflowing(box) { return box.scrollHeight > box.clientHeight + 1; }
  function fit() {
    var box = document.querySelector("[data-fit]");
    if (!box) return;
    showPage = null;
    C.field("pageNote", "");
    var lists = Array.prototype.slice.call(box.querySelectorAll("[data-list]")).filter(function (list) {
      return !list.closest("[hidden]");
    });
    lists.forEach(function (list) { Array.prototype.forEach.call(list.children, function (item) { item.hidden = false; }); });
    document.body.classList.toggle("has-content", lists.some(function (list) { return list.children.length > 0; }));
    var scale = 1;
    box.style.setProperty("--fit", scale);
    while (overflowing(box) && scale > MIN_FIT) {
      scale = Math.max(MIN_FIT, scale - 0.05);
      box.style.setProperty("--fit", scale.toFixed(2));
    }
    if (!overflowing(box)) return;
    var longest = lists.reduce(function (a, b) { return b.children.length > a.children.length ? b : a; });
    var items = Array.prototype.slice.call(longest.children);
    var perPage = items.length;
    C.field("pageNote", C.t("screen.page", { page: 1, pages: 9 }));  // its line counts in the measure
    while (perPage > 1 && overflowing(box)) {
      perPage -= 1;
      items[perPage].hidden = true;
    }
    var pages = Math.ceil(items.length / perPage);
    showPage = function () {
      page = page % pages;
      items.forEach(function (item, index) { item.hidden = Math.floor(index / perPage) !== page; });
      C.field("pageNote", C.t("screen.page", { page: page + 1, pages: pages }));
    };
    showPage();
    if (!pager) {
      var seconds = Number(box.getAttribute("data-cycle")) || 8;
      pager = setInterval(function () { if (showPage) { page += 1; showPage(); } }, seconds * 1000);
    }
  }
  window.addEventListener("resize", fit);
})();
