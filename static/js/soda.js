/*
 * SODA progressive enhancements. Loaded with `defer` on every page; nothing depends on it:
 * every page and form works the same without JavaScript.
 *
 * 1. Error summary: move focus to it after a failed submit, so screen readers announce it.
 * 2. Main menu: fold the <details> menu on small screens (it is open without JavaScript).
 * 3. Countdown: keep "N days and N hours left" current while the page is open.
 * 4. Table scroll regions: only keyboard-focusable when they really scroll.
 */
(function () {
  "use strict";

  function focusErrorSummary() {
    var summary = document.querySelector("[data-soda-error-summary]");
    if (summary) {
      summary.focus();
    }
  }

  function foldMenuOnSmallScreens() {
    var menu = document.querySelector("[data-soda-nav]");
    if (!menu || !window.matchMedia) {
      return;
    }
    var small = window.matchMedia("(max-width: 47.99em)");
    var apply = function () {
      menu.open = !small.matches;
    };
    apply();
    if (small.addEventListener) {
      small.addEventListener("change", apply);
    }
  }

  function plural(count, one, many) {
    return (count === 1 ? one : many).replace("{n}", String(count));
  }

  function updateCountdown(element) {
    var deadline = Date.parse(element.getAttribute("data-soda-deadline") || "");
    var output = element.querySelector("[data-soda-countdown-remaining]");
    if (isNaN(deadline) || !output) {
      return false;
    }
    var ms = deadline - Date.now();
    if (ms <= 0) {
      output.textContent = element.getAttribute("data-soda-closed-text") || "";
      element.classList.add("soda-countdown--closed");
      return false;
    }
    var minutes = Math.floor(ms / 60000);
    var days = Math.floor(minutes / 1440);
    var hours = Math.floor((minutes % 1440) / 60);
    var mins = minutes % 60;
    var parts = [];
    var t = function (name) {
      return element.getAttribute("data-soda-" + name) || "";
    };
    if (days > 0) {
      parts.push(plural(days, t("day"), t("days")));
      parts.push(plural(hours, t("hour"), t("hours")));
    } else {
      parts.push(plural(hours, t("hour"), t("hours")));
      parts.push(plural(mins, t("minute"), t("minutes")));
    }
    output.textContent = (t("template") || "{time}").replace("{time}", parts.join(" " + (t("and") || "and") + " "));
    return true;
  }

  function startCountdowns() {
    var elements = document.querySelectorAll("[data-soda-deadline]");
    Array.prototype.forEach.call(elements, function (element) {
      if (updateCountdown(element)) {
        var timer = window.setInterval(function () {
          if (!updateCountdown(element)) {
            window.clearInterval(timer);
          }
        }, 30000);
      }
    });
  }

  function tameTableRegions() {
    var wrappers = document.querySelectorAll(".soda-table-wrapper[tabindex]");
    if (!wrappers.length) {
      return;
    }
    var apply = function () {
      Array.prototype.forEach.call(wrappers, function (wrapper) {
        if (wrapper.scrollWidth > wrapper.clientWidth) {
          wrapper.setAttribute("tabindex", "0");
        } else {
          wrapper.removeAttribute("tabindex");
        }
      });
    };
    apply();
    window.addEventListener("resize", apply);
  }

  function init() {
    focusErrorSummary();
    foldMenuOnSmallScreens();
    startCountdowns();
    tameTableRegions();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
