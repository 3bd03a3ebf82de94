/* nsk site: the search on the index. Python (nsk_cli/export/sitepages.py) compiled the folding
   tables of core.text.slugs and every spelling's key; this script only folds what is typed with
   those tables and looks it up, so "Ishøj", "ishoj", "Ishøj Kommune" and "kbh" find what
   `--kommune` finds. Without JavaScript the index is the plain list. Nothing is stored or sent. */
(function () {
  "use strict";

  var D = JSON.parse(document.getElementById("site-data").textContent);
  var F = D.fold;

  function translate(text, table) {
    var out = "";
    for (var i = 0; i < text.length; i++) {
      var ch = text.charAt(i);
      out += Object.prototype.hasOwnProperty.call(table, ch) ? table[ch] : ch;
    }
    return out;
  }

  function slug(text) {  // core.text.slug
    var folded = translate(text, F.danish).toLowerCase().normalize("NFKD").replace(/\p{M}/gu, "").trim();
    for (var i = 0; i < F.suffixes.length; i++) {
      var s = F.suffixes[i];
      if (folded.length > s.length && folded.slice(-s.length) === s) {
        folded = folded.slice(0, -s.length).trim();
      }
    }
    return folded.replace(/[^\p{L}\p{N}]/gu, "");
  }

  function slugs(text) {  // core.text.slugs: both spellings
    var a = slug(text), b = slug(translate(text, F.plain));
    return a === b ? [a] : [a, b];
  }

  function find(text) {  // municipalities.find: the id, or null
    var keys = slugs(text);
    for (var i = 0; i < keys.length; i++) {
      if (Object.prototype.hasOwnProperty.call(D.keys, keys[i])) { return D.keys[keys[i]]; }
    }
    return null;
  }

  window.nskSite = { slugs: slugs, find: find };

  var box = document.getElementById("site-search");
  var input = document.getElementById("q");
  var status = document.getElementById("q-status");
  var items = Array.prototype.slice.call(document.querySelectorAll(".site-list li"));
  var regions = Array.prototype.slice.call(document.querySelectorAll(".site-region"));
  box.hidden = false;

  function filter() {
    var text = input.value;
    var wanted = text.trim() ? slugs(text).filter(function (k) { return k; }) : [];
    var exact = text.trim() ? find(text) : null;
    var shown = [];
    items.forEach(function (li) {
      var keys = li.getAttribute("data-keys").split(" ");
      var hit = !wanted.length || (exact ? li.getAttribute("data-id") === exact : keys.some(function (k) {
        return wanted.some(function (w) { return k.indexOf(w) === 0; });
      }));
      li.hidden = !hit;
      li.classList.toggle("site-match", !!exact && hit);
      if (hit) { shown.push(li); }
    });
    regions.forEach(function (r) {
      r.hidden = !r.querySelector(".site-list li:not([hidden])");
    });
    if (!text.trim()) { status.textContent = ""; }
    else if (!shown.length) { status.textContent = "Ingen kommune passer. Prøv et andet navn, eller brug den nationale guide ovenfor."; }
    else if (shown.length === 1) { status.textContent = "1 kommune: " + shown[0].querySelector(".site-kommune").textContent + ". Tryk Enter for at åbne guiden."; }
    else { status.textContent = shown.length + " kommuner passer."; }
    return shown;
  }

  input.addEventListener("input", filter);
  input.addEventListener("keydown", function (ev) {
    if (ev.key !== "Enter") { return; }
    var shown = filter();
    if (shown.length === 1) {
      ev.preventDefault();
      window.location.href = shown[0].querySelector(".site-kommune").getAttribute("href");
    }
  });
  if (input.value) { filter(); }
}());
