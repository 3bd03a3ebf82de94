/* nsk web guide. The data (questions, conditions as syntax trees, the steps in the engine's
   order with their contacts resolved, opening hours, the holiday table, the engine's warning
   texts) is compiled by nsk_cli/export/webguide.py from the same rules as `nsk guide`. This
   script only walks, evaluates and filters it, like guide/engine.py: walk() = engine.walk,
   complete() = engine.complete, result() = engine.build_result, hoursState() = Hours.state,
   nextOpen() = GuideResult.next_open. No network, no storage: answers live in this page's
   memory only. */
(function () {
  "use strict";

  var M = JSON.parse(document.getElementById("nsk-data").textContent);
  var QS = M.questions;
  var QBY = {};
  QS.forEach(function (q) { QBY[q.id] = q; });

  function has(obj, key) { return Object.prototype.hasOwnProperty.call(obj, key); }

  // ------------------------------------------------------------------ the engine

  function evaluate(node, answers) {
    switch (node.op) {
      case "cmp":
        if (!has(answers, node.id)) { return false; }
        var hit = node.values.indexOf(answers[node.id]) >= 0;
        return node.negate ? !hit : hit;
      case "not": return !evaluate(node.arg, answers);
      case "and": return node.args.every(function (a) { return evaluate(a, answers); });
      case "or": return node.args.some(function (a) { return evaluate(a, answers); });
    }
    throw new Error("ukendt betingelse " + node.op);
  }

  // "Ved ikke" counts as the question's cautious value in every condition (model.effective).
  function seen(q, value) { return value === "ved_ikke" && q.unknown_means ? q.unknown_means : value; }

  function effective(answers) {
    var out = {};
    Object.keys(answers).forEach(function (id) { out[id] = has(QBY, id) ? seen(QBY[id], answers[id]) : answers[id]; });
    return out;
  }

  function walk(answers) {
    var kept = {}, eff = {};
    for (var i = 0; i < QS.length; i++) {
      var q = QS[i];
      if (q.when !== null && !evaluate(q.when, eff)) { continue; }
      if (!has(answers, q.id)) { return { kept: kept, next: q }; }
      kept[q.id] = answers[q.id];
      eff[q.id] = seen(q, answers[q.id]);
    }
    return { kept: kept, next: null };
  }

  function estimate(answers) {  // questions on the path if the rest are answered as preselected
    var a = Object.assign({}, answers);
    for (;;) {
      var w = walk(a);
      if (w.next === null) { return Object.keys(w.kept).length; }
      a[w.next.id] = w.next.default !== null ? w.next.default : w.next.options[0].value;
    }
  }

  function maybe(node, answers) {  // conditions.maybe: true/false, or null while undecided
    switch (node.op) {
      case "cmp": return has(answers, node.id) ? evaluate(node, answers) : null;
      case "not": var inner = maybe(node.arg, answers); return inner === null ? null : !inner;
      case "and": case "or":
        var parts = node.args.map(function (a) { return maybe(a, answers); });
        var decisive = node.op === "or";
        if (parts.indexOf(decisive) >= 0) { return decisive; }
        return parts.indexOf(null) >= 0 ? null : !decisive;
    }
    throw new Error("ukendt betingelse " + node.op);
  }

  function alarmFor(cond) {  // alarm.alarm_box: the acute box when the answers make it apply
    if (M.alarm === null || !evaluate(M.alarm.when, cond)) { return null; }
    var lines = [];
    M.alarm.lines.forEach(function (line) {
      var decided = line.when === null ? true : maybe(line.when, cond);
      if (decided === false || (decided === null && !line.label)) { return; }
      var text = line.text;
      if (decided === null) {
        var low = text.charAt(1) && text.charAt(1) === text.charAt(1).toLowerCase() && text.charAt(1) !== text.charAt(1).toUpperCase();
        text = line.label + ": " + (low ? text.charAt(0).toLowerCase() + text.slice(1) : text);
      }
      lines.push({ text: text, contacts: line.contacts });
    });
    return { title: M.alarm.title, lines: lines, after: M.alarm.after };
  }

  function values(q) { return q.options.map(function (o) { return o.value; }); }

  function label(q, value) {
    for (var i = 0; i < q.options.length; i++) {
      if (q.options[i].value === value) { return q.options[i].label; }
    }
    return value;
  }

  function complete(given) {  // engine.complete
    Object.keys(given).forEach(function (id) {
      if (!has(QBY, id)) {
        throw new Error("ukendt spørgsmål '" + id + "'; gyldige id'er: " + QS.map(function (q) { return q.id; }).join(", "));
      }
      if (values(QBY[id]).indexOf(given[id]) < 0) {
        throw new Error("ugyldigt svar '" + given[id] + "' på '" + id + "'; gyldige værdier: " + values(QBY[id]).join(", "));
      }
    });
    var answers = Object.assign({}, given);
    var defaulted = [];
    var w;
    for (;;) {
      w = walk(answers);
      if (w.next === null) { break; }
      if (w.next.default === null) { throw new Error(w.next.must_answer); }  // akut: no safe default
      answers[w.next.id] = w.next.default;
      defaulted.push(w.next.id);
    }
    var ignored = Object.keys(given).filter(function (id) { return !has(w.kept, id); });
    return { answers: w.kept, defaulted: defaulted, ignored: ignored };
  }

  // Time: opening hours are Danish wall-clock times (like core/danish_time.py). A time is
  // {day: a UTC midnight in ms standing for the Danish date, minute: minutes after midnight}.
  var DAY = 86400000;
  var ZONE = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Copenhagen", year: "numeric",
    month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });

  function danishTime(at) {
    // No time: now. 'ÅÅÅÅ-MM-DDTTT:MM' without an offset is Danish time, like nsk's --at; a
    // time with an offset ('…Z', '…+01:00') or a Date is converted to Danish time.
    var m = typeof at === "string" && /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(:\d{2}(\.\d+)?)?$/.exec(at);
    var f = {};
    if (m) {
      f = { year: m[1], month: m[2], day: m[3], hour: m[4], minute: m[5] };
    } else {
      var when = at === undefined || at === null ? new Date() : new Date(at);
      if (isNaN(when.getTime())) { throw new Error("ugyldigt tidspunkt '" + at + "'"); }
      ZONE.formatToParts(when).forEach(function (p) { f[p.type] = p.value; });
    }
    return { day: Date.UTC(+f.year, +f.month - 1, +f.day), minute: +f.hour * 60 + +f.minute };
  }

  function isoDay(day) { return new Date(day).toISOString().slice(0, 10); }
  function weekday(day) { return (new Date(day).getUTCDay() + 6) % 7; }  // Monday = 0, like Python

  function hoursState(c, day, minute) {  // Hours.state: [true/false/null, why]
    if (c.week === null) { return [null, null]; }
    if (c.always) { return [true, null]; }
    var iso = isoDay(day);
    var year = +iso.slice(0, 4);
    if (year < M.years[0] || year > M.years[1]) {
      return [null, "siden kender helligdagene for " + M.years[0] + "-" + M.years[1] + "; lav den igen med nsk html"];
    }
    if (has(M.holidays, iso)) { return M.holidays[iso]; }
    var spans = c.week[weekday(day)];
    return [spans.some(function (s) { return s[0] <= minute && minute < s[1]; }), null];
  }

  function stamp(day, minute) {
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    return isoDay(day) + "T" + pad(Math.floor(minute / 60)) + ":" + pad(minute % 60);
  }

  function nextOpen(c, now) {  // GuideResult.next_open: within two weeks, holidays included
    for (var offset = 0; offset < 15; offset++) {
      var day = now.day + offset * DAY;
      var spans = c.week[weekday(day)];
      for (var i = 0; i < spans.length; i++) {
        if ((offset || spans[i][0] > now.minute) && hoursState(c, day, spans[i][0])[0] !== false) {
          return stamp(day, spans[i][0]);
        }
      }
    }
    return null;
  }

  function pushNew(list, item) { if (list.indexOf(item) < 0) { list.push(item); } }

  function result(given, at) {  // engine.build_result
    var done = complete(given || {});
    var cond = effective(done.answers);
    if (M.kommune !== null) { cond.kommune = M.kommune; }
    var steps = [], contacts = [], missing = [], legal = [], roles = [];
    M.steps.forEach(function (st) {
      if (st.when !== null && !evaluate(st.when, cond)) { return; }
      steps.push(st);
      st.contacts.forEach(function (id) { pushNew(contacts, id); });
      st.roles.forEach(function (r) { pushNew(roles, r); });
      st.roles_without_contact.forEach(function (r) { pushNew(missing, r); });
      st.legal_refs.forEach(function (ref) { pushNew(legal, ref); });
    });
    var W = M.warnings;
    var warnings = W.opening.slice();
    done.defaulted.forEach(function (id) { warnings.push(W.defaulted[id]); });
    done.ignored.forEach(function (id) { warnings.push(W.ignored[id]); });
    Object.keys(done.answers).forEach(function (id) {
      if (done.answers[id] === "ved_ikke" && has(W.unknown, id)) { warnings.push(W.unknown[id]); }
    });
    missing.forEach(function (r) { warnings.push(W.roles[r]); });
    var national = W.national_route_roles.filter(function (r) { return roles.indexOf(r) >= 0; });
    if (national.length) { warnings.push(W.national_route[national.join("|")]); }
    W.page_only_roles.forEach(function (r) {  // engine: page_only_warning, in LOCAL_ROLES order
      if (roles.indexOf(r) >= 0) { warnings.push(W.page_only[r]); }
    });
    if (W.unconfirmed && contacts.some(function (id) { return M.contacts[id].confirm; })) {
      warnings.push(W.unconfirmed);
    }
    var now = danishTime(at);
    var open = {}, why = {}, next = {}, instead = {};
    contacts.forEach(function (id) {
      var c = M.contacts[id];
      var s = hoursState(c, now.day, now.minute);
      open[id] = s[0];
      why[id] = s[1];
      next[id] = s[0] === false ? nextOpen(c, now) : null;
      instead[id] = s[0] === false ? c.alternatives.slice() : [];
    });
    return {
      kommune: M.kommune_result,
      answers: done.answers,
      steps: steps.map(function (s) { return s.id; }),
      contacts: contacts,
      warnings: warnings,
      legal_refs: legal,
      open_now: open,
      next_open: next,
      out_of_hours: instead,
      now: steps.filter(function (s) { return s.now; }).map(function (s) { return s.id; }),
      alarm: alarmFor(cond),
      _steps: steps,
      _why: why,
      _now: now
    };
  }

  // ------------------------------------------------------------------ the page

  var app = document.getElementById("app");
  var BASE_TITLE = document.title;
  var state = { answers: {}, remembered: {}, history: [], view: "question", error: false };

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") { node.textContent = attrs[k]; }
      else if (k === "onclick") { node.addEventListener("click", attrs[k]); }
      else if (attrs[k] !== null && attrs[k] !== false) { node.setAttribute(k, attrs[k]); }
    });
    (children || []).forEach(function (c) {
      if (c !== null && c !== undefined) {
        node.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
      }
    });
    return node;
  }

  function heading(text) { return el("h1", { id: "view-heading", tabindex: "-1", text: text }); }

  function backButton(onBack) {
    return el("button", { type: "button", class: "back", onclick: onBack }, ["Tilbage"]);
  }

  function callButton() {
    return el("a", { class: "call", href: "tel:112", id: "ring-112" }, ["Ring 112", el("span", { class: "call-sub", text: " ved akut fare" })]);
  }

  function alarmStrip(box) {  // the acute box, compact, on every following screen
    var calls = [];
    box.lines.forEach(function (line) {
      line.contacts.forEach(function (id) {
        var c = M.contacts[id];
        c.phones.forEach(function (p) {
          if (!calls.some(function (a) { return a.textContent === p.number; })) {
            calls.push(el("a", { href: p.href, text: p.number }));
          }
        });
      });
    });
    var parts = [el("strong", { text: box.title + ": " }), "ring "];
    calls.forEach(function (a, i) { if (i) { parts.push(i === calls.length - 1 ? " eller " : ", "); } parts.push(a); });
    return el("section", { class: "alarm-strip", id: "akut-boks", "aria-label": box.title }, [el("p", {}, parts)]);
  }

  function alarmBox(box, announce) {  // the acute box (rules: alarm), at once after "Ja"
    return el("section", { class: "alarm", id: "akut-boks", "aria-labelledby": "akut-titel", role: announce ? "alert" : null }, [
      el("h2", { id: "akut-titel", tabindex: "-1", text: box.title }),
      callButton(),
      el("ol", {}, box.lines.map(function (line) {
        return el("li", {}, [line.text].concat(
          line.contacts.filter(function (id) { return M.contacts[id].phones.length; }).map(function (id) {
            var c = M.contacts[id];
            var links = [];
            c.phones.forEach(function (p, i) {
              if (i) { links.push(", "); }
              links.push(el("a", { href: p.href, text: p.number }));
            });
            return el("span", { class: "alarm-call" }, [el("br"), "→ " + c.name + ": "].concat(links));
          })));
      })),
      el("p", { class: "alarm-after", text: box.after })
    ]);
  }

  function currentAlarm() {
    var cond = effective(walk(state.answers).kept);
    if (M.kommune !== null) { cond.kommune = M.kommune; }
    return alarmFor(cond);
  }

  function show(nodes, focus) {
    app.replaceChildren.apply(app, nodes.filter(function (n) { return n !== null; }));
    if (focus) {
      var target = document.getElementById("error-summary") ||
        (state.focusAlarm ? document.getElementById("akut-titel") : null) || document.getElementById("view-heading");
      state.focusAlarm = false;
      if (target) { target.focus(); }
    }
  }

  function goBack() {
    if (state.history.length) { delete state.answers[state.history.pop()]; }
    state.view = "question";
    state.error = false;
    render(true);
  }

  function questionView(q) {
    var chosen = has(state.remembered, q.id) ? state.remembered[q.id] : null;
    var radios = q.options.map(function (o, i) {
      var id = "svar-" + i;
      var hint = o.help ? el("p", { class: "hint", id: id + "-hint", text: o.help }) : null;
      return el("div", { class: "radio" }, [
        el("input", {
          type: "radio", name: "svar", id: id, value: o.value,
          checked: o.value === chosen ? "checked" : null,
          "aria-describedby": hint ? id + "-hint" : null
        }),
        el("label", { for: id, text: o.label }),
        hint
      ]);
    });
    var nodes = [];
    var box = currentAlarm();
    if (box) {
      nodes.push(state.alarmShown ? alarmStrip(box) : alarmBox(box, true));
      state.focusAlarm = !state.alarmShown;
      state.alarmShown = true;
    } else {
      state.alarmShown = false;
    }
    if (state.history.length) { nodes.push(backButton(goBack)); }
    if (state.error) {
      nodes.push(el("div", { id: "error-summary", class: "error-summary", tabindex: "-1", role: "alert" }, [
        el("h2", { text: "Der er et problem" }),
        el("a", { href: "#svar-0", text: "Vælg et svar" })
      ]));
    }
    var form = el("form", { novalidate: "novalidate" }, [
      el("fieldset", { "aria-describedby": "q-hint" + (state.error ? " q-error" : "") }, [
        el("legend", {}, [
          el("span", { class: "caption", id: "fremskridt",
            text: "Spørgsmål " + (state.history.length + 1) + " af ca. " + Math.max(estimate(state.answers), state.history.length + 1) }),
          heading(q.text)
        ]),
        el("p", { class: "hint", id: "q-hint", text: q.help }),
        state.error ? el("p", { class: "error", id: "q-error", text: "Vælg et svar" }) : null,
        el("div", { class: "radios" }, radios)
      ]),
      el("button", { type: "submit", class: "button", id: "fortsaet" }, ["Fortsæt"])
    ]);
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var picked = form.querySelector("input[name=svar]:checked");
      if (!picked) { state.error = true; render(true); return; }
      state.error = false;
      state.answers[q.id] = picked.value;
      state.remembered[q.id] = picked.value;
      state.history.push(q.id);
      render(true);
    });
    nodes.push(form);
    return nodes;
  }

  function change(qid) {
    var i = state.history.indexOf(qid);
    state.history.slice(i).forEach(function (id) { delete state.answers[id]; });
    state.history = state.history.slice(0, i);
    state.view = "question";
    render(true);
  }

  function answerList(withChange) {
    var rows = state.history.map(function (qid) {
      var q = QBY[qid];
      return el("div", { class: "row" }, [
        el("dt", { text: q.text }),
        el("dd", { text: label(q, state.answers[qid]) }),
        withChange ? el("dd", { class: "change" }, [
          el("button", { type: "button", class: "link", onclick: function () { change(qid); } }, [
            "Ændr", el("span", { class: "visually-hidden", text: " svaret på: " + q.text })
          ])
        ]) : null
      ]);
    });
    return el("dl", { class: "summary" }, rows);
  }

  function checkView() {
    var box = currentAlarm();
    return [
      box ? alarmStrip(box) : null,
      backButton(goBack),
      heading("Tjek dine svar"),
      el("p", { text: "Ret et svar med Ændr. Dine svar gemmes ikke: de forsvinder, når du lukker siden." }),
      answerList(true),
      el("button", { type: "button", class: "button", id: "se-resultat",
        onclick: function () { state.view = "result"; render(true); } }, ["Se næste skridt"])
    ];
  }

  function phoneLinks(c) {  // contacts.lines.contact_line, with links
    var parts = [];
    c.phones.forEach(function (p, i) {
      if (i) { parts.push(", "); }
      parts.push(el("a", { href: p.href, text: p.number }));
      if (p.label) { parts.push(" (" + p.label + ")"); }
    });
    if (c.email) {
      if (parts.length) { parts.push(" · "); }
      parts.push(el("a", { href: "mailto:" + c.email, text: c.email }));
    }
    if (c.confirm) { parts.push(" (" + M.unconfirmed_marker + ")"); }
    if (c.url) {
      if (parts.length) { parts.push(" · "); }
      parts.push(el("a", { href: c.url, rel: "noopener noreferrer", text: c.url }));
    }
    if (!parts.length) { parts.push(c.line); }
    return parts;
  }

  var WEEKDAYS = ["mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag"];

  function closedText(r, id) {  // guide.render._closed_text
    var c = M.contacts[id];
    var text = "lukket nu" + (r._why[id] ? " (" + r._why[id] + ")" : "");
    var next = r.next_open[id];
    if (next !== null) {
      var day = Date.UTC(+next.slice(0, 4), +next.slice(5, 7) - 1, +next.slice(8, 10));
      text += " – åbner " + (day === r._now.day ? "i dag" : WEEKDAYS[weekday(day)]) + " kl. " + next.slice(11);
    }
    if (r.out_of_hours[id].length) { text += " – i stedet: " + c.instead; }
    return text;
  }

  function stateText(r, id) {  // as the guide's text output; nothing when the hours are unknown
    var c = M.contacts[id];
    var open = r.open_now[id];
    if (c.hours === null || (open === null && !r._why[id])) { return ""; }
    if (open === null) { return "åben eller lukket? (" + r._why[id] + "), " + c.hours; }
    return open ? "åben nu, " + c.hours : closedText(r, id) + "; " + c.hours;
  }

  function stateNode(r, id) {
    var text = stateText(r, id);
    if (!text) { return null; }
    var open = r.open_now[id];
    var cls = open === null ? "state unknown" : (open ? "state open" : "state closed");
    return el("span", { class: cls, text: "(" + text + ")" });
  }

  function journalNote(r) {  // guide.render.to_markdown, as plain text
    var today = new Date();
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    var lines = [
      "Journalnotat (udkast): negativ social kontrol / æresrelateret konflikt",
      "",
      "Dato: " + today.getFullYear() + "-" + pad(today.getMonth() + 1) + "-" + pad(today.getDate()),
      "Kommune: " + M.kommune_navn,
      "",
      "Udkast fra nsk. Notatet indeholder bevidst ingen felter til navne eller CPR-numre;",
      "personoplysninger hører kun hjemme i kommunens journalsystem."
    ];
    var now = r._steps.filter(function (st) { return st.now; });
    var others = r._steps.filter(function (st) { return !st.now; });
    var steps = function (list, start) {
      list.forEach(function (st, i) {
        lines.push((start + i) + ". " + st.text);
        if (st.legal_refs.length) { lines.push("   Lovgrundlag: " + st.legal_refs.join("; ")); }
        st.contacts.forEach(function (cid) {
          var c = M.contacts[cid];
          var closed = r.open_now[cid] === false ? " (" + closedText(r, cid) + ")" : "";
          lines.push("   Kontakt: " + c.name + ": " + c.line + closed);
        });
      });
    };
    if (now.length) { lines.push("", "Gør det nu"); steps(now, 1); }
    if (others.length) { lines.push("", "Næste skridt"); steps(others, now.length + 1); }
    if (r.warnings.length) {
      lines.push("", "Advarsler");
      r.warnings.forEach(function (w) { lines.push("- " + w); });
    }
    lines.push("", "Svar");
    Object.keys(r.answers).forEach(function (qid) {
      lines.push("- " + QBY[qid].text + " " + label(QBY[qid], r.answers[qid]));
    });
    var sources = [];
    r._steps.forEach(function (st) { st.source_titles.forEach(function (s) { pushNew(sources, s); }); });
    lines.push("", "Kilder");
    sources.forEach(function (s) { lines.push("- " + s); });
    return lines.join("\n") + "\n";
  }

  function copyNote(r) {
    var box = document.getElementById("notat");
    var status = document.getElementById("notat-status");
    box.value = journalNote(r);
    box.hidden = false;
    document.getElementById("notat-label").hidden = false;
    box.focus();
    box.select();
    var done = function () { status.textContent = "Notatet er kopieret. Sæt det ind i journalen og ret det til."; };
    var manual = function () { status.textContent = "Teksten er markeret: kopiér den med Ctrl+C."; };
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(box.value).then(done, manual);
    } else { manual(); }
  }

  function stepItem(r, st) {  // first sentence, the rest, contacts; law and sources folded
    var folded = [];
    if (st.legal_refs.length) { folded.push(el("p", { class: "law", text: "Lovgrundlag: " + st.legal_refs.join("; ") })); }
    if (st.source_titles.length) { folded.push(el("p", { class: "law", text: "Kilder: " + st.source_titles.join("; ") })); }
    return el("li", { id: "skridt-" + st.id }, [
      el("p", { class: "headline", text: st.headline }),
      st.detail ? el("p", { text: st.detail }) : null,
      st.contacts.length ? el("ul", { class: "step-contacts" }, st.contacts.map(function (cid) {
        var c = M.contacts[cid];
        return el("li", {}, [el("strong", { text: c.name }), ": "].concat(phoneLinks(c), [" ", stateNode(r, cid)]));
      })) : null,
      folded.length ? el("details", {}, [el("summary", { text: "Lovgrundlag og kilder" })].concat(folded)) : null
    ]);
  }

  function resultView() {
    var r = result(state.answers);
    var now = r._steps.filter(function (st) { return st.now; });
    var others = r._steps.filter(function (st) { return !st.now; });
    var nodes = [
      el("button", { type: "button", class: "back", onclick: function () { state.view = "check"; render(true); } },
        ["Tilbage til dine svar"]),
      callButton(),
      heading("Næste skridt"),
      el("p", { class: "lead", text: "Kommune: " + M.kommune_navn })
    ];
    if (now.length) {
      nodes.push(el("h2", { id: "goer-det-nu", class: r.alarm ? "now urgent" : "now", text: "Gør det nu" }));
      nodes.push(el("ol", { class: "steps now-steps", "aria-labelledby": "goer-det-nu" },
        now.map(function (st) { return stepItem(r, st); })));
    }
    if (others.length) {
      nodes.push(el("h2", { id: "flere-skridt", text: now.length ? "Derefter" : "Skridt" }));
      nodes.push(el("ol", { class: "steps", start: String(now.length + 1), "aria-labelledby": "flere-skridt" },
        others.map(function (st) { return stepItem(r, st); })));
    }
    nodes.push(el("h2", { text: "Kontakter" }));
    nodes.push(el("ul", { class: "contacts" }, r.contacts.map(function (cid) {
      var c = M.contacts[cid];
      return el("li", { class: c.local ? "local" : null }, [
        el("strong", { text: c.name }),
        c.organisation && c.organisation !== c.name ? " – " + c.organisation : null,
        el("br"),
      ].concat(phoneLinks(c), [stateNode(r, cid) ? el("br") : null, stateNode(r, cid)]));
    })));
    if (r.warnings.length) {
      nodes.push(el("section", { class: "warning", "aria-labelledby": "adv" }, [
        el("h2", { id: "adv", text: "Advarsler" }),
        el("ul", {}, r.warnings.map(function (w) { return el("li", { text: w }); }))
      ]));
    }
    nodes.push(el("h2", { text: "Dine svar" }));
    nodes.push(answerList(false));
    if (r.legal_refs.length) {
      nodes.push(el("h2", { text: "Lovhenvisninger" }));
      nodes.push(el("p", { text: r.legal_refs.join("; ") }));
    }
    var sources = [];
    r._steps.forEach(function (st) { st.source_titles.forEach(function (t) { pushNew(sources, t); }); });
    nodes.push(el("details", { class: "all-sources" }, [
      el("summary", { text: "Kilder (" + sources.length + ")" }),
      el("ul", {}, sources.map(function (t) { return el("li", { text: t }); }))
    ]));
    nodes.push(el("p", { id: "udskrevet", class: "print-only" }));
    nodes.push(el("div", { class: "actions no-print" }, [
      el("button", { type: "button", class: "button", id: "kopier", onclick: function () { copyNote(r); } },
        ["Kopiér som journalnotat"]),
      el("button", { type: "button", class: "button secondary", id: "udskriv", onclick: function () { window.print(); } },
        ["Udskriv"]),
      el("button", { type: "button", class: "button secondary", id: "forfra", onclick: function () {
        state = { answers: {}, remembered: {}, history: [], view: "question", error: false };
        render(true);
      } }, ["Start forfra"])
    ]));
    nodes.push(el("p", { id: "notat-status", class: "no-print", role: "status" }));
    nodes.push(el("label", { for: "notat", id: "notat-label", class: "no-print", hidden: "hidden",
      text: "Journalnotat (ren tekst, uden navne og CPR-numre)" }));
    nodes.push(el("textarea", { id: "notat", class: "no-print", readonly: "readonly", rows: "12", hidden: "hidden" }));
    return nodes;
  }

  window.addEventListener("beforeprint", function () {  // the time of printing; folded text open
    var stamp = document.getElementById("udskrevet");
    var now = new Date();
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    if (stamp) {
      stamp.textContent = "Udskrevet " + now.getDate() + "/" + (now.getMonth() + 1) + " " + now.getFullYear() +
        " kl. " + pad(now.getHours()) + ":" + pad(now.getMinutes()) + " fra nsk (" + M.kommune_navn + ").";
    }
    Array.prototype.forEach.call(document.querySelectorAll("details"), function (d) { d.setAttribute("open", ""); });
    if (document.activeElement && document.activeElement.blur) { document.activeElement.blur(); }
  });

  function render(focus) {
    var w = walk(state.answers);
    state.answers = w.kept;
    state.history = state.history.filter(function (id) { return has(state.answers, id); });
    if (w.next !== null) { state.view = "question"; }
    else if (state.view === "question") { state.view = "check"; }
    var nodes = state.view === "question" ? questionView(w.next)
      : state.view === "check" ? checkView() : resultView();
    show(nodes, focus);
    var h = document.getElementById("view-heading");
    document.title = (h ? h.textContent + " – " : "") + BASE_TITLE;
  }

  window.nsk = {
    model: M,
    evaluate: evaluate,
    walk: function (answers) { return walk(answers); },
    complete: complete,
    result: function (answers, at) {
      var r = result(answers, at);
      delete r._steps;
      delete r._why;
      delete r._now;
      return r;
    }
  };
  render(false);
})();
