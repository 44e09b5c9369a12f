// Our one script. Everything works without it; it adds:
// - NHS.UK frontend components, on the page and on content htmx swaps in;
// - after every htmx swap, one announcement in the permanent status region and
//   focus somewhere sensible (DESIGN §6);
// - the idle-timeout warning, which lets a person stay signed in.
//
// `make assets` bundles it with esbuild into static/vendor/portal.min.js,
// taking only the NHS.UK frontend components our pages use: the whole
// library would add about 7 KB to every first load (DESIGN §10 budget). The
// page checker fails on any [data-module] left uninitialised, so a page that
// starts using another component says so.
import { initButtons } from "nhsuk-frontend/dist/nhsuk/components/button/button.mjs";
import { initCheckboxes } from "nhsuk-frontend/dist/nhsuk/components/checkboxes/checkboxes.mjs";
import { initErrorSummary } from "nhsuk-frontend/dist/nhsuk/components/error-summary/error-summary.mjs";
import { initHeader } from "nhsuk-frontend/dist/nhsuk/components/header/header.mjs";
import { initNotificationBanners } from "nhsuk-frontend/dist/nhsuk/components/notification-banner/notification-banner.mjs";
import { initPasswordInputs } from "nhsuk-frontend/dist/nhsuk/components/password-input/password-input.mjs";
import { initRadios } from "nhsuk-frontend/dist/nhsuk/components/radios/radios.mjs";
import { initSkipLinks } from "nhsuk-frontend/dist/nhsuk/components/skip-link/skip-link.mjs";

const COMPONENTS = [
  initButtons,
  initCheckboxes,
  initErrorSummary,
  initHeader,
  initNotificationBanners,
  initPasswordInputs,
  initRadios,
  initSkipLinks,
];

function initComponents(scope) {
  for (const init of COMPONENTS) {
    // As NHS.UK frontend's own initAll does: one component failing (an old
    // browser, a broken element) does not stop the others.
    try {
      init({ scope });
    } catch (error) {
      console.error(error);
    }
  }
}

initComponents(document);

const statusRegion = () => document.getElementById("status-region");

function announce(message) {
  const region = statusRegion();
  if (!region || !message) return;
  // Clear first so the same message twice is still announced.
  region.textContent = "";
  window.setTimeout(() => { region.textContent = message; }, 50);
}

function focusAfterSwap(container) {
  const target =
    container.querySelector(".nhsuk-error-summary") ||
    container.querySelector("[data-focus-after-swap]") ||
    (container.matches("[data-focus-after-swap]") ? container : null);
  if (!target) return;
  if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
  target.focus();
}

document.body.addEventListener("htmx:afterSwap", (event) => {
  const container = event.detail.target;
  if (!(container instanceof HTMLElement)) return;
  if (container !== statusRegion()) initComponents(container);
  const withMessage = container.querySelector("[data-status-message]");
  if (withMessage) announce(withMessage.getAttribute("data-status-message"));
  focusAfterSwap(container);
});

// Idle timeout. The server is the authority; this only warns in time.
const timeoutSeconds = Number(document.body.dataset.sessionTimeout || 0);
const warningSeconds = Number(document.body.dataset.sessionWarning || 0);
const dialog = document.getElementById("session-timeout-dialog");

if (timeoutSeconds > 0 && dialog instanceof HTMLDialogElement) {
  let warnTimer;
  let endTimer;
  let focusBefore = null;

  const schedule = () => {
    window.clearTimeout(warnTimer);
    window.clearTimeout(endTimer);
    warnTimer = window.setTimeout(showWarning, Math.max(timeoutSeconds - warningSeconds, 1) * 1000);
    // Reloading lets the server say the session ended and bring the person
    // back here after they sign in again.
    endTimer = window.setTimeout(() => window.location.assign(window.location.href), timeoutSeconds * 1000);
  };

  function showWarning() {
    focusBefore = document.activeElement;
    dialog.showModal();
  }

  function closeWarning() {
    if (dialog.open) dialog.close();
    if (focusBefore instanceof HTMLElement) focusBefore.focus();
  }

  const stayForm = dialog.querySelector("form[data-session-stay]");
  // Escape means "not now", not "sign me out": keep the person signed in.
  dialog.addEventListener("cancel", (event) => {
    event.preventDefault();
    if (stayForm) window.htmx.trigger(stayForm, "submit");
  });

  document.body.addEventListener("htmx:afterRequest", (event) => {
    if (event.detail.successful) schedule();
    if (stayForm && event.detail.elt === stayForm) closeWarning();
  });

  schedule();
}

// Issue 4, people: "Print this page" buttons. The page says how to print
// without JavaScript; the button appears only where it can work.
for (const button of document.querySelectorAll("[data-print-page]")) {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
}
