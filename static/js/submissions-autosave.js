/* Autosave of entry steps (progressive enhancement; the form works without it).
 * Posts the whole form to data-soda-autosave a few seconds after the user stops typing, with the
 * version the page was loaded with. The server answers with the new version (kept in the hidden
 * field), or 409 when someone saved a newer version: autosave then stops, so the user's text stays
 * in the form and a normal Save shows both versions side by side. */
(function () {
  "use strict";
  var DELAY_MS = 2500;

  function init(form) {
    if (form.dataset.sodaReadonly === "true") return;
    var url = form.dataset.sodaAutosave;
    var status = form.querySelector("[data-soda-autosave-status]");
    var version = form.querySelector("input[name=version]");
    var csrf = form.querySelector("input[name=csrfmiddlewaretoken]");
    var timer = null;
    var inFlight = false;
    var pending = false;
    var stopped = false;

    function say(key, time) {
      if (!status) return;
      var text = status.getAttribute("data-text-" + key) || "";
      status.textContent = text.replace("{time}", time || "");
    }

    function save() {
      if (stopped) return;
      if (inFlight) { pending = true; return; }
      inFlight = true;
      say("saving");
      var body = new FormData(form);
      fetch(url, {
        method: "POST",
        body: body,
        credentials: "same-origin",
        headers: { "X-CSRFToken": csrf ? csrf.value : "", "X-Requested-With": "XMLHttpRequest" }
      }).then(function (response) {
        return response.json().catch(function () { return {}; }).then(function (data) {
          if (response.ok) {
            if (version && data.version) version.value = data.version;
            say("saved", data.saved_at);
          } else if (response.status === 409) {
            stopped = true;
            say("stale");
          } else if (response.status === 403) {
            stopped = true;
            say("closed");
          } else {
            say("invalid");
          }
        });
      }).catch(function () {
        say("offline");
      }).then(function () {
        inFlight = false;
        if (pending) { pending = false; schedule(); }
      });
    }

    function schedule() {
      if (stopped) return;
      window.clearTimeout(timer);
      timer = window.setTimeout(save, DELAY_MS);
    }

    form.addEventListener("input", schedule);
    form.addEventListener("change", schedule);
    form.addEventListener("submit", function () { stopped = true; window.clearTimeout(timer); });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var forms = document.querySelectorAll("form[data-soda-autosave]");
    for (var i = 0; i < forms.length; i++) init(forms[i]);
  });
})();
