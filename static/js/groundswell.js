// Small enhancements only: every page works without this file.
(function () {
  "use strict";

  // Move focus to the error summary so screen reader and keyboard users hear what went wrong.
  var summary = document.querySelector("[data-autofocus]");
  if (summary) { summary.focus(); }

  // The header's menu and the staff navigation are <details>. From 60rem the style sheet shows
  // their links even when closed; a browser that can't (no ::details-content) gets them opened here.
  var menus = document.querySelectorAll("details.menu, details.staff-menu");
  var canShowClosed = window.CSS && CSS.supports && CSS.supports("selector(::details-content)");
  if (menus.length && !canShowClosed && window.matchMedia) {
    var wide = window.matchMedia("(min-width: 60rem)");
    var openWhenWide = function () {
      if (wide.matches) { for (var i = 0; i < menus.length; i++) { menus[i].open = true; } }
    };
    openWhenWide();
    if (wide.addEventListener) { wide.addEventListener("change", openWhenWide); }
  }

  // Keep a copy of a story being written in this tab (sessionStorage, not localStorage: on a shared
  // computer a health story must not outlive the tab), so a failed submit or reload loses nothing.
  if (!window.sessionStorage) { return; }
  var store = window.sessionStorage;
  var hasErrors = !!document.querySelector(".error-summary");

  // A form was submitted from this tab and the next page shows no errors: it was saved on the
  // server, so the browser's copy is no longer needed (whatever page we landed on).
  var submitted = store.getItem("groundswell:submitted");
  if (submitted && !hasErrors) {
    store.removeItem(submitted);
    store.removeItem("groundswell:submitted");
  }

  var form = document.querySelector("form[data-autosave]");
  if (!form) { return; }
  var key = "groundswell:" + form.getAttribute("data-autosave");
  var fields = ["title", "body", "pseudonym", "image_alt"];

  function save() {
    var data = {};
    fields.forEach(function (name) { var el = form.elements[name]; if (el) { data[name] = el.value; } });
    data.savedAt = new Date().toISOString();
    try { store.setItem(key, JSON.stringify(data)); } catch (e) { /* storage full or blocked */ }
  }

  var stored = null;
  try { stored = JSON.parse(store.getItem(key) || "null"); } catch (e) { stored = null; }
  var differs = stored && fields.some(function (name) {
    var el = form.elements[name];
    return el && stored[name] && stored[name] !== el.value;
  });
  if (differs && !hasErrors) {
    var box = document.createElement("div");
    box.className = "restore-draft";
    box.setAttribute("role", "region");
    box.setAttribute("aria-label", "Unsaved writing found");
    var p = document.createElement("p");
    p.textContent = "This browser kept a copy of what you were writing on " + new Date(stored.savedAt).toLocaleString() + ".";
    var restore = document.createElement("button");
    restore.type = "button"; restore.className = "button button-small"; restore.textContent = "Restore it";
    var discard = document.createElement("button");
    discard.type = "button"; discard.className = "button button-small button-secondary"; discard.textContent = "Discard it";
    restore.addEventListener("click", function () {
      fields.forEach(function (name) { var el = form.elements[name]; if (el && stored[name]) { el.value = stored[name]; } });
      box.remove(); form.elements.title && form.elements.title.focus();
    });
    discard.addEventListener("click", function () { store.removeItem(key); box.remove(); });
    box.appendChild(p); box.appendChild(restore); box.appendChild(document.createTextNode(" ")); box.appendChild(discard);
    form.parentNode.insertBefore(box, form);
  }
  var timer = null;
  form.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(save, 600); });
  form.addEventListener("submit", function () {
    // Disable the buttons after the first click; the server also ignores repeats.
    save();
    setTimeout(function () {
      form.querySelectorAll("button[type=submit]").forEach(function (b) { b.disabled = true; });
    }, 0);
    store.setItem("groundswell:submitted", key);
  });
  // Coming back with the browser's Back button restores the page as it was: enable the buttons again.
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) {
      form.querySelectorAll("button[type=submit]").forEach(function (b) { b.disabled = false; });
    }
  });
})();
