// The design editor checks the design as the facilitator types: each message appears beside its field, and
// the running total, each phase's clock time and each round's turn rule follow the typing. The buttons (add,
// move, remove a phase; save) stay plain form buttons, so the page works the same without this script.
(function () {
  "use strict";
  var form = document.getElementById("design-editor");
  if (!form) return;
  var timer = null;
  var sequence = 0;

  function showMethod(fieldset) {
    var select = fieldset.querySelector("select[name$='.method']");
    if (select) fieldset.setAttribute("data-method", select.value);
  }

  function setMessage(box, message) {
    var control = box.querySelector("input, select, textarea");
    var error = box.querySelector(".field-error");
    if (!error) return;
    error.textContent = message || "";
    error.hidden = !message;
    box.classList.toggle("has-error", !!message);
    if (control) {
      if (message) control.setAttribute("aria-invalid", "true"); else control.removeAttribute("aria-invalid");
    }
  }

  function apply(answer) {
    var byField = {};
    var general = [];
    answer.problems.forEach(function (problem) {
      if (byField[problem.field] === undefined) byField[problem.field] = problem.message;
    });
    form.querySelectorAll("[data-field]").forEach(function (box) {
      var name = box.getAttribute("data-field");
      setMessage(box, byField[name]);
      delete byField[name];
    });
    // Messages about a whole phase, its roles or its statements have a line of their own in the phase.
    Object.keys(byField).forEach(function (field) {
      var line = document.getElementById("f-" + field.replace(/\./g, "-") + "-error");
      if (line) { line.textContent = byField[field]; line.hidden = false; delete byField[field]; }
    });
    form.querySelectorAll("p.field-error[id^='f-phases']").forEach(function (line) {
      var field = line.id.slice(2, -6).replace(/-/g, ".");
      if (!answer.problems.some(function (p) { return p.field === field; }) && !line.closest("[data-field]")) {
        line.hidden = true; line.textContent = "";
      }
    });
    Object.keys(byField).forEach(function (field) { general.push(byField[field]); });
    var summary = document.getElementById("design-problems");
    var list = document.getElementById("design-general");
    list.textContent = "";
    general.forEach(function (text) { var item = document.createElement("li"); item.textContent = text; list.appendChild(item); });
    summary.hidden = answer.problems.length === 0;
    document.getElementById("total-minutes").textContent = answer.totalMinutes;
    form.querySelectorAll("[data-clock]").forEach(function (clock) {
      clock.textContent = answer.startTimes[Number(clock.getAttribute("data-clock"))] || "";
    });
    form.querySelectorAll("[data-rule]").forEach(function (rule) {
      rule.querySelector("span").textContent = answer.rules[rule.getAttribute("data-rule")] || "";
    });
  }

  function check() {
    var mine = ++sequence;
    var body = new URLSearchParams(new FormData(form));
    var replace = form.querySelector("#replace");
    fetch("/designs/check" + (replace && replace.checked ? "?replace=on" : ""), {
      method: "POST", body: body, credentials: "same-origin",
      headers: { "Accept": "application/json", "Content-Type": "application/x-www-form-urlencoded" }
    }).then(function (response) { return response.ok ? response.json() : null; })
      .then(function (answer) { if (answer && mine === sequence) apply(answer); })
      .catch(function () { /* offline: the save still checks everything */ });
  }

  function later() {
    clearTimeout(timer);
    timer = setTimeout(check, 300);
  }

  form.addEventListener("input", later);
  form.addEventListener("change", function (event) {
    var fieldset = event.target.closest("fieldset.phase-edit");
    if (fieldset) showMethod(fieldset);
    later();
  });
  form.querySelectorAll("fieldset.phase-edit").forEach(showMethod);
  var focus = form.getAttribute("data-focus");
  if (focus) {
    var phase = document.getElementById(focus);
    if (phase) { phase.scrollIntoView({ block: "start" }); var first = phase.querySelector("input:not([type=hidden]), select, textarea"); if (first) first.focus({ preventScroll: true }); }
  }
  check();
})();
