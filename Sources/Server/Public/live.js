// cocreate live pages: one WebSocket per page, reconnecting with back-off; the server sends the
// page's whole view after every change, so a reconnect is a catch-up, never a gap.
// All text goes into the page with textContent: participant text is never parsed as HTML.
(function () {
  "use strict";
  var root = document.getElementById("live");
  if (!root) return;
  var role = root.dataset.role;
  var key = role === "console" ? root.dataset.conversation : root.dataset.code;
  var version = Number(root.dataset.version || 0);
  var listeners = [];
  var statusEl = document.getElementById("status");
  var view = null;
  try { view = JSON.parse(root.dataset.view || "null"); } catch (e) { view = null; }
  var strings = {};
  try { strings = JSON.parse(root.dataset.strings || "{}"); } catch (e) { strings = {}; }
  // Interface text comes from the server's string catalog, in the page's language.
  function t(key, values) {
    var text = strings[key] || key;
    Object.keys(values || {}).forEach(function (name) { text = text.split("{" + name + "}").join(String(values[name])); });
    return text;
  }
  // A count's text: the catalog has one form per CLDR plural category of the page's language
  // (key.one, key.other; Welsh and Arabic also zero, two, few, many), as the server chooses them.
  var pluralRules = new Intl.PluralRules(document.documentElement.lang || "en");
  function plural(key, count, values) {
    var form = key + "." + pluralRules.select(count);
    var all = Object.assign({ count: count }, values || {});
    return t(strings[form] ? form : key + ".other", all);
  }

  function uuid() {
    // crypto.randomUUID needs a secure context; a laptop on the venue's Wi-Fi serves plain http.
    var b = new Uint8Array(16);
    crypto.getRandomValues(b);
    b[6] = (b[6] & 15) | 64; b[8] = (b[8] & 63) | 128;
    var h = Array.prototype.map.call(b, function (x) { return (x + 256).toString(16).slice(1); }).join("");
    return h.slice(0, 8) + "-" + h.slice(8, 12) + "-" + h.slice(12, 16) + "-" + h.slice(16, 20) + "-" + h.slice(20);
  }

  function setStatus(text, offline) {
    if (!statusEl) return;
    statusEl.textContent = text || "";
    statusEl.classList.toggle("offline", !!offline);
  }

  function deliver(next) {
    if (!next || (view && next.version < view.version)) return;
    view = next;
    version = next.version;
    root.dataset.version = String(version);
    deadline = null;
    if (next.phase && next.phase.remainingMs != null) {
      deadline = { at: Date.now() + next.phase.remainingMs, paused: next.phase.paused, remaining: next.phase.remainingMs };
    }
    listeners.forEach(function (fn) { fn(next); });
    tick();
  }

  // Timer: counts down locally between updates; pauses and extensions arrive as new views.
  var deadline = null;
  function format(ms) {
    var negative = ms < 0, s = Math.ceil(Math.abs(ms) / 1000);
    var text = Math.floor(s / 60) + ":" + String(s % 60).padStart(2, "0");
    return negative ? "−" + text : text;
  }
  function tick() {
    var els = document.querySelectorAll('[data-field="timer"]');
    els.forEach(function (el) {
      if (!deadline) { el.textContent = "–"; el.classList.remove("overrun", "paused"); return; }
      var left = deadline.paused ? deadline.remaining : deadline.at - Date.now();
      el.textContent = format(left);
      el.classList.toggle("overrun", left < 0);
      el.classList.toggle("paused", !!deadline.paused);
      el.setAttribute("aria-label", (deadline.paused ? t("live.paused") + ", " : "") + format(left));
    });
  }
  setInterval(tick, 250);

  var socket = null, attempts = 0;
  function connect() {
    var scheme = location.protocol === "https:" ? "wss://" : "ws://";
    socket = new WebSocket(scheme + location.host + "/ws/" + role + "/" + encodeURIComponent(key));
    socket.onopen = function () {
      attempts = 0;
      setStatus("");
      socket.send(JSON.stringify({ after: version }));
    };
    socket.onmessage = function (message) {
      try { var data = JSON.parse(message.data); } catch (e) { return; }
      if (data.view) deliver(data.view);
    };
    socket.onclose = function () {
      setStatus(t("live.offline"), true);
      attempts += 1;
      setTimeout(connect, Math.min(10000, 300 * Math.pow(2, attempts)) * (0.5 + Math.random()));
    };
    socket.onerror = function () { socket.close(); };
  }
  connect();

  // Forms: sent with fetch when scripts run, as plain forms when they do not. Each carries an
  // id, so a retry after a dropped connection is applied once.
  function send(form, body, tries) {
    var headers = { "Accept": "application/json", "Content-Type": "application/x-www-form-urlencoded" };
    if (root.dataset.csrf) headers["X-CSRF-Token"] = root.dataset.csrf;
    // getAttribute, not form.action: a field named "action" (the agenda forms have one) shadows the property.
    return fetch(form.getAttribute("action"), { method: "POST", body: body, headers: headers, credentials: "same-origin" })
      .then(function (response) {
        return response.json().catch(function () { return {}; }).then(function (data) {
          if (!response.ok) throw { fatal: true, answered: true, field: data.field, message: data.message || data.error || ("Error " + response.status) };
          return data;
        });
      })
      .catch(function (error) {
        if (error && error.fatal) throw error;
        if (tries >= 12) throw { fatal: true, message: t("live.unreachable") };
        setStatus(t("live.offline"), true);
        return new Promise(function (resolve) { setTimeout(resolve, Math.min(5000, 250 * Math.pow(2, tries))); })
          .then(function () { return send(form, body, tries + 1); });
      });
  }

  // A form's outcome is shown inside the form itself, next to what the person just did; a refusal
  // also marks the field it is about, so a screen reader reads the message with the field.
  var messageCount = 0;
  function formMessage(form, text, isError, field) {
    var el = form.querySelector(".form-message");
    if (!el) {
      el = document.createElement("p");
      el.className = "form-message";
      el.id = "form-message-" + (++messageCount);
      form.append(el);
    }
    el.setAttribute("role", isError ? "alert" : "status");
    el.textContent = text;
    el.classList.toggle("error", !!isError);
    form.querySelectorAll("[aria-invalid]").forEach(function (input) {
      input.removeAttribute("aria-invalid");
      input.removeAttribute("aria-describedby");
    });
    var input = isError && field ? form.querySelector('[name="' + field + '"]:not([type=hidden])') : null;
    if (input) {
      input.setAttribute("aria-invalid", "true");
      input.setAttribute("aria-describedby", el.id);
    }
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches || !form.matches("form[data-enhance]")) return;
    event.preventDefault();
    // An action that ends something asks first, in the page: the first press arms the form.
    if (form.hasAttribute("data-confirm") && form.getAttribute("data-armed") !== "yes") {
      form.setAttribute("data-armed", "yes");
      formMessage(form, form.getAttribute("data-confirm") + " " + t("console.pressAgain"), true);
      setTimeout(function () { form.removeAttribute("data-armed"); }, 8000);
      return;
    }
    form.removeAttribute("data-armed");
    var idField = form.querySelector('input[name="id"]');
    if (idField && !idField.value) idField.value = uuid();
    var data = new URLSearchParams(new FormData(form));
    if (event.submitter && event.submitter.name) data.set(event.submitter.name, event.submitter.value);
    var buttons = form.querySelectorAll("button");
    // Disabling the pressed button drops the focus to the top of the page; it is given back below, so a
    // phone stays where the person was and a screen reader does not start again from the top.
    var focused = document.activeElement;
    buttons.forEach(function (b) { b.disabled = true; });
    send(form, data.toString(), 0).then(function (result) {
      // The outcome belongs to the form; the status line at the top is for the connection only.
      setStatus("");
      formMessage(form, t("phone.sent"), false);
      if (form.hasAttribute("data-reset")) form.reset();
      if (idField) idField.value = uuid();
      if (result && result.view) deliver(result.view);
    }, function (error) {
      setStatus(error.answered ? "" : t("live.notSent"), !error.answered);
      formMessage(form, error.message || t("live.notSent"), true, error.field);
      // The server answered: nothing was stored under this id, so the next try is a new write.
      // Unanswered, the id stays: sending again is then a retry of the same write.
      if (error.answered && idField) idField.value = uuid();
    }).then(function () {
      buttons.forEach(function (b) { b.disabled = false; });
      if (!document.activeElement || document.activeElement === document.body) {
        // A form that empties after sending is ready for the next one: back in its writing box.
        var box = form.hasAttribute("data-reset") && (form.querySelector("textarea") || form.querySelector("input[type=text]"));
        var next = box || focused;
        if (next && next.isConnected && next.focus) next.focus({ preventScroll: true });
      }
    });
  });

  window.Cocreate = {
    t: t,
    plural: plural,
    onView: function (fn) { listeners.push(fn); if (view) fn(view); },
    uuid: uuid,
    submit: function (form) { form.requestSubmit(); },
    text: function (tag, text, className) {
      var el = document.createElement(tag);
      el.textContent = text == null ? "" : String(text);
      if (className) el.className = className;
      return el;
    },
    // Text people wrote (names, contributions, statements): its own direction, so Arabic in an
    // English page, or English in an Arabic one, is not reordered by the text around it.
    userText: function (tag, text, className) {
      var el = window.Cocreate.text(tag, text, className);
      el.dir = "auto";
      return el;
    },
    // A statement's wording for this page's reader: its translation into the page's language when
    // it has one, else its own words.
    wording: function (statement) {
      var lang = document.documentElement.lang;
      var found = (statement.translations || []).filter(function (w) { return w.language === lang; })[0];
      return found ? found.text : statement.text;
    },
    // A statement's other wordings, each marked with its language so it is read and spoken right:
    // `tag` elements (spans unless said), leaving out the language `except`.
    translations: function (statement, except, tag) {
      return (statement.translations || []).filter(function (w) { return w.language !== except; }).map(function (w) {
        var el = window.Cocreate.userText(tag || "span", w.text, "translation");
        el.lang = w.language;
        return el;
      });
    },
    fill: function (name, items, make) {
      document.querySelectorAll('[data-list="' + name + '"]').forEach(function (list) {
        list.replaceChildren.apply(list, items.map(make));
      });
    },
    field: function (name, text) {
      document.querySelectorAll('[data-field="' + name + '"]').forEach(function (el) { el.textContent = text == null ? "" : String(text); });
    }
  };
  if (view) deliver(view);
})();
