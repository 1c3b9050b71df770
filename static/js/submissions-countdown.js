/* Live countdown to the deadline on the call page (enhancement of the server-rendered text).
 * Reads the deadline (ISO 8601) and the translated templates from data attributes. */
(function () {
  "use strict";

  function update(el) {
    var deadline = Date.parse(el.getAttribute("data-soda-countdown"));
    var target = el.querySelector("[data-soda-countdown-left]");
    if (!target || isNaN(deadline)) return false;
    var left = Math.floor((deadline - Date.now()) / 1000);
    if (left <= 0) {
      target.textContent = el.getAttribute("data-soda-countdown-closed") || "";
      return false;
    }
    var days = Math.floor(left / 86400);
    var hours = Math.floor((left % 86400) / 3600);
    var minutes = Math.floor((left % 3600) / 60);
    var template = el.getAttribute("data-soda-countdown-template") || "{days} {hours} {minutes}";
    target.textContent = template.replace("{days}", days).replace("{hours}", hours).replace("{minutes}", minutes);
    return true;
  }

  document.addEventListener("DOMContentLoaded", function () {
    var els = document.querySelectorAll("[data-soda-countdown]");
    Array.prototype.forEach.call(els, function (el) {
      if (!el.querySelector("[data-soda-countdown-left]")) return;
      // Update every minute; screen readers are not interrupted (no live region on purpose).
      if (update(el)) {
        var id = window.setInterval(function () { if (!update(el)) window.clearInterval(id); }, 60000);
      }
    });
  });
})();
